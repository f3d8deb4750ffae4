import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Agreement } from '../../domain/agreement';
import type { SubmittedAnalysis } from '../../domain/onboarding';
import { rethrowTransient } from '../../runtime/errors';
import { documentClient, TABLE_NAME } from './client';
import { agreementVersionKey, analysisVersionKey, withoutKeys } from './keys';

/**
 * Reads immutable agreement versions. A version is written once, in the transaction that drafts
 * it (onboarding-repository.ts), and never changed, so what the client approved (and its hash)
 * stays exactly what was stored.
 */
export async function findAgreementVersion(onboardingId: string, version: number): Promise<Agreement | undefined> {
  try {
    const { Item } = await documentClient.send(new GetCommand({ TableName: TABLE_NAME, Key: agreementVersionKey(onboardingId, version), ConsistentRead: true }));
    return Item ? withoutKeys<Agreement>(Item) : undefined;
  } catch (error) {
    rethrowTransient('DynamoDB', error);
  }
}

/** An immutable analysis version, as submitted. */
export async function findAnalysisVersion(onboardingId: string, version: number): Promise<SubmittedAnalysis | undefined> {
  try {
    const { Item } = await documentClient.send(new GetCommand({ TableName: TABLE_NAME, Key: analysisVersionKey(onboardingId, version), ConsistentRead: true }));
    return Item ? withoutKeys<SubmittedAnalysis>(Item) : undefined;
  } catch (error) {
    rethrowTransient('DynamoDB', error);
  }
}
