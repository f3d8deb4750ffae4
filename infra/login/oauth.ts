/**
 * The pure parts of `npm run login`: PKCE (RFC 7636, S256), the authorize URL, the token
 * requests, the stored token file, and finding the sign-in domain and client in
 * `cdk deploy --outputs-file` output. No network and no browser here (infra/login/flow.ts and
 * infra/login-cli.ts do that), so each piece has a unit test.
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** The scopes the app client allows (infra/constructs/auth.ts); `openid` makes Cognito issue an ID token. */
export const LOGIN_SCOPES = ['openid', 'email', 'profile'] as const;

export const CALLBACK_PATH = '/callback';
export const SIGNED_OUT_PATH = '/signed-out';

/** The Cognito-shaped endpoints under a user-pool domain (or the twin's `<api url>/local-issuer`). */
export const authorizeEndpoint = (domain: string): string => `${domain}/oauth2/authorize`;
export const tokenEndpoint = (domain: string): string => `${domain}/oauth2/token`;

/** `http://localhost:<port>/callback`, exactly as registered on the app client. */
export const redirectUriFor = (port: number): string => `http://localhost:${port}${CALLBACK_PATH}`;

const base64url = (bytes: Buffer): string => bytes.toString('base64url');

/** RFC 7636 §4.2: BASE64URL(SHA256(ASCII(code_verifier))), without padding. */
export function s256Challenge(verifier: string): string {
  return base64url(createHash('sha256').update(verifier, 'ascii').digest());
}

export interface PkcePair {
  verifier: string;
  challenge: string;
}

/** A 43-character verifier from 32 random bytes (RFC 7636 §4.1 allows 43 to 128 characters). */
export function createPkcePair(random: (size: number) => Buffer = randomBytes): PkcePair {
  const verifier = base64url(random(32));
  return { verifier, challenge: s256Challenge(verifier) };
}

/** An unguessable `state`, checked on the callback so no other page can hand us a code. */
export const createState = (random: (size: number) => Buffer = randomBytes): string => base64url(random(24));

export interface AuthorizeRequest {
  domain: string;
  clientId: string;
  redirectUri: string;
  challenge: string;
  state: string;
}

/** The managed login page to open: authorization code with PKCE S256. */
export function authorizeUrl(request: AuthorizeRequest): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    scope: LOGIN_SCOPES.join(' '),
    code_challenge: request.challenge,
    code_challenge_method: 'S256',
    state: request.state,
  });
  return `${authorizeEndpoint(request.domain)}?${query.toString()}`;
}

/** The form body of the code exchange at `/oauth2/token` (public client: no secret, the verifier instead). */
export function codeExchangeBody(input: { clientId: string; code: string; redirectUri: string; verifier: string }): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: input.clientId,
    code: input.code,
    redirect_uri: input.redirectUri,
    code_verifier: input.verifier,
  });
}

/** The form body of a refresh at `/oauth2/token`. */
export function refreshBody(input: { clientId: string; refreshToken: string }): URLSearchParams {
  return new URLSearchParams({ grant_type: 'refresh_token', client_id: input.clientId, refresh_token: input.refreshToken });
}

export type CallbackResult =
  | { kind: 'code'; code: string }
  | { kind: 'denied'; message: string }
  | { kind: 'wrong-state' }
  | { kind: 'not-a-callback' };

/** Reads the redirect back from the authorize step; a wrong `state` is never taken as an answer. */
export function parseCallback(url: URL, expectedState: string): CallbackResult {
  if (url.pathname !== CALLBACK_PATH) return { kind: 'not-a-callback' };
  const params = url.searchParams;
  if (params.get('state') !== expectedState) return { kind: 'wrong-state' };
  const error = params.get('error');
  if (error !== null) {
    const description = params.get('error_description');
    return { kind: 'denied', message: description ? `${error}: ${description}` : error };
  }
  const code = params.get('code');
  return code ? { kind: 'code', code } : { kind: 'denied', message: 'the callback carried neither a code nor an error' };
}

/** What `~/.config/breakfix-onboarding/<stage>.json` holds. `expires_at` is in epoch seconds, like a JWT's `exp`. */
export interface StoredTokens {
  id_token: string;
  access_token: string;
  refresh_token: string;
  expires_at: number;
  domain: string;
  client_id: string;
}

/**
 * Turns a token endpoint answer into what is stored. A refresh answer has no `refresh_token`
 * (Cognito does not rotate it here), so the previous one is kept.
 */
