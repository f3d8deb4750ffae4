import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Feedback, FeedbackLink, PublicLink } from '../../domain/client-link';
import type { TimelineEvent } from '../../domain/onboarding';
import { rethrowTransient } from '../../runtime/errors';
import { documentClient, TABLE_NAME } from './client';
import { feedbackKey, linkKey, withoutKeys } from './keys';
import { timelineEventPut } from './onboarding-repository';
import { writeTransaction, type TransactionItem } from './transaction';

/** Problem and feedback link items stay this long after their validity, then TTL removes them. */
const RETENTION_SECONDS = 400 * 24 * 60 * 60;

/** Creates the link once; a retried step gets the stored one back. `validUntil` (ISO) sets its TTL. */
export async function createOrFindPublicLink(link: PublicLink, validUntil: string): Promise<PublicLink> {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: { ...link, ...linkKey(link.tokenHash), entity: 'ClientLink', expiresAt: Math.floor(Date.parse(validUntil) / 1000) + RETENTION_SECONDS },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return link;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) rethrowTransient('DynamoDB', error);
  }
  const existing = await findPublicLink(link.tokenHash);
  if (!existing) throw new Error('Link vanished between create and read');
  return existing;
}

export async function findPublicLink(tokenHash: string): Promise<PublicLink | undefined> {
  try {
    const { Item } = await documentClient.send(new GetCommand({ TableName: TABLE_NAME, Key: linkKey(tokenHash), ConsistentRead: true }));
    if (!Item || (Item.purpose !== 'problem-report' && Item.purpose !== 'feedback')) return undefined;
    return withoutKeys<PublicLink>(Item);
  } catch (error) {
    rethrowTransient('DynamoDB', error);
  }
}

/** The update that ends a problem link (the onboarding is COMPLETED), for the completing transaction. */
export function problemLinkRevocation(tokenHash: string, at: string): TransactionItem {
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: linkKey(tokenHash),
      UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': at },
    },
  };
}

export type FeedbackResult = { outcome: 'recorded' } | { outcome: 'already-used' | 'expired' };

/**
 * Records the client's feedback once, in one transaction: the link used (only if unused and still
 * valid), the feedback item in the onboarding's partition, its timeline event.
 */
export async function recordFeedback(link: FeedbackLink, feedback: Feedback, event: TimelineEvent): Promise<FeedbackResult> {
  const result = await writeTransaction(
    [
      {
        Update: {
          TableName: TABLE_NAME,
          Key: linkKey(link.tokenHash),
          UpdateExpression: 'SET usedAt = :at, feedback = :feedback',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND validUntil > :at',
          ExpressionAttributeValues: { ':at': feedback.at, ':feedback': feedback },
        },
      },
      { Put: { TableName: TABLE_NAME, Item: { ...feedback, onboardingId: link.onboardingId, ...feedbackKey(link.onboardingId), entity: 'Feedback' }, ConditionExpression: 'attribute_not_exists(pk)' } },
      timelineEventPut(event),
    ],
    'feedback',
  );
  if (result.committed) return { outcome: 'recorded' };
  const stored = await findPublicLink(link.tokenHash);
  return { outcome: stored && 'usedAt' in stored && stored.usedAt ? 'already-used' : 'expired' };
}
