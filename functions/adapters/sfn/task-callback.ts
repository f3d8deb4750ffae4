import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { rethrowTransient } from '../../runtime/errors';
import { tracer } from '../../runtime/observability';

const sfn = tracer.captureAWSv3Client(new SFNClient({}));

/** The waiting task is gone (timed out into a reminder, or finished): the answer stays recorded. */
const STALE_TOKEN_ERRORS = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

/**
 * Resumes a waiting task. 'stale' means no task waits on this token any more: the answer is
 * already stored, and the next waiting task finds it there and resumes itself.
 */
export async function resumeTask(taskToken: string, output: Record<string, unknown>): Promise<'resumed' | 'stale'> {
  try {
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    return 'resumed';
  } catch (error) {
    if (error instanceof Error && STALE_TOKEN_ERRORS.has(error.name)) return 'stale';
    rethrowTransient('Step Functions', error);
  }
}
