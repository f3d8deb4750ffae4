import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DecisionEvidence } from '../../domain/decision-evidence';
import { rethrowTransient } from '../../runtime/errors';
import { documentClient, TABLE_NAME } from './client';
import { EVIDENCE_PREFIX, evidenceKey, onboardingPartition, withoutKeys } from './keys';
import type { TransactionItem } from './transaction';
import { queryAllItems } from './query-all';

const DYNAMODB = 'DynamoDB';

/**
 * The put of a decision's evidence item, for the transaction that marks the link used
 * (link-repository.ts `useLink`): the decision and its evidence are one atomic change. Written once
 * (`attribute_not_exists`); TTL removes it at `retainUntil` (decision + the stage's retention years),
 * long after the link item, whose TTL is its validity + 400 days.
 */
export function evidencePut(evidence: DecisionEvidence): TransactionItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: {
        ...evidence,
        ...evidenceKey(evidence.onboardingId, evidence.agreementVersion),
        entity: 'DecisionEvidence',
        expiresAt: Math.floor(Date.parse(evidence.retainUntil) / 1000),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** The evidence of the client's decision on one agreement version, or undefined before the decision. */
export async function readDecisionEvidence(onboardingId: string, agreementVersion: number): Promise<DecisionEvidence | undefined> {
  try {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: TABLE_NAME, Key: evidenceKey(onboardingId, agreementVersion), ConsistentRead: true }),
    );
    return Item ? withoutKeys<DecisionEvidence>(Item) : undefined;
  } catch (error) {
    rethrowTransient(DYNAMODB, error);
  }
}

/** Every decision's evidence of an onboarding, in agreement version order. */
export async function listDecisionEvidence(onboardingId: string): Promise<DecisionEvidence[]> {
  const items = await queryAllItems({
    TableName: TABLE_NAME,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': onboardingPartition(onboardingId), ':prefix': EVIDENCE_PREFIX },
    ConsistentRead: true,
  });
  return items.map((item) => withoutKeys<DecisionEvidence>(item));
}
