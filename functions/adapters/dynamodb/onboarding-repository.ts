import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Agreement } from '../../domain/agreement';
import { allows, EVENTS, transitionEventType, transitionRule, type TransitionName } from '../../domain/lifecycle';
import type { Actor, AgreementSummary, Onboarding, OnboardingStatus, ReleaseDecision, SubmittedAnalysis, TimelineEvent } from '../../domain/onboarding';
import type { Feedback } from '../../domain/client-link';
import type { DecisionEvidence } from '../../domain/decision-evidence';
import type { FollowUpReport } from '../../domain/follow-up-report';
import type { ReportedIncident } from '../../domain/problem';
import type { Ticket } from '../../domain/ticket';
import { ConflictError, rethrowTransient } from '../../runtime/errors';
import { GSIS, ONBOARDING_LISTING_ATTRIBUTES } from './table-design';
import { documentClient, TABLE_NAME } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import {
  AGREEMENT_PREFIX,
  agreementVersionKey,
  ANALYSIS_PREFIX,
  analysisVersionKey,
  BY_CREATED_PARTITION,
  byStatusPartition,
  NOTICE_PREFIX,
  onboardingIndexKeys,
  onboardingKey,
  statusIndexKeys,
  onboardingPartition,
  feedbackKey,
  INCIDENT_PREFIX,
  REPORT_PREFIX,
  EVIDENCE_PREFIX,
  TICKET_PREFIX,
  TIMELINE_PREFIX,
  timelineEventKey,
  withoutKeys,
} from './keys';
import { rethrowItemTooLarge, writeTransaction, type TransactionItem } from './transaction';
import { queryAllItems } from './query-all';

/** Thrown by insertOnboarding when the id is taken: on an intake replay, that is expected. */
export class OnboardingAlreadyExistsError extends Error {
  constructor(onboardingId: string) {
    super(`Onboarding ${onboardingId} already exists`);
    this.name = 'OnboardingAlreadyExistsError';
  }
}

const DYNAMODB = 'DynamoDB';
const ENTITY = 'onboarding';

function aggregateItem(onboarding: Onboarding) {
  // A new aggregate's status began when it was created.
  const statusSince = onboarding.statusSince ?? onboarding.createdAt;
  return {
    ...onboarding,
    statusSince,
    ...onboardingKey(onboarding.id),
    ...onboardingIndexKeys({ ...onboarding, statusSince }),
    entity: 'Onboarding',
  };
}

/** A timeline event as one put of the transaction that records what it tells. */
export function timelineEventPut(event: TimelineEvent): TransactionItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: { ...event, ...timelineEventKey(event.onboardingId, event.version, event.at, event.type, event.ticketId ? { ticketId: event.ticketId, ...(event.ticketVersion === undefined ? {} : { ticketVersion: event.ticketVersion }) } : undefined), entity: 'TimelineEvent' },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Stores a new aggregate (RECEIVED) and its first timeline event together; never overwrites one. */
export async function insertOnboarding(onboarding: Onboarding, actor: Actor): Promise<void> {
  const rule = transitionRule('intakeReceived');
  const event: TimelineEvent = {
    onboardingId: onboarding.id,
    version: onboarding.version,
    at: onboarding.createdAt,
    type: rule.event,
    status: rule.to,
    actor,
    detail: `${onboarding.incidents.length} incident(s) reported`,
  };
  const result = await writeTransaction(
    [{ Put: { TableName: TABLE_NAME, Item: aggregateItem({ ...onboarding, status: rule.to }), ConditionExpression: 'attribute_not_exists(pk)' } }, timelineEventPut(event)],
    ENTITY,
  );
  if (!result.committed) throw new OnboardingAlreadyExistsError(onboarding.id);
}

export async function findOnboarding(onboardingId: string): Promise<Onboarding | undefined> {
  try {
    const { Item } = await documentClient.send(new GetCommand({ TableName: TABLE_NAME, Key: onboardingKey(onboardingId), ConsistentRead: true }));
    return Item ? withoutKeys<Onboarding>(Item) : undefined;
  } catch (error) {
    rethrowTransient(DYNAMODB, error);
  }
}

