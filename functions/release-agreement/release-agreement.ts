import type { ReleaseDecision } from '../domain/onboarding';
import { findOnboarding, recordReleaseDecision } from '../adapters/dynamodb/onboarding-repository';
import { deliverCallback } from '../application/callback-delivery';
import { ConflictError, NotFoundError } from '../runtime/errors';
import type { Caller } from '../runtime/http/caller';
import { logger } from '../runtime/observability';

/**
 * A signed-in account manager or admin releases the held offer to the client, or returns it to
 * the analysts with a comment. Stored once on the aggregate (of two people acting at once, one
 * wins, the other gets 409), then the waiting workflow is resumed; ApplyRelease does the rest.
 */
export async function decideRelease(
  onboardingId: string,
  choice: { action: ReleaseDecision['action']; comment?: string },
  caller: Caller,
  now = new Date(),
): Promise<{ agreementVersion: number; action: ReleaseDecision['action'] }> {
  const onboarding = await findOnboarding(onboardingId);
  if (!onboarding) throw new NotFoundError(`No onboarding with id ${onboardingId}`);
  const version = onboarding.agreement?.version;
  if (onboarding.status !== 'AWAITING_RELEASE' || version === undefined) {
    throw new ConflictError(`Onboarding ${onboardingId} has no offer waiting for release (status ${onboarding.status})`);
  }
  const decision: ReleaseDecision = {
    agreementVersion: version,
    action: choice.action,
    by: { sub: caller.sub, email: caller.email },
    at: now.toISOString(),
    ...(choice.comment ? { comment: choice.comment } : {}),
  };
  const stored = await recordReleaseDecision(onboardingId, decision);
  if (!stored) throw new ConflictError(`Agreement version ${version} of ${onboardingId} was already released or returned`);
  // No task, or a stale one (the wait restarted after a reminder): the next wait finds the choice and resumes itself.
  // Undeliverable now: recorded for SweepCallbacks, and the choice stands (no 503 asking to repeat it).
  const resumed =
    stored.releaseTask?.agreementVersion === version
      ? await deliverCallback({ taskToken: stored.releaseTask.taskToken, output: { action: decision.action }, onboardingId, purpose: 'release', now })
      : 'stale';
  logger.info('release choice recorded', { onboardingId, agreementVersion: version, action: decision.action, resumed });
  return { agreementVersion: version, action: decision.action };
}
