import { onboardingsInStatusBefore } from '../adapters/dynamodb/onboarding-repository';
import { startOnboardingExecution } from '../adapters/sfn/workflow-starter';
import { workflowPolicy, type OnboardingExecutionInput } from '../application/workflow-input';
import { logger } from '../runtime/observability';

/**
 * How long an intake may stay RECEIVED before it counts as stranded. Its execution registers it
 * within seconds; minutes of RECEIVED mean the start never happened (a crash or an outage between
 * the write and StartExecution, and no replay by the caller).
 */
export const STRANDED_AFTER_MINUTES = 5;

export interface StrandedSweepSummary {
  started: number;
  failed: number;
}

/**
 * Starts the execution of every intake still RECEIVED since before the cut-off, found through the
 * status index (a key range, no Scan), with the very name and input CreateOnboarding gives it.
 * Step Functions makes that idempotent: an execution that did start (running, same input) is the
 * same execution, and one that already closed answers ExecutionAlreadyExists, which counts as
 * started. One failed start does not stop the others; the next sweep tries it again.
 */
export async function startStrandedIntakes(now: string): Promise<StrandedSweepSummary> {
  const cutOff = new Date(Date.parse(now) - STRANDED_AFTER_MINUTES * 60_000).toISOString();
  const stranded = await onboardingsInStatusBefore('RECEIVED', cutOff);
  const summary: StrandedSweepSummary = { started: 0, failed: 0 };
  for (const { id } of stranded) {
    const input: OnboardingExecutionInput = { onboardingId: id, policy: workflowPolicy() };
    try {
      await startOnboardingExecution(id, input);
      summary.started += 1;
      logger.warn('stranded intake started', { onboardingId: id });
    } catch (error) {
      summary.failed += 1;
      logger.error('stranded intake could not be started', { onboardingId: id, error: error instanceof Error ? error.name : 'unknown' });
    }
  }
  return summary;
}
