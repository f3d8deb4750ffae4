import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

export interface LambdaContextInput {
  functionName: string;
  timeoutSeconds: number;
  memoryMb: number;
  region: string;
  accountId: string;
}

/** A Lambda `Context` like the Node.js runtime's; the clock starts when the invocation does. */
export function createLambdaContext(input: LambdaContextInput): Context {
  const deadline = Date.now() + input.timeoutSeconds * 1000;
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
  const callbackStyle = (): never => {
    throw new Error('done/fail/succeed are not available to async handlers; return or throw instead');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: input.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${input.region}:${input.accountId}:function:${input.functionName}`,
    memoryLimitInMB: String(input.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${input.functionName}`,
    logStreamName: `${day}/[$LATEST]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: callbackStyle,
    fail: callbackStyle,
    succeed: callbackStyle,
  };
}