export interface OnboardingRecord {
  onboarding: Onboarding;
  timeline: TimelineEvent[];
  analyses: SubmittedAnalysis[];
  agreements: Agreement[];
  /** Notification name → when it went out. */
  notificationsSent: Record<string, string>;
  tickets: Ticket[];
  /** Incidents reported after the intake. */
  reportedIncidents: ReportedIncident[];
  reports: FollowUpReport[];
  /** The evidence of each client decision, per agreement version: kept after its link item is gone. */
  evidence: DecisionEvidence[];
  feedback?: Feedback;
}

/** The aggregate, its timeline, document versions and notifications in one partition query. */
export async function findOnboardingWithTimeline(onboardingId: string): Promise<OnboardingRecord | undefined> {
  const items = await queryAllItems({
    TableName: TABLE_NAME,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': onboardingPartition(onboardingId) },
    ConsistentRead: true,
  });
  const aggregate = items.find((item) => item.sk === onboardingKey(onboardingId).sk);
  if (!aggregate) return undefined;
  const feedback = items.find((item) => item.sk === feedbackKey(onboardingId).sk);
  const withPrefix = <T>(prefix: string) =>
    items.filter((item) => typeof item.sk === 'string' && item.sk.startsWith(prefix)).map((item) => withoutKeys<T>(item));
  return {
    onboarding: withoutKeys<Onboarding>(aggregate),
    timeline: withPrefix<TimelineEvent>(TIMELINE_PREFIX),
    analyses: withPrefix<SubmittedAnalysis>(ANALYSIS_PREFIX),
    agreements: withPrefix<Agreement>(AGREEMENT_PREFIX),
    notificationsSent: Object.fromEntries(withPrefix<{ name: string; at: string }>(NOTICE_PREFIX).map((notice) => [notice.name, notice.at])),
    tickets: withPrefix<Ticket>(TICKET_PREFIX),
    reportedIncidents: withPrefix<ReportedIncident>(INCIDENT_PREFIX),
    reports: withPrefix<FollowUpReport>(REPORT_PREFIX),
    evidence: withPrefix<DecisionEvidence>(EVIDENCE_PREFIX),
    ...(feedback ? { feedback: withoutKeys<Feedback>(feedback) } : {}),
  };
}

export type OnboardingChanges = Partial<Pick<Onboarding, 'failure' | 'agreement' | 'analysisRound' | 'changeRequests' | 'round' | 'roundStartedAt' | 'monitoring' | 'recovery'>>;

/** What else a status change writes, and what it needs besides its version and status. */
export interface TransitionExtras {
  /** Further items of the same transaction (a round's tickets, a report, a link). */
  also?: TransactionItem[];
  /** Added to the aggregate's counters (ADD: concurrent writers never lose each other's counts). */
  add?: Record<string, number>;
  /** Removed from the aggregate. */
  remove?: string[];
  /** Another condition on the aggregate, e.g. that no problem waits for a round. */
  condition?: { expression: string; names?: Record<string, string>; values?: Record<string, unknown> };
}

/**
 * Moves the aggregate along one transition of the lifecycle, in one transaction with its timeline
 * event: the aggregate is guarded by its version and status, so of two concurrent changes one
 * wins. When the condition fails because this very change was already committed (a retry whose
 * first response was lost), the stored result is returned instead of a conflict.
 */
