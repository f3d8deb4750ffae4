import type { Notice } from '../domain/lifecycle';
import type { Onboarding } from '../domain/onboarding';
import { markNoticeSent, noticeSentAt } from '../adapters/dynamodb/notice-repository';
import { sendEmail } from '../adapters/ses/mailer';
import type { RenderedEmail } from '../templates/email/layout';

/**
 * Sends a notification unless its mark says it went out already, then writes the mark and its
 * timeline event together. Sent before it is marked: a crash in between re-sends on retry (at
 * least once) rather than losing the message. Returns whether this call sent it.
 */
export async function notifyOnce(
  onboarding: Onboarding,
  notification: { notice: Notice; step: string; to: string[]; render: () => RenderedEmail; detail: string },
): Promise<boolean> {
  if (await noticeSentAt(onboarding.id, notification.notice)) return false;
  await sendEmail({ to: notification.to, ...notification.render() });
  await markNoticeSent(notification.notice, {
    onboardingId: onboarding.id,
    version: onboarding.version,
    at: new Date().toISOString(),
    actor: { kind: 'system', step: notification.step },
    detail: notification.detail,
  });
  return true;
}
