import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { noticeName, type Notice, type NoticeKind } from '../../domain/lifecycle';
import type { TimelineEvent } from '../../domain/onboarding';
import { rethrowTransient } from '../../runtime/errors';
import { documentClient, TABLE_NAME } from './client';
import { noticeKey, noticePrefix } from './keys';
import { timelineEventPut } from './onboarding-repository';
import { writeTransaction } from './transaction';

/** When the notification went out, or undefined if it has not. */
export async function noticeSentAt(onboardingId: string, notice: Notice): Promise<string | undefined> {
  try {
    const { Item } = await documentClient.send(new GetCommand({ TableName: TABLE_NAME, Key: noticeKey(onboardingId, notice), ConsistentRead: true }));
    return Item ? String(Item.at) : undefined;
  } catch (error) {
    rethrowTransient('DynamoDB', error);
  }
}

/** How many notifications of one kind went out in one scope (the reminders of a round, say). */
export async function countNotices(onboardingId: string, kind: NoticeKind, scope?: number): Promise<number> {
  const probe = noticeKey(onboardingId, { kind, scope });
  try {
    let count = 0;
    let exclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await documentClient.send(
        new QueryCommand({
          TableName: TABLE_NAME,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': probe.pk, ':prefix': noticePrefix(kind, scope) },
          Select: 'COUNT',
          ConsistentRead: true,
          ExclusiveStartKey: exclusiveStartKey,
        }),
      );
      count += page.Count ?? 0;
      exclusiveStartKey = page.LastEvaluatedKey;
    } while (exclusiveStartKey);
    return count;
  } catch (error) {
    rethrowTransient('DynamoDB', error);
  }
}

/**
 * Marks a notification sent, with its timeline event, in one transaction. Only the mark's own key
 * guards it (not the aggregate's version), so a status change meanwhile never makes a retried
 * step send the e-mail again. A mark already there (a concurrent attempt) is left as it is.
 */
export async function markNoticeSent(notice: Notice, event: Omit<TimelineEvent, 'type'>): Promise<void> {
  const name = noticeName(notice);
  await writeTransaction(
    [
      {
        Put: {
          TableName: TABLE_NAME,
          Item: { ...noticeKey(event.onboardingId, notice), entity: 'Notice', ...notice, name, at: event.at },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      timelineEventPut({ ...event, type: name }),
    ],
    'notice',
  );
}
