import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context } from 'aws-lambda';

/**
 * What the twin knows about each invocation, for whoever measures it (`npm run bench` counts
 * invocations, their duration, their log bytes and their DynamoDB requests per function). Handlers
 * know nothing of it: the twin runs every invocation inside `observeInvocation`, and code running on
 * the handler's behalf (an SDK middleware, a write to stdout) can ask `invokedFunction()` whose
 * invocation it belongs to.
 */
export interface Invocation {
  functionName: string;
  memoryMb: number;
  /** From the handler's call to its settled promise, in milliseconds (Lambda bills this, rounded up). */
  durationMs: number;
  failed: boolean;
}

const current = new AsyncLocalStorage<string>();
const listeners = new Set<(invocation: Invocation) => void>();

/** The function whose invocation the calling code runs in; undefined outside every invocation. */
export function invokedFunction(): string | undefined {
  return current.getStore();
}

/** Calls `listener` after every invocation until the returned function is called. */
export function onInvocation(listener: (invocation: Invocation) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Runs one invocation's handler call, attributed to its function, and reports it when it settles. */
export async function observeInvocation<T>(context: Context, call: () => Promise<T>): Promise<T> {
  const started = process.hrtime.bigint();
  let failed = true;
  try {
    const result = await current.run(context.functionName, call);
    failed = false;
    return result;
  } finally {
    if (listeners.size > 0) {
      const invocation: Invocation = {
        functionName: context.functionName,
        memoryMb: Number(context.memoryLimitInMB),
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        failed,
      };
      for (const listener of listeners) listener(invocation);
    }
  }
}
