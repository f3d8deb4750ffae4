import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { PendingCallback } from '../../domain/pending-callback';
import { rethrowTransient } from '../../runtime/errors';
import { documentClient, TABLE_NAME } from './client';
import { PENDING_CALLBACK_PARTITION, pendingCallbackKey, withoutKeys } from './keys';
import { queryAllItems } from './query-all';

const DAY_SECONDS = 24 * 60 * 60;
/** A task token cannot outlive its execution (a year at most): TTL removes what nobody settled by then. */
const UNSETTLED_TTL_SECONDS = 400 * DAY_SECONDS;
/** A settled one waits for the sweep to delete it; TTL is the fallback should the sweep stop. */
const SETTLED_TTL_SECONDS = 2 * DAY_SECONDS;

const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/**
 * Records the callback; a retried write of the same item keeps the first. A repeated request
 * records another item for the same token: both are delivered, and the second one meets a task
 * that no longer waits (stale), which removes it.
 */
export async function recordPendingCallback(callback: PendingCallback): Promise<void> {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: { ...pendingCallbackKey(callback.createdAt, callback.callbackId), entity: 'PendingCallback', ...callback, expiresAt: epochSeconds(callback.createdAt) + UNSETTLED_TTL_SECONDS },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) rethrowTransient('DynamoDB', error);
  }
}

/**
 * Marks the callback settled (an update, not a delete, so a route needs no DeleteItem); the sweep
 * deletes it on its next run. Already gone (the sweep was faster) is fine.
 */
export async function markCallbackSettled(callback: Pick<PendingCallback, 'createdAt' | 'callbackId'>, at: string): Promise<void> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: pendingCallbackKey(callback.createdAt, callback.callbackId),
        UpdateExpression: 'SET settledAt = if_not_exists(settledAt, :at), expiresAt = :expiresAt',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at, ':expiresAt': epochSeconds(at) + SETTLED_TTL_SECONDS },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) rethrowTransient('DynamoDB', error);
  }
}

/** Every callback recorded before `cutoff` (ISO time), settled or not, oldest first: one Query, page by page. */
export async function callbacksRecordedBefore(cutoff: string): Promise<PendingCallback[]> {
  const items = await queryAllItems({
    TableName: TABLE_NAME,
    KeyConditionExpression: 'pk = :pk AND sk < :cutoff',
    ExpressionAttributeValues: { ':pk': PENDING_CALLBACK_PARTITION, ':cutoff': cutoff },
    ConsistentRead: true,
  });
  return items.map((item) => withoutKeys<PendingCallback>(item));
}

export async function deletePendingCallback(callback: Pick<PendingCallback, 'createdAt' | 'callbackId'>): Promise<void> {
  try {
    await documentClient.send(new DeleteCommand({ TableName: TABLE_NAME, Key: pendingCallbackKey(callback.createdAt, callback.callbackId) }));
  } catch (error) {
    rethrowTransient('DynamoDB', error);
  }
}
