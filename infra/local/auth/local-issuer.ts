import { randomUUID } from 'node:crypto';
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';
import type { Role } from '../../../functions/catalog';
import { subjectForEmail } from './stable-subject';

/**
 * The twin's stand-in for a Cognito user pool: it mints ID tokens of Cognito's shape, signed
 * with an RS256 key that lives only in this process's memory. On AWS, Cognito's hosted endpoints
 * issue the tokens and publish the JWKS instead.
 */

/** The issuer and app client id the twin uses (no real host: the JWKS is handed over in-process). */
export const LOCAL_ISSUER_URL = 'http://127.0.0.1/local-issuer';
export const LOCAL_AUDIENCE = 'local-twin-app-client';

/** Cognito's default ID token lifetime. */
export const DEFAULT_ID_TOKEN_SECONDS = 3600;

export interface LocalIssuerOptions {
  /** Value of `iss`; on AWS `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`. */
  issuerUrl: string;
  /** Value of `aud`: the app client id. */
  audience: string;
}

export interface MintIdTokenInput {
  /** Cognito groups; empty means the claim is left out, as Cognito does for users without groups. */
  roles: readonly Role[];
  email: string;
  /** Defaults to a UUID derived from the e-mail, stable across runs. */
  sub?: string;
  /** Defaults to one hour; negative values mint an already expired token (tests). */
  expiresInSeconds?: number;
}

/** The claims of a Cognito ID token, as far as this product reads them. */
export interface CognitoIdTokenClaims {
  sub: string;
  email: string;
  email_verified: boolean;
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
}

export interface LocalIssuer {
  readonly issuerUrl: string;
  readonly audience: string;
  readonly kid: string;
  mintIdToken(input: MintIdTokenInput): Promise<string>;
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
    jwks: () => ({ keys: [{ ...publishedKey }] }),
  };
}

async function signIdToken(
  privateKey: CryptoKey,
  kid: string,
  options: LocalIssuerOptions,
  input: MintIdTokenInput,
): Promise<string> {
  const email = input.email.trim();
  if (!email) throw new Error('mintIdToken needs an e-mail');
  const now = Math.floor(Date.now() / 1000);
  const sub = input.sub ?? subjectForEmail(email);
  const jti = randomUUID();
  const claims: CognitoIdTokenClaims = {
    sub,
    email,
    email_verified: true,
    ...(input.roles.length ? { 'cognito:groups': [...input.roles] } : {}),
    'cognito:username': sub,
    iss: options.issuerUrl,
    aud: options.audience,
    token_use: 'id',
    auth_time: now,
    iat: now,
    exp: now + (input.expiresInSeconds ?? DEFAULT_ID_TOKEN_SECONDS),
    jti,
    origin_jti: randomUUID(),
  };
  // Cognito's header carries only kid and alg.
  return new SignJWT({ ...claims }).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey);
}
