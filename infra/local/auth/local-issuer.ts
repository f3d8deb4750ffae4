import { createHash, randomUUID } from 'node:crypto';
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';
import type { Role } from '../../../functions/catalog';
import { subjectForEmail } from './stable-subject';

/**
 * The twin's stand-in for a Cognito user pool: it mints ID and access tokens of Cognito's shape,
 * signed with an RS256 key that lives only in this process's memory. On AWS, Cognito issues the
 * tokens and publishes the JWKS instead.
 *
 * Why our own issuer and not oauth2-mock-server 8 (the issue suggests it): that package runs its
 * own HTTP server with its own issuer URL, while the twin's `iss` must be `<api url>/local-issuer`
 * on the API's own port, with Cognito's exact claims (`token_use`, `cognito:groups`,
 * `email_verified`, an access token with `client_id` and no `aud`). Both are simpler to keep
 * right in these few files than to bend a general-purpose mock into.
 */

/** Where the issuer lives on the API emulator's port: `iss` is `<api url>/local-issuer`. */
export const LOCAL_ISSUER_PATH = '/local-issuer';
/** The app client id the twin uses, as Cognito's user-pool client id on AWS. */
export const LOCAL_AUDIENCE = 'local-twin-app-client';

/** The twin's `iss` for an API at `apiUrl` (e.g. http://127.0.0.1:3000 → http://127.0.0.1:3000/local-issuer). */
export function localIssuerUrl(apiUrl: string): string {
  return `${apiUrl.replace(/\/+$/, '')}${LOCAL_ISSUER_PATH}`;
}

/** Cognito's default ID and access token lifetime. */
export const DEFAULT_ID_TOKEN_SECONDS = 3600;
export const DEFAULT_ACCESS_TOKEN_SECONDS = 3600;

export interface LocalIssuerOptions {
  /** Value of `iss`; on AWS `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`. */
  issuerUrl: string;
  /** The app client id: `aud` of ID tokens, `client_id` of access tokens. */
  audience: string;
}

/**
 * What one sign-in carries into every token it yields, refreshes included: Cognito keeps
 * `auth_time` and `origin_jti` for the whole session.
 */
export interface SignInSession {
  authTime: number;
  originJti: string;
}

export interface MintIdTokenInput {
  /** Cognito groups; empty means the claim is left out, as Cognito does for users without groups. */
  roles: readonly Role[];
  email: string;
  /** Defaults to a UUID derived from the e-mail, stable across runs. */
  sub?: string;
  /** Defaults to one hour; negative values mint an already expired token (tests). */
  expiresInSeconds?: number;
  /** Defaults to true. False mints what an unverified Cognito user would get (the API refuses it). */
  emailVerified?: boolean;
  /**
   * Leaves `email` and `email_verified` out, as Cognito does when the sign-in asked for scopes
   * that do not cover them (`openid profile`). The e-mail still names the user (`sub`).
   */
  withoutEmail?: boolean;
  /** Defaults to a new session (now, a new origin_jti). */
  session?: SignInSession;
  /** The OIDC `nonce` from the authorization request, echoed as Cognito does. */
  nonce?: string;
  /** The access token issued with this ID token: adds `at_hash`, as Cognito's token endpoint does. */
  accessToken?: string;
}

export interface MintAccessTokenInput {
  roles: readonly Role[];
  sub: string;
  /** Space-separated granted scopes, e.g. "openid email profile". */
  scope: string;
  expiresInSeconds?: number;
  session?: SignInSession;
}

/** The claims of a Cognito ID token, as far as this product reads them. */
export interface CognitoIdTokenClaims {
  sub: string;
  email?: string;
  email_verified?: boolean;
  'cognito:groups'?: string[];
  'cognito:username': string;
  iss: string;
  aud: string;
  token_use: 'id';
  auth_time: number;
  iat: number;
  exp: number;
  jti: string;
  origin_jti: string;
  event_id: string;
  nonce?: string;
  at_hash?: string;
}

