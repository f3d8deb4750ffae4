import { primaryContact } from '../domain/onboarding';
import { revokeLink } from '../adapters/dynamodb/link-repository';
import { countNotices } from '../adapters/dynamodb/notice-repository';
import { transitionOnboarding } from '../adapters/dynamodb/onboarding-repository';
import { currentAgreementLink } from '../application/agreement-client-link';
import { loadAgreement } from '../application/agreement-loader';
import { notifyOnce } from '../application/notifications';
import { loadOnboarding } from '../application/onboarding-loader';
import { API_URL } from '../application/api-url';
import { agreementExpiredClientNote, agreementExpiredNotice } from '../templates/email/agreement-expired';

const STEP = 'ExpireAgreement';

/**
 * The reminders are used up: the link stops working (410), the onboarding is EXPIRED and the
 * account manager is told. If the client decided a moment before, nothing expires.
 */
export async function expireAgreement(input: { onboardingId: string; agreementVersion: number }, now = new Date()): Promise<{ expired: boolean }> {
  let onboarding = await loadOnboarding(input.onboardingId);
  const agreement = await loadAgreement(onboarding, input.agreementVersion);
  const link = await currentAgreementLink(onboarding);
  if (!(await revokeLink(link.tokenHash, now.toISOString()))) return { expired: false };

  if (onboarding.status === 'AGREEMENT_SENT') {
    onboarding = await transitionOnboarding(onboarding, 'agreementExpired', {
      at: now.toISOString(),
      actor: { kind: 'system', step: STEP },
      detail: `No decision on agreement version ${agreement.version}; the link no longer works`,
    });
  }
  const remindersSent = await countNotices(onboarding.id, 'agreementReminder', agreement.version);
  const expired = onboarding;
  await notifyOnce(expired, {
    notice: { kind: 'accountManagerToldExpired' },
    step: STEP,
    to: [expired.accountManager.email],
    render: () => agreementExpiredNotice({ onboarding: expired, agreement, remindersSent, apiUrl: API_URL }),
    detail: 'Account manager told the agreement expired',
  });
  await notifyOnce(expired, {
    notice: { kind: 'clientToldExpired' },
    step: STEP,
    to: [primaryContact(expired).email],
    render: () => agreementExpiredClientNote({ onboarding: expired, agreement }),
    detail: 'Client told the offer lapsed',
  });
  return { expired: true };
}
