import { storeMonitoringTask } from '../adapters/dynamodb/onboarding-repository';
import { resumeTask } from '../adapters/sfn/task-callback';
import { logger } from '../runtime/observability';

/**
 * The monitoring wait: keeps its task token on the onboarding, where a new problem report finds it
 * and sends it back. A problem that came in between the start of monitoring and this moment is
 * already counted as pending: then the wait resumes itself at once.
 */
export async function awaitMonitoring(input: { onboardingId: string; taskToken: string; now: string }): Promise<void> {
  const stored = await storeMonitoringTask(input.onboardingId, input.taskToken, input.now);
  if ((stored.pendingProblems ?? 0) > 0) {
    const outcome = await resumeTask(input.taskToken, { problemPending: true });
    logger.info('a problem is pending already; resumed the monitoring wait', { onboardingId: input.onboardingId, outcome });
  }
}
