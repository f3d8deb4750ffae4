import { escapeHtml } from '../templates/html';

/**
 * GET /docs: the page that loads Swagger UI's stylesheet and bundle and our initializer, all from
 * `/docs/…` on this API, with a CSP that allows exactly those and the sign-in's token endpoint.
 * Links are relative to the page (`docs/…` from `/docs`), so a stage prefix is kept.
 */
export interface ConsolePageInput {
  /** The staff app client id, for Swagger UI's OAuth2 (PKCE) sign-in. */
  clientId: string;
}

/**
 * - scripts and styles only from this API (`'self'`): Swagger UI's bundle and ours, no inline script;
 * - images from this API and `data:` (swagger-ui.css draws its icons as data: URIs);
 * - requests to this API (the document, "Try it out") and to the token endpoint (the PKCE code
 *   exchange runs in the page); the authorize step opens a window, which no directive governs;
 * - no forms posted anywhere (Swagger UI's forms are handled in script), no framing, no <base>.
 */
export function consoleContentSecurityPolicy(signInOrigin: string | undefined): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${signInOrigin ? ` ${signInOrigin}` : ''}`,
    "form-action 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** `signInOrigin`: the origin of the sign-in's `/oauth2/token` (Cognito's domain; the API's own on the twin). */
export function consolePageHeaders(signInOrigin: string | undefined): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': consoleContentSecurityPolicy(signInOrigin),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}

export function renderConsolePage(input: ConsolePageInput): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Break &amp; Fix onboarding API</title>
<link rel="stylesheet" href="docs/swagger-ui.css">
<link rel="icon" type="image/png" sizes="32x32" href="docs/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="docs/swagger-ui-bundle.js"></script>
<script src="docs/console-init.js" data-client-id="${escapeHtml(input.clientId)}"></script>
</body>
</html>
`;
}
