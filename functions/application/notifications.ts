import type { Notice } from '../domain/lifecycle';
import type { Onboarding } from '../domain/onboarding';
import { markNoticeSent, noticeSentAt } from '../adapters/dynamodb/notice-repository';
import { sendEmail } from '../adapters/ses/mailer';
import type { RenderedEmail } from '../templates/email/layout';

export interface Notification {
  notice: Notice;
  step: string;
  to: string[];
  cc?: string[];
  render: () => RenderedEmail;
  detail: string;
  /** When it counts as sent (a step's `$$.State.EnteredTime`); the clock otherwise. */
  at?: string;
  /** A ticket's notice sorts under the ticket's aggregate version and names the ticket. */
  ticket?: { ticketId: string; onboardingVersion: number };
}

/**
 * Sends a notification unless its mark says it went out already, then writes the mark and its
 * timeline event together. Sent before it is marked: a crash in between re-sends on retry (at
 * least once) rather than losing the message. Returns whether this call sent it.
 */
export async function notifyOnce(onboarding: Pick<Onboarding, 'id' | 'version'>, notification: Notification): Promise<boolean> {
  if (await noticeSentAt(onboarding.id, notification.notice)) return false;
  await sendEmail({ to: notification.to, ...(notification.cc ? { cc: notification.cc } : {}), ...notification.render() });
  await markNoticeSent(notification.notice, {
    onboardingId: onboarding.id,
    version: notification.ticket?.onboardingVersion ?? onboarding.version,
    at: notification.at ?? new Date().toISOString(),
    actor: { kind: 'system', step: notification.step },
    detail: notification.detail,
    ...(notification.ticket ? { ticketId: notification.ticket.ticketId } : {}),
  });
  return true;
}
