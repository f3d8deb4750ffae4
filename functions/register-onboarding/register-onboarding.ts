import { primaryContact, type OnboardingStatus } from '../domain/onboarding';
import { transitionOnboarding } from '../adapters/dynamodb/onboarding-repository';
import { ENV, requireEnvList } from '../runtime/env';
import { notifyOnce } from '../application/notifications';
import { loadOnboarding } from '../application/onboarding-loader';
import { logger } from '../runtime/observability';
import { API_URL } from '../application/api-url';
import { analystNotification } from '../templates/email/analyst-notification';
import { registrationConfirmation } from '../templates/email/registration-confirmation';

const STEP = 'RegisterOnboarding';
const ANALYSTS = requireEnvList(ENV.analystAddresses);

/**
 * Registration, the end of process step 1 (docs/architecture.md): RECEIVED → REGISTERED, confirm to the client's primary contact in the
 * client's language, notify the analysts. Idempotent: a retry finishes what a crash left undone.
 */
export async function registerOnboarding(onboardingId: string, now = new Date()): Promise<{ status: OnboardingStatus }> {
  let onboarding = await loadOnboarding(onboardingId);
  if (onboarding.status === 'RECEIVED') {
    onboarding = await transitionOnboarding(onboarding, 'registered', {
      at: now.toISOString(),
      actor: { kind: 'system', step: STEP },
      detail: 'Intake registered',
    });
  } else if (onboarding.status !== 'REGISTERED') {
    logger.info('registration already behind this onboarding', { onboardingId, status: onboarding.status });
    return { status: onboarding.status };
  }

  const registered = onboarding;
  await notifyOnce(registered, {
    notice: { kind: 'clientConfirmation' },
    step: STEP,
    to: [primaryContact(registered).email],
    render: () => registrationConfirmation(registered),
    detail: `Registration confirmation e-mailed to the primary contact (${registered.client.locale})`,
  });
  await notifyOnce(registered, {
    notice: { kind: 'analystsNotified' },
    step: STEP,
    to: ANALYSTS,
    render: () => analystNotification({ onboarding: registered, apiUrl: API_URL }),
    detail: 'Analysts notified to start the problem analysis',
  });
  return { status: 'REGISTERED' };
}
