import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Agreement } from '../../domain/agreement';
import type { AgreementSummary, Onboarding, OnboardingStatus, SubmittedAnalysis, TimelineEvent } from '../../domain/onboarding';
import { ConflictError, rethrowTransient } from '../../shared/errors';
import { GSIS } from './table-design';
import { documentClient, tableName } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import {
  AGREEMENT_PREFIX,
  ANALYSIS_PREFIX,
  BY_CREATED_PARTITION,
  byStatusPartition,
  onboardingIndexKeys,
  onboardingKey,
  onboardingPartition,
  TIMELINE_PREFIX,
  timelineEventKey,
  withoutKeys,
} from './keys';

/** Thrown by createOnboarding when the id is taken: on an intake replay, that is expected. */
export class OnboardingAlreadyExistsError extends Error {
  constructor(onboardingId: string) {
    super(`Onboarding ${onboardingId} already exists`);
    this.name = 'OnboardingAlreadyExistsError';
  }
}

const DYNAMODB = 'DynamoDB';

function aggregateItem(onboarding: Onboarding) {
  return {
    ...onboarding,
    ...onboardingKey(onboarding.id),
    ...onboardingIndexKeys(onboarding.status, onboarding.createdAt, onboarding.id),
    entity: 'Onboarding',
  };
}

/** Stores a new aggregate; never overwrites one. */
export async function createOnboarding(onboarding: Onboarding): Promise<void> {
  try {
    await documentClient.send(
      new PutCommand({ TableName: tableName(), Item: aggregateItem(onboarding), ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new OnboardingAlreadyExistsError(onboarding.id);
    rethrowTransient(DYNAMODB, error);
  }
}

/** Appends a timeline event once: a retried stage writes the same key and is ignored. */
export async function appendTimelineEvent(event: TimelineEvent): Promise<void> {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...event, ...timelineEventKey(event.onboardingId, event.version, event.at, event.type), entity: 'TimelineEvent' },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return;
    rethrowTransient(DYNAMODB, error);
  }
}

export async function findOnboarding(onboardingId: string): Promise<Onboarding | undefined> {
  try {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: tableName(), Key: onboardingKey(onboardingId), ConsistentRead: true }),
    );
    return Item ? withoutKeys<Onboarding>(Item) : undefined;
  } catch (error) {
    rethrowTransient(DYNAMODB, error);
  }
}

/** The aggregate, its timeline and its document versions in one partition query. */
export async function findOnboardingWithTimeline(
  onboardingId: string,
): Promise<{ onboarding: Onboarding; timeline: TimelineEvent[]; analyses: SubmittedAnalysis[]; agreements: Agreement[] } | undefined> {
  const items: Record<string, unknown>[] = [];
  let exclusiveStartKey: Record<string, unknown> | undefined;
  try {
    do {
      const page = await documentClient.send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': onboardingPartition(onboardingId) },
          ExclusiveStartKey: exclusiveStartKey,
          ConsistentRead: true,
        }),
      );
      items.push(...(page.Items ?? []));
      exclusiveStartKey = page.LastEvaluatedKey;
    } while (exclusiveStartKey);
  } catch (error) {
    rethrowTransient(DYNAMODB, error);
  }
  const aggregate = items.find((item) => item.sk === onboardingKey(onboardingId).sk);
  if (!aggregate) return undefined;
  const withPrefix = <T>(prefix: string) =>
    items.filter((item) => typeof item.sk === 'string' && item.sk.startsWith(prefix)).map((item) => withoutKeys<T>(item));
  return {
    onboarding: withoutKeys<Onboarding>(aggregate),
    timeline: withPrefix<TimelineEvent>(TIMELINE_PREFIX),
    analyses: withPrefix<SubmittedAnalysis>(ANALYSIS_PREFIX),
    agreements: withPrefix<Agreement>(AGREEMENT_PREFIX),
  };
}

/**
 * Moves the aggregate from one status to another if nobody changed it meanwhile (version check),
 * then records the timeline event under the new version.
 */
