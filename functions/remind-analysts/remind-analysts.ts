import { countNotices } from '../adapters/dynamodb/notice-repository';
import { ENV, requireEnvList } from '../runtime/env';
import { notifyOnce } from '../application/notifications';
import { loadOnboarding } from '../application/onboarding-loader';
import { API_URL } from '../application/api-url';
import { analysisEscalation } from '../templates/email/analysis-escalation';
import { analysisReminder } from '../templates/email/analysis-reminder';

const STEP = 'RemindAnalysts';
const ANALYSTS = requireEnvList(ENV.analystAddresses);

/**
 * The analysis is overdue: remind the analysts, at most `maxReminders` times per round; at the
 * next timeout, escalate once to the account manager. The wait itself goes on either way.
 */
export async function remindAnalysts(onboardingId: string, maxReminders: number): Promise<{ reminded: boolean; escalated: boolean }> {
  const onboarding = await loadOnboarding(onboardingId);
  if (onboarding.status !== 'AWAITING_ANALYSIS' || onboarding.analysis?.version === onboarding.analysisRound) {
    return { reminded: false, escalated: false };
  }
  const round = onboarding.analysisRound;
  const sent = await countNotices(onboardingId, 'analysisReminder', round);
  if (sent < maxReminders) {
    const reminder = sent + 1;
    await notifyOnce(onboarding, {
      notice: { kind: 'analysisReminder', scope: round, seq: reminder },
      step: STEP,
      to: ANALYSTS,
      render: () => analysisReminder({ onboarding, reminder, maxReminders, apiUrl: API_URL }),
      detail: `Analysts reminded (${reminder} of ${maxReminders})`,
    });
    return { reminded: true, escalated: false };
  }
  const escalated = await notifyOnce(onboarding, {
    notice: { kind: 'analysisEscalated', scope: round },
    step: STEP,
    to: [onboarding.accountManager.email],
    render: () => analysisEscalation({ onboarding, remindersSent: sent, apiUrl: API_URL }),
    detail: `Analysis overdue after ${sent} reminder(s): escalated to the account manager`,
  });
  return { reminded: false, escalated };
}
