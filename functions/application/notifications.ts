import type { Notice } from '../domain/lifecycle';
import type { Onboarding } from '../domain/onboarding';
import { markNoticeSent, noticeSentAt } from '../adapters/dynamodb/notice-repository';
import { sendEmail, type EmailAttachment } from '../adapters/ses/mailer';
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
  /** Where replies go. Unset: the account manager on an e-mail to the client's contacts, nobody else's. */
  replyTo?: string[];
  /** Files to attach, made only when the e-mail is really sent (a PDF is rendered or read once). */
  attachments?: () => Promise<EmailAttachment[]>;
}

/** The onboarding as notifyOnce needs it; with its contacts and account manager, client e-mails reply to the account manager. */
export type NotifiedOnboarding = Pick<Onboarding, 'id' | 'version'> & Partial<Pick<Onboarding, 'accountManager' | 'contacts'>>;

/**
 * Every e-mail to the client's contacts carries Reply-To: the onboarding's account manager, so the
 * footer's "reply to this e-mail" reaches a person, not the sending address. Staff e-mails carry none.
 */
function replyToFor(onboarding: NotifiedOnboarding, notification: Notification): string[] {
  if (notification.replyTo) return notification.replyTo;
  const manager = onboarding.accountManager?.email;
  const clients = new Set((onboarding.contacts ?? []).map((contact) => contact.email.toLowerCase()));
  const toClient = [...notification.to, ...(notification.cc ?? [])].some((address) => clients.has(address.toLowerCase()));
  return manager && toClient ? [manager] : [];
}

/**
 * Sends a notification unless its mark says it went out already, then writes the mark and its
 * timeline event together. Sent before it is marked: a crash in between re-sends on retry (at
 * least once) rather than losing the message. Returns whether this call sent it.
 */
export async function notifyOnce(onboarding: NotifiedOnboarding, notification: Notification): Promise<boolean> {
  if (await noticeSentAt(onboarding.id, notification.notice)) return false;
  const replyTo = replyToFor(onboarding, notification);
  const attachments = notification.attachments ? await notification.attachments() : [];
  await sendEmail({
    onboardingId: onboarding.id,
    to: notification.to,
    ...(notification.cc ? { cc: notification.cc } : {}),
    ...notification.render(),
    ...(replyTo.length > 0 ? { replyTo } : {}),
    ...(attachments.length > 0 ? { attachments } : {}),
  });
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
