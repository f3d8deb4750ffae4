import { TERMINAL_STATUSES } from '../domain/onboarding';
import { findOnboarding, transitionOnboarding } from '../adapters/dynamodb/onboarding-repository';
import { sendEmail } from '../adapters/ses/mailer';
import { ENV, requireEnvList } from '../shared/env';
import { notifyOnce } from '../shared/notifications';
import { logger } from '../shared/observability';
import { failureAlert } from '../templates/email/failure-alert';

const STAGE = 'HandleFailure';

/**
 * A stage failed after its retries: mark the onboarding FAILED and alert operations. Only the
 * error name is logged and stored; the cause may quote data and is left to the execution history.
 */
export async function handleFailure(onboardingId: string, failure: { Error: string }, now = new Date()): Promise<void> {
  const at = now.toISOString();
  const alert = () => failureAlert({ onboardingId, error: failure.Error, at, executionHint: `execution named ${onboardingId}` });
  logger.error('onboarding failed', { onboardingId, error: failure.Error });

  let onboarding = await findOnboarding(onboardingId);
  if (!onboarding) {
    await sendEmail({ to: requireEnvList(ENV.opsAddresses), ...alert() });
    return;
  }
  if (!TERMINAL_STATUSES.includes(onboarding.status)) {
    onboarding = await transitionOnboarding(
      onboarding,
      'FAILED',
      { at, type: 'FAILED', actor: { kind: 'system', stage: STAGE }, detail: `A stage failed with ${failure.Error}` },
      { failure: { error: failure.Error, at } },
    );
  }
  await notifyOnce(onboarding, {
    name: 'OPERATIONS_ALERTED',
    stage: STAGE,
    to: requireEnvList(ENV.opsAddresses),
    render: alert,
    detail: 'Operations alerted',
  });
}
