import { decisionWaitSeconds } from '../domain/decision-wait';
import { primaryContact } from '../domain/onboarding';
import { countNotices } from '../adapters/dynamodb/notice-repository';
import { agreementLink } from '../application/client-links';
import { currentAgreementLink } from '../application/agreement-client-link';
import { loadAgreement } from '../application/agreement-loader';
import { notifyOnce } from '../application/notifications';
import { loadOnboarding } from '../application/onboarding-loader';
import { agreementReminder } from '../templates/email/agreement-reminder';

const STEP = 'RemindClient';

/**
 * No decision yet: remind the client with the same link, at most `maxReminders` times per agreement
 * version. Says when the reminders are used up, so the workflow expires the agreement, and how
 * long the next wait lasts: what is left of the agreement's window, shared by the reminders to come.
 */
export async function remindClient(input: {
  onboardingId: string;
  agreementVersion: number;
  maxReminders: number;
  now: string;
  decisionReminderSeconds: number;
}): Promise<{ agreementVersion: number; remindersExhausted: boolean; decisionWaitSeconds: number }> {
  const onboarding = await loadOnboarding(input.onboardingId);
  const agreement = await loadAgreement(onboarding, input.agreementVersion);
  // The ASL writes this over $.agreement (one path for the wait after each step), so it carries the version on.
  const next = (remindersExhausted: boolean, remindersSent: number) => ({
    agreementVersion: agreement.version,
    remindersExhausted,
    decisionWaitSeconds: decisionWaitSeconds({
      validUntil: agreement.validUntil,
      now: new Date(input.now),
      remindersLeft: input.maxReminders - remindersSent,
      capSeconds: input.decisionReminderSeconds,
    }),
  });
  // The wait timed out before its first run had sent the offer (a slow cold start under a short
  // policy): nothing to remind of yet; AwaitClientDecision, entered again, creates and sends it.
  if (!onboarding.agreement?.linkHash) return next(false, 0);
  const sent = await countNotices(onboarding.id, 'agreementReminder', agreement.version);
  // Decided meanwhile: no reminder; the restarted wait picks the decision up.
  if ((await currentAgreementLink(onboarding)).decision) return next(false, sent);

  if (sent >= input.maxReminders) return next(true, sent);
  const reminder = sent + 1;
  const { url } = await agreementLink(onboarding.id, agreement.version);
  await notifyOnce(onboarding, {
    notice: { kind: 'agreementReminder', scope: agreement.version, seq: reminder },
    step: STEP,
    to: [primaryContact(onboarding).email],
    render: () => agreementReminder({ onboarding, agreement, url, reminder, maxReminders: input.maxReminders }),
    detail: `Client reminded with the same link (${reminder} of ${input.maxReminders})`,
  });
  return next(false, reminder);
}
