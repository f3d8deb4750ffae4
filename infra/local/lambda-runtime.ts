import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { createLambdaContext } from './lambda-context';
import { FUNCTIONS, type FunctionSpec } from '../../functions/catalog';
import { LOCAL_ACCOUNT_ID } from './local-aws';

const ROOT = resolve(import.meta.dirname, '../..');
const DEFAULT_TIMEOUT_SECONDS = 30;
const DEFAULT_MEMORY_MB = 1024;

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** A Lambda function error as Step Functions sees it: Error = errorType, Cause = the JSON Lambda returns. */
export class LambdaFunctionError extends Error {
  constructor(errorType: string, cause: string) {
    super(cause);
    this.name = errorType;
  }
}

export function functionArn(spec: Pick<FunctionSpec, 'name'>, region: string): string {
  return `arn:aws:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${spec.name}`;
}

/** Loads the catalog's handler modules in-process, as the Lambda runtime would load the bundle. */
export async function loadHandler(spec: FunctionSpec): Promise<LambdaHandler> {
  const module = (await import(pathToFileURL(resolve(ROOT, spec.entry)).href)) as { handler?: LambdaHandler };
  if (typeof module.handler !== 'function') throw new Error(`${spec.entry} does not export a handler`);
  return module.handler;
}

/**
 * Invokes workflow functions by ARN, in-process. The result goes through JSON as Lambda's does;
 * a thrown error becomes a LambdaFunctionError with Lambda's errorType and Cause shape.
 */
export function createLambdaInvoker(region: string, load: (spec: FunctionSpec) => Promise<LambdaHandler> = loadHandler) {
  const byArn = new Map((FUNCTIONS as readonly FunctionSpec[]).map((spec) => [functionArn(spec, region), spec]));
  const handlers = new Map<string, Promise<LambdaHandler>>();
  return async function invokeLambda(arn: string, payload: unknown): Promise<unknown> {
    const spec = byArn.get(arn);
    if (!spec) throw new LambdaFunctionError('Lambda.ResourceNotFoundException', `Function not found: ${arn}`);
    if (!handlers.has(arn)) handlers.set(arn, load(spec));
    const handler = await handlers.get(arn)!;
    try {
      const result = await handler(JSON.parse(JSON.stringify(payload ?? null)), createLambdaContext({ functionName: spec.name, timeoutSeconds: spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS, memoryMb: spec.memoryMb ?? DEFAULT_MEMORY_MB, region, accountId: LOCAL_ACCOUNT_ID }));
      return result === undefined ? null : JSON.parse(JSON.stringify(result));
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      const cause = JSON.stringify({ errorType: err.name, errorMessage: err.message, trace: (err.stack ?? '').split('\n') });
      throw new LambdaFunctionError(err.name, cause);
    }
  };
}
