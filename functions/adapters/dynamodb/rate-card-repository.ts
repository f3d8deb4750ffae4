import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { rateCardSchema, type RateCard } from '../../domain/rate-card';
import { ENV, requireEnv } from '../../shared/env';
import { rethrowTransient } from '../../shared/errors';
import { documentClient, tableName } from './client';
import { rateCardKey } from './keys';

export interface StoredRateCard {
  rateCard: RateCard;
  /** 0 while the stage's default applies; +1 with every PUT. */
  version: number;
  updatedAt?: string;
  updatedBy?: string;
  source: 'stage-default' | 'stored';
}

let stageDefault: RateCard | undefined;
function defaultRateCard(): RateCard {
  stageDefault ??= rateCardSchema.parse(JSON.parse(requireEnv(ENV.defaultRateCard)));
  return stageDefault;
}

/** The rate card in force: the stored one, or the stage's default until an admin stores one. */
export async function currentRateCard(): Promise<StoredRateCard> {
  try {
    const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: rateCardKey(), ConsistentRead: true }));
    if (!Item) return { rateCard: defaultRateCard(), version: 0, source: 'stage-default' };
    return {
      rateCard: rateCardSchema.parse(Item.rateCard),
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
        TableName: tableName(),
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
