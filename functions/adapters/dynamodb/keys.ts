import { createHash } from 'node:crypto';
import { NOTICES, noticeScope, type Notice, type NoticeKind, type OnboardingStatus } from '../../domain/lifecycle';

/**
 * The one home of every key in the table. Access patterns (also in docs/data-model.md):
 *
 * | access pattern                          | index                   | key condition                                   |
 * |-----------------------------------------|-------------------------|-------------------------------------------------|
 * | onboarding aggregate by id              | table                   | pk = ONBOARDING#<id>, sk = AGGREGATE            |
 * | onboarding with its timeline            | table                   | pk = ONBOARDING#<id> (aggregate + EVENT#…)      |
 * | onboardings in a status, newest first   | onboardingsByStatus     | byStatusPk = STATUS#<status>, byStatusSk desc   |
 * | onboardings in a status since before t  | onboardingsByStatus     | byStatusPk = STATUS#<status>, byStatusSk < t    |
 * | all onboardings, newest first           | onboardingsByCreatedAt  | byCreatedPk = ONBOARDINGS, byCreatedSk desc     |
 * | intake replay by Idempotency-Key        | table                   | pk = IDEMPOTENCY#<caller sub>, sk = KEY#<sha256> |
 * | analysis version of an onboarding       | table                   | pk = ONBOARDING#<id>, sk = ANALYSIS#<version>   |
 * | agreement version of an onboarding      | table                   | pk = ONBOARDING#<id>, sk = AGREEMENT#<version>  |
 * | decision evidence of an agreement version | table                 | pk = ONBOARDING#<id>, sk = EVIDENCE#<version>   |
 * | client link by its token                | table                   | pk = LINK#<sha256(token)>, sk = LINK            |
 * | notifications sent for an onboarding    | table                   | pk = ONBOARDING#<id>, sk begins_with NOTICE#    |
 * | reminders sent in a round or version    | table                   | sk begins_with NOTICE#<type>#<scope>#           |
 * | the current rate card                   | table                   | pk = RATE_CARD, sk = CURRENT                    |
 * | a ticket by its id                      | table                   | pk = ONBOARDING#<id>, sk = TICKET#<nn>          |
 * | the tickets of an onboarding            | table                   | pk = ONBOARDING#<id>, sk begins_with TICKET#    |
 * | a technician's tickets, by status       | ticketsByAssignee       | byAssigneePk = ASSIGNEE#<technicianId>          |
 * | open tickets nobody has (wake-ups)      | ticketsByAssignee       | byAssigneePk = ASSIGNEE#UNASSIGNED              |
 * | tickets with an SLA moment due          | ticketsBySlaCheck       | slaCheckPk = SLA_CHECK, slaCheckSk <= now       |
 * | every technician (list, candidates)     | table                   | pk = TECHNICIANS, sk begins_with TECHNICIAN#    |
 * | a technician by e-mail (unique)         | table                   | pk = TECHNICIAN_EMAIL#<lower-case e-mail>       |
 * | a PDF as sent (offer, decided, report)  | table                   | pk = DOCUMENT#<id>, sk = AGREEMENT#<v>#OFFER …   |
 * | callbacks not yet delivered (the sweep) | table                   | pk = CALLBACK#PENDING, sk < <cutoff> (oldest first) |
 *
 * byCreatedPk is one partition for every onboarding: intakes are a few a day, far below a
 * partition's 1,000 writes per second.
 */
export const onboardingKey = (onboardingId: string) => ({ pk: `ONBOARDING#${onboardingId}`, sk: 'AGGREGATE' });

export const onboardingPartition = (onboardingId: string) => `ONBOARDING#${onboardingId}`;

/**
 * The onboarding's index keys. Within a status it sorts by when that status began (`statusSince`),
 * so a list shows the newest arrivals first and the stuck sweep finds the oldest by a key range.
 */
export const onboardingIndexKeys = (onboarding: { id: string; status: OnboardingStatus; createdAt: string; statusSince: string }) => ({
  ...statusIndexKeys(onboarding.status, onboarding.statusSince, onboarding.id),
  byCreatedPk: 'ONBOARDINGS',
  byCreatedSk: `${onboarding.createdAt}#${onboarding.id}`,
});

