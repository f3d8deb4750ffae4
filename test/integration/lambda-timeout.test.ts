import { GetExecutionHistoryCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import type { FunctionSpec } from '../../functions/catalog';
import { createLambdaInvoker, functionArn, type LambdaHandler } from '../../infra/local/lambda-runtime';
import type { StepFunctionsTwin } from '../../infra/local/stepfunctions/server';
import { finished, startFixtureMachine } from '../support/sfn';

const REGION = 'eu-west-1';
/** Not a product function: the twin's invoker is given its own catalog and handler. */
const SLEEPER: FunctionSpec = { name: 'Sleeper', entry: 'not/loaded.ts', description: 'Sleeps as long as it is told', grants: {}, timeoutSeconds: 1, memoryMb: 2048 };
const SLEEPER_V1 = `${functionArn(SLEEPER, REGION)}:1`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A handler that sleeps `sleepMs` of its event, after a module load of `loadMs`; it records each context. */
function sleeper(loadMs = 0) {
  const contexts: Context[] = [];
  const load = async (): Promise<LambdaHandler> => {
    await sleep(loadMs);
    return async (event, context) => {
      contexts.push(context);
      await sleep((event as { sleepMs: number }).sleepMs);
      return { slept: true };
    };
  };
  return { contexts, invoke: createLambdaInvoker(REGION, load, [SLEEPER]) };
}

let twin: StepFunctionsTwin | undefined;
afterEach(async () => {
  await twin?.close();
  twin = undefined;
});

describe('the twin Lambda runtime: timeout and memory from the catalog', () => {
  it('fails an invocation that outlives its timeout with Sandbox.Timedout and Lambda\'s message', async () => {
    const { invoke } = sleeper();
    const failure = await invoke(SLEEPER_V1, { sleepMs: 3_000 }).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(failure?.name).toBe('Sandbox.Timedout');
    const cause = JSON.parse(failure!.message) as { errorType: string; errorMessage: string };
    expect(cause.errorType).toBe('Sandbox.Timedout');
    expect(cause.errorMessage).toMatch(/^RequestId: [0-9a-f-]{36} Error: Task timed out after 1\.00 seconds$/);
  });

  it('counts the timeout from after the module has loaded: a slow first import is not billed against it', async () => {
    const { invoke } = sleeper(1_500);
    // Load (1.5 s) plus the run (0.2 s) is beyond the 1 s timeout; the run alone is within it.
    await expect(invoke(SLEEPER_V1, { sleepMs: 200 })).resolves.toEqual({ slept: true });
  });

  it('reports the memory and the invoked version in the context, without enforcing the memory', async () => {
    const { invoke, contexts } = sleeper();
    await invoke(SLEEPER_V1, { sleepMs: 0 });
    await invoke(functionArn(SLEEPER, REGION), { sleepMs: 0 });
    await invoke(`${functionArn(SLEEPER, REGION)}:live`, { sleepMs: 0 });
    expect(contexts.map((context) => context.memoryLimitInMB)).toEqual(['2048', '2048', '2048']);
    expect(contexts.map((context) => context.functionVersion)).toEqual(['1', '$LATEST', '1']);
    expect(contexts.map((context) => context.invokedFunctionArn)).toEqual([SLEEPER_V1, functionArn(SLEEPER, REGION), `${functionArn(SLEEPER, REGION)}:live`]);
    const remaining = contexts[0]!.getRemainingTimeInMillis();
    expect(remaining).toBeLessThanOrEqual(1_000);
  });

  it('knows no function outside its catalog, whatever the qualifier', async () => {
    const { invoke } = sleeper();
    await expect(invoke(`${functionArn({ name: 'Other' }, REGION)}:1`, {})).rejects.toMatchObject({ name: 'Lambda.ResourceNotFoundException' });
    await expect(invoke(`${functionArn(SLEEPER, 'us-east-1')}:1`, {})).rejects.toMatchObject({ name: 'Lambda.ResourceNotFoundException' });
  });

  it('shows Step Functions the timeout as Error Sandbox.Timedout, which fails the task and, uncaught, the execution', async () => {
    const { invoke } = sleeper();
    const started = await startFixtureMachine(
      {
        StartAt: 'Sleep',
        States: {
          Sleep: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: SLEEPER_V1, Payload: { sleepMs: 3_000 } },
            TimeoutSeconds: 30,
            End: true,
          },
        },
      },
      invoke,
      REGION,
    );
    twin = started.twin;
    const { executionArn } = await started.sfn.send(new StartExecutionCommand({ stateMachineArn: started.machineArn, name: 'sleepy' }));
    const described = await finished(started.sfn, executionArn!);
    expect(described.status).toBe('FAILED');
    expect(described.error).toBe('Sandbox.Timedout');
    expect(described.cause).toContain('Task timed out after 1.00 seconds');
    const { events = [] } = await started.sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const failed = events.find((event) => event.type === 'TaskFailed');
    expect(failed?.taskFailedEventDetails?.error).toBe('Sandbox.Timedout');
    // The task's own timeout (30 s) is not what ended it.
    expect(events.some((event) => event.type === 'TaskTimedOut')).toBe(false);
  });
});