export function tokensFromResponse(
  body: unknown,
  context: { domain: string; clientId: string; nowSeconds: number; previousRefreshToken?: string },
): StoredTokens {
  if (typeof body !== 'object' || body === null) throw new Error('The token endpoint did not answer with a JSON object');
  const answer = body as Record<string, unknown>;
  const text = (key: string): string | undefined => (typeof answer[key] === 'string' && answer[key] !== '' ? answer[key] : undefined);
  const idToken = text('id_token');
  const accessToken = text('access_token');
  if (!idToken) throw new Error('The token endpoint answered without an id_token (is the openid scope allowed?)');
  if (!accessToken) throw new Error('The token endpoint answered without an access_token');
  const refreshToken = text('refresh_token') ?? context.previousRefreshToken;
  if (!refreshToken) throw new Error('The token endpoint answered without a refresh_token');
  const expiresIn = typeof answer.expires_in === 'number' && answer.expires_in > 0 ? answer.expires_in : 3600;
  return {
    id_token: idToken,
    access_token: accessToken,
    refresh_token: refreshToken,
    expires_at: context.nowSeconds + Math.floor(expiresIn),
    domain: context.domain,
    client_id: context.clientId,
  };
}

/** The OAuth error of a refused token request, e.g. `invalid_grant: Refresh Token has expired`. */
export function describeTokenError(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; error_description?: unknown };
    if (typeof parsed.error === 'string') {
      return typeof parsed.error_description === 'string' ? `${parsed.error}: ${parsed.error_description}` : parsed.error;
    }
  } catch {
    // Not JSON: fall through to the raw body.
  }
  return `HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`;
}

/** `$XDG_CONFIG_HOME/breakfix-onboarding/<stage>.json`, by default `~/.config/breakfix-onboarding/<stage>.json`. */
export function tokenFilePath(stage: string, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const configHome = env['XDG_CONFIG_HOME'] || join(home, '.config');
  return join(configHome, 'breakfix-onboarding', `${stage}.json`);
}

/**
 * Writes the tokens readable by their owner only: the directory 0700 and the file 0600, also
 * when either existed with wider modes. The file is written beside its final name and renamed,
 * so a reader never sees half a file.
 */
export function writeTokenFile(path: string, tokens: StoredTokens): void {
  const directory = dirname(path);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  chmodSync(directory, 0o700);
  const partial = `${path}.${process.pid}.tmp`;
  writeFileSync(partial, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
  chmodSync(partial, 0o600);
  renameSync(partial, path);
}

/** Parses a stored token file; `undefined` when it is not one. */
export function parseStoredTokens(text: string): StoredTokens | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const stored = parsed as Record<string, unknown>;
  const strings = ['id_token', 'access_token', 'refresh_token', 'domain', 'client_id'] as const;
  if (strings.some((key) => typeof stored[key] !== 'string') || typeof stored['expires_at'] !== 'number') return undefined;
  return stored as unknown as StoredTokens;
}

/** Output names of the stack (infra/onboarding-stack.ts), as `cdk deploy --outputs-file` writes them. */
export const OUTPUT_NAMES = { domain: 'StaffLoginDomain', clientId: 'StaffClientId', port: 'StaffLoginCallbackPort', apiUrl: 'ApiUrl' } as const;

export interface LoginTarget {
  domain?: string;
  clientId?: string;
  port?: number;
}

/** The sign-in domain, client id and callback port of stack `Onboarding-<stage>` in an outputs file. */
export function loginTargetFromOutputs(outputsText: string, stage: string, file = 'the outputs file'): LoginTarget {
  let outputs: unknown;
  try {
    outputs = JSON.parse(outputsText);
  } catch {
    throw new Error(`${file} is not JSON (write it with \`cdk deploy --outputs-file ${file}\`)`);
  }
  const stackName = `Onboarding-${stage}`;
  const stacks = typeof outputs === 'object' && outputs !== null ? (outputs as Record<string, unknown>) : {};
  const stack = stacks[stackName];
  if (typeof stack !== 'object' || stack === null) {
    const found = Object.keys(stacks);
    throw new Error(`${file} has no stack ${stackName}${found.length ? ` (it has ${found.join(', ')})` : ''}; deploy it with -c stage=${stage}`);
  }
  const values = stack as Record<string, unknown>;
  const text = (key: string): string | undefined => (typeof values[key] === 'string' ? values[key] : undefined);
  const port = text(OUTPUT_NAMES.port);
  return { domain: text(OUTPUT_NAMES.domain), clientId: text(OUTPUT_NAMES.clientId), port: port === undefined ? undefined : Number(port) };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Checks and tidies a domain base URL: https, or http on this machine only (the twin), since the
 * code and the verifier travel to it; no trailing slash.
 */
export function normalizeDomain(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`Not a URL: ${raw} (expected e.g. https://<prefix>.auth.eu-west-1.amazoncognito.com)`);
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error(`The sign-in domain must use https (http only on 127.0.0.1/localhost): ${raw}`);
  }
  if (url.search || url.hash) throw new Error(`The sign-in domain takes no query or fragment: ${raw}`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