/** A Cognito access token: `client_id` instead of `aud`, `scope`, `username`, and no e-mail. */
export interface CognitoAccessTokenClaims {
  sub: string;
  'cognito:groups'?: string[];
  iss: string;
  version: 2;
  client_id: string;
  origin_jti: string;
  event_id: string;
  token_use: 'access';
  scope: string;
  auth_time: number;
  iat: number;
  exp: number;
  jti: string;
  username: string;
}

export interface LocalIssuer {
  readonly issuerUrl: string;
  /** The app client id. */
  readonly audience: string;
  readonly kid: string;
  mintIdToken(input: MintIdTokenInput): Promise<string>;
  mintAccessToken(input: MintAccessTokenInput): Promise<string>;
  /** The public keys, as Cognito serves them at `<issuer>/.well-known/jwks.json`. */
  jwks(): JSONWebKeySet;
}

export async function createLocalIssuer(options: LocalIssuerOptions): Promise<LocalIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk: JWK = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const publishedKey: JWK = { ...publicJwk, kid, alg: 'RS256', use: 'sig' };

  return {
    issuerUrl: options.issuerUrl,
    audience: options.audience,
    kid,
    mintIdToken: (input) => signIdToken(privateKey, kid, options, input),
    mintAccessToken: (input) => signAccessToken(privateKey, kid, options, input),
    jwks: () => ({ keys: [{ ...publishedKey }] }),
  };
}

export function newSession(): SignInSession {
  return { authTime: Math.floor(Date.now() / 1000), originJti: randomUUID() };
}

async function signIdToken(privateKey: CryptoKey, kid: string, options: LocalIssuerOptions, input: MintIdTokenInput): Promise<string> {
  const email = input.email.trim();
  if (!email) throw new Error('mintIdToken needs an e-mail');
  const now = Math.floor(Date.now() / 1000);
  const sub = input.sub ?? subjectForEmail(email);
  const session = input.session ?? { authTime: now, originJti: randomUUID() };
  const claims: CognitoIdTokenClaims = {
    ...(input.accessToken ? { at_hash: accessTokenHash(input.accessToken) } : {}),
    sub,
    ...(input.roles.length ? { 'cognito:groups': [...input.roles] } : {}),
    ...(input.withoutEmail ? {} : { email_verified: input.emailVerified ?? true }),
    iss: options.issuerUrl,
    'cognito:username': sub,
    ...(input.nonce === undefined ? {} : { nonce: input.nonce }),
    origin_jti: session.originJti,
    aud: options.audience,
    event_id: randomUUID(),
    token_use: 'id',
    auth_time: session.authTime,
    iat: now,
    exp: now + (input.expiresInSeconds ?? DEFAULT_ID_TOKEN_SECONDS),
    jti: randomUUID(),
    ...(input.withoutEmail ? {} : { email }),
  };
  // Cognito's header carries only kid and alg.
  return new SignJWT({ ...claims }).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey);
}

async function signAccessToken(privateKey: CryptoKey, kid: string, options: LocalIssuerOptions, input: MintAccessTokenInput): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const session = input.session ?? { authTime: now, originJti: randomUUID() };
  const claims: CognitoAccessTokenClaims = {
    sub: input.sub,
    ...(input.roles.length ? { 'cognito:groups': [...input.roles] } : {}),
    iss: options.issuerUrl,
    version: 2,
    client_id: options.audience,
    origin_jti: session.originJti,
    event_id: randomUUID(),
    token_use: 'access',
    scope: input.scope,
    auth_time: session.authTime,
    iat: now,
    exp: now + (input.expiresInSeconds ?? DEFAULT_ACCESS_TOKEN_SECONDS),
    jti: randomUUID(),
    username: input.sub,
  };
  return new SignJWT({ ...claims }).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey);
}

/** OIDC Core §3.3.2.11: base64url of the left half of the SHA-256 of the access token (RS256). */
function accessTokenHash(accessToken: string): string {
  return createHash('sha256').update(accessToken, 'ascii').digest().subarray(0, 16).toString('base64url');
}
