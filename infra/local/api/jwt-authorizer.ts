import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { stringifyClaims } from './authorizer-claims';

/** What an HTTP API JWT authorizer is configured with (on AWS: the user pool's issuer URL and app client ids). */
export interface JwtAuthorizerConfig {
  issuerUrl: string;
  audience: string | readonly string[];
  /** The issuer's public keys; on AWS fetched from `<issuer>/.well-known/jwks.json`. */
  jwks: JSONWebKeySet;
}

export type AuthorizerVerdict =
  | { authorized: true; jwt: { claims: Record<string, string>; scopes: null } }
  | { authorized: false; reason: string };

/** API Gateway only accepts RSA signatures from a JWT authorizer's issuer. */
const RSA_ALGORITHMS = ['RS256', 'RS384', 'RS512'];

/**
 * The checks API Gateway's JWT authorizer makes, in its terms: a `kid` found in the JWKS, a valid
 * signature, `iss` equal to the issuer, `aud` (or, only without `aud`, `client_id`) among the
 * audiences, `exp` in the future, `nbf` and `iat` not. Roles are not its business.
 */
export function createJwtAuthorizer(config: JwtAuthorizerConfig): (authorization: string | undefined) => Promise<AuthorizerVerdict> {
  const keys = createLocalJWKSet(config.jwks);
  const audiences: readonly string[] = typeof config.audience === 'string' ? [config.audience] : config.audience;

  return async (authorization) => {
    const token = tokenFrom(authorization);
    if (!token) return deny('no token in the Authorization header');

    let payload: JWTPayload;
    try {
      const header = decodeProtectedHeader(token);
      if (!header.kid) return deny('token header has no kid');
      ({ payload } = await jwtVerify(token, keys, {
        issuer: config.issuerUrl,
        algorithms: RSA_ALGORITHMS,
        requiredClaims: ['exp'],
        clockTolerance: 0,
      }));
    } catch (error) {
      return deny(error instanceof Error ? error.message : 'token rejected');
    }

    if (!audienceMatches(payload, audiences)) return deny('aud/client_id is not an accepted audience');
    if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000) return deny('iat is in the future');
    return { authorized: true, jwt: { claims: stringifyClaims(payload), scopes: null } };
  };
}

/** API Gateway takes `Bearer <jwt>` or the bare token. */
function tokenFrom(authorization: string | undefined): string | undefined {
  const value = authorization?.trim();
  if (!value) return undefined;
  const token = value.replace(/^Bearer\s+/i, '').trim();
  return token || undefined;
}

function audienceMatches(payload: JWTPayload, audiences: readonly string[]): boolean {
  const claimed = payload.aud ?? payload['client_id'];
  const values = Array.isArray(claimed) ? claimed : [claimed];
  return values.some((value) => typeof value === 'string' && audiences.includes(value));
}

function deny(reason: string): AuthorizerVerdict {
  return { authorized: false, reason };
}