/** What a status change rewrites of the index keys: the status's partition and the time it began. */
export const statusIndexKeys = (status: OnboardingStatus, statusSince: string, onboardingId: string) => ({
  byStatusPk: byStatusPartition(status),
  byStatusSk: `${statusSince}#${onboardingId}`,
});

export const byStatusPartition = (status: OnboardingStatus) => `STATUS#${status}`;
export const BY_CREATED_PARTITION = 'ONBOARDINGS';

/**
 * Events sort by the aggregate version they belong to, then by time, so the timeline reads in
 * order. Every part is deterministic for a given step, so a retried step rewrites the same key.
 */
export const timelineEventKey = (onboardingId: string, version: number, at: string, type: string, ticket?: { ticketId: string; ticketVersion?: number }) => ({
  pk: onboardingPartition(onboardingId),
  // Ticket events do not bump the version: the ticket id keeps parallel branches apart, its version two changes in one millisecond.
  sk: `EVENT#${String(version).padStart(6, '0')}#${at}#${type}${ticket ? `#${ticket.ticketId}${ticket.ticketVersion === undefined ? '' : `#${ticket.ticketVersion}`}` : ''}`,
});
export const TIMELINE_PREFIX = 'EVENT#';

/**
 * A notification's mark: written once, with its timeline event, after the e-mail went out. Its own
 * item, not a field of the aggregate, so a mark never competes with a status change.
 */
export const noticeKey = (onboardingId: string, notice: Notice) => ({
  pk: onboardingPartition(onboardingId),
  sk: `${noticePrefix(notice.kind, notice.scope)}${notice.seq === undefined ? '' : String(notice.seq).padStart(3, '0')}`,
});
/** Every mark of one kind in one scope (the reminders of analysis round 2, say). */
export const noticePrefix = (kind: NoticeKind, scope?: number) => `NOTICE#${NOTICES[kind].type}#${noticeScope({ kind, scope })}#`;
export const NOTICE_PREFIX = 'NOTICE#';

/** The key is hashed: it is caller-chosen text of any shape, and need not be readable back. */
export const idempotencyKey = (callerSub: string, key: string) => ({
  pk: `IDEMPOTENCY#${callerSub}`,
  sk: `KEY#${createHash('sha256').update(key).digest('hex')}`,
});

const version = (n: number) => String(n).padStart(4, '0');

/** Immutable versions live beside the aggregate, so GET /onboardings/{id} reads them in the same query. */
export const analysisVersionKey = (onboardingId: string, analysisVersion: number) => ({
  pk: onboardingPartition(onboardingId),
  sk: `ANALYSIS#${version(analysisVersion)}`,
});
export const ANALYSIS_PREFIX = 'ANALYSIS#';

export const agreementVersionKey = (onboardingId: string, agreementVersion: number) => ({
  pk: onboardingPartition(onboardingId),
  sk: `AGREEMENT#${version(agreementVersion)}`,
});
export const AGREEMENT_PREFIX = 'AGREEMENT#';

/** A client's decision on one agreement version, with its evidence: kept (TTL `expiresAt`) for years after the link item is gone. */
export const evidenceKey = (onboardingId: string, agreementVersion: number) => ({
  pk: onboardingPartition(onboardingId),
  sk: `EVIDENCE#${version(agreementVersion)}`,
});
export const EVIDENCE_PREFIX = 'EVIDENCE#';

/** Client links are found by the hash of the token in the URL; the token itself is never stored. */
export const linkKey = (tokenHash: string) => ({ pk: `LINK#${tokenHash}`, sk: 'LINK' });

export const rateCardKey = () => ({ pk: 'RATE_CARD', sk: 'CURRENT' });

/** Tickets live in their onboarding's partition, so GET /onboardings/{id} reads them in its one query. */
export const ticketKey = (onboardingId: string, ticketId: string) => ({
  pk: onboardingPartition(onboardingId),
  sk: `TICKET#${ticketId.slice(-2)}`,
});
export const TICKET_PREFIX = 'TICKET#';

