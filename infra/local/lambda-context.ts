import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

export interface LambdaContextInput {
  functionName: string;
  timeoutSeconds: number;
  /** Reported as `memoryLimitInMB`, not enforced: the twin runs every handler in one process. */
  memoryMb: number;
  region: string;
  accountId: string;
  /** The version that runs ('$LATEST' when invoked unqualified), and the qualifier it was invoked with. */
  version?: string;
  qualifier?: string;
}

/** A Lambda `Context` like the Node.js runtime's; the clock starts when the invocation does. */
export function createLambdaContext(input: LambdaContextInput): Context {
  const deadline = Date.now() + input.timeoutSeconds * 1000;
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
  const version = input.version ?? '$LATEST';
  const callbackStyle = (): never => {
    throw new Error('done/fail/succeed are not available to async handlers; return or throw instead');
  };
  const unqualifiedArn = `arn:aws:lambda:${input.region}:${input.accountId}:function:${input.functionName}`;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: input.functionName,
    functionVersion: version,
    invokedFunctionArn: input.qualifier === undefined ? unqualifiedArn : `${unqualifiedArn}:${input.qualifier}`,
    memoryLimitInMB: String(input.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${input.functionName}`,
    logStreamName: `${day}/[${version}]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: callbackStyle,
    fail: callbackStyle,
    succeed: callbackStyle,
  };
}
