import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  InvalidOutput,
  InvalidToken,
  SFNClient,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { ExecutionError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { afterEach, describe, expect, it } from 'vitest';
import { finished, startFixtureMachine, until } from '../support/sfn';
import type { StepFunctionsTwin } from '../../infra/local/stepfunctions/server';

const REGION = 'eu-west-1';
const ACCOUNT = '000000000000';
const WORK_FN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:work`;
const WAIT_TASK = 'arn:aws:states:::lambda:invoke.waitForTaskToken';

/**
 * AwaitAnalysis waits on a task token. Its timeout comes from the *state input* ($.policy.waitSeconds)
 * while its Parameters do not carry `policy`: on AWS that works; the bare engine cannot resolve it.
 */
const AWAIT_WITH_POLICY_TIMEOUT = {
  StartAt: 'AwaitAnalysis',
  States: {
    AwaitAnalysis: {
      Type: 'Task',
      Resource: WAIT_TASK,
      Parameters: { FunctionName: WORK_FN, Payload: { 'token.$': '$$.Task.Token', 'onboardingId.$': '$.onboardingId' } },
      TimeoutSecondsPath: '$.policy.waitSeconds',
      ResultPath: '$.analysis',
      Catch: [
        // States.TaskFailed must not match a timeout (AWS), so a timeout falls through to the next catcher.
        { ErrorEquals: ['States.TaskFailed'], ResultPath: '$.failure', Next: 'Failed' },
        { ErrorEquals: ['States.Timeout'], ResultPath: '$.failure', Next: 'TimedOut' },
      ],
      Next: 'Analysed',
    },
    Analysed: { Type: 'Succeed' },
    Failed: { Type: 'Pass', Result: 'failed', ResultPath: '$.route', End: true },
    TimedOut: { Type: 'Pass', Result: 'timed-out', ResultPath: '$.route', End: true },
  },
};

const RETRIED_AWAIT = {
  StartAt: 'AwaitAnalysis',
  States: {
    AwaitAnalysis: {
      Type: 'Task',
      Resource: WAIT_TASK,
      Parameters: { FunctionName: WORK_FN, Payload: { 'token.$': '$$.Task.Token' } },
      TimeoutSeconds: 30,
      Retry: [{ ErrorEquals: ['Lambda.ServiceException'], IntervalSeconds: 1, MaxAttempts: 1 }],
      End: true,
    },
  },
};

/** A lambda:invoke (no callback) that still reads $$.Task.Token: the token names no waiting task. */
const TOKEN_WITHOUT_CALLBACK = {
  StartAt: 'Notify',
  States: {
    Notify: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: WORK_FN, Payload: { 'token.$': '$$.Task.Token' } }, Next: 'Hold' },
    Hold: { Type: 'Task', Resource: WAIT_TASK, Parameters: { FunctionName: WORK_FN, Payload: { 'token.$': '$$.Task.Token' } }, End: true },
  },
};

let twin: StepFunctionsTwin | undefined;
afterEach(async () => {
  await twin?.close();
  twin = undefined;
});

/** A fake Lambda that remembers the task tokens it received; `failFirst` makes its first call fail. */
function callbackLambda(options: { failFirst?: boolean } = {}) {
  const tokens: string[] = [];
  let calls = 0;
  return {
    tokens,
    invoke: (_functionArn: string, payload: unknown): Promise<unknown> => {
      calls += 1;
      tokens.push((payload as { token: string }).token);
      if (options.failFirst && calls === 1) {
        const error = new Error('Rate exceeded');
        error.name = 'Lambda.ServiceException';
        return Promise.reject(error);
      }
      return Promise.resolve({ accepted: true });
    },
  };
}

async function start(definition: object, invokeLambda: (arn: string, payload: unknown) => Promise<unknown>) {
  const started = await startFixtureMachine(definition, invokeLambda, REGION);
  twin = started.twin;
  return started;
}

async function eventTypes(sfn: SFNClient, executionArn: string): Promise<string[]> {
  const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
  return (events ?? []).map((e) => e.type!);
}

describe('Step Functions twin: waitForTaskToken', () => {
  it('resumes on SendTaskSuccess with the parsed output (not wrapped)', async () => {
    const lambda = callbackLambda();
    const { sfn, machineArn } = await start(AWAIT_WITH_POLICY_TIMEOUT, lambda.invoke);
    const input = { onboardingId: 'o-1', policy: { waitSeconds: 30 } };
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, input: JSON.stringify(input) }));
    const token = await until(() => lambda.tokens[0]);

    expect(token).toMatch(/^AQ[A-Za-z0-9+/]{640}$/);
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ items: [{ rootCause: 'disk' }] }) }));
    const described = await finished(sfn, executionArn!);

    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output!)).toEqual({ ...input, analysis: { items: [{ rootCause: 'disk' }] } });
    expect(await eventTypes(sfn, executionArn!)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    // The token's task is over: any later report is TaskTimedOut, as on AWS.
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toBeInstanceOf(TaskTimedOut);
    await expect(sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }))).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it('fails the task on SendTaskFailure, with its error and cause reaching Catch', async () => {
    const lambda = callbackLambda();
    const { sfn, machineArn } = await start(AWAIT_WITH_POLICY_TIMEOUT, lambda.invoke);
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: machineArn, input: JSON.stringify({ onboardingId: 'o-2', policy: { waitSeconds: 30 } }) }),
    );
    const token = await until(() => lambda.tokens[0]);

    await sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'Analysis.Rejected', cause: 'not our client' }));
    const described = await finished(sfn, executionArn!);

    expect(JSON.parse(described.output!)).toMatchObject({ route: 'failed', failure: { Error: 'Analysis.Rejected', Cause: 'not our client' } });
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events!.find((e) => e.type === 'TaskFailed')!.taskFailedEventDetails).toEqual({
      resourceType: 'lambda',
      resource: 'invoke.waitForTaskToken',
      error: 'Analysis.Rejected',
      cause: 'not our client',
    });
  });

  it('times out with States.Timeout after TimeoutSecondsPath seconds read from the state input', async () => {
    const lambda = callbackLambda();
    const { sfn, machineArn } = await start(AWAIT_WITH_POLICY_TIMEOUT, lambda.invoke);
    const startedAt = Date.now();
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: machineArn, input: JSON.stringify({ onboardingId: 'o-3', policy: { waitSeconds: 1 } }) }),
    );
    const described = await finished(sfn, executionArn!);

    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1000);
    expect(JSON.parse(described.output!)).toMatchObject({ route: 'timed-out', failure: { Error: 'States.Timeout' } });
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events!.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskTimedOut',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events!.find((e) => e.type === 'TaskScheduled')!.taskScheduledEventDetails!.timeoutInSeconds).toBe(1);
    expect(events!.find((e) => e.type === 'TaskTimedOut')!.taskTimedOutEventDetails).toEqual({
      resourceType: 'lambda',
      resource: 'invoke.waitForTaskToken',
      error: 'States.Timeout',
    });
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: lambda.tokens[0], output: '{}' }))).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it('differs from the bare engine, which resolves TimeoutSecondsPath against the Parameters output', async () => {
    // The engine alone, given the ASL as written: `$.policy.waitSeconds` is looked up in Parameters,
    // which has no `policy`, so the state fails with States.Runtime instead of waiting.
    const engine = new StateMachine(AWAIT_WITH_POLICY_TIMEOUT as unknown as StateMachineDefinition);
    const run = engine.run(
      { onboardingId: 'o-4', policy: { waitSeconds: 1 } },
      { overrides: { taskResourceLocalHandlers: { AwaitAnalysis: () => new Promise(() => undefined) } }, context: { Task: { Token: 'token' } } },
    );
    const failure = await run.result.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ExecutionError);
    expect((failure as ExecutionError).cause).toMatchObject({ name: 'States.Runtime', message: "Path expression '$.policy.waitSeconds' does not point to a value" });

    // The twin, given the same ASL: it waits the input's 1 s and times out (the previous test shows the
    // whole history); with a longer policy it waits for the callback.
    const lambda = callbackLambda();
    const { sfn, machineArn } = await start(AWAIT_WITH_POLICY_TIMEOUT, lambda.invoke);
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: machineArn, input: JSON.stringify({ onboardingId: 'o-4', policy: { waitSeconds: 1 } }) }),
    );
    expect(JSON.parse((await finished(sfn, executionArn!)).output!)).toMatchObject({ route: 'timed-out' });
  });

  it('mints a fresh token for each attempt; the failed attempt’s token is retired', async () => {
    const lambda = callbackLambda({ failFirst: true });
    const { sfn, machineArn } = await start(RETRIED_AWAIT, lambda.invoke);
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn }));
    const [first, second] = await until(() => (lambda.tokens.length === 2 ? lambda.tokens : undefined));

    expect(first).not.toBe(second);
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: first, output: '{"attempt":1}' }))).rejects.toBeInstanceOf(TaskTimedOut);
    await sfn.send(new SendTaskSuccessCommand({ taskToken: second, output: '{"attempt":2}' }));

    expect(JSON.parse((await finished(sfn, executionArn!)).output!)).toEqual({ attempt: 2 });
    expect(await eventTypes(sfn, executionArn!)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('answers InvalidToken, TaskDoesNotExist and InvalidOutput as AWS does', async () => {
    const lambda = callbackLambda();
    const { sfn, machineArn } = await start(TOKEN_WITHOUT_CALLBACK, lambda.invoke);
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn }));
    const [unclaimed, waiting] = await until(() => (lambda.tokens.length === 2 ? lambda.tokens : undefined));

    const malformed = sfn.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' }));
    await expect(malformed).rejects.toBeInstanceOf(InvalidToken);
    await expect(malformed).rejects.toMatchObject({ name: 'InvalidToken', $metadata: { httpStatusCode: 400 } });
    const unknown = `AQ${Buffer.alloc(480, 7).toString('base64')}`;
    await expect(sfn.send(new SendTaskFailureCommand({ taskToken: unknown }))).rejects.toBeInstanceOf(InvalidToken);
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: unclaimed, output: '{}' }))).rejects.toBeInstanceOf(TaskDoesNotExist);
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: waiting, output: '{not json' }))).rejects.toBeInstanceOf(InvalidOutput);

    // A rejected report leaves the task waiting.
    await sfn.send(new SendTaskSuccessCommand({ taskToken: waiting, output: '"done"' }));
    expect(await finished(sfn, executionArn!)).toMatchObject({ status: 'SUCCEEDED', output: '"done"' });
  });
});
