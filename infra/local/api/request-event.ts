import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { encodeRequestBody } from './body-encoding';
import type { RouteMatch } from './route-table';
import type { HttpApiEvent } from './types';

/** What arrived on the wire, before API Gateway reshapes it. */
export interface ReceivedRequest {
  method: string;
  /** Path as sent (still percent-encoded), without the query. */
  rawPath: string;
  /** Everything after `?`, as sent; '' when none. */
  rawQueryString: string;
  /** Lower-cased names, every value of a repeated header kept. */
  headers: Record<string, string[]>;
  body: Buffer | undefined;
  sourceIp: string;
  /** "HTTP/1.1" */
  protocol: string;
  localPort: number;
  receivedAt: Date;
}

export interface GatewayIdentity {
  requestId: string;
  accountId: string;
  apiId: string;
}

export interface JwtAuthorizerContext {
  claims: Record<string, string>;
  scopes: null;
}

/** A payload format 2.0 event; `jwt` present only on routes behind the JWT authorizer. */
export function buildRequestEvent(
  request: ReceivedRequest,
  match: RouteMatch,
  gateway: GatewayIdentity,
  jwt?: JwtAuthorizerContext,
): HttpApiEvent {
  const { cookies, headers } = gatewayHeaders(request);
  const queryStringParameters = parseQuery(request.rawQueryString);
  const host = (headers['host'] ?? 'localhost').replace(/:\d+$/, '');
  const requestContext: APIGatewayProxyEventV2['requestContext'] = {
    accountId: gateway.accountId,
    apiId: gateway.apiId,
    domainName: host,
    domainPrefix: host.split('.')[0] ?? host,
    http: {
      method: request.method,
      path: request.rawPath,
      protocol: request.protocol,
      sourceIp: request.sourceIp,
      userAgent: headers['user-agent'] ?? '',
    },
    requestId: gateway.requestId,
    routeKey: match.routeKey,
    stage: '$default',
    time: clfTime(request.receivedAt),
    timeEpoch: request.receivedAt.getTime(),
  };
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: match.routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString,
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    ...(match.pathParameters ? { pathParameters: match.pathParameters } : {}),
    requestContext,
    ...encodeRequestBody(request.body, headers['content-type']),
  };
  if (!jwt) return event;
  // API Gateway's JWT authorizer context holds only `jwt`: no principalId or integrationLatency.
  const withJwt: APIGatewayProxyEventV2WithJWTAuthorizer = {
    ...event,
    requestContext: { ...requestContext, authorizer: { jwt: { claims: jwt.claims, scopes: jwt.scopes } } },
  };
  return withJwt;
}

/**
 * Repeated headers joined with commas; the `cookie` header moved into `cookies`; the forwarding
 * headers API Gateway adds.
 */
function gatewayHeaders(request: ReceivedRequest): { cookies: string[]; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  let cookies: string[] = [];
  for (const [name, values] of Object.entries(request.headers)) {
    if (name === 'cookie') {
      cookies = values.flatMap((v) => v.split(';')).map((c) => c.trim()).filter(Boolean);
    } else {
      headers[name] = values.join(',');
    }
  }
  const forwardedFor = headers['x-forwarded-for'];
  headers['x-forwarded-for'] = forwardedFor ? `${forwardedFor}, ${request.sourceIp}` : request.sourceIp;
  headers['x-forwarded-port'] = String(request.localPort);
  headers['x-forwarded-proto'] = 'http';
  headers['x-amzn-trace-id'] ??= traceId(request.receivedAt);
  return { cookies, headers };
}

/** Repeated names joined with commas; `undefined` (field left out) when there is no query. */
function parseQuery(rawQueryString: string): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const pair of rawQueryString.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    params[name] = name in params ? `${params[name]},${value}` : value;
  }
  return Object.keys(params).length ? params : undefined;
}

/** Percent-decoding only: `+` is left as sent rather than guessed to be a space. */
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "12/Mar/2020:19:03:58 +0000", API Gateway's `requestContext.time`. */
function clfTime(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(at.getUTCDate())}/${MONTHS[at.getUTCMonth()]}/${at.getUTCFullYear()}:${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())} +0000`;
}

function traceId(at: Date): string {
  return `Root=1-${Math.floor(at.getTime() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
}

/** API Gateway's request id shape, e.g. "JKJaXmPLvHcESHA=". */
export function newGatewayRequestId(): string {
  return randomBytes(11).toString('base64');
}