export async function transitionOnboarding(
  current: Onboarding,
  transition: TransitionName,
  event: { at: string; actor: Actor; detail?: string; agreementVersion?: number },
  changes: OnboardingChanges = {},
  extras: TransitionExtras = {},
): Promise<Onboarding> {
  const rule = transitionRule(transition);
  if (!allows(transition, current.status)) {
    throw new ConflictError(`Onboarding ${current.id} cannot go from ${current.status} to ${rule.to} (${transition})`);
  }
  const version = current.version + 1;
  const timelineEvent: TimelineEvent = {
    onboardingId: current.id,
    version,
    at: event.at,
    type: transitionEventType(transition, event.agreementVersion),
    status: rule.to,
    actor: event.actor,
    ...(event.detail ? { detail: event.detail } : {}),
  };
  const next: Onboarding = { ...current, ...changes, status: rule.to, statusSince: event.at, version, updatedAt: event.at };
  // The new status began now: its index key sorts by that, so lists and the stuck sweep see it.
  const index = statusIndexKeys(rule.to, event.at, current.id);
  const names: Record<string, string> = { '#status': 'status', '#version': 'version', '#updatedAt': 'updatedAt', '#statusSince': 'statusSince' };
  const values: Record<string, unknown> = {
    ':to': rule.to,
    ':from': current.status,
    ':expected': current.version,
    ':next': version,
    ':at': event.at,
    ':byStatusPk': index.byStatusPk,
    ':byStatusSk': index.byStatusSk,
  };
  const sets = ['#status = :to', '#version = :next', '#updatedAt = :at', '#statusSince = :at', 'byStatusPk = :byStatusPk', 'byStatusSk = :byStatusSk'];
  for (const [name, value] of Object.entries(changes)) {
    names[`#${name}`] = name;
    values[`:${name}`] = value;
    sets.push(`#${name} = :${name}`);
  }
  const adds = Object.entries(extras.add ?? {}).map(([name, amount]) => {
    names[`#${name}`] = name;
    values[`:add_${name}`] = amount;
    return `#${name} :add_${name}`;
  });
  const removes = (extras.remove ?? []).map((name) => {
    names[`#${name}`] = name;
    return `#${name}`;
  });
  Object.assign(names, extras.condition?.names);
  Object.assign(values, extras.condition?.values);
  const expression = [`SET ${sets.join(', ')}`, adds.length ? `ADD ${adds.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : '']
    .filter(Boolean)
    .join(' ');
  const result = await writeTransaction(
    [
      {
        Update: {
          TableName: TABLE_NAME,
          Key: onboardingKey(current.id),
          UpdateExpression: expression,
          ConditionExpression: `#version = :expected AND #status = :from${extras.condition ? ` AND (${extras.condition.expression})` : ''}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
      timelineEventPut(timelineEvent),
      ...(extras.also ?? []),
    ],
    ENTITY,
    // The update carries only the changes: the aggregate it leaves is size-checked whole.
    { resultingItems: [aggregateItem(next)] },
  );
  if (result.committed) return next;
  if (await timelineEventExists(timelineEvent)) return (await findOnboarding(current.id)) ?? next;
  throw new ConflictError(`Onboarding ${current.id} changed meanwhile; expected ${current.status} v${current.version}`);
}

async function timelineEventExists(event: TimelineEvent): Promise<boolean> {
  try {
    const key = timelineEventKey(event.onboardingId, event.version, event.at, event.type);
    const { Item } = await documentClient.send(new GetCommand({ TableName: TABLE_NAME, Key: key, ConsistentRead: true, ProjectionExpression: 'pk' }));
    return Item !== undefined;
  } catch (error) {
    rethrowTransient(DYNAMODB, error);
  }
}

/**
 * Takes the analysis for the current round, once, in one transaction: the immutable version item,
 * the aggregate (only while it waits for this round's analysis) and the timeline event. Of two
 * analysts submitting at once, one wins and the other gets a ConflictError.
 */
export async function recordAnalysisSubmission(onboarding: Onboarding, analysis: SubmittedAnalysis): Promise<void> {
  const event: TimelineEvent = {
    onboardingId: onboarding.id,
    version: onboarding.version,
    at: analysis.submittedAt,
    type: EVENTS.analysisSubmitted(analysis.version),
    actor: { kind: 'staff', sub: analysis.submittedBy.sub, email: analysis.submittedBy.email },
    detail: `Analysis version ${analysis.version}: ${analysis.items.length} item(s)`,
  };
  const result = await writeTransaction(
    [
      {
        Put: {
          TableName: TABLE_NAME,
          Item: { onboardingId: onboarding.id, ...analysis, ...analysisVersionKey(onboarding.id, analysis.version), entity: 'AnalysisVersion' },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: TABLE_NAME,
          Key: onboardingKey(onboarding.id),
          UpdateExpression: 'SET analysis = :analysis',
          ConditionExpression: '#status = :awaiting AND analysisRound = :round AND (attribute_not_exists(analysis) OR analysis.version <> :round)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':analysis': analysis, ':awaiting': 'AWAITING_ANALYSIS', ':round': analysis.version },
        },
      },
      timelineEventPut(event),
    ],
    'analysis',
    { resultingItems: [aggregateItem({ ...onboarding, analysis })] },
  );
  if (!result.committed) throw new ConflictError(`Onboarding ${onboarding.id} is not waiting for analysis version ${analysis.version}`);
}

/**
 * Stores a newly priced agreement version, points the aggregate at it (the analysis wait is over)
 * and records the event, in one transaction. A retry finds the version already drafted.
 */
