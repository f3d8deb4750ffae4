import { DEFAULT_LOGIN_CALLBACK_PORT } from '../../stage-config';

/**
 * Where the local issuer may send a browser back. Cognito compares each redirect_uri with the app
 * client's callback URLs (and each logout_uri with its sign-out URLs) exactly; the twin registers
 * the same URLs as infra/constructs/auth.ts (the CLI's on the stage's login callback port, the
 * console's under the API) and adds loopback URLs on any port (RFC 8252 §7.3), so tests on free
 * ports work. Anything else gets a 400 page: an unknown URI is never redirected to, not even with
 * an error.
 */

export { DEFAULT_LOGIN_CALLBACK_PORT };
/** The API console (the same paths as infra/constructs/auth.ts, which the twin does not import: it loads the CDK). */
export const CONSOLE_PATH = '/docs';
/** The console's OAuth2 redirect page (swagger-ui's name for it), under the API's own URL. */
export const CONSOLE_REDIRECT_PATH = `${CONSOLE_PATH}/oauth2-redirect.html`;
const CLI_CALLBACK_PATH = '/callback';
const CLI_SIGNED_OUT_PATH = '/signed-out';

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

export interface RedirectUriPolicy {
  /** The URIs a Cognito app client would list. */
  readonly registered: readonly string[];
  allows(uri: string): boolean;
}

export interface LocalRedirectUriOptions {
  /** The API's URL, e.g. http://127.0.0.1:3000. */
  apiUrl: string;
  /** Defaults to 8976, as in stage config. */
  loginCallbackPort?: number;
}

/** Callback URLs: `http://localhost:<port>/callback` (npm run login) and `<api url>/docs/oauth2-redirect.html` (the console). */
export function localCallbackUris(options: LocalRedirectUriOptions): RedirectUriPolicy {
  return loopbackPolicy(options, CLI_CALLBACK_PATH, CONSOLE_REDIRECT_PATH);
}

/** Sign-out URLs: `http://localhost:<port>/signed-out` (npm run login) and `<api url>/docs` (the console). */
export function localSignOutUris(options: LocalRedirectUriOptions): RedirectUriPolicy {
  return loopbackPolicy(options, CLI_SIGNED_OUT_PATH, CONSOLE_PATH);
}

function loopbackPolicy(options: LocalRedirectUriOptions, cliPath: string, consolePath: string): RedirectUriPolicy {
  const api = new URL(options.apiUrl);
  const registered = [`http://localhost:${options.loginCallbackPort ?? DEFAULT_LOGIN_CALLBACK_PORT}${cliPath}`, `${api.origin}${consolePath}`];
  const apiIsLoopback = LOOPBACK_HOSTS.includes(api.hostname) || /^127\./.test(api.hostname);

  return {
    registered,
    allows(uri) {
      if (registered.includes(uri)) return true;
      const url = parseCanonical(uri);
      if (!url || url.protocol !== 'http:' || !LOOPBACK_HOSTS.includes(url.hostname) || url.port === '') return false;
      if (url.search || url.hash || url.username || url.password) return false;
      // A CLI's page on any loopback port; the console's on the API's own port, by any loopback name.
      if (url.pathname === cliPath) return true;
      return apiIsLoopback && url.pathname === consolePath && url.port === api.port;
    },
  };
}

/** The URL, only when `uri` is already in the form a URL parser writes (no `..`, no odd case, no default port). */
function parseCanonical(uri: string): URL | undefined {
  try {
    const url = new URL(uri);
    return url.href === uri ? url : undefined;
  } catch {
    return undefined;
  }
}
