import type { Contact } from './intake';
import type { Onboarding } from './onboarding';

/** Why an address went on SES's suppression list; SES's own reason codes. */
export type SuppressionReason = 'BOUNCE' | 'COMPLAINT';

/** An address SES will not deliver to any more: a permanent bounce, or the recipient's spam complaint. */
export interface DeliveryProblem {
  /** As SES reports it, lowercased: the key of the suppression entry and of the mark. */
  address: string;
  reason: SuppressionReason;
  /** SES's id of the message that bounced or was complained about. */
  messageId: string;
  /** When the bounce or complaint happened (SES's timestamp). */
  at: string;
  /** SES's classification, e.g. "Permanent/General" or "abuse"; no addresses, no diagnostic text. */
  kind: string;
}

/** The mark on an onboarding for one of its client contacts that can no longer be reached by e-mail. */
export interface ContactDeliverability {
  email: string;
  contactRole: Contact['role'];
  status: 'suppressed';
  reason: SuppressionReason;
  at: string;
  messageId: string;
}

/** The onboarding as far as it carries deliverability marks (written by HandleEmailEvent, shown by GetOnboarding). */
export type OnboardingWithDeliverability = Onboarding & { deliverability?: ContactDeliverability[] };

/** Whose address it is, as far as the onboarding tells: one of the client's contacts, its account manager, or other staff. */
export type AddressOwner = { kind: 'client-contact'; contact: Contact } | { kind: 'account-manager' } | { kind: 'staff' };

/**
 * Only client contacts and staff (account manager, analysts, technicians, operations) get this
 * product's e-mail, so an address that is not a contact of the onboarding is a staff address.
 */
export function ownerOf(address: string, onboarding: Pick<Onboarding, 'contacts' | 'accountManager'>): AddressOwner {
  const normalized = address.toLowerCase();
  const contact = onboarding.contacts.find((candidate) => candidate.email.toLowerCase() === normalized);
  if (contact) return { kind: 'client-contact', contact };
  if (onboarding.accountManager.email.toLowerCase() === normalized) return { kind: 'account-manager' };
  return { kind: 'staff' };
}

/** SES's sending events as the handler acts on them (the edge parses SES's JSON into this). */
export type SesSendingEvent =
  | { eventType: 'Bounce'; messageId: string; onboardingId?: string; bounceType: string; bounceSubType: string; at: string; recipients: string[] }
  | { eventType: 'Complaint'; messageId: string; onboardingId?: string; feedbackType?: string; at: string; recipients: string[] }
  | { eventType: 'Reject'; messageId: string; onboardingId?: string; reason: string };

/**
 * The addresses to suppress: every recipient of a permanent bounce, and every complainant. A
 * transient or undetermined bounce (SES already retried; the mailbox may work tomorrow) and a
 * reject (SES refused the content: no recipient is at fault) suppress nobody.
 */
export function deliveryProblemsOf(event: SesSendingEvent): DeliveryProblem[] {
  const unique = (addresses: string[]) => [...new Set(addresses.map((address) => address.toLowerCase()))];
  if (event.eventType === 'Bounce' && event.bounceType === 'Permanent') {
    return unique(event.recipients).map((address) => ({
      address,
      reason: 'BOUNCE',
      messageId: event.messageId,
      at: event.at,
      kind: `${event.bounceType}/${event.bounceSubType}`,
    }));
  }
  if (event.eventType === 'Complaint') {
    return unique(event.recipients).map((address) => ({
      address,
      reason: 'COMPLAINT',
      messageId: event.messageId,
      at: event.at,
      kind: event.feedbackType ?? 'complaint',
    }));
  }
  return [];
}
