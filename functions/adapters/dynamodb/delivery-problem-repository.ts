import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { ContactDeliverability, DeliveryProblem } from '../../domain/delivery-problem';
import type { TimelineEvent } from '../../domain/onboarding';
import { rethrowTransient } from '../../runtime/errors';
import { documentClient, TABLE_NAME } from './client';
import { onboardingKey, onboardingPartition } from './keys';
import { timelineEventPut } from './onboarding-repository';
import { writeTransaction, type TransactionItem } from './transaction';

/**
 * One item per address and reason per onboarding (pk = ONBOARDING#<id>, sk =
 * DELIVERY_PROBLEM#<reason>#<address>), or per address when the message named no onboarding
 * (pk = DELIVERY_PROBLEM#<address>, sk = <reason>). It is the claim that makes a repeated SES event
 * (SES delivers at least once, and a suppressed address bounces again on every later send) mark
 * nothing twice, and `toldAt` records that the person concerned was e-mailed.
 */
export const deliveryProblemKey = (problem: Pick<DeliveryProblem, 'address' | 'reason'>, onboardingId?: string) =>
  onboardingId
    ? { pk: onboardingPartition(onboardingId), sk: `DELIVERY_PROBLEM#${problem.reason}#${problem.address}` }
    : { pk: `DELIVERY_PROBLEM#${problem.address}`, sk: problem.reason };

export interface DeliveryProblemRecord {
  messageId: string;
  at: string;
  /** When the account manager or operations were e-mailed about it; absent until then. */
  toldAt?: string;
}

export async function findDeliveryProblem(problem: DeliveryProblem, onboardingId?: string): Promise<DeliveryProblemRecord | undefined> {
  try {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: TABLE_NAME, Key: deliveryProblemKey(problem, onboardingId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    return { messageId: String(Item.messageId), at: String(Item.at), ...(typeof Item.toldAt === 'string' ? { toldAt: Item.toldAt } : {}) };
  } catch (error) {
    rethrowTransient('DynamoDB', error);
  }
}

function claimPut(problem: DeliveryProblem, onboardingId: string | undefined, recordedAt: string): TransactionItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: {
        ...deliveryProblemKey(problem, onboardingId),
        entity: 'DeliveryProblem',
        reason: problem.reason,
        kind: problem.kind,
        messageId: problem.messageId,
        at: problem.at,
        recordedAt,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * Records the problem once: the claim, and on an onboarding its timeline event and, for a client
 * contact, the contact's mark on the aggregate. The aggregate's version is left alone (as a
 * notice's mark does), so a workflow step that read it meanwhile never loses its write.
 * Returns false when it was recorded before.
 */
export async function recordDeliveryProblem(
  problem: DeliveryProblem,
  recordedAt: string,
  onboarding?: { id: string; version: number; event: Pick<TimelineEvent, 'type' | 'detail'>; contactMark?: ContactDeliverability },
): Promise<boolean> {
  const items: TransactionItem[] = [claimPut(problem, onboarding?.id, recordedAt)];
  if (onboarding) {
    items.push(
      timelineEventPut({
        onboardingId: onboarding.id,
        version: onboarding.version,
        at: recordedAt,
        type: onboarding.event.type,
        actor: { kind: 'system', step: 'HandleEmailEvent' },
        ...(onboarding.event.detail ? { detail: onboarding.event.detail } : {}),
      }),
    );
    if (onboarding.contactMark) {
      items.push({
        Update: {
          TableName: TABLE_NAME,
          Key: onboardingKey(onboarding.id),
          UpdateExpression: 'SET deliverability = list_append(if_not_exists(deliverability, :none), :mark)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':none': [], ':mark': [onboarding.contactMark] },
        },
      });
    }
  }
  const result = await writeTransaction(items, 'delivery problem');
  return result.committed;
}

/** Notes that the person concerned was e-mailed; a second call (a concurrent retry) changes nothing. */
export async function markDeliveryProblemTold(problem: DeliveryProblem, onboardingId: string | undefined, toldAt: string): Promise<void> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: deliveryProblemKey(problem, onboardingId),
        UpdateExpression: 'SET toldAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(toldAt)',
        ExpressionAttributeValues: { ':at': toldAt },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return;
    rethrowTransient('DynamoDB', error);
  }
}
