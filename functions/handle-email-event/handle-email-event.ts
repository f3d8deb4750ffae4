import { createHash } from 'node:crypto';
import { deliveryProblemsOf, ownerOf, type ContactDeliverability, type DeliveryProblem, type SesSendingEvent } from '../domain/delivery-problem';
import type { Onboarding } from '../domain/onboarding';
import { findOnboarding } from '../adapters/dynamodb/onboarding-repository';
import { findDeliveryProblem, markDeliveryProblemTold, recordDeliveryProblem } from '../adapters/dynamodb/delivery-problem-repository';
import { sendEmail } from '../adapters/ses/mailer';
import { isSuppressed, suppressAddress } from '../adapters/ses/suppression';
import { API_URL } from '../application/api-url';
import { ENV, requireEnvList } from '../runtime/env';
import { logger } from '../runtime/observability';
import type { RenderedEmail } from '../templates/email/layout';
import { contactUndeliverableNotice } from '../templates/email/contact-undeliverable';
import { staffAddressUndeliverableAlert } from '../templates/email/staff-address-undeliverable';

const OPERATIONS = requireEnvList(ENV.opsAddresses);
const ANALYSTS = requireEnvList(ENV.analystAddresses);

/** The tag value sent when a message named no onboarding (SES requires a value). */
const NO_ONBOARDING = 'none';

export type ProblemOutcome = 'told-account-manager' | 'told-operations' | 'nobody-to-tell' | 'duplicate';

export interface EmailEventOutcome {
  /** Addresses put on the suppression list by this event. */
  suppressed: number;
  outcomes: ProblemOutcome[];
}

interface Notification {
  to: string[];
  render: () => RenderedEmail;
  outcome: Exclude<ProblemOutcome, 'nobody-to-tell' | 'duplicate'>;
}

/**
 * An SES bounce, complaint or reject. Each permanently bounced or complaining address goes on the
 * account's suppression list, is marked on its onboarding (a client contact) and the person
 * concerned is e-mailed: the account manager about their client's contact, operations about a
 * staff address (or when the account manager's own address is suppressed). A transient bounce or
 * a reject suppresses nobody; the handler only counts it. A repeated event changes nothing.
 */
export async function handleEmailEvent(event: SesSendingEvent, now = new Date()): Promise<EmailEventOutcome> {
  const problems = deliveryProblemsOf(event);
  const context = { eventType: event.eventType, messageId: event.messageId, onboardingId: event.onboardingId };
  if (problems.length === 0) {
    logger.info('SES event suppresses nobody', { ...context, ...(event.eventType === 'Bounce' ? { bounceType: event.bounceType, bounceSubType: event.bounceSubType } : {}) });
    return { suppressed: 0, outcomes: [] };
  }
  const onboarding = event.onboardingId ? await findOnboarding(event.onboardingId) : undefined;
  if (event.onboardingId && !onboarding) logger.warn('SES event names an onboarding that does not exist', context);
  const unreachable = new Set(problems.map((problem) => problem.address));
  const outcomes: ProblemOutcome[] = [];
  let suppressed = 0;
  for (const problem of problems) {
    const outcome = await handleProblem(problem, onboarding, unreachable, now, event.onboardingId);
    if (outcome !== 'duplicate') suppressed += 1;
    outcomes.push(outcome);
    logger.info('delivery problem handled', { ...context, reason: problem.reason, kind: problem.kind, outcome });
  }
  return { suppressed, outcomes };
}

