import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Agreement } from '../../domain/agreement';
import type { SubmittedAnalysis } from '../../domain/onboarding';
import { rethrowTransient } from '../../shared/errors';
import { documentClient, tableName } from './client';
import { agreementVersionKey, analysisVersionKey, withoutKeys } from './keys';

/**
 * Immutable versions of the analysis and the agreement. A version is written once and never
 * changed: a retried write of the same version is ignored, so what the client approved (and its
 * hash) stays exactly what was stored.
 */
async function putOnce(key: { pk: string; sk: string }, entity: string, item: object): Promise<void> {
  try {
    await documentClient.send(
      new PutCommand({ TableName: tableName(), Item: { ...item, ...key, entity }, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return;
    rethrowTransient('DynamoDB', error);
  }
}

async function get<T>(key: { pk: string; sk: string }): Promise<T | undefined> {
  try {
    const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
    return Item ? withoutKeys<T>(Item) : undefined;
  } catch (error) {
    rethrowTransient('DynamoDB', error);
  }
}

export const putAnalysisVersion = (onboardingId: string, analysis: SubmittedAnalysis) =>
  putOnce(analysisVersionKey(onboardingId, analysis.version), 'AnalysisVersion', { onboardingId, ...analysis });

export const putAgreementVersion = (agreement: Agreement) =>
  putOnce(agreementVersionKey(agreement.onboardingId, agreement.version), 'AgreementVersion', agreement);

export const findAgreementVersion = (onboardingId: string, version: number) => get<Agreement>(agreementVersionKey(onboardingId, version));
