import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { observeInvocation } from './invocation-probe';
import { createLambdaContext } from './lambda-context';
import { FUNCTIONS, functionLimits, type FunctionSpec } from '../../functions/catalog';
import { LOCAL_ACCOUNT_ID } from './local-aws';
import { executedVersionOf, parseLambdaFunctionArn, TWIN_VERSION } from './stepfunctions/arns';

const ROOT = resolve(import.meta.dirname, '../..');

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** A Lambda function error as Step Functions sees it: Error = errorType, Cause = the JSON Lambda returns. */
export class LambdaFunctionError extends Error {
  constructor(errorType: string, cause: string) {
    super(cause);
    this.name = errorType;
  }
}

/** Lambda's error for an invocation that outlived the function's timeout. */
export const SANDBOX_TIMEDOUT = 'Sandbox.Timedout';

export function functionArn(spec: Pick<FunctionSpec, 'name'>, region: string): string {
  return `arn:aws:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${spec.name}`;
}

/** The ARN of the version the twin publishes (1), which the ASL names as CDK's substitutions do. */
export function functionVersionArn(spec: Pick<FunctionSpec, 'name'>, region: string): string {
  return `${functionArn(spec, region)}:${TWIN_VERSION}`;
}

/** Loads the catalog's handler modules in-process, as the Lambda runtime would load the bundle. */
export async function loadHandler(spec: FunctionSpec): Promise<LambdaHandler> {
  const module = (await import(pathToFileURL(resolve(ROOT, spec.entry)).href)) as { handler?: LambdaHandler };
  if (typeof module.handler !== 'function') throw new Error(`${spec.entry} does not export a handler`);
  return module.handler;
}

/**
 * Invokes workflow functions by ARN, in-process. Any qualifier (a version, `$LATEST`, an alias) runs
 * the current handler: the twin holds one version of the code. The result goes through JSON as
 * Lambda's does; a thrown error becomes a LambdaFunctionError with Lambda's errorType and Cause
 * shape. An invocation that outlives the function's timeout (catalog default or its own), counted
 * from after the module has loaded as Lambda bills it, fails with Sandbox.Timedout; the handler's
 * promise is left to itself, as the twin cannot freeze a sandbox. `functions` replaces the catalog
 * in tests.
 */
export function createLambdaInvoker(
  region: string,
  load: (spec: FunctionSpec) => Promise<LambdaHandler> = loadHandler,
  functions: readonly FunctionSpec[] = FUNCTIONS,
) {
  const byName = new Map(functions.map((spec) => [spec.name, spec]));
  const handlers = new Map<string, Promise<LambdaHandler>>();
  return async function invokeLambda(arn: string, payload: unknown): Promise<unknown> {
    const parsed = parseLambdaFunctionArn(arn);
    const spec = parsed && arn.startsWith(functionArn({ name: parsed.functionName }, region)) ? byName.get(parsed.functionName) : undefined;
    if (!parsed || !spec) throw new LambdaFunctionError('Lambda.ResourceNotFoundException', `Function not found: ${arn}`);
    if (!handlers.has(spec.name)) handlers.set(spec.name, load(spec));
    const handler = await handlers.get(spec.name)!;
    const { timeoutSeconds, memoryMb } = functionLimits(spec);
    const context = createLambdaContext({
      functionName: spec.name,
      timeoutSeconds,
      memoryMb,
      region,
      accountId: LOCAL_ACCOUNT_ID,
      version: executedVersionOf(arn),
      ...(parsed.qualifier === undefined ? {} : { qualifier: parsed.qualifier }),
    });
    try {
      const result = await withinTimeout(() => handler(JSON.parse(JSON.stringify(payload ?? null)), context), timeoutSeconds, context);
      return result === undefined ? null : JSON.parse(JSON.stringify(result));
    } catch (error) {
      if (error instanceof LambdaFunctionError) throw error;
      const err = error instanceof Error ? error : new Error(String(error));
      const cause = JSON.stringify({ errorType: err.name, errorMessage: err.message, trace: (err.stack ?? '').split('\n') });
      throw new LambdaFunctionError(err.name, cause);
    }
  };
}

/**
 * Runs `call` as the invocation `context` describes (observed: see invocation-probe.ts), or fails
 * with Sandbox.Timedout and Lambda's message once `timeoutSeconds` have passed.
 */
export async function withinTimeout<T>(call: () => Promise<T>, timeoutSeconds: number, context: Context): Promise<T> {
  const requestId = context.awsRequestId;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const errorMessage = `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;
      reject(new LambdaFunctionError(SANDBOX_TIMEDOUT, JSON.stringify({ errorType: SANDBOX_TIMEDOUT, errorMessage })));
    }, timeoutSeconds * 1000);
  });
  try {
    // Promise.resolve().then: a handler that throws synchronously still fails as an invocation.
    return await Promise.race([observeInvocation(context, () => Promise.resolve().then(call)), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
