import type { Onboarding } from '../domain/onboarding';
import { appendTimelineEvent, markNotificationSent } from '../adapters/dynamodb/onboarding-repository';
import { sendEmail } from '../adapters/ses/mailer';
import type { RenderedEmail } from '../templates/email/layout';

/**
 * Sends a notification unless the aggregate says it went out already, then records it and adds a
 * timeline event. Sent before it is marked: a crash in between re-sends on retry (at least once)
 * rather than losing the message.
 */
export async function notifyOnce(
  onboarding: Onboarding,
  notification: { name: string; stage: string; to: string[]; render: () => RenderedEmail; detail: string },
): Promise<void> {
  let at = onboarding.notificationsSent[notification.name];
  if (!at) {
    await sendEmail({ to: notification.to, ...notification.render() });
    at = new Date().toISOString();
    await markNotificationSent(onboarding.id, notification.name, at);
  }
  // Also on a retry: a crash may have come between the mark and the event (same key, written once).
  await appendTimelineEvent({
    onboardingId: onboarding.id,
    version: onboarding.version,
    at,
    type: notification.name,
    actor: { kind: 'system', stage: notification.stage },
    detail: notification.detail,
  });
}