export async function transitionOnboarding(
  current: Onboarding,
  to: OnboardingStatus,
  event: Omit<TimelineEvent, 'onboardingId' | 'version' | 'status'>,
  changes: Partial<Pick<Onboarding, 'failure' | 'agreement' | 'analysisRound' | 'changeRequests'>> = {},
): Promise<Onboarding> {
  const version = current.version + 1;
  const transition: TimelineEvent = { ...event, onboardingId: current.id, version, status: to };
  const next: Onboarding = { ...current, ...changes, status: to, version, updatedAt: event.at, lastTransition: transition };
  const index = onboardingIndexKeys(to, current.createdAt, current.id);
  const names: Record<string, string> = { '#status': 'status', '#version': 'version', '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = {
    ':to': to,
    ':from': current.status,
    ':expected': current.version,
    ':next': version,
    ':at': event.at,
    ':byStatusPk': index.byStatusPk,
    ':transition': transition,
  };
  const sets = ['#status = :to', '#version = :next', '#updatedAt = :at', 'byStatusPk = :byStatusPk', 'lastTransition = :transition'];
  for (const [name, value] of Object.entries(changes)) {
    names[`#${name}`] = name;
    values[`:${name}`] = value;
    sets.push(`#${name} = :${name}`);
  }
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: onboardingKey(current.id),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: '#version = :expected AND #status = :from',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException)
      throw new ConflictError(`Onboarding ${current.id} changed meanwhile; expected ${current.status} v${current.version}`);
    rethrowTransient(DYNAMODB, error);
  }
  await appendTimelineEvent(transition);
  return next;
}

/** Appends the latest transition's event if a crash left it out (same key: written once). */
export async function ensureLastTransitionRecorded(onboarding: Onboarding): Promise<void> {
  if (onboarding.lastTransition) await appendTimelineEvent(onboarding.lastTransition);
}

/** Records that a notification went out, so a retried stage does not send it again. */
export async function markNotificationSent(onboardingId: string, notification: string, at: string): Promise<void> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: onboardingKey(onboardingId),
        UpdateExpression: 'SET notificationsSent.#notification = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(notificationsSent.#notification)',
        ExpressionAttributeNames: { '#notification': notification },
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return;
    rethrowTransient(DYNAMODB, error);
  }
}

export interface OnboardingPage {
  items: Onboarding[];
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
        TableName: tableName(),
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
      items: (page.Items ?? []).map((item) => withoutKeys<Onboarding>(item)),
      nextCursor: encodeCursor(page.LastEvaluatedKey),
    };
  } catch (error) {
    rethrowTransient(DYNAMODB, error);
  }
}

/** One conditional update of the aggregate; undefined when the condition did not hold. */
async function updateAggregate(
  onboardingId: string,
  update: { expression: string; condition: string; names?: Record<string, string>; values: Record<string, unknown> },
): Promise<Onboarding | undefined> {
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
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
    rethrowTransient(DYNAMODB, error);
  }
}

/**
 * Takes the analysis for the current round, once: the onboarding must be waiting for it and not
 * have this round's analysis yet. Returns the updated aggregate (with the waiting task's token).
 */
export async function recordAnalysis(onboardingId: string, analysis: SubmittedAnalysis): Promise<Onboarding> {
  const updated = await updateAggregate(onboardingId, {
    expression: 'SET analysis = :analysis',
    condition: '#status = :awaiting AND analysisRound = :round AND (attribute_not_exists(analysis) OR analysis.version <> :round)',
    names: { '#status': 'status' },
    values: { ':analysis': analysis, ':awaiting': 'AWAITING_ANALYSIS', ':round': analysis.version },
  });
  if (!updated) throw new ConflictError(`Onboarding ${onboardingId} is not waiting for analysis version ${analysis.version}`);
  return updated;
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

/** Points the aggregate at a newly drafted agreement version; the analysis wait is over. */
export async function storeAgreementSummary(onboardingId: string, summary: AgreementSummary): Promise<void> {
  await updateAggregate(onboardingId, {
    expression: 'SET agreement = :summary REMOVE pendingAnalysisTask',
    condition: 'attribute_not_exists(agreement) OR agreement.version < :version',
    values: { ':summary': summary, ':version': summary.version },
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
