/**
 * The I/O half of `npm run login`: the one-shot callback server on 127.0.0.1, the token
 * requests, and opening the browser. The CLI (infra/login-cli.ts) wires these to the pure
 * functions in ./oauth.
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  CALLBACK_PATH,
  SIGNED_OUT_PATH,
  authorizeUrl,
  codeExchangeBody,
  createPkcePair,
  createState,
  describeTokenError,
  parseCallback,
  redirectUriFor,
  refreshBody,
  tokenEndpoint,
  tokensFromResponse,
  type StoredTokens,
} from './oauth';

/** Long enough for a first sign-in: a new password and registering an authenticator app. */
export const DEFAULT_CALLBACK_TIMEOUT_MS = 10 * 60 * 1000;

export interface LoginDeps {
  /** Shows the authorize URL to the person; resolves false when no browser could be started. */
  openBrowser: (url: string) => Promise<boolean>;
  /** Everything but the ID token goes to stderr. */
  log: (line: string) => void;
  fetch: typeof fetch;
  nowSeconds: () => number;
}

export interface LoginOptions {
  domain: string;
  clientId: string;
  port: number;
  /** Skip opening a browser; the URL is printed either way. */
  openBrowser: boolean;
  timeoutMs?: number;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(response: ServerResponse, status: number, title: string, message: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    // The callback URL carries the code: keep it out of caches and referrers; the page loads nothing.
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  response.end(
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
      `<body style="font-family:sans-serif;margin:3rem"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`,
  );
}

/** POSTs a form to the token endpoint and returns its JSON, or throws the OAuth error. */
async function tokenRequest(fetchImpl: typeof fetch, domain: string, body: URLSearchParams): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchImpl(tokenEndpoint(domain), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: body.toString(),
    });
  } catch (error) {
    throw new Error(`Could not reach ${tokenEndpoint(domain)}: ${(error as Error).message}`);
  }
  const text = await response.text();
  if (!response.ok) throw new Error(`The token endpoint refused: ${describeTokenError(response.status, text)}`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`The token endpoint answered ${response.status} with a body that is not JSON`);
  }
}

/**
 * Signs in with the authorization-code flow and PKCE: listens on 127.0.0.1:<port>, shows the
 * authorize URL, takes the code from the callback whose `state` matches, and exchanges it.
 */
export async function login(options: LoginOptions, deps: LoginDeps): Promise<StoredTokens> {
  const pkce = createPkcePair();
  const state = createState();
  const redirectUri = redirectUriFor(options.port);
  const url = authorizeUrl({ domain: options.domain, clientId: options.clientId, redirectUri, challenge: pkce.challenge, state });

  return new Promise<StoredTokens>((resolve, reject) => {
    let settled = false;
    let exchanging = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      server.close();
      // A browser may keep the connection alive; it must not keep the CLI running.
      server.closeAllConnections();
      outcome();
    };

    const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
      const requestUrl = new URL(request.url ?? '/', redirectUri);
      if (request.method !== 'GET') return page(response, 405, 'Method not allowed', 'Only GET is answered here.');
      if (requestUrl.pathname === SIGNED_OUT_PATH) return page(response, 200, 'Signed out', 'You can close this tab.');
      const callback = parseCallback(requestUrl, state);
      switch (callback.kind) {
        case 'not-a-callback':
          return page(response, 404, 'Not found', `This server only answers ${CALLBACK_PATH}.`);
        case 'wrong-state':
          // Not ours (an old tab, or another page): refuse it and keep waiting for the real one.
          deps.log(`Ignored a callback with the wrong state (an old tab?); still waiting.`);
          return page(response, 400, 'Sign-in not accepted', 'This answer does not belong to the sign-in in progress. Use the newest tab.');
        case 'denied':
          page(response, 400, 'Sign-in failed', callback.message);
          return finish(() => reject(new Error(`Sign-in failed: ${callback.message}`)));
        case 'code':
          break;
      }
      if (settled || exchanging) return page(response, 409, 'Already done', 'This sign-in is finished or finishing; you can close this tab.');
      exchanging = true;
      try {
        const body = await tokenRequest(deps.fetch, options.domain, codeExchangeBody({ clientId: options.clientId, code: callback.code, redirectUri, verifier: pkce.verifier }));
        const tokens = tokensFromResponse(body, { domain: options.domain, clientId: options.clientId, nowSeconds: deps.nowSeconds() });
        page(response, 200, 'Signed in', 'You can close this tab and return to the terminal.');
        finish(() => resolve(tokens));
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        page(response, 502, 'Sign-in failed', failure.message);
        finish(() => reject(failure));
      }
    };

    const server = createServer((request, response) => void handle(request, response));
    const timer = setTimeout(
      () => finish(() => reject(new Error(`No sign-in arrived within ${Math.round((options.timeoutMs ?? DEFAULT_CALLBACK_TIMEOUT_MS) / 60_000)} minutes`))),
      options.timeoutMs ?? DEFAULT_CALLBACK_TIMEOUT_MS,
    );
    server.on('error', (error: NodeJS.ErrnoException) => {
      const hint = error.code === 'EADDRINUSE' ? ` (port ${options.port} is in use: is another \`npm run login\` running?)` : '';
      finish(() => reject(new Error(`Cannot listen on 127.0.0.1:${options.port}: ${error.message}${hint}`)));
    });
    server.listen(options.port, '127.0.0.1', () => {
      deps.log(`Waiting for the sign-in on ${redirectUri}`);
      deps.log(`Sign in here if no browser opens:\n${url}`);
      if (!options.openBrowser) return;
      void deps.openBrowser(url).then((opened) => {
        if (!opened) deps.log('Could not start a browser; open the URL above yourself.');
      });
    });
  });
}

/** Gets fresh ID and access tokens with the stored refresh token. */
export async function refresh(stored: StoredTokens, deps: Pick<LoginDeps, 'fetch' | 'nowSeconds'>): Promise<StoredTokens> {
  const body = await tokenRequest(deps.fetch, stored.domain, refreshBody({ clientId: stored.client_id, refreshToken: stored.refresh_token }));
  return tokensFromResponse(body, { domain: stored.domain, clientId: stored.client_id, nowSeconds: deps.nowSeconds(), previousRefreshToken: stored.refresh_token });
}

/** The platform's URL opener: `open` (macOS), `rundll32 url.dll` (Windows, no shell quoting of `&`), else `xdg-open`. */
function openerFor(url: string): [string, string[]] {
  if (process.platform === 'darwin') return ['open', [url]];
  if (process.platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler', url]];
  return ['xdg-open', [url]];
}

/** Starts the browser detached; false when the opener is missing or fails at once. */
export function openInBrowser(url: string): Promise<boolean> {
  const [command, args] = openerFor(url);
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(command, args, { stdio: 'ignore', detached: true });
    } catch {
      resolve(false);
      return;
    }
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
    // xdg-open may stay around while the browser runs: count a live opener as success.
    setTimeout(() => resolve(true), 3000).unref();
    child.unref();
  });
}
