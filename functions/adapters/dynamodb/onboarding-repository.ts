import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Onboarding, OnboardingStatus, TimelineEvent } from '../../domain/onboarding';
import { ConflictError, rethrowTransient } from '../../shared/errors';
import { GSIS } from './table-design';
import { documentClient, tableName } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import {
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

/** The aggregate and its timeline in one partition query. */
export async function findOnboardingWithTimeline(
  onboardingId: string,
): Promise<{ onboarding: Onboarding; timeline: TimelineEvent[] } | undefined> {
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
  const timeline = items
    .filter((item) => typeof item.sk === 'string' && item.sk.startsWith(TIMELINE_PREFIX))
    .map((item) => withoutKeys<TimelineEvent>(item));
  return { onboarding: withoutKeys<Onboarding>(aggregate), timeline };
}

/**
 * Moves the aggregate from one status to another if nobody changed it meanwhile (version check),
 * then records the timeline event under the new version.
 */
export async function transitionOnboarding(
  current: Onboarding,
  to: OnboardingStatus,
  event: Omit<TimelineEvent, 'onboardingId' | 'version' | 'status'>,
  changes: Partial<Pick<Onboarding, 'failure'>> = {},
): Promise<Onboarding> {
  const next: Onboarding = { ...current, ...changes, status: to, version: current.version + 1, updatedAt: event.at };
  const index = onboardingIndexKeys(to, current.createdAt, current.id);
  const names: Record<string, string> = { '#status': 'status', '#version': 'version', '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = {
    ':to': to,
    ':from': current.status,
    ':expected': current.version,
    ':next': next.version,
    ':at': event.at,
    ':byStatusPk': index.byStatusPk,
  };
  const sets = ['#status = :to', '#version = :next', '#updatedAt = :at', 'byStatusPk = :byStatusPk'];
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
  await appendTimelineEvent({ ...event, onboardingId: current.id, version: next.version, status: to });
  return next;
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
