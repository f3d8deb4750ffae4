import { describe, expect, it } from 'vitest';
import { retryTransient } from '../../functions/application/transient-retry';
import { TransientDependencyError } from '../../functions/runtime/errors';

describe('retryTransient', () => {
  it('tries again after a transient failure and answers with the first success', async () => {
    let calls = 0;
    const result = await retryTransient(() => {
      calls++;
      return calls < 3 ? Promise.reject(new TransientDependencyError('DynamoDB', new Error('TransactionConflict'))) : Promise.resolve('done');
    });
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('gives up after the last try, and never repeats other errors', async () => {
    let calls = 0;
    await expect(
      retryTransient(() => {
        calls++;
        return Promise.reject(new TransientDependencyError('DynamoDB', new Error('TransactionConflict')));
      }, 2),
    ).rejects.toBeInstanceOf(TransientDependencyError);
    expect(calls).toBe(2);
    calls = 0;
    await expect(
      retryTransient(() => {
        calls++;
        return Promise.reject(new Error('boom'));
      }),
    ).rejects.toThrow('boom');
    expect(calls).toBe(1);
  });
});
