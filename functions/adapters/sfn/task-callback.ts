import { isTransient, rethrowTransient } from '../../runtime/errors';
import { onFirstUse } from '../on-first-use';

// One attempt per call: the back-off below is the whole retry policy, so its total time is known.
// Loaded on first use (on-first-use.ts says why).
const sfn = onFirstUse(async () => {
  const sdk = await import('@aws-sdk/client-sfn');
  return { sdk, client: new sdk.SFNClient({ maxAttempts: 1 }) };
});

/** The waiting task is gone (timed out into a reminder, or finished): the answer stays recorded. */
const STALE_TOKEN_ERRORS = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

/**
 * Attempts and back-off of one callback: full jitter on 100, 200, 400 ms, so at most about 0.7 s
 * of waiting in all, well inside any function's timeout; what still fails is the caller's to defer.
 */
export const CALLBACK_RETRY = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 } as const;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Resumes a waiting task. 'stale' means no task waits on this token any more: the answer is
 * already stored, and the next waiting task finds it there and resumes itself. A transient
 * failure is tried again with back-off and jitter; after the last attempt it is a
 * TransientDependencyError.
 */
export async function resumeTask(taskToken: string, output: Record<string, unknown>): Promise<'resumed' | 'stale'> {
  const { sdk, client } = await sfn();
  for (let attempt = 1; ; attempt++) {
    try {
      await client.send(new sdk.SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
      return 'resumed';
    } catch (error) {
      if (error instanceof Error && STALE_TOKEN_ERRORS.has(error.name)) return 'stale';
      if (!isTransient(error) || attempt >= CALLBACK_RETRY.attempts) rethrowTransient('Step Functions', error);
      const ceiling = Math.min(CALLBACK_RETRY.maxDelayMs, CALLBACK_RETRY.baseDelayMs * 2 ** (attempt - 1));
      await sleep(Math.random() * ceiling);
    }
  }
}
