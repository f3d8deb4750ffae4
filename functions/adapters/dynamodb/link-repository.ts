import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ClientDecisionEvidence, ClientLink } from '../../domain/client-link';
import { rethrowTransient } from '../../runtime/errors';
import { documentClient, TABLE_NAME } from './client';
import { linkKey, withoutKeys } from './keys';


/** Link records outlive their validity by this much, then TTL removes them (evidence is also on the onboarding). */
const RETENTION_SECONDS = 400 * 24 * 60 * 60;
const DYNAMODB = 'DynamoDB';

/** Creates the link once; a second call (a retried step) returns the stored one. */
export async function createOrFindLink(link: ClientLink): Promise<ClientLink> {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: {
          ...link,
          ...linkKey(link.tokenHash),
          entity: 'ClientLink',
          expiresAt: Math.floor(Date.parse(link.validUntil) / 1000) + RETENTION_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return link;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) rethrowTransient(DYNAMODB, error);
  }
  const existing = await findLink(link.tokenHash);
  if (!existing) throw new Error('Link vanished between create and read');
  return existing;
}

export async function findLink(tokenHash: string): Promise<ClientLink | undefined> {
  try {
    const { Item } = await documentClient.send(new GetCommand({ TableName: TABLE_NAME, Key: linkKey(tokenHash), ConsistentRead: true }));
    return Item ? withoutKeys<ClientLink>(Item) : undefined;
  } catch (error) {
    rethrowTransient(DYNAMODB, error);
  }
}

/**
 * Points an unused link at the wait's new task token. Returns the stored link either way: when it
 * was used meanwhile, the caller resumes the new wait with the decision already recorded.
 */
export async function rotateLinkTaskToken(tokenHash: string, taskToken: string): Promise<ClientLink> {
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: linkKey(tokenHash),
        UpdateExpression: 'SET taskToken = :taskToken',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
        ExpressionAttributeValues: { ':taskToken': taskToken },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return withoutKeys<ClientLink>(Attributes!);
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) rethrowTransient(DYNAMODB, error);
  }
  const existing = await findLink(tokenHash);
  if (!existing) throw new Error(`No link ${tokenHash.slice(0, 8)}… to rotate`);
  return existing;
}

export type UseLinkResult = { outcome: 'recorded'; link: ClientLink } | { outcome: 'already-used' | 'expired' | 'not-found'; link?: ClientLink };

/**
 * Records the decision if the link is unused, unrevoked and still valid: one conditional write, so
 * of any number of simultaneous submissions exactly one wins.
 */
export async function useLink(tokenHash: string, evidence: ClientDecisionEvidence): Promise<UseLinkResult> {
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: linkKey(tokenHash),
        UpdateExpression: 'SET usedAt = :at, decision = :decision',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND attribute_not_exists(revokedAt) AND validUntil > :at',
        ExpressionAttributeValues: { ':at': evidence.at, ':decision': evidence },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { outcome: 'recorded', link: withoutKeys<ClientLink>(Attributes!) };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) rethrowTransient(DYNAMODB, error);
  }
  const link = await findLink(tokenHash);
  if (!link) return { outcome: 'not-found' };
  return { outcome: link.usedAt ? 'already-used' : 'expired', link };
}

/** Ends an unused link (the agreement expired). Returns false when the client decided first. */
export async function revokeLink(tokenHash: string, at: string): Promise<boolean> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: linkKey(tokenHash),
        UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    rethrowTransient(DYNAMODB, error);
  }
}
