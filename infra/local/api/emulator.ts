import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FUNCTION_DEFAULTS } from '../../../functions/catalog';
import { DEFAULT_REGION } from '../../stage-config';
import { ISSUER_ENDPOINTS, LOCAL_TOKEN_PATH, answerIssuerRequest, isIssuerPath } from '../auth/issuer-endpoints';
import type { LocalIssuer } from '../auth/local-issuer';
import { createLocalOAuthServer, type LocalOAuthServer } from '../auth/oauth-server';
import { localCallbackUris, localSignOutUris } from '../auth/redirect-uris';
import { INTERNAL_SERVER_ERROR, NOT_FOUND, PAYLOAD_TOO_LARGE, SERVICE_UNAVAILABLE, UNAUTHORIZED, type GatewayResponse } from './gateway-responses';
import { createJwtAuthorizer, type JwtAuthorizerConfig } from './jwt-authorizer';
import { createLambdaContext } from '../lambda-context';
import { LambdaFunctionError, SANDBOX_TIMEDOUT, withinTimeout } from '../lambda-runtime';
import { readBody } from './read-body';
import { buildRequestEvent, newGatewayRequestId, type JwtAuthorizerContext, type ReceivedRequest } from './request-event';
import { mapHandlerResult } from './response-mapping';
import { createRouteTable, type RouteMatch } from './route-table';
import type { ApiLog, ApiLogEntry, ApiRoute } from './types';

export interface ApiEmulatorOptions {
  /** 0 picks a free port (tests); the twin uses 3000. */
  port: number;
  /** Defaults to 127.0.0.1: the twin is for this machine only. */
  host?: string;
  /**
   * The routes, or a function that gives them once the port is bound and the URL known: the twin
   * sets PUBLIC_BASE_URL from it before it imports any handler, as a Lambda has its environment
   * before its module loads.
   */
  routes: readonly ApiRoute[] | ((url: string) => Promise<readonly ApiRoute[]>);
  /** The JWT authorizer's settings; defaults to those of `localIssuer`. */
  authorizer?: JwtAuthorizerConfig;
  /**
   * Twin only: serves the issuer's Cognito-shaped endpoints under `/local-issuer` and
   * `POST /local/token` on this port. A function gets the API's URL once the port is bound, so
   * the issuer's `iss` can be `<api url>/local-issuer` even on a free port.
   */
  localIssuer?: LocalIssuer | ((apiUrl: string) => LocalIssuer | Promise<LocalIssuer>);
  /** With `localIssuer`: the sign-in's settings (stage config on AWS). */
  localLogin?: { loginCallbackPort?: number; refreshTokenSeconds?: number; now?: () => number };
  /** Receives access lines and handler failures (never bodies or headers). Default: errors to stderr. */
  log?: ApiLog;
  /** API Gateway gives an integration at most 30 s, then answers 503. */
  integrationTimeoutMs?: number;
  region?: string;
  accountId?: string;
  apiId?: string;
}

