import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ItemTooLargeError, TransientDependencyError, rethrowTransient } from '../../runtime/errors';
import { documentClient } from './client';
import { checkItemSize, checkUpdateValuesSize } from './item-size';

export type TransactionItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The outcome of a transaction: committed, or refused because these items' conditions failed. */
export type TransactionResult = { committed: true } | { committed: false; failedConditions: number[] };

export interface TransactionOptions {
  /**
   * Whole items as this transaction's updates will leave them (the aggregate after a status
   * change, say): an update carries only what changes, so its resulting size cannot be read from
   * the request. Each is size-checked as a put is.
   */
  resultingItems?: ReadonlyArray<Readonly<Record<string, unknown>>>;
}

/** Reasons DynamoDB cancels a transaction that a later attempt may not meet. */
const TRANSIENT_REASONS = new Set(['TransactionConflict', 'ProvisionedThroughputExceeded', 'ThrottlingError', 'RequestLimitExceeded']);
const TOO_LARGE = /item size (has )?exceeded|maximum allowed size/i;

/**
 * Refuses a transaction with an item over the write limit before DynamoDB sees it: every put's
 * item, every resulting item the caller names, and every update's values (which alone may be too
 * much). ItemTooLargeError names `entity` and the field that takes the most room.
 */
export function checkTransactionSizes(items: readonly TransactionItem[], entity: string, options: TransactionOptions = {}): void {
  for (const item of items) if (item.Put?.Item) checkItemSize(item.Put.Item, entity);
  for (const resulting of options.resultingItems ?? []) checkItemSize(resulting, entity);
  for (const item of items) if (item.Update) checkUpdateValuesSize(item.Update, entity);
}

/**
 * Writes every item or none (TransactWriteItems). A failed condition is an answer, not an error:
 * the caller learns which items' conditions failed and decides (a conflict, or its own change
 * already applied). Conflicts with concurrent transactions and throttling become
 * TransientDependencyError, which the ASL retries and the HTTP layer answers with 503. An item
 * over the size limit is refused first, before the request (checkTransactionSizes); should
 * DynamoDB refuse one all the same, that too becomes ItemTooLargeError naming `entity`.
 */
export async function writeTransaction(items: TransactionItem[], entity: string, options: TransactionOptions = {}): Promise<TransactionResult> {
  checkTransactionSizes(items, entity, options);
  try {
    await documentClient.send(new TransactWriteCommand({ TransactItems: items }));
    return { committed: true };
  } catch (error) {
    return transactionFailure(error, entity);
  }
}

/**
 * What a refused TransactWriteItems means: failed conditions are an answer; conflicts and
 * throttling are TransientDependencyError; an item DynamoDB found too large is ItemTooLargeError
 * (the fallback behind the size check, so without a field); anything else is rethrown.
 */
export function transactionFailure(error: unknown, entity: string): TransactionResult {
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

/** DynamoDB refuses items over 400 KB with a ValidationException; name it (the fallback behind the check above). */
export function rethrowItemTooLarge(error: unknown, entity: string): void {
  if (error instanceof Error && error.name === 'ValidationException' && TOO_LARGE.test(error.message)) throw new ItemTooLargeError(entity);
}
