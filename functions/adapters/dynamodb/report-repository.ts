import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Feedback } from '../../domain/client-link';
import type { FollowUpReport } from '../../domain/follow-up-report';
import { rethrowTransient } from '../../runtime/errors';
import { documentClient, TABLE_NAME } from './client';
import { feedbackKey, reportKey, withoutKeys } from './keys';
import type { TransactionItem } from './transaction';

/** The report as one put of the completing transaction: written once, never changed. */
export function reportPut(report: FollowUpReport): TransactionItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: { ...report, ...reportKey(report.onboardingId, report.version), entity: 'FollowUpReport' },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export async function findReport(onboardingId: string, version = 1): Promise<FollowUpReport | undefined> {
  try {
    const { Item } = await documentClient.send(new GetCommand({ TableName: TABLE_NAME, Key: reportKey(onboardingId, version), ConsistentRead: true }));
    return Item ? withoutKeys<FollowUpReport>(Item) : undefined;
  } catch (error) {
    rethrowTransient('DynamoDB', error);
  }
}

export async function findFeedback(onboardingId: string): Promise<(Feedback & { onboardingId: string }) | undefined> {
  try {
    const { Item } = await documentClient.send(new GetCommand({ TableName: TABLE_NAME, Key: feedbackKey(onboardingId), ConsistentRead: true }));
    return Item ? withoutKeys<Feedback & { onboardingId: string }>(Item) : undefined;
  } catch (error) {
    rethrowTransient('DynamoDB', error);
  }
}