async function handleProblem(
  problem: DeliveryProblem,
  onboarding: Onboarding | undefined,
  unreachable: ReadonlySet<string>,
  now: Date,
  taggedOnboardingId: string | undefined,
): Promise<ProblemOutcome> {
  const existing = await findDeliveryProblem(problem, onboarding?.id);
  if (existing?.toldAt) return 'duplicate';
  // Suppressed before anything else: of everything here, that is what protects the account.
  await suppressAddress(problem.address, problem.reason);
  const at = now.toISOString();
  if (!existing) {
    const claimed = await recordDeliveryProblem(problem, at, onboarding ? onboardingRecord(problem, onboarding) : undefined);
    // Another run of the same event (EventBridge and Lambda deliver at least once) recorded it a
    // moment ago: that run tells, this one must not tell twice.
    if (!claimed) return 'duplicate';
  }
  const notification = await notificationFor(problem, onboarding, unreachable);
  if (notification) {
    await sendEmail({ onboardingId: onboarding?.id ?? taggedOnboardingId ?? NO_ONBOARDING, to: notification.to, ...notification.render() });
  }
  // Marked after the e-mail went out: a crash in between tells again on retry rather than never.
  await markDeliveryProblemTold(problem, onboarding?.id, at);
  return notification?.outcome ?? 'nobody-to-tell';
}

/** What the onboarding records: a timeline event, and for a client contact its mark. */
function onboardingRecord(problem: DeliveryProblem, onboarding: Onboarding) {
  const owner = ownerOf(problem.address, onboarding);
  const what = problem.reason === 'BOUNCE' ? 'bounced permanently' : 'was reported as spam by its recipient';
  const suppressedNote = "the address is on SES's suppression list";
  if (owner.kind === 'client-contact') {
    const contactMark: ContactDeliverability = {
      email: owner.contact.email,
      contactRole: owner.contact.role,
      status: 'suppressed',
      reason: problem.reason,
      at: problem.at,
      messageId: problem.messageId,
    };
    const index = onboarding.contacts.indexOf(owner.contact) + 1;
    return {
      id: onboarding.id,
      version: onboarding.version,
      // One event per contact and reason: two contacts in one bounce need keys of their own.
      event: { type: `CONTACT_EMAIL_SUPPRESSED_C${index}_${problem.reason}`, detail: `E-mail to the ${owner.contact.role} contact ${what}; ${suppressedNote}` },
      contactMark,
    };
  }
  const type =
    owner.kind === 'account-manager'
      ? `ACCOUNT_MANAGER_EMAIL_SUPPRESSED_${problem.reason}`
      : `STAFF_EMAIL_SUPPRESSED_${problem.reason}_${createHash('sha256').update(problem.address).digest('hex').slice(0, 8)}`;
  const whose = owner.kind === 'account-manager' ? 'the account manager' : 'a staff member';
  return { id: onboarding.id, version: onboarding.version, event: { type, detail: `E-mail to ${whose} ${what}; ${suppressedNote}; operations alerted` } };
}

/** Operations, without any address this very event made unreachable. */
function reachableOperations(unreachable: ReadonlySet<string>): string[] {
  return OPERATIONS.filter((address) => !unreachable.has(address.toLowerCase()));
}

async function notificationFor(problem: DeliveryProblem, onboarding: Onboarding | undefined, unreachable: ReadonlySet<string>): Promise<Notification | undefined> {
  const operations = reachableOperations(unreachable);
  const toOperations = (render: () => RenderedEmail): Notification | undefined =>
    operations.length > 0 ? { to: operations, render, outcome: 'told-operations' } : undefined;

  if (!onboarding) {
    const isStaff = [...OPERATIONS, ...ANALYSTS].some((address) => address.toLowerCase() === problem.address);
    return isStaff ? toOperations(() => staffAddressUndeliverableAlert({ address: problem.address, problem, role: 'staff' })) : undefined;
  }
  const owner = ownerOf(problem.address, onboarding);
  if (owner.kind !== 'client-contact') {
    const role = owner.kind === 'account-manager' ? 'account manager' : 'staff';
    return toOperations(() => staffAddressUndeliverableAlert({ address: problem.address, problem, onboardingId: onboarding.id, role }));
  }
  const manager = onboarding.accountManager.email.toLowerCase();
  const render = (accountManagerUnreachable: boolean) => () =>
    contactUndeliverableNotice({ onboarding, contact: owner.contact, problem, apiUrl: API_URL, accountManagerUnreachable });
  // SES would swallow a mail to a suppressed account manager: operations hear of it instead.
  if (unreachable.has(manager) || (await isSuppressed(manager))) return toOperations(render(true));
  return { to: [onboarding.accountManager.email], render: render(false), outcome: 'told-account-manager' };
}
