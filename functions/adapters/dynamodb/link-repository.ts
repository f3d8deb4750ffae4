import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ClientDecisionEvidence, ClientLink } from '../../domain/client-link';
import type { DecisionEvidence } from '../../domain/decision-evidence';
import { rethrowTransient, TransientDependencyError } from '../../runtime/errors';
import { documentClient, TABLE_NAME } from './client';
import { evidencePut } from './evidence-repository';
import { linkKey, withoutKeys } from './keys';
import { writeTransaction, type TransactionItem } from './transaction';


/**
 * Link records outlive their validity by this much, then TTL removes them. A decision's evidence is
 * kept apart, on its own item for the retention years (evidence-repository.ts).
 */
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

/** Attempts on a transaction conflict: a simultaneous submission holds the link item for a moment. */
const USE_LINK_ATTEMPTS = 4;

/**
 * Records the decision if the link is unused, unrevoked and still valid, and in the same
 * transaction stores its evidence on its own item (evidence-repository.ts), which outlives the
 * link: one conditional change, so of any number of simultaneous submissions exactly one wins.
 * A submission that collides with another's transaction looks again: if that one won, the link is
 * used; if not, it tries once more.
 */
export async function useLink(tokenHash: string, evidence: DecisionEvidence): Promise<UseLinkResult> {
  const decision: ClientDecisionEvidence = {
    decision: evidence.decision,
    name: evidence.name,
    ...(evidence.comment === undefined ? {} : { comment: evidence.comment }),
    at: evidence.at,
    ip: evidence.ip,
    userAgent: evidence.userAgent,
    documentHash: evidence.documentHash,
  };
  const markUsed: TransactionItem = {
    Update: {
      TableName: TABLE_NAME,
      Key: linkKey(tokenHash),
      UpdateExpression: 'SET usedAt = :at, decision = :decision',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND attribute_not_exists(revokedAt) AND validUntil > :at',
      ExpressionAttributeValues: { ':at': evidence.at, ':decision': decision },
    },
  };
  for (let attempt = 1; ; attempt++) {
    let committed: boolean;
    try {
      committed = (await writeTransaction([markUsed, evidencePut(evidence)], 'DecisionEvidence')).committed;
    } catch (error) {
      if (!(error instanceof TransientDependencyError)) throw error;
      const link = await findLink(tokenHash);
      if (link?.usedAt) return { outcome: isOurs(link, decision) ? 'recorded' : 'already-used', link };
      if (attempt >= USE_LINK_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
      continue;
    }
    const link = await findLink(tokenHash);
    // Committed: the consistent read returns the task token the decision resumes (it can no longer rotate).
    if (committed && link) return { outcome: 'recorded', link };
    if (!link) return { outcome: 'not-found' };
    // Used by this very decision (an attempt whose answer was lost) or by another.
    if (link.usedAt) return { outcome: isOurs(link, decision) ? 'recorded' : 'already-used', link };
    if (linkIsOpen(link, evidence.at)) throw new Error(`Evidence of agreement version ${evidence.agreementVersion} exists, but its link is unused`);
    return { outcome: 'expired', link };
  }
}

const linkIsOpen = (link: ClientLink, at: string) => !link.revokedAt && link.validUntil > at;
const isOurs = (link: ClientLink, decision: ClientDecisionEvidence) =>
  link.decision !== undefined && (Object.keys(decision) as Array<keyof ClientDecisionEvidence>).every((key) => link.decision![key] === decision[key]);

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
