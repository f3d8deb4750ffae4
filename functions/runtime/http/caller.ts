import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { accessFor, ROLES, type Role } from '../../catalog';
import { ForbiddenError, UnauthenticatedError } from '../errors';

/** The authenticated staff member making a request. */
export interface Caller {
  sub: string;
  email: string;
  roles: Role[];
}

/**
 * The caller from the JWT authorizer's claims. API Gateway's HTTP API turns every claim into a
 * string, so `cognito:groups` arrives as "[account-manager admin]" and `email_verified` as "true";
 * real arrays and booleans are accepted too.
 *
 * Only an ID token with a verified e-mail names a staff member. The gateway also lets Cognito's
 * access token through (its `client_id` is an accepted audience), but that token has no e-mail,
 * and the e-mail becomes an onboarding's account-manager address and a technician's identity.
 * Such tokens get a 401 (UnauthenticatedError) saying what is wrong.
 */
export function callerFrom(event: APIGatewayProxyEventV2): Caller | undefined {
  const claims = (event as APIGatewayProxyEventV2WithJWTAuthorizer).requestContext.authorizer?.jwt?.claims;
  if (!claims || typeof claims.sub !== 'string') return undefined;
  const tokenUse = claims.token_use;
  if (tokenUse !== 'id') {
    const what = tokenUse === 'access' ? 'an access token' : `a token with token_use ${JSON.stringify(tokenUse ?? null)}`;
    throw new UnauthenticatedError(`This is ${what}; send the ID token (token_use "id") from the same sign-in`);
  }
  const email = typeof claims.email === 'string' ? claims.email.trim() : '';
  if (!email) throw new UnauthenticatedError('The ID token has no email claim; sign in with the email scope (openid email profile)');
  if (claims.email_verified !== true && claims.email_verified !== 'true') {
    throw new UnauthenticatedError('The ID token’s e-mail address is not verified (email_verified is not true); an admin verifies it in the user pool');
  }
  return { sub: claims.sub, email, roles: parseGroups(claims['cognito:groups']) };
}

export function parseGroups(groups: unknown): Role[] {
  const names = Array.isArray(groups)
    ? groups.map(String)
    : typeof groups === 'string'
      ? groups.replace(/^\[|\]$/g, '').split(/[\s,]+/)
      : [];
  return names.filter((name): name is Role => (ROLES as readonly string[]).includes(name));
}

/**
 * Checks the caller's roles against the route's access list in the catalog. The gateway has only
 * authenticated the token; authorisation happens here, from the same catalog CDK reads.
 */
export function authorize(event: APIGatewayProxyEventV2): Caller | undefined {
  const access = accessFor(event.routeKey);
  if (access === undefined) throw new ForbiddenError(`No access rule for ${event.routeKey}`);
  if (access === 'public') return undefined;
  const caller = callerFrom(event);
  if (!caller) throw new UnauthenticatedError('No staff identity on this request: the route takes a Cognito ID token');
  if (!caller.roles.some((role) => access.includes(role))) {
    throw new ForbiddenError(`This needs one of the roles: ${access.join(', ')}`);
  }
  return caller;
}
