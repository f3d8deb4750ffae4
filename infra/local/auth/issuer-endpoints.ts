import { ROLES, type Role } from '../../../functions/catalog';
import { renderSignInRefusal } from './authorize-page';
import { DEFAULT_ID_TOKEN_SECONDS, LOCAL_ISSUER_PATH, type LocalIssuer } from './local-issuer';
import { tokenError, type IssuerResponse, type LocalOAuthServer } from './oauth-server';

/**
 * The local issuer's HTTP face, on the API emulator's own port. Under `/local-issuer` (the `iss`)
 * it serves what Cognito serves for a user pool and its domain: the OpenID configuration, the
 * JWKS, `/oauth2/authorize`, `/oauth2/token` and `/logout`. Beside it, `POST /local/token` mints an ID token
 * without a sign-in, for scripts (`npm run token`). Twin only: on AWS nothing mints tokens without
 * a sign-in.
 */
export const ISSUER_ENDPOINTS = {
  openidConfiguration: `${LOCAL_ISSUER_PATH}/.well-known/openid-configuration`,
  jwks: `${LOCAL_ISSUER_PATH}/.well-known/jwks.json`,
  authorize: `${LOCAL_ISSUER_PATH}/oauth2/authorize`,
  token: `${LOCAL_ISSUER_PATH}/oauth2/token`,
  logout: `${LOCAL_ISSUER_PATH}/logout`,
} as const;
export const JWKS_PATH = ISSUER_ENDPOINTS.jwks;
export const LOCAL_TOKEN_PATH = '/local/token';

/** Paths no API route may take while the local issuer is mounted. */
export function isIssuerPath(path: string): boolean {
  return path === LOCAL_TOKEN_PATH || path === LOCAL_ISSUER_PATH || path.startsWith(`${LOCAL_ISSUER_PATH}/`);
}

export interface LocalTokenRequest {
  role?: string;
  roles?: string[];
  email?: string;
  expiresInSeconds?: number;
  /** Defaults to true; false mints a token the API refuses (as it refuses an unverified Cognito user). */
  emailVerified?: boolean;
}

export interface LocalTokenResponse {
  idToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface IssuerRequest {
  method: string;
  path: string;
  /** The query string without its `?`. */
  query: string;
  contentType: string | undefined;
  body: Buffer | undefined;
  /** Tokens are handed out to callers on this machine only, even if the twin binds wider. */
  fromLoopback: boolean;
}

const CORS = { 'access-control-allow-origin': '*' };

/** Answers the issuer's own paths; `undefined` for every other path. */
export async function answerIssuerRequest(issuer: LocalIssuer, oauth: LocalOAuthServer, request: IssuerRequest): Promise<IssuerResponse | undefined> {
  const { method, path } = request;
  if (path === LOCAL_TOKEN_PATH) return mintForScript(issuer, request);
  if (!isIssuerPath(path)) return undefined;

  switch (path) {
    case ISSUER_ENDPOINTS.openidConfiguration:
      return method === 'GET' ? json(200, oauth.openidConfiguration(), CORS) : message(405, 'Method Not Allowed');
    case ISSUER_ENDPOINTS.jwks:
      return method === 'GET' ? json(200, issuer.jwks(), CORS) : message(405, 'Method Not Allowed');
    case ISSUER_ENDPOINTS.authorize: {
      if (method !== 'GET' && method !== 'POST') return message(405, 'Method Not Allowed');
      if (!request.fromLoopback) return page(renderSignInRefusal(403, 'The local issuer signs in callers on this machine only.'));
      if (method === 'GET') return oauth.authorize(new URLSearchParams(request.query));
      if (!isFormBody(request.contentType)) return page(renderSignInRefusal(415, 'Post the sign-in form as application/x-www-form-urlencoded.'));
      return oauth.signIn(formOf(request.body));
    }
    case ISSUER_ENDPOINTS.token: {
      // A browser app (the API console) may call the token endpoint from another origin, as Cognito allows.
      if (method === 'OPTIONS') return { statusCode: 204, headers: { ...CORS, 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'authorization, content-type', 'access-control-max-age': '600' }, body: '' };
      if (method !== 'POST') return withCors(tokenError('invalid_request', 405));
      if (!request.fromLoopback) return withCors(tokenError('invalid_client', 403));
      // Cognito answers invalid_request to anything but a form body.
      if (!isFormBody(request.contentType)) return withCors(tokenError('invalid_request'));
      return withCors(await oauth.token(formOf(request.body)));
    }
    case ISSUER_ENDPOINTS.logout:
      return method === 'GET' ? oauth.signOut(new URLSearchParams(request.query)) : message(405, 'Method Not Allowed');
    default:
      return message(404, 'Not Found');
  }
}

async function mintForScript(issuer: LocalIssuer, request: IssuerRequest): Promise<IssuerResponse> {
  if (request.method !== 'POST') return message(405, 'Method Not Allowed');
  if (!request.fromLoopback) return message(403, 'The local issuer mints tokens for loopback callers only');
  const parsed = parseTokenRequest(request.body);
  if (typeof parsed === 'string') return message(400, parsed);
  const expiresIn = parsed.expiresInSeconds ?? DEFAULT_ID_TOKEN_SECONDS;
  const idToken = await issuer.mintIdToken({ roles: parsed.roles, email: parsed.email, expiresInSeconds: expiresIn, emailVerified: parsed.emailVerified });
  const answer: LocalTokenResponse = { idToken, tokenType: 'Bearer', expiresIn };
  return json(200, answer);
}

interface ValidTokenRequest {
  roles: Role[];
  email: string;
  expiresInSeconds?: number;
  emailVerified: boolean;
}

/** Returns the request, or a sentence saying what is wrong with it. */
function parseTokenRequest(body: Buffer | undefined): ValidTokenRequest | string {
  let input: unknown;
  try {
    input = JSON.parse(body?.toString('utf8') ?? '');
  } catch {
    return 'Send a JSON body: {"role": "<role>", "email": "<e-mail>"}';
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'The body must be a JSON object';
  const { role, roles, email, expiresInSeconds, emailVerified } = input as LocalTokenRequest;

  const requested: unknown[] = roles ?? (role === undefined ? [] : [role]);
  if (!Array.isArray(requested) || requested.length === 0) return `Name a role: one of ${ROLES.join(', ')}`;
  const unknownRole = requested.find((r) => !isRole(r));
  if (unknownRole !== undefined) return `Unknown role ${JSON.stringify(unknownRole)}: use one of ${ROLES.join(', ')}`;

  if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email)) return 'Give an e-mail address';
  if (expiresInSeconds !== undefined && (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1)) {
    return 'expiresInSeconds must be a positive whole number';
  }
  if (emailVerified !== undefined && typeof emailVerified !== 'boolean') return 'emailVerified must be true or false';
  return { roles: requested as Role[], email, emailVerified: emailVerified ?? true, ...(expiresInSeconds === undefined ? {} : { expiresInSeconds }) };
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

function isFormBody(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

function formOf(body: Buffer | undefined): URLSearchParams {
  return new URLSearchParams(body?.toString('utf8') ?? '');
}

function withCors(response: IssuerResponse): IssuerResponse {
  return { ...response, headers: { ...response.headers, ...CORS } };
}

function page(response: { status: number; headers: Record<string, string>; html: string }): IssuerResponse {
  return { statusCode: response.status, headers: response.headers, body: response.html };
}

function json(statusCode: number, value: unknown, headers: Record<string, string> = {}): IssuerResponse {
  return { statusCode, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

function message(statusCode: number, text: string): IssuerResponse {
  return json(statusCode, { message: text });
}
