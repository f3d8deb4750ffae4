import { isTerminal } from '../domain/lifecycle';
import { findOnboarding, transitionOnboarding } from '../adapters/dynamodb/onboarding-repository';
import { sendEmail } from '../adapters/ses/mailer';
import { ENV, requireEnvList } from '../runtime/env';
import { notifyOnce } from '../application/notifications';
import { logger } from '../runtime/observability';
import { failureAlert } from '../templates/email/failure-alert';

const STEP = 'HandleFailure';
const OPERATIONS = requireEnvList(ENV.opsAddresses);

/**
 * A step failed after its retries: mark the onboarding FAILED and alert operations. Only the
 * error name is logged and stored; the cause may quote data and is left to the execution history.
 */
export async function handleFailure(onboardingId: string, failure: { Error: string }, now = new Date()): Promise<void> {
  const at = now.toISOString();
  const alert = () => failureAlert({ onboardingId, error: failure.Error, at, executionHint: `execution named ${onboardingId}` });
  logger.error('onboarding failed', { onboardingId, error: failure.Error });

  let onboarding = await findOnboarding(onboardingId);
  if (!onboarding) {
    await sendEmail({ to: OPERATIONS, ...alert() });
    return;
  }
  if (!isTerminal(onboarding.status)) {
    onboarding = await transitionOnboarding(
      onboarding,
      'failed',
      { at, actor: { kind: 'system', step: STEP }, detail: `A step failed with ${failure.Error}` },
      { failure: { error: failure.Error, at } },
    );
  }
  await notifyOnce(onboarding, {
    notice: { kind: 'operationsAlerted' },
    step: STEP,
    to: OPERATIONS,
    render: alert,
    detail: 'Operations alerted',
  });
}
