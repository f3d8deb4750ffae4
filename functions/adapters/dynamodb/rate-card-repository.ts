import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { storedRateCardSchema, type RateCard, type StoredRateCard } from '../../domain/rate-card';
import { ENV, requireEnv } from '../../runtime/env';
import { rethrowTransient } from '../../runtime/errors';
import { documentClient, TABLE_NAME } from './client';
import { rateCardKey } from './keys';


/** The stage's rate card until an admin stores one (DEFAULT_RATE_CARD), read once when the container starts. */
const STAGE_DEFAULT: RateCard = storedRateCardSchema.parse(JSON.parse(requireEnv(ENV.defaultRateCard)));

/** The rate card in force: the stored one, or the stage's default until an admin stores one. */
export async function currentRateCard(): Promise<StoredRateCard> {
  try {
    const { Item } = await documentClient.send(new GetCommand({ TableName: TABLE_NAME, Key: rateCardKey(), ConsistentRead: true }));
    if (!Item) return { rateCard: STAGE_DEFAULT, version: 0, source: 'stage-default' };
    return {
      rateCard: storedRateCardSchema.parse(Item.rateCard),
      version: Number(Item.version),
      updatedAt: String(Item.updatedAt),
      updatedBy: String(Item.updatedBy),
      source: 'stored',
    };
  } catch (error) {
    rethrowTransient('DynamoDB', error);
  }
}

/** Replaces the rate card; agreements already drafted keep the snapshot they were priced with. */
export async function storeRateCard(rateCard: RateCard, updatedBy: string, at: string): Promise<StoredRateCard> {
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: rateCardKey(),
        UpdateExpression: 'SET rateCard = :rateCard, updatedAt = :at, updatedBy = :by, entity = :entity ADD version :one',
        ExpressionAttributeValues: { ':rateCard': rateCard, ':at': at, ':by': updatedBy, ':entity': 'RateCard', ':one': 1 },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { rateCard, version: Number(Attributes?.version), updatedAt: at, updatedBy, source: 'stored' };
  } catch (error) {
    rethrowTransient('DynamoDB', error);
  }
}
