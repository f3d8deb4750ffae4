import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import type { HttpMethod, HttpRoute } from '../../../functions/catalog';

/** Staff routes get the JWT authorizer's event; public routes get one without `authorizer`. */
export type HttpApiEvent = APIGatewayProxyEventV2 | APIGatewayProxyEventV2WithJWTAuthorizer;

/**
 * A Lambda handler as the emulator calls it. Declared as a method so a handler typed for only one
 * of the two event shapes still fits (method parameters are bivariant); the result is `unknown`
 * because the emulator checks it as API Gateway does instead of trusting a type.
 */
export type HttpApiHandler = {
  invoke(event: HttpApiEvent, context: Context): Promise<unknown>;
}['invoke'];

export interface ApiRoute {
  method: HttpMethod | 'ANY';
  /** API Gateway route path with `{param}` (and trailing `{param+}`) placeholders. */
  path: string;
  access: HttpRoute['access'];
  handler: HttpApiHandler;
  /** Lambda function name shown in the context; defaults to one derived from the route. */
  functionName?: string;
  /** Lambda timeout behind `context.getRemainingTimeInMillis()`; defaults to 30. */
  timeoutSeconds?: number;
  memoryMb?: number;
}

export interface ApiLogEntry {
  level: 'info' | 'error';
  message: string;
  requestId?: string;
  routeKey?: string;
  method?: string;
  path?: string;
  statusCode?: number;
  durationMs?: number;
  /** Error stack or reason; never request bodies or headers. */
  error?: string;
}

export type ApiLog = (entry: ApiLogEntry) => void;
