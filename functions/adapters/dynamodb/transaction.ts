import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ItemTooLargeError, TransientDependencyError, rethrowTransient } from '../../runtime/errors';
import { documentClient } from './client';

export type TransactionItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The outcome of a transaction: committed, or refused because these items' conditions failed. */
export type TransactionResult = { committed: true } | { committed: false; failedConditions: number[] };

/** Reasons DynamoDB cancels a transaction that a later attempt may not meet. */
const TRANSIENT_REASONS = new Set(['TransactionConflict', 'ProvisionedThroughputExceeded', 'ThrottlingError', 'RequestLimitExceeded']);
const TOO_LARGE = /item size (has )?exceeded|maximum allowed size/i;

/**
 * Writes every item or none (TransactWriteItems). A failed condition is an answer, not an error:
 * the caller learns which items' conditions failed and decides (a conflict, or its own change
 * already applied). Conflicts with concurrent transactions and throttling become
 * TransientDependencyError, which the ASL retries and the HTTP layer answers with 503; an item
 * over 400 KB becomes ItemTooLargeError naming `entity`.
 */
export async function writeTransaction(items: TransactionItem[], entity: string): Promise<TransactionResult> {
  try {
    await documentClient.send(new TransactWriteCommand({ TransactItems: items }));
    return { committed: true };
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
      if (reasons.some((code) => TRANSIENT_REASONS.has(code))) throw new TransientDependencyError('DynamoDB', error);
      if (reasons.some((code, index) => code === 'ValidationError' && TOO_LARGE.test(error.CancellationReasons?.[index]?.Message ?? '')))
        throw new ItemTooLargeError(entity);
      const failedConditions = reasons.flatMap((code, index) => (code === 'ConditionalCheckFailed' ? [index] : []));
      if (failedConditions.length > 0) return { committed: false, failedConditions };
      throw error;
    }
    rethrowItemTooLarge(error, entity);
    rethrowTransient('DynamoDB', error);
  }
}

/** DynamoDB refuses items over 400 KB with a ValidationException; name it. */
export function rethrowItemTooLarge(error: unknown, entity: string): void {
  if (error instanceof Error && error.name === 'ValidationException' && TOO_LARGE.test(error.message)) throw new ItemTooLargeError(entity);
}