/** Incidents reported after the intake (the intake's own are on the aggregate). */
export const incidentKey = (onboardingId: string, incidentId: string) => ({ pk: onboardingPartition(onboardingId), sk: `INCIDENT#${incidentId.slice(-2)}` });
export const INCIDENT_PREFIX = 'INCIDENT#';
/** A client's problem form submission, claimed once: a double submit files one report. */
export const submissionKey = (onboardingId: string, submissionId: string) => ({ pk: onboardingPartition(onboardingId), sk: `SUBMISSION#${submissionId}` });
/** A problem that a bound refused: an open point of the follow-up report. */
export const refusedProblemKey = (onboardingId: string, at: string, suffix: string) => ({ pk: onboardingPartition(onboardingId), sk: `REFUSED#${at}#${suffix}` });
export const REFUSED_PREFIX = 'REFUSED#';
/** The immutable follow-up report, and the client's feedback on it. */
export const reportKey = (onboardingId: string, version: number) => ({ pk: onboardingPartition(onboardingId), sk: `REPORT#${String(version).padStart(4, '0')}` });
export const REPORT_PREFIX = 'REPORT#';
export const feedbackKey = (onboardingId: string) => ({ pk: onboardingPartition(onboardingId), sk: 'FEEDBACK' });
export const UNASSIGNED = 'ASSIGNEE#UNASSIGNED';
export const assigneePartition = (technicianId: string) => `ASSIGNEE#${technicianId}`;
export const SLA_CHECK_PARTITION = 'SLA_CHECK';

/** A ticket's index keys: by assignee (or unassigned while OPEN), and the SLA check only while one is pending. */
export function ticketIndexKeys(ticket: { ticketId: string; status: string; createdAt: string; assignee?: { technicianId: string }; nextSlaCheckAt?: string }) {
  return {
    byAssigneePk: ticket.assignee ? assigneePartition(ticket.assignee.technicianId) : UNASSIGNED,
    byAssigneeSk: `${ticket.status}#${ticket.createdAt}#${ticket.ticketId}`,
    ...(ticket.nextSlaCheckAt ? { slaCheckPk: SLA_CHECK_PARTITION, slaCheckSk: `${ticket.nextSlaCheckAt}#${ticket.ticketId}` } : {}),
  };
}

/** Technicians are few (a service desk's staff): one partition holds them all, read with one Query. */
export const TECHNICIANS_PARTITION = 'TECHNICIANS';
export const technicianKey = (technicianId: string) => ({ pk: TECHNICIANS_PARTITION, sk: `TECHNICIAN#${technicianId}` });
export const TECHNICIAN_PREFIX = 'TECHNICIAN#';
/** One claim per address makes e-mails unique: written with attribute_not_exists in the technician's transaction. */
export const technicianEmailKey = (emailKey: string) => ({ pk: `TECHNICIAN_EMAIL#${emailKey}`, sk: 'EMAIL' });

/**
 * The PDFs an onboarding's client was sent, byte for byte: a partition of their own, so the
 * onboarding's partition query (GET /onboardings/{id}) never drags their bytes along.
 */
export type PdfKind = 'offer' | 'decided' | 'report';
export const documentPartition = (onboardingId: string) => `DOCUMENT#${onboardingId}`;
export const pdfKey = (onboardingId: string, kind: PdfKind, documentVersion: number) => ({
  pk: documentPartition(onboardingId),
  sk: kind === 'report' ? `REPORT#${version(documentVersion)}` : `AGREEMENT#${version(documentVersion)}#${kind === 'offer' ? 'OFFER' : 'DECIDED'}`,
});

/**
 * A task-token callback recorded before SendTaskSuccess, so a sweep delivers it should the call
 * fail. One partition, sorted by creation: the sweep reads the old ones with one Query. They are
 * few and short-lived (a route's callback is delivered within its request, almost always).
 */
export const PENDING_CALLBACK_PARTITION = 'CALLBACK#PENDING';
export const pendingCallbackKey = (createdAt: string, callbackId: string) => ({ pk: PENDING_CALLBACK_PARTITION, sk: `${createdAt}#${callbackId}` });

export const KEY_ATTRIBUTES = [
  'pk',
  'sk',
  'byStatusPk',
  'byStatusSk',
  'byCreatedPk',
  'byCreatedSk',
  'byAssigneePk',
  'byAssigneeSk',
  'slaCheckPk',
  'slaCheckSk',
  'entity',
  'expiresAt',
] as const;

/** Strips the storage attributes from an item, leaving the entity. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const copy: Record<string, unknown> = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete copy[attribute];
  return copy as T;
}
