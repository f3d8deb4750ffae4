import { SFNClient } from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CALLBACK_RETRY, resumeTask } from '../../functions/adapters/sfn/task-callback';
import { TransientDependencyError } from '../../functions/runtime/errors';

/** An error as the SDK raises it for a Step Functions error code. */
const sfnError = (name: string) => Object.assign(new Error(name), { name });

/** Only the fault is mocked: SendTaskSuccess answers with these, in order, then succeeds. */
function sendAnswers(...failures: Error[]) {
  const queue = [...failures];
  return vi.spyOn(SFNClient.prototype, 'send').mockImplementation(function () {
    const next = queue.shift();
    return next ? Promise.reject(next) : Promise.resolve({});
  } as never);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('resumeTask: SendTaskSuccess with back-off and jitter', () => {
  it('tries again after transient failures and resumes the task', async () => {
    const send = sendAnswers(sfnError('ThrottlingException'), sfnError('ServiceUnavailable'));
    await expect(resumeTask('token', { decision: 'approve' })).resolves.toBe('resumed');
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('gives up after the last attempt with a TransientDependencyError', async () => {
    const send = sendAnswers(...Array.from({ length: 10 }, () => sfnError('ThrottlingException')));
    await expect(resumeTask('token', { decision: 'approve' })).rejects.toBeInstanceOf(TransientDependencyError);
    expect(send).toHaveBeenCalledTimes(CALLBACK_RETRY.attempts);
  });

  it('a token no task waits on is stale at once, not retried', async () => {
    for (const name of ['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']) {
      const send = sendAnswers(sfnError(name));
      await expect(resumeTask('token', { resolved: true })).resolves.toBe('stale');
      expect(send).toHaveBeenCalledTimes(1);
      send.mockRestore();
    }
  });

  it('never repeats a failure a repeat cannot cure', async () => {
    const send = sendAnswers(sfnError('InvalidOutput'));
    await expect(resumeTask('token', { resolved: true })).rejects.toMatchObject({ name: 'InvalidOutput' });
    expect(send).toHaveBeenCalledTimes(1);
  });
});
