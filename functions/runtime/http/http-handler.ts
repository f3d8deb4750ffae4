import middy, { type MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { logger, metrics } from '../observability';
import { ForbiddenError } from '../errors';
import { authorize, type Caller } from './caller';
import { internalProblem, problemFor, problemResponse } from './problem';

export type HttpResult = APIGatewayProxyStructuredResultV2;

export interface HttpRequest {
  event: APIGatewayProxyEventV2;
  /** Present on staff routes (the role is already checked); undefined on public ones. */
  caller: Caller | undefined;
}

/** Maps named errors to problem+json; anything unknown is logged (name and stack only) and 500. */
const problemDetails = (): MiddlewareObj<APIGatewayProxyEventV2, HttpResult> => ({
  onError: (request) => {
    const problem = problemFor(request.error);
    if (problem) {
      logger.info('request rejected', { status: problem.status, problem: problem.type });
      request.response = problemResponse(problem);
      return;
    }
    logger.error('request failed', { error: request.error });
    request.response = problemResponse(internalProblem());
  },
});

/**
 * Wraps an HTTP use case: logger context, metrics flush, role check from the catalog, and error
 * mapping. Handlers stay one line: `export const handler = httpHandler(async ({event, caller}) => ...)`.
 */
export function httpHandler(run: (request: HttpRequest) => Promise<HttpResult>) {
  return middy<APIGatewayProxyEventV2, HttpResult, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(problemDetails())
    .handler(async (event) => run({ event, caller: authorize(event) }));
}

/** A staff route: the catalog gives it a role list, so `authorize` always yields a caller. */
export function staffHandler(run: (request: HttpRequest & { caller: Caller }) => Promise<HttpResult>) {
  return httpHandler(async (request) => {
    if (!request.caller) throw new ForbiddenError('This route is for staff');
    return run({ ...request, caller: request.caller });
  });
}

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}
