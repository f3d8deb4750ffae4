import { countNotices } from '../adapters/dynamodb/notice-repository';
import { ENV, requireEnvList } from '../runtime/env';
import { loadAgreement } from '../application/agreement-loader';
import { notifyOnce } from '../application/notifications';
import { loadOnboarding } from '../application/onboarding-loader';
import { API_URL } from '../application/api-url';
import { agreementReleaseEscalation } from '../templates/email/agreement-release-escalation';
import { agreementReleaseReminder } from '../templates/email/agreement-release-reminder';

const STEP = 'RemindRelease';
const OPERATIONS = requireEnvList(ENV.opsAddresses);

/**
 * A held offer is still waiting: remind the account manager, at most `maxReminders` times per
 * version; at the next timeout, escalate once to operations. The wait itself goes on either way.
 */
export async function remindRelease(input: { onboardingId: string; agreementVersion: number; maxReminders: number }): Promise<{ reminded: boolean; escalated: boolean }> {
  const onboarding = await loadOnboarding(input.onboardingId);
  if (onboarding.status !== 'AWAITING_RELEASE' || onboarding.releaseDecision?.agreementVersion === input.agreementVersion) {
    return { reminded: false, escalated: false };
  }
  const agreement = await loadAgreement(onboarding, input.agreementVersion);
  const version = agreement.version;
  const sent = await countNotices(onboarding.id, 'releaseReminder', version);
  if (sent < input.maxReminders) {
    const reminder = sent + 1;
    await notifyOnce(onboarding, {
      notice: { kind: 'releaseReminder', scope: version, seq: reminder },
      step: STEP,
      to: [onboarding.accountManager.email],
      render: () => agreementReleaseReminder({ onboarding, agreement, reminder, maxReminders: input.maxReminders, apiUrl: API_URL }),
      detail: `Account manager reminded of the held offer (${reminder} of ${input.maxReminders})`,
    });
    return { reminded: true, escalated: false };
  }
  const escalated = await notifyOnce(onboarding, {
    notice: { kind: 'releaseEscalated', scope: version },
    step: STEP,
    to: OPERATIONS,
    render: () => agreementReleaseEscalation({ onboarding, agreement, remindersSent: sent, heldSince: onboarding.agreement?.hold?.heldAt ?? agreement.createdAt, apiUrl: API_URL }),
    detail: `Held offer still waiting after ${sent} reminder(s): escalated to operations`,
  });
  return { reminded: false, escalated };
}
