import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import type { Context } from 'aws-lambda';
import type * as z from 'zod';
import { logger, metrics } from './observability';

/**
 * Wraps a workflow step: the payload the ASL passes is parsed with zod at the edge (a bad payload
 * throws ParseError, which the ASL catches), logger context and metrics flush. Errors propagate:
 * their name becomes the Lambda's errorType, which the ASL's Retry/Catch match on.
 */
export function stepHandler<S extends z.ZodType, R>(schema: S, run: (input: z.output<S>, context: Context) => Promise<R>) {
  return middy<z.output<S>, R, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(parser({ schema }))
    .handler(async (input, context) => run(input, context));
}
