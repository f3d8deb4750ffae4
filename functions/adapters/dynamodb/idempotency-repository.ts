import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { rethrowTransient } from '../../runtime/errors';
import { documentClient, TABLE_NAME } from './client';
import { idempotencyKey } from './keys';

/** How long an Idempotency-Key is remembered (TTL deletes it later on AWS). */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

export interface IdempotencyRecord {
  requestHash: string;
  onboardingId: string;
  createdAt: string;
}

/**
 * Claims `key` for this caller and request. Returns the record already stored when the key was
 * claimed before (a replay), or undefined when this call claimed it.
 */
export async function claimIdempotencyKey(callerSub: string, key: string, record: IdempotencyRecord): Promise<IdempotencyRecord | undefined> {
  const keys = idempotencyKey(callerSub, key);
  try {
    await documentClient.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: {
          ...keys,
          ...record,
          entity: 'IdempotencyKey',
          expiresAt: Math.floor(Date.parse(record.createdAt) / 1000) + IDEMPOTENCY_TTL_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return undefined;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) rethrowTransient('DynamoDB', error);
  }
  try {
    const { Item } = await documentClient.send(new GetCommand({ TableName: TABLE_NAME, Key: keys, ConsistentRead: true }));
    if (!Item) throw new Error('Idempotency record vanished between claim and read');
    return { requestHash: String(Item.requestHash), onboardingId: String(Item.onboardingId), createdAt: String(Item.createdAt) };
  } catch (error) {
    rethrowTransient('DynamoDB', error);
  }
}
