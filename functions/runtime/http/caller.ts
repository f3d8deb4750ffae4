import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { accessFor, ROLES, type Role } from '../../catalog';
import { ForbiddenError } from '../errors';

/** The authenticated staff member making a request. */
export interface Caller {
  sub: string;
  email: string;
  roles: Role[];
}

/**
 * The caller from the JWT authorizer's claims. API Gateway's HTTP API turns every claim into a
 * string, so `cognito:groups` arrives as "[account-manager admin]"; a real array is accepted too.
 */
export function callerFrom(event: APIGatewayProxyEventV2): Caller | undefined {
  const claims = (event as APIGatewayProxyEventV2WithJWTAuthorizer).requestContext.authorizer?.jwt?.claims;
  if (!claims || typeof claims.sub !== 'string') return undefined;
  return {
    sub: claims.sub,
    email: typeof claims.email === 'string' ? claims.email : '',
    roles: parseGroups(claims['cognito:groups']),
  };
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
  if (!caller) throw new ForbiddenError('No staff identity on this request');
  if (!caller.roles.some((role) => access.includes(role))) {
    throw new ForbiddenError(`This needs one of the roles: ${access.join(', ')}`);
  }
  return caller;
}