export interface ApiEmulator {
  /** e.g. "http://127.0.0.1:3000", no trailing slash. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const DEFAULT_INTEGRATION_TIMEOUT_MS = 30_000;

/** An API Gateway HTTP API (payload format 2.0, JWT authorizer) in front of in-process handlers. */
export async function startApiEmulator(options: ApiEmulatorOptions): Promise<ApiEmulator> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? logErrorsToStderr;
  // Known once the port is bound (the issuer's URL may depend on it); requests wait for `ready`.
  let authorize: ReturnType<typeof createJwtAuthorizer> | undefined;
  let localIssuer: { issuer: LocalIssuer; oauth: LocalOAuthServer } | undefined;
  let table: ReturnType<typeof createRouteTable> | undefined;
  // Requests that come before the routes are loaded wait for them; none are lost.
  let markReady!: (error?: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = (error) => (error === undefined ? resolve() : reject(asError(error)));
  });
  ready.catch(() => undefined);
  const gateway = {
    region: options.region ?? DEFAULT_REGION,
    accountId: options.accountId ?? '123456789012',
    apiId: options.apiId ?? 'localapi',
  };
  const integrationTimeoutMs = options.integrationTimeoutMs ?? DEFAULT_INTEGRATION_TIMEOUT_MS;

  async function answer(req: IncomingMessage, requestId: string, access: Partial<ApiLogEntry>): Promise<GatewayResponse> {
    await ready;
    const routeTable = table!;
    const received = await receive(req);
    if (!received) return PAYLOAD_TOO_LARGE();

    if (localIssuer) {
      const issued = await answerIssuerRequest(localIssuer.issuer, localIssuer.oauth, {
        method: received.method,
        path: received.rawPath,
        query: received.rawQueryString,
        contentType: received.headers['content-type']?.[0],
        body: received.body,
        fromLoopback: isLoopback(req.socket.remoteAddress),
      });
      if (issued) return { statusCode: issued.statusCode, headers: issued.headers, cookies: [], body: Buffer.from(issued.body) };
    }

    const match = routeTable.match(received.method, received.rawPath);
    if (!match) return received.method === 'GET' && received.rawPath === '/' ? indexPage(routeTable.routeKeys, localIssuer?.issuer) : NOT_FOUND();
    access.routeKey = match.routeKey;

    let jwt: JwtAuthorizerContext | undefined;
    if (match.route.access !== 'public') {
      const verdict = await authorize!(received.headers['authorization']?.join(','));
      if (!verdict.authorized) return UNAUTHORIZED();
      jwt = verdict.jwt;
    }

    const event = buildRequestEvent(received, match, { requestId, accountId: gateway.accountId, apiId: gateway.apiId }, jwt);
    const lambdaTimeoutSeconds = match.route.timeoutSeconds ?? FUNCTION_DEFAULTS.timeoutSeconds;
    const context = createLambdaContext({
      functionName: match.route.functionName ?? functionNameFor(match),
      timeoutSeconds: lambdaTimeoutSeconds,
      memoryMb: match.route.memoryMb ?? FUNCTION_DEFAULTS.memoryMb,
      region: gateway.region,
      accountId: gateway.accountId,
    });

    let outcome: Awaited<ReturnType<typeof invokeWithin>>;
    try {
      // Lambda ends an invocation at the function's timeout (Sandbox.Timedout): a function error,
      // which API Gateway answers with 500, as for a handler that threw.
      outcome = await invokeWithin(() => withinTimeout(() => match.route.handler(event, context), lambdaTimeoutSeconds, context), integrationTimeoutMs);
    } catch (error) {
      const timedOut = error instanceof LambdaFunctionError && error.name === SANDBOX_TIMEDOUT;
      log({ level: 'error', message: timedOut ? `function timed out after ${lambdaTimeoutSeconds} s (${SANDBOX_TIMEDOUT})` : 'handler threw', requestId, routeKey: match.routeKey, error: describe(error) });
      return INTERNAL_SERVER_ERROR();
    }
    if (outcome.timedOut) {
      log({ level: 'error', message: `integration timed out after ${integrationTimeoutMs} ms`, requestId, routeKey: match.routeKey });
      return SERVICE_UNAVAILABLE();
    }
    const mapped = mapHandlerResult(outcome.result);
    if (!mapped.ok) {
      log({ level: 'error', message: 'handler returned a malformed response', requestId, routeKey: match.routeKey, error: mapped.reason });
      return INTERNAL_SERVER_ERROR();
    }
    return mapped.response;
  }

  const server = createServer((req, res) => {
    const started = Date.now();
    const requestId = newGatewayRequestId();
    const access: Partial<ApiLogEntry> = { method: req.method, path: (req.url ?? '/').split('?')[0] };
    // Node's request listener cannot take a promise: the answer is sent from the chain, and any
    // failure of the handler has already become a 500 in the catch.
    void answer(req, requestId, access)
      .catch((error: unknown) => {
        log({ level: 'error', message: 'emulator failed', requestId, error: describe(error) });
        return INTERNAL_SERVER_ERROR();
      })
      .then((response) => {
        send(res, response, requestId);
        log({ level: 'info', message: 'request', requestId, ...access, statusCode: response.statusCode, durationMs: Date.now() - started });
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });

  try {
    if (options.localIssuer) {
      const issuer = typeof options.localIssuer === 'function' ? await options.localIssuer(url) : options.localIssuer;
      const redirects = { apiUrl: url, ...(options.localLogin?.loginCallbackPort === undefined ? {} : { loginCallbackPort: options.localLogin.loginCallbackPort }) };
      const oauth = createLocalOAuthServer(issuer, {
        callbackUris: localCallbackUris(redirects),
        signOutUris: localSignOutUris(redirects),
        ...(options.localLogin?.refreshTokenSeconds === undefined ? {} : { refreshTokenSeconds: options.localLogin.refreshTokenSeconds }),
        ...(options.localLogin?.now ? { now: options.localLogin.now } : {}),
      });
      localIssuer = { issuer, oauth };
    }
    const authorizerConfig = options.authorizer ?? authorizerOf(localIssuer?.issuer);
    authorize = authorizerConfig ? createJwtAuthorizer(authorizerConfig) : undefined;
    const routes = typeof options.routes === 'function' ? await options.routes(url) : options.routes;
    assertIssuerPathsFree(routes, Boolean(localIssuer));
    if (!authorize && routes.some((r) => r.access !== 'public')) {
      throw new Error('Staff routes need a JWT authorizer: pass `authorizer` or `localIssuer`');
    }
    table = createRouteTable(routes);
    markReady();
  } catch (error) {
    markReady(error ?? new Error('routes failed to load'));
    await close();
    throw error;
  }
  return { url, port, close };
}

async function receive(req: IncomingMessage): Promise<ReceivedRequest | undefined> {
  const receivedAt = new Date();
  const read = await readBody(req);
  if (read.tooLarge) return undefined;
  const target = req.url ?? '/';
  const queryAt = target.indexOf('?');
  return {
    method: req.method ?? 'GET',
    rawPath: queryAt < 0 ? target : target.slice(0, queryAt),
    rawQueryString: queryAt < 0 ? '' : target.slice(queryAt + 1),
    headers: stripUndefined(req.headersDistinct),
    body: read.body,
    sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
    protocol: `HTTP/${req.httpVersion}`,
    localPort: req.socket.localPort ?? 0,
    receivedAt,
  };
}

function send(res: ServerResponse, response: GatewayResponse, requestId: string): void {
  res.statusCode = response.statusCode;
  for (const [name, value] of Object.entries(response.headers)) {
    if (name !== 'content-length' && name !== 'transfer-encoding') res.setHeader(name, value);
  }
  if (response.cookies.length) {
    const fromHeaders = response.headers['set-cookie'];
    res.setHeader('set-cookie', [...(fromHeaders ? [fromHeaders] : []), ...response.cookies]);
  }
  res.setHeader('apigw-requestid', requestId);
  res.setHeader('content-length', response.body.length);
  res.end(response.body);
}

async function invokeWithin(call: () => Promise<unknown>, ms: number): Promise<{ timedOut: false; result: unknown } | { timedOut: true }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ timedOut: true }>((resolve) => {
    timer = setTimeout(() => resolve({ timedOut: true }), ms);
  });
  try {
    // Promise.resolve().then so a handler that throws synchronously still counts as a failed invocation.
    const invocation = Promise.resolve()
      .then(call)
      .then((result) => ({ timedOut: false as const, result }));
    return await Promise.race([invocation, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function indexPage(routeKeys: string[], issuer: LocalIssuer | undefined): GatewayResponse {
  const index = {
    service: 'Local twin: API Gateway HTTP API emulator (payload format 2.0, JWT authorizer)',
    routes: routeKeys,
    ...(issuer
      ? {
          issuer: issuer.issuerUrl,
          openidConfiguration: ISSUER_ENDPOINTS.openidConfiguration,
          authorize: ISSUER_ENDPOINTS.authorize,
          tokenEndpoint: ISSUER_ENDPOINTS.token,
          jwks: ISSUER_ENDPOINTS.jwks,
          token: `npm run -s token -- <role> [email]  (or POST ${LOCAL_TOKEN_PATH} {"role","email"})`,
        }
      : {}),
  };
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, cookies: [], body: Buffer.from(JSON.stringify(index, null, 2)) };
}

function assertIssuerPathsFree(routes: readonly ApiRoute[], hasLocalIssuer: boolean): void {
  if (!hasLocalIssuer) return;
  const clash = routes.find((r) => isIssuerPath(r.path));
  if (clash) throw new Error(`Route ${clash.method} ${clash.path} clashes with the local issuer's endpoints`);
}

function authorizerOf(issuer: LocalIssuer | undefined): JwtAuthorizerConfig | undefined {
  return issuer && { issuerUrl: issuer.issuerUrl, audience: issuer.audience, jwks: issuer.jwks() };
}

/** "GET /onboardings/{id}" → "GET-onboardings-id", when a route names no function. */
function functionNameFor(match: RouteMatch): string {
  return match.routeKey.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '');
}

function isLoopback(address: string | undefined): boolean {
  return !!address && (address === '::1' || /^(::ffff:)?127\./.test(address));
}

function stripUndefined(headers: NodeJS.Dict<string[]>): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(headers)) if (values) result[name] = values;
  return result;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function logErrorsToStderr(entry: ApiLogEntry): void {
  if (entry.level === 'error') process.stderr.write(`${JSON.stringify({ source: 'api-emulator', ...entry })}\n`);
}
