import { createHash } from 'node:crypto';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { CallbackPurpose, PendingCallback } from '../domain/pending-callback';
import { markCallbackSettled, recordPendingCallback } from '../adapters/dynamodb/callback-repository';
import { resumeTask } from '../adapters/sfn/task-callback';
import { TransientDependencyError } from '../runtime/errors';
import { logger, metrics } from '../runtime/observability';

export type DeliveryOutcome = 'resumed' | 'stale' | 'deferred';

/** A short name for the task token in logs and keys: its hash, never the token itself. */
export const callbackIdOf = (taskToken: string) => createHash('sha256').update(taskToken).digest('hex').slice(0, 32);

/**
 * Sends an answer that is already stored to its waiting step, so that nothing stored is left
 * undelivered: the callback is recorded first (CALLBACK#PENDING), then sent with retries. Once Step
 * Functions took it, or said no task waits on the token (the waiting step finds the stored answer
 * itself), it is marked settled. If every attempt failed, it stays recorded for the SweepCallbacks
 * sweep, and the caller answers as on success: the answer is stored, nobody has to repeat it.
 *
 * The record is written after the answer, not in its transaction: each caller reads the task
 * token after its write, because a wait restarting after a timeout may rotate it meanwhile. A
 * crash between the two leaves the answer stored, and the next wait finds it.
 */
export async function deliverCallback(input: {
  taskToken: string;
  output: Record<string, unknown>;
  onboardingId: string;
  purpose: CallbackPurpose;
  now?: Date;
}): Promise<DeliveryOutcome> {
  const callback: PendingCallback = {
    callbackId: callbackIdOf(input.taskToken),
    taskToken: input.taskToken,
    output: input.output,
    onboardingId: input.onboardingId,
    purpose: input.purpose,
    createdAt: (input.now ?? new Date()).toISOString(),
  };
  await recordPendingCallback(callback);
  let outcome: 'resumed' | 'stale';
  try {
    outcome = await resumeTask(callback.taskToken, callback.output);
  } catch (error) {
    if (!(error instanceof TransientDependencyError)) throw error;
    // Ids and the purpose only: the output may carry what a person wrote, the token is a credential.
    logger.warn('callback not delivered; SweepCallbacks delivers it', { onboardingId: callback.onboardingId, purpose: callback.purpose, callbackId: callback.callbackId, error: error.message });
    metrics.addMetric('CallbackDeferred', MetricUnit.Count, 1);
    return 'deferred';
  }
  await settleQuietly(callback);
  return outcome;
}

/** Delivered is what counts; a settled mark that did not stick only makes the sweep send it once more, and hear "stale". */
async function settleQuietly(callback: PendingCallback): Promise<void> {
  try {
    await markCallbackSettled(callback, new Date().toISOString());
  } catch (error) {
    logger.warn('could not mark a delivered callback settled; the sweep will find its token stale', { onboardingId: callback.onboardingId, purpose: callback.purpose, error: (error as Error).name });
  }
}