export async function recordAgreementDraft(onboarding: Onboarding, agreement: Agreement, detail: string): Promise<void> {
  const summary: AgreementSummary = {
    version: agreement.version,
    createdAt: agreement.createdAt,
    validUntil: agreement.validUntil,
    totals: agreement.totals,
    documentHash: agreement.documentHash,
    analysisVersion: agreement.analysisVersion,
  };
  const event: TimelineEvent = {
    onboardingId: onboarding.id,
    version: onboarding.version,
    at: agreement.createdAt,
    type: EVENTS.agreementDrafted(agreement.version),
    actor: { kind: 'system', step: 'DraftAgreement' },
    detail,
  };
  const result = await writeTransaction(
    [
      {
        Put: {
          TableName: TABLE_NAME,
          Item: { ...agreement, ...agreementVersionKey(agreement.onboardingId, agreement.version), entity: 'AgreementVersion' },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: TABLE_NAME,
          Key: onboardingKey(onboarding.id),
          UpdateExpression: 'SET agreement = :summary REMOVE pendingAnalysisTask',
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(agreement) OR agreement.version < :version)',
          ExpressionAttributeValues: { ':summary': summary, ':version': summary.version },
        },
      },
      timelineEventPut(event),
    ],
    'agreement',
    { resultingItems: [aggregateItem({ ...onboarding, agreement: summary })] },
  );
  if (result.committed) return;
  const stored = await findOnboarding(onboarding.id);
  if ((stored?.agreement?.version ?? 0) < agreement.version) {
    throw new ConflictError(`Agreement version ${agreement.version} of ${onboarding.id} could not be stored`);
  }
}

/** An onboarding as the status and creation indexes project it (table-design.ts): what a list row and the stuck sweep read. */
export type OnboardingListing = Pick<Onboarding, (typeof ONBOARDING_LISTING_ATTRIBUTES)[number]>;

export interface OnboardingPage {
  items: OnboardingListing[];
  nextCursor?: string;
}

/** Newest first, by status when given; a GSI query either way (no Scan on a request path). */
export async function listOnboardings(query: { status?: OnboardingStatus; limit: number; cursor?: string }): Promise<OnboardingPage> {
  const [indexName, gsi, partition] = query.status
    ? (['onboardingsByStatus', GSIS.onboardingsByStatus, byStatusPartition(query.status)] as const)
    : (['onboardingsByCreatedAt', GSIS.onboardingsByCreatedAt, BY_CREATED_PARTITION] as const);
  const startKey = decodeCursor(query.cursor, [gsi.partitionKey, gsi.sortKey, 'pk', 'sk'], {
    attribute: gsi.partitionKey,
    value: partition,
  });
  try {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        IndexName: indexName,
        KeyConditionExpression: '#pk = :partition',
        ExpressionAttributeNames: { '#pk': gsi.partitionKey },
        ExpressionAttributeValues: { ':partition': partition },
        ScanIndexForward: false,
        Limit: query.limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return {
      items: (page.Items ?? []).map((item) => withoutKeys<OnboardingListing>(item)),
      nextCursor: encodeCursor(page.LastEvaluatedKey),
    };
  } catch (error) {
    rethrowTransient(DYNAMODB, error);
  }
}

/**
 * Onboardings whose index key says they have been in `status` since before `before` (ISO, UTC),
 * oldest first: a key range on the status index, never a Scan. An aggregate stored before
 * `statusSince` existed is keyed by its creation, which is never later than its status's start,
 * so it is found whenever it may be stuck; the caller decides on `statusSince ?? updatedAt`.
 */
export async function onboardingsInStatusBefore(status: OnboardingStatus, before: string): Promise<OnboardingListing[]> {
  const gsi = GSIS.onboardingsByStatus;
  const items = await queryAllItems({
    TableName: TABLE_NAME,
    IndexName: 'onboardingsByStatus',
    KeyConditionExpression: '#pk = :partition AND #sk < :before',
    ExpressionAttributeNames: { '#pk': gsi.partitionKey, '#sk': gsi.sortKey },
    // `<since>#<id>` < `<before>` exactly when since < before: both are ISO instants of one form.
    ExpressionAttributeValues: { ':partition': byStatusPartition(status), ':before': new Date(before).toISOString() },
  });
  return items.map((item) => withoutKeys<OnboardingListing>(item));
}

