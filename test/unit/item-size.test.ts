import { readFileSync } from 'node:fs';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkItemSize, checkUpdateValuesSize, itemBytes, largestField, valueBytes } from '../../functions/adapters/dynamodb/item-size';
import { WRITE_LIMIT_BYTES } from '../../functions/domain/size-budget';
import { ItemTooLargeError } from '../../functions/runtime/errors';
import { problemFor } from '../../functions/runtime/http/problem';

describe('valueBytes: DynamoDB’s size rules', () => {
  it.each([
    ['an ASCII string', 'abc', 3],
    ['a string with 2-, 3- and 4-byte characters', 'é€😀', 9],
    ['the empty string', '', 0],
    ['true', true, 1],
    ['null', null, 1],
    ['a one-digit number', 7, 2],
    ['two digits', 42, 2],
    ['three digits', 123, 3],
    ['trailing zeros are trimmed', 1_000_000, 2],
    ['leading zeros of a fraction are trimmed', 0.0025, 2],
    ['a decimal point is not a digit', 200.25, 4],
    ['a negative number counts one more (erring large)', -42, 3],
    ['Number.MAX_SAFE_INTEGER', Number.MAX_SAFE_INTEGER, 9],
    ['an exponent form', 1.5e300, 2],
    ['a bigint', 12345678901234567890n, 11],
    ['binary', new Uint8Array(10), 10],
    ['an empty list', [], 3],
    ['a list: 3 + 1 per element + elements', ['ab', 'c'], 3 + 1 + 2 + 1 + 1],
    ['an empty map', {}, 3],
    ['a map: 3 + per member its name, 1 and its value', { ab: 'xyz', n: 1 }, 3 + (2 + 1 + 3) + (1 + 1 + 2)],
    ['undefined members are left out, as the document client does', { a: undefined, b: [undefined, 'x'] }, 3 + (1 + 1 + (3 + 1 + 1))],
    ['a set, counted as a list', new Set(['a', 'b']), 3 + 2 * (1 + 1)],
  ])('%s', (_name, value, bytes) => {
    expect(valueBytes(value)).toBe(bytes);
  });

  it('an item is its attribute names and values, without the container overhead', () => {
    expect(itemBytes({ pk: 'ONBOARDING#x', n: 10, list: ['é'] })).toBe(2 + 12 + (1 + 2) + (4 + 3 + 1 + 2));
    expect(itemBytes({ gone: undefined })).toBe(0);
  });
});

describe('largestField', () => {
  it('names the largest attribute, descending into maps while one member holds most of it', () => {
    expect(largestField({ a: 'x', expectations: { summary: 'y'.repeat(1000), other: 'z' } })?.pointer).toBe('/expectations/summary');
    expect(largestField({ analysis: { version: 1, items: [{ rootCause: 'r'.repeat(2000) }], notes: 'n' } })?.pointer).toBe('/analysis/items');
    // A list is named whole: what grew is its length.
    expect(largestField({ id: 'x', changeRequests: Array.from({ length: 50 }, () => ({ comment: 'c'.repeat(100) })) })?.pointer).toBe('/changeRequests');
    // A map of even parts is named itself.
    expect(largestField({ id: 'x', client: { a: 'a'.repeat(100), b: 'b'.repeat(100), c: 'c'.repeat(100) } })?.pointer).toBe('/client');
    expect(largestField({})).toBeUndefined();
  });

  it('escapes names as JSON Pointer does', () => {
    expect(largestField({ 'a/b~c': 'x'.repeat(10) })?.pointer).toBe('/a~1b~0c');
  });
});

