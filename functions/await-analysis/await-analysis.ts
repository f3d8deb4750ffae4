import type { Onboarding } from '../domain/onboarding';
import { storePendingAnalysisTask, transitionOnboarding } from '../adapters/dynamodb/onboarding-repository';
import { resumeTask } from '../adapters/sfn/task-callback';
import { ConflictError } from '../runtime/errors';
import { loadOnboarding } from '../application/onboarding-loader';
import { logger } from '../runtime/observability';

const STEP = 'AwaitAnalysis';

/**
 * Process step 2 (docs/architecture.md): the onboarding waits for its problem analysis. Keeps the task token where
 * POST /onboardings/{id}/analysis finds it. If this round's analysis is already in (it arrived
 * while the wait restarted after a reminder), resumes its own task at once.
 */
export async function awaitAnalysis(onboardingId: string, taskToken: string, now = new Date()): Promise<void> {
  let onboarding = await loadOnboarding(onboardingId);
  if (onboarding.status === 'REGISTERED') {
    onboarding = await transitionOnboarding(onboarding, 'analysisAwaited', {
      at: now.toISOString(),
      actor: { kind: 'system', step: STEP },
      detail: 'Waiting for the analysts’ problem analysis',
    });
  }
  if (onboarding.status !== 'AWAITING_ANALYSIS') {
    throw new ConflictError(`Onboarding ${onboardingId} cannot wait for an analysis in status ${onboarding.status}`);
  }
  const stored = await storePendingAnalysisTask(onboardingId, taskToken, now.toISOString());
  if (analysisIn(stored)) {
    const outcome = await resumeTask(taskToken, { analysisVersion: stored.analysisRound });
    logger.info('analysis was already in; resumed the wait', { onboardingId, outcome });
  }
}

const analysisIn = (onboarding: Onboarding) => onboarding.analysis?.version === onboarding.analysisRound;