/** One conditional update of the aggregate; undefined when the condition did not hold. */
async function updateAggregate(
  onboardingId: string,
  update: { expression: string; condition: string; names?: Record<string, string>; values: Record<string, unknown> },
): Promise<Onboarding | undefined> {
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: onboardingKey(onboardingId),
        UpdateExpression: update.expression,
        ConditionExpression: `attribute_exists(pk) AND (${update.condition})`,
        ...(update.names ? { ExpressionAttributeNames: update.names } : {}),
        ExpressionAttributeValues: update.values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return withoutKeys<Onboarding>(Attributes!);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    rethrowItemTooLarge(error, ENTITY);
    rethrowTransient(DYNAMODB, error);
  }
}

/** Keeps the waiting task's token while the onboarding waits for its analysis. */
export async function storePendingAnalysisTask(onboardingId: string, taskToken: string, since: string): Promise<Onboarding> {
  const updated = await updateAggregate(onboardingId, {
    expression: 'SET pendingAnalysisTask = :task',
    condition: '#status = :awaiting',
    names: { '#status': 'status' },
    values: { ':task': { taskToken, since }, ':awaiting': 'AWAITING_ANALYSIS' },
  });
  if (!updated) throw new ConflictError(`Onboarding ${onboardingId} is not waiting for an analysis`);
  return updated;
}

/** Keeps the monitoring wait's task token while the onboarding is MONITORING. */
export async function storeMonitoringTask(onboardingId: string, taskToken: string, since: string): Promise<Onboarding> {
  const updated = await updateAggregate(onboardingId, {
    expression: 'SET monitoringTask = :task',
    condition: '#status = :monitoring',
    names: { '#status': 'status' },
    values: { ':task': { taskToken, since }, ':monitoring': 'MONITORING' },
  });
  if (!updated) throw new ConflictError(`Onboarding ${onboardingId} is not being monitored`);
  return updated;
}

/** Keeps the release wait's task token while the held version waits for a person. */
export async function storeReleaseTask(onboardingId: string, agreementVersion: number, taskToken: string, since: string): Promise<Onboarding> {
  const updated = await updateAggregate(onboardingId, {
    expression: 'SET releaseTask = :task',
    condition: '#status = :held AND agreement.version = :version',
    names: { '#status': 'status' },
    values: { ':task': { taskToken, agreementVersion, since }, ':held': 'AWAITING_RELEASE', ':version': agreementVersion },
  });
  if (!updated) throw new ConflictError(`Onboarding ${onboardingId} has no agreement version ${agreementVersion} waiting for release`);
  return updated;
}

/**
 * Takes a staff member's release or return of the held version, once: of two people acting at
 * the same time, one wins and the other gets undefined (409 on the route).
 */
export async function recordReleaseDecision(onboardingId: string, decision: ReleaseDecision): Promise<Onboarding | undefined> {
  return updateAggregate(onboardingId, {
    expression: 'SET releaseDecision = :decision',
    condition: '#status = :held AND agreement.version = :version AND (attribute_not_exists(releaseDecision) OR releaseDecision.agreementVersion <> :version)',
    names: { '#status': 'status' },
    values: { ':decision': decision, ':held': 'AWAITING_RELEASE', ':version': decision.agreementVersion },
  });
}

/** Records which link the client got for this agreement version. */
export async function storeAgreementLinkHash(onboardingId: string, agreementVersion: number, linkHash: string): Promise<void> {
  await updateAggregate(onboardingId, {
    expression: 'SET agreement.linkHash = :hash',
    condition: 'agreement.version = :version',
    values: { ':hash': linkHash, ':version': agreementVersion },
  });
}

/**
 * Records on the aggregate's agreement summary which PDF of this version the client was sent
 * (its SHA-256 and size; the bytes live on their own item, pdf-repository.ts). Setting the same
 * reference again (a retried step) changes nothing.
 */
export async function recordAgreementPdf(
  onboardingId: string,
  agreementVersion: number,
  kind: 'offerPdf' | 'decidedPdf',
  pdf: import('../../domain/onboarding').StoredPdfRef,
): Promise<void> {
  const updated = await updateAggregate(onboardingId, {
    expression: 'SET agreement.#pdf = :pdf',
    condition: 'agreement.version = :version',
    names: { '#pdf': kind },
    values: { ':pdf': { sha256: pdf.sha256, bytes: pdf.bytes }, ':version': agreementVersion },
  });
  if (!updated) throw new ConflictError(`Onboarding ${onboardingId} has no agreement version ${agreementVersion} to record its PDF on`);
}
