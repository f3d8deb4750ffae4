import { checkAnalysisAgainstIncidents, checkAnalysisAgainstLimits } from '../domain/analysis-validation';
import type { AnalysisSubmission } from '../domain/analysis';
import type { OnboardingStatus } from '../domain/onboarding';
import { findOnboarding, recordAnalysisSubmission } from '../adapters/dynamodb/onboarding-repository';
import { currentRateCard } from '../adapters/dynamodb/rate-card-repository';
import { deliverCallback } from '../application/callback-delivery';
import { ConflictError, NotFoundError, ValidationError } from '../runtime/errors';
import type { Caller } from '../runtime/http/caller';
import { logger } from '../runtime/observability';

/**
 * An analyst submits the analysis for the current round: validated against the onboarding (each
 * incident exactly once) and the current rate card's analysis limits (hours per item, quantity
 * and unit cost per material), stored as a new immutable version, and the waiting workflow
 * resumed. Anything outside is a 400 naming every offending field, and nothing is written.
 */
export async function submitAnalysis(
  onboardingId: string,
  submission: AnalysisSubmission,
  caller: Caller,
  now = new Date(),
): Promise<{ analysisVersion: number; status: OnboardingStatus }> {
  const onboarding = await findOnboarding(onboardingId);
  if (!onboarding) throw new NotFoundError(`No onboarding with id ${onboardingId}`);
  if (onboarding.status !== 'AWAITING_ANALYSIS') {
    throw new ConflictError(`Onboarding ${onboardingId} is not waiting for an analysis (status ${onboarding.status})`);
  }
  const mismatches = checkAnalysisAgainstIncidents(
    onboarding.incidents.map((incident) => incident.id),
    submission,
  );
  const { rateCard } = await currentRateCard();
  const beyond = checkAnalysisAgainstLimits(rateCard.analysisLimits, submission);
  if (mismatches.length > 0 || beyond.length > 0) {
    const what = [
      ...(mismatches.length > 0 ? ['does not match the onboarding’s incidents'] : []),
      ...(beyond.length > 0 ? ['exceeds the rate card’s analysis limits'] : []),
    ];
    throw new ValidationError([...mismatches, ...beyond], `The analysis ${what.join(' and ')}`);
  }

  const analysis = {
    version: onboarding.analysisRound,
    items: submission.items,
    ...(submission.notes ? { notes: submission.notes } : {}),
    submittedAt: now.toISOString(),
    submittedBy: { sub: caller.sub, email: caller.email },
  };
  // The transaction is the gate: of two analysts submitting at once, one wins, one gets 409.
  await recordAnalysisSubmission(onboarding, analysis);
  // Read the token after the write: the wait may have restarted (after a reminder) meanwhile.
  const updated = (await findOnboarding(onboardingId)) ?? onboarding;
  const task = updated.pendingAnalysisTask;
  // No task or a stale one: the workflow's next wait finds the analysis stored and resumes itself.
  // Undeliverable now: recorded for SweepCallbacks, and the analyst is not asked to submit again.
  const resumed = task ? await deliverCallback({ taskToken: task.taskToken, output: { analysisVersion: analysis.version }, onboardingId, purpose: 'analysis', now }) : 'stale';
  logger.info('analysis submitted', { onboardingId, analysisVersion: analysis.version, resumed });
  return { analysisVersion: analysis.version, status: updated.status };
}