describe('checkItemSize', () => {
  const big = (bytes: number) => ({ pk: 'ONBOARDING#x', sk: 'AGGREGATE', changeRequests: [{ comment: 'é'.repeat(bytes / 2) }], id: 'x' });

  it('lets an item up to the write limit through', () => {
    const item = { pk: 'p', s: 'x'.repeat(WRITE_LIMIT_BYTES - 'pk'.length - 'p'.length - 's'.length) };
    expect(itemBytes(item)).toBe(WRITE_LIMIT_BYTES);
    expect(() => checkItemSize(item, 'onboarding')).not.toThrow();
    expect(() => checkItemSize({ ...item, s: `${item.s}x` }, 'onboarding')).toThrow(ItemTooLargeError);
  });

  it('refuses one over it, naming the entity, the field and the sizes', () => {
    let error: unknown;
    try {
      checkItemSize(big(400_000), 'onboarding');
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ItemTooLargeError);
    const tooLarge = error as ItemTooLargeError;
    expect(tooLarge).toMatchObject({ name: 'ItemTooLargeError', entity: 'onboarding', field: '/changeRequests' });
    expect(tooLarge.size).toMatchObject({ bytes: itemBytes(big(400_000)), limitBytes: WRITE_LIMIT_BYTES });
    expect(tooLarge.size?.fieldBytes).toBeGreaterThan(400_000);
    expect(tooLarge.message).toMatch(/^The onboarding would exceed DynamoDB's 400 KB item limit \(400,\d{3} bytes; at most 393,216 bytes are stored\): \/changeRequests is too large \(400,\d{3} bytes\)$/);
  });

  it('on a route it is a 422 problem whose pointer names the field', () => {
    const problem = problemFor(new ItemTooLargeError('onboarding', '/changeRequests', { bytes: 400_000, limitBytes: WRITE_LIMIT_BYTES, fieldBytes: 300_000 }));
    expect(problem).toMatchObject({ status: 422, type: 'https://breakfix.example/problems/too-large-to-store', errors: [{ pointer: '/changeRequests' }] });
    expect(problemFor(new ItemTooLargeError('onboarding'))).toMatchObject({ status: 422, detail: "The onboarding would exceed DynamoDB's 400 KB item limit" });
  });

  it('an update whose values alone are too large is refused, naming the attribute they are SET to', () => {
    const update = {
      UpdateExpression: 'SET #status = :to, #changeRequests = :changeRequests ADD #n :one',
      ExpressionAttributeNames: { '#status': 'status', '#changeRequests': 'changeRequests', '#n': 'n' },
      ExpressionAttributeValues: { ':to': 'X', ':changeRequests': ['x'.repeat(WRITE_LIMIT_BYTES)], ':one': 1 },
    };
    expect(() => checkUpdateValuesSize(update, 'onboarding')).toThrow(expect.objectContaining({ name: 'ItemTooLargeError', field: '/changeRequests' }));
    expect(() => checkUpdateValuesSize({ UpdateExpression: 'SET agreement.linkHash = :hash', ExpressionAttributeValues: { ':hash': 'h'.repeat(WRITE_LIMIT_BYTES + 1) } }, 'onboarding')).toThrow(
      expect.objectContaining({ field: '/agreement/linkHash' }),
    );
    expect(() => checkUpdateValuesSize({ ...update, ExpressionAttributeValues: { ':to': 'X', ':one': 1 } }, 'onboarding')).not.toThrow();
  });
});

describe('writeTransaction', () => {
  let transaction: typeof import('../../functions/adapters/dynamodb/transaction');
  let client: typeof import('../../functions/adapters/dynamodb/client');
  beforeAll(async () => {
    process.env.TABLE_NAME ??= 'unit-test-table';
    process.env.AWS_REGION ??= 'eu-west-1';
    client = await import('../../functions/adapters/dynamodb/client');
    transaction = await import('../../functions/adapters/dynamodb/transaction');
  });
  afterEach(() => vi.restoreAllMocks());

  const huge = { pk: 'ONBOARDING#x', sk: 'AGGREGATE', expectations: { summary: 'é'.repeat(210_000) } };

  it('refuses a put over the limit before DynamoDB is called', async () => {
    const send = vi.spyOn(client.documentClient, 'send').mockResolvedValue({} as never);
    await expect(transaction.writeTransaction([{ Put: { TableName: 't', Item: huge } }], 'onboarding')).rejects.toMatchObject({
      name: 'ItemTooLargeError',
      field: '/expectations/summary',
    });
    expect(send).not.toHaveBeenCalled();
  });

  it('refuses an update whose resulting item is over the limit, though the update itself is small', async () => {
    const send = vi.spyOn(client.documentClient, 'send').mockResolvedValue({} as never);
    const small = { Update: { TableName: 't', Key: { pk: 'ONBOARDING#x', sk: 'AGGREGATE' }, UpdateExpression: 'SET #s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'FAILED' } } };
    await expect(transaction.writeTransaction([small], 'onboarding', { resultingItems: [huge] })).rejects.toMatchObject({ field: '/expectations/summary' });
    expect(send).not.toHaveBeenCalled();
    await expect(transaction.writeTransaction([small], 'onboarding', { resultingItems: [{ pk: 'ONBOARDING#x', status: 'FAILED' }] })).resolves.toEqual({ committed: true });
    expect(send).toHaveBeenCalledOnce();
  });

  it('still names DynamoDB’s own refusal (the fallback), without a field', async () => {
    const refusal = new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata: {},
      CancellationReasons: [{ Code: 'ValidationError', Message: 'Item size has exceeded the maximum allowed size' }],
    });
    vi.spyOn(client.documentClient, 'send').mockRejectedValue(refusal);
    const error = await transaction.writeTransaction([{ Put: { TableName: 't', Item: { pk: 'p' } } }], 'ticket').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ItemTooLargeError);
    expect(error).toMatchObject({ entity: 'ticket', field: undefined });
    const validation = Object.assign(new Error('Item size has exceeded the maximum allowed size'), { name: 'ValidationException' });
    expect(() => transaction.rethrowItemTooLarge(validation, 'onboarding')).toThrow(ItemTooLargeError);
  });
});

/** In a step the error surfaces as the Lambda's errorType, ItemTooLargeError: never retried, always caught. */
describe('the state machine and ItemTooLargeError', () => {
  type State = { Type: string; Retry?: Array<{ ErrorEquals: string[] }>; Catch?: Array<{ ErrorEquals: string[]; Next: string }>; ItemProcessor?: { States: Record<string, State> }; Iterator?: { States: Record<string, State> }; Branches?: Array<{ States: Record<string, State> }> };
  const asl = JSON.parse(readFileSync(new URL('../../statemachines/onboarding.asl.json', import.meta.url), 'utf8')) as { States: Record<string, State> };
  const tasks: Array<[string, State]> = [];
  const walk = (states: Record<string, State>) => {
    for (const [name, state] of Object.entries(states)) {
      if (state.Type === 'Task') tasks.push([name, state]);
      const inner = state.ItemProcessor ?? state.Iterator;
      if (inner) walk(inner.States);
      for (const branch of state.Branches ?? []) walk(branch.States);
    }
  };
  walk(asl.States);
  const matches = (errors: string[]) => errors.includes('ItemTooLargeError') || errors.includes('States.ALL');

  it.each(tasks)('%s catches it and does not retry it', (_name, state) => {
    expect((state.Retry ?? []).filter((retry) => matches(retry.ErrorEquals))).toEqual([]);
    expect((state.Catch ?? []).some((c) => matches(c.ErrorEquals))).toBe(true);
  });
});
