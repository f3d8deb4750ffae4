import { ROLES, type Role } from '../../../functions/catalog';
import { DEFAULT_ID_TOKEN_SECONDS, type LocalIssuer } from './local-issuer';

/**
 * The local issuer's HTTP face, mounted on the API emulator's port so `npm run token` (another
 * process) can get a token the running twin accepts. Twin only: on AWS, Cognito's hosted
 * endpoints (`/oauth2/token`, `<issuer>/.well-known/jwks.json`) play this part, and nothing
 * mints tokens without a sign-in.
 */
export const JWKS_PATH = '/.well-known/jwks.json';
export const LOCAL_TOKEN_PATH = '/local/token';
export const ISSUER_PATHS: readonly string[] = [JWKS_PATH, LOCAL_TOKEN_PATH];

export interface LocalTokenRequest {
  role?: string;
  roles?: string[];
  email?: string;
  expiresInSeconds?: number;
}

export interface LocalTokenResponse {
  idToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface IssuerRequest {
  method: string;
  path: string;
  body: Buffer | undefined;
  /** Minting is answered only to callers on this machine, even if the twin binds wider. */
  fromLoopback: boolean;
}

export interface IssuerResponse {
  statusCode: number;
  body: string;
}

/** Answers the issuer's own paths; `undefined` for every other path. */
export async function answerIssuerRequest(issuer: LocalIssuer, request: IssuerRequest): Promise<IssuerResponse | undefined> {
  if (request.path === JWKS_PATH) {
    return request.method === 'GET' ? json(200, issuer.jwks()) : message(405, 'Method Not Allowed');
  }
  if (request.path !== LOCAL_TOKEN_PATH) return undefined;
  if (request.method !== 'POST') return message(405, 'Method Not Allowed');
  if (!request.fromLoopback) return message(403, 'The local issuer mints tokens for loopback callers only');

  const parsed = parseTokenRequest(request.body);
  if (typeof parsed === 'string') return message(400, parsed);
  const expiresIn = parsed.expiresInSeconds ?? DEFAULT_ID_TOKEN_SECONDS;
  const idToken = await issuer.mintIdToken({ roles: parsed.roles, email: parsed.email, expiresInSeconds: expiresIn });
  const answer: LocalTokenResponse = { idToken, tokenType: 'Bearer', expiresIn };
  return json(200, answer);
}

interface ValidTokenRequest {
  roles: Role[];
  email: string;
  expiresInSeconds?: number;
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
  const { role, roles, email, expiresInSeconds } = input as LocalTokenRequest;

  const requested: unknown[] = roles ?? (role === undefined ? [] : [role]);
  if (!Array.isArray(requested) || requested.length === 0) return `Name a role: one of ${ROLES.join(', ')}`;
  const unknownRole = requested.find((r) => !isRole(r));
  if (unknownRole !== undefined) return `Unknown role ${JSON.stringify(unknownRole)}: use one of ${ROLES.join(', ')}`;

  if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email)) return 'Give an e-mail address';
  if (expiresInSeconds !== undefined && (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1)) {
    return 'expiresInSeconds must be a positive whole number';
  }
  return { roles: requested as Role[], email, ...(expiresInSeconds === undefined ? {} : { expiresInSeconds }) };
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

function json(statusCode: number, value: unknown): IssuerResponse {
  return { statusCode, body: JSON.stringify(value) };
}

function message(statusCode: number, text: string): IssuerResponse {
  return json(statusCode, { message: text });
}
