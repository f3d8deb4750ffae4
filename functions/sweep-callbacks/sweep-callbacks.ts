import type { PendingCallback } from '../domain/pending-callback';
import { callbacksRecordedBefore, deletePendingCallback } from '../adapters/dynamodb/callback-repository';
import { resumeTask } from '../adapters/sfn/task-callback';
import { TransientDependencyError } from '../runtime/errors';
import { logger } from '../runtime/observability';

/** A route delivers its own callback within its request: the sweep leaves the younger ones to it. */
export const SWEEP_AFTER_MS = 60_000;
/** A callback is only started with this much of the invocation left; the rest waits for the next sweep. */
const RESERVE_MS = 2_000;

export interface CallbackSweepSummary {
  /** Recorded callbacks older than a minute that this sweep looked at. */
  checked: number;
  /** Sent now: their waiting step resumed. */
  delivered: number;
  /** No task waits on the token any more (timed out into a reminder, or finished): the waiting step found the stored answer itself. */
  stale: number;
  /** Delivered or settled earlier, and now removed. */
  removed: number;
  /** Step Functions still refused them (transiently): kept for the next sweep. */
  deferred: number;
  /** Refused for good (neither transient nor stale): removed and logged, as sending again cannot help. */
  failed: number;
}

/**
 * Delivers every callback a route recorded and could not send (analysis, release or return,
 * client decision, ticket resolution, a new problem waking monitoring, a technician waking an
 * assignment), oldest first, and removes the settled ones. Idempotent: a callback delivered twice
 * meets a task that no longer waits, which Step Functions answers as stale.
 */
export async function sweepCallbacks(clock: { now: string; remainingMs: () => number }): Promise<CallbackSweepSummary> {
  const cutoff = new Date(Date.parse(clock.now) - SWEEP_AFTER_MS).toISOString();
  const summary: CallbackSweepSummary = { checked: 0, delivered: 0, stale: 0, removed: 0, deferred: 0, failed: 0 };
  for (const callback of await callbacksRecordedBefore(cutoff)) {
    if (clock.remainingMs() < RESERVE_MS) break;
    summary.checked += 1;
    summary[await sweepOne(callback)] += 1;
  }
  logger.info('callbacks swept', { ...summary });
  return summary;
}

async function sweepOne(callback: PendingCallback): Promise<'delivered' | 'stale' | 'removed' | 'deferred' | 'failed'> {
  const about = { onboardingId: callback.onboardingId, purpose: callback.purpose, callbackId: callback.callbackId };
  if (callback.settledAt) {
    await deletePendingCallback(callback);
    return 'removed';
  }
  let outcome: 'delivered' | 'stale' | 'failed';
  try {
    outcome = (await resumeTask(callback.taskToken, callback.output)) === 'resumed' ? 'delivered' : 'stale';
  } catch (error) {
    if (error instanceof TransientDependencyError) {
      logger.warn('callback still not delivered; the next sweep tries again', { ...about, error: error.message });
      return 'deferred';
    }
    // Not the kind of failure a repeat cures; the waiting step's own timeout finds the stored answer.
    logger.error('callback refused by Step Functions; removed', { ...about, error: error instanceof Error ? error.name : 'unknown error' });
    outcome = 'failed';
  }
  await deletePendingCallback(callback);
  logger.info('callback swept', { ...about, outcome });
  return outcome;
}
