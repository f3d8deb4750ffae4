import { storeReleaseTask } from '../adapters/dynamodb/onboarding-repository';
import { resumeTask } from '../adapters/sfn/task-callback';
import { loadAgreement } from '../application/agreement-loader';
import { notifyOnce } from '../application/notifications';
import { loadOnboarding } from '../application/onboarding-loader';
import { ConflictError } from '../runtime/errors';
import { logger } from '../runtime/observability';
import { agreementReleaseRequest } from '../templates/email/agreement-release-request';
import { API_URL } from '../application/api-url';

const STEP = 'AwaitRelease';

/**
 * AWAITING_RELEASE: the held offer waits for a signed-in account manager or admin. The account
 * manager is e-mailed its totals and lines and the calls that act on it (there is no public link).
 * The task token is kept where the release route finds it; a choice made while the wait restarted
 * after a reminder resumes the new wait at once.
 */
export async function awaitRelease(input: { onboardingId: string; agreementVersion: number; taskToken: string }, now = new Date()): Promise<void> {
  const onboarding = await loadOnboarding(input.onboardingId);
  if (onboarding.status !== 'AWAITING_RELEASE') {
    throw new ConflictError(`Onboarding ${onboarding.id} cannot wait for a release in status ${onboarding.status}`);
  }
  const agreement = await loadAgreement(onboarding, input.agreementVersion);
  const stored = await storeReleaseTask(onboarding.id, agreement.version, input.taskToken, now.toISOString());

  const decided = stored.releaseDecision;
  if (decided?.agreementVersion === agreement.version) {
    const outcome = await resumeTask(input.taskToken, { action: decided.action });
    logger.info('release choice was already in; resumed the wait', { onboardingId: onboarding.id, outcome });
    return;
  }
  await notifyOnce(onboarding, {
    notice: { kind: 'releaseRequested', scope: agreement.version },
    step: STEP,
    to: [onboarding.accountManager.email],
    render: () => agreementReleaseRequest({ onboarding, agreement, reasons: onboarding.agreement?.hold?.reasons ?? [], apiUrl: API_URL }),
    detail: `Account manager asked to release agreement version ${agreement.version}`,
  });
}
