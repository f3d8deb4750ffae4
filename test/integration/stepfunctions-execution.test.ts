import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskTimedOut,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import { finished, startFixtureMachine, until } from '../support/sfn';
import type { StepFunctionsTwin } from '../../infra/local/stepfunctions/server';

const REGION = 'eu-west-1';
const ACCOUNT = '000000000000';
const WORK_FN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:work`;
const TASK = 'arn:aws:states:::lambda:invoke';
const WAIT_TASK = 'arn:aws:states:::lambda:invoke.waitForTaskToken';


let twin: StepFunctionsTwin | undefined;
afterEach(async () => {
  await twin?.close();
  twin = undefined;
});

async function start(definition: object, invokeLambda: (arn: string, payload: unknown) => Promise<unknown>) {
  const started = await startFixtureMachine(definition, invokeLambda, REGION);
  twin = started.twin;
  return started;
}

function lambdaError(name: string, cause: string): Error {
  const error = new Error(cause);
  error.name = name;
  return error;
}

async function history(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  return (await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events ?? [];
}

describe('Step Functions twin: running executions', () => {
  it('runs a happy path and records AWS history events in order', async () => {
    const payloads: unknown[] = [];
    const { sfn, machineArn } = await start(
      {
        StartAt: 'Prepare',
        States: {
          Prepare: { Type: 'Pass', Result: { n: 41 }, ResultPath: '$.prepared', Next: 'Work' },
          Work: {
            Type: 'Task',
            Resource: TASK,
            Parameters: {
              // A published version, as the product's ASL names its functions.
              FunctionName: `${WORK_FN}:1`,
              Payload: {
                'n.$': '$.prepared.n',
                'executionId.$': '$$.Execution.Id',
                'executionName.$': '$$.Execution.Name',
                'stateMachine.$': '$$.StateMachine.Name',
                'input.$': '$$.Execution.Input',
              },
            },
            ResultSelector: { 'value.$': '$.Payload.value', 'status.$': '$.StatusCode' },
            ResultPath: '$.work',
            TimeoutSeconds: 5,
            Next: 'Check',
          },
          Check: { Type: 'Choice', Choices: [{ Variable: '$.work.value', NumericEquals: 42, Next: 'Done' }], Default: 'Broken' },
          Broken: { Type: 'Fail', Error: 'Broken', Cause: 'unexpected value' },
          Done: { Type: 'Succeed' },
        },
      },
      (functionArn, payload) => {
        payloads.push({ functionArn, payload });
        return Promise.resolve({ value: (payload as { n: number }).n + 1 });
      },
    );

    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, name: 'happy', input: '{"id":"o-1"}' }));
    const described = await finished(sfn, executionArn!);

    expect(executionArn).toBe(`arn:aws:states:${REGION}:${ACCOUNT}:execution:fixture:happy`);
    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output!)).toEqual({ id: 'o-1', prepared: { n: 41 }, work: { value: 42, status: 200 } });
    expect(described.startDate).toBeInstanceOf(Date);
    expect(described.stopDate!.getTime()).toBeGreaterThanOrEqual(described.startDate!.getTime());
    expect(payloads).toEqual([
      {
        functionArn: `${WORK_FN}:1`,
        payload: { n: 41, executionId: executionArn, executionName: 'happy', stateMachine: 'fixture', input: { id: 'o-1' } },
      },
    ]);

    const events = await history(sfn, executionArn!);
    expect(events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]).toMatchObject({ previousEventId: 0, executionStartedEventDetails: { input: '{"id":"o-1"}' } });
    expect(events[1]).toMatchObject({ previousEventId: 0, stateEnteredEventDetails: { name: 'Prepare' } });
    expect(events[4]!.taskScheduledEventDetails).toMatchObject({ resourceType: 'lambda', resource: 'invoke', region: REGION, timeoutInSeconds: 5 });
    expect(JSON.parse(events[4]!.taskScheduledEventDetails!.parameters!)).toMatchObject({ FunctionName: `${WORK_FN}:1`, Payload: { n: 41 } });
    expect(JSON.parse(events[6]!.taskSucceededEventDetails!.output!)).toEqual({ ExecutedVersion: '1', Payload: { value: 42 }, StatusCode: 200 });
    expect(events[7]).toMatchObject({ previousEventId: 7, stateExitedEventDetails: { name: 'Work' } });
    expect(events.at(-1)!.executionSucceededEventDetails!.output).toBe(described.output);
  });

  it('retries a failed Lambda in the same state: TaskFailed, then a new TaskScheduled', async () => {
    let calls = 0;
    const { sfn, machineArn } = await start(
      {
        StartAt: 'Work',
        States: {
          Work: {
            Type: 'Task',
            Resource: TASK,
            Parameters: { FunctionName: WORK_FN, 'Payload.$': '$' },
            Retry: [{ ErrorEquals: ['Lambda.ServiceException'], IntervalSeconds: 1, MaxAttempts: 2 }],
            OutputPath: '$.Payload',
            End: true,
          },
        },
      },
      () => {
        calls += 1;
        if (calls === 1) return Promise.reject(lambdaError('Lambda.ServiceException', 'Lambda was throttled'));
        return Promise.resolve({ attempt: calls });
      },
    );

    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn }));
    const described = await finished(sfn, executionArn!);

    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output!)).toEqual({ attempt: 2 });
    const events = await history(sfn, executionArn!);
    expect(events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events[4]!.taskFailedEventDetails).toEqual({ resourceType: 'lambda', resource: 'invoke', error: 'Lambda.ServiceException', cause: 'Lambda was throttled' });
  });

  it('catches an error into the handler state with $.failure = {Error, Cause}', async () => {
    const cause = JSON.stringify({ errorType: 'IntakeInvalid', errorMessage: 'no contact', trace: [] });
    const { sfn, machineArn } = await start(
      {
        StartAt: 'Work',
        States: {
          Work: {
            Type: 'Task',
            Resource: TASK,
            Parameters: { FunctionName: WORK_FN, 'Payload.$': '$' },
            Retry: [{ ErrorEquals: ['Lambda.ServiceException'], IntervalSeconds: 1, MaxAttempts: 2 }],
            Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'HandleFailure' }],
            End: true,
          },
          HandleFailure: { Type: 'Pass', Parameters: { 'failure.$': '$.failure', handled: true }, End: true },
        },
      },
      () => Promise.reject(lambdaError('IntakeInvalid', cause)),
    );

    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, input: '{"id":"o-2"}' }));
    const described = await finished(sfn, executionArn!);

    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output!)).toEqual({ failure: { Error: 'IntakeInvalid', Cause: cause }, handled: true });
    expect((await history(sfn, executionArn!)).map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('fails the execution with the error and cause of an uncaught failure, or of a Fail state', async () => {
    const { sfn, machineArn } = await start(
      {
        StartAt: 'Route',
        States: {
          Route: { Type: 'Choice', Choices: [{ Variable: '$.viaTask', BooleanEquals: true, Next: 'Work' }], Default: 'Stop' },
          Work: { Type: 'Task', Resource: WORK_FN, End: true },
          Stop: { Type: 'Fail', Error: 'Onboarding.Declined', Cause: 'client declined' },
        },
      },
      () => Promise.reject(lambdaError('Lambda.Unknown', 'boom')),
    );

    const viaTask = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, input: '{"viaTask":true}' }));
    const viaFail = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, input: '{"viaTask":false}' }));

    expect(await finished(sfn, viaTask.executionArn!)).toMatchObject({ status: 'FAILED', error: 'Lambda.Unknown', cause: 'boom' });
    expect(await finished(sfn, viaFail.executionArn!)).toMatchObject({ status: 'FAILED', error: 'Onboarding.Declined', cause: 'client declined' });
    const taskEvents = await history(sfn, viaTask.executionArn!);
    expect(taskEvents.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionFailed',
      'ExecutionFailed',
    ]);
    expect(taskEvents.at(-1)!.executionFailedEventDetails).toEqual({ error: 'Lambda.Unknown', cause: 'boom' });
    expect((await history(sfn, viaFail.executionArn!)).map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'FailStateEntered',
      'ExecutionFailed',
    ]);
  });

  it('stops a running execution: ABORTED with error and cause, its task token retired', async () => {
    const tokens: string[] = [];
    const { sfn, machineArn } = await start(
      {
        StartAt: 'Await',
        States: {
          Await: {
            Type: 'Task',
            Resource: WAIT_TASK,
            Parameters: { FunctionName: WORK_FN, Payload: { 'token.$': '$$.Task.Token' } },
            TimeoutSeconds: 60,
            End: true,
          },
        },
      },
      (_arn, payload) => {
        tokens.push((payload as { token: string }).token);
        return Promise.resolve(null);
      },
    );
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, name: 'to-stop' }));
    await until(() => tokens[0]);

    const stopped = await sfn.send(new StopExecutionCommand({ executionArn, error: 'Ops.Cancelled', cause: 'cancelled by staff' }));

    expect(stopped.stopDate).toBeInstanceOf(Date);
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(described).toMatchObject({ status: 'ABORTED', error: 'Ops.Cancelled', cause: 'cancelled by staff' });
    const events = await history(sfn, executionArn!);
    expect(events.map((e) => e.type)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'ExecutionAborted']);
    expect(events.at(-1)!.executionAbortedEventDetails).toEqual({ error: 'Ops.Cancelled', cause: 'cancelled by staff' });
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: tokens[0], output: '{}' }))).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it('runs a Map of waitForTaskToken tasks, with $$.Execution.Input still the execution input inside iterations', async () => {
    const waiting: Array<{ token: string; ticket: string; policy: unknown; startTime: string }> = [];
    const { sfn, machineArn } = await start(
      {
        StartAt: 'Tickets',
        States: {
          Tickets: {
            Type: 'Map',
            ItemsPath: '$.tickets',
            MaxConcurrency: 40,
            ItemSelector: { 'ticket.$': '$$.Map.Item.Value' },
            ItemProcessor: {
              ProcessorConfig: { Mode: 'INLINE' },
              StartAt: 'AwaitResolution',
              States: {
                AwaitResolution: {
                  Type: 'Task',
                  Resource: WAIT_TASK,
                  Parameters: {
                    FunctionName: WORK_FN,
                    Payload: {
                      'token.$': '$$.Task.Token',
                      'ticket.$': '$.ticket',
                      'policy.$': '$$.Execution.Input.policy',
                      'startTime.$': '$$.Execution.StartTime',
                    },
                  },
                  TimeoutSecondsPath: '$$.Execution.Input.policy.resolutionSeconds',
                  End: true,
                },
              },
            },
            End: true,
          },
        },
      },
      (_arn, payload) => {
        waiting.push(payload as (typeof waiting)[number]);
        return Promise.resolve(null);
      },
    );
    const input = { tickets: ['t-1', 't-2', 't-3'], policy: { resolutionSeconds: 30 } };
    const { executionArn, startDate } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, input: JSON.stringify(input) }));
    await until(() => (waiting.length === 3 ? true : undefined));

    expect(waiting.map((w) => w.ticket).sort()).toEqual(['t-1', 't-2', 't-3']);
    expect(waiting.every((w) => JSON.stringify(w.policy) === JSON.stringify(input.policy))).toBe(true);
    expect(new Set(waiting.map((w) => w.startTime))).toEqual(new Set([startDate!.toISOString()]));
    for (const w of waiting) {
      await sfn.send(new SendTaskSuccessCommand({ taskToken: w.token, output: JSON.stringify({ resolved: w.ticket }) }));
    }
    const described = await finished(sfn, executionArn!);

    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output!)).toEqual([{ resolved: 't-1' }, { resolved: 't-2' }, { resolved: 't-3' }]);
    const types = (await history(sfn, executionArn!)).map((e) => e.type);
    expect(types.slice(0, 3)).toEqual(['ExecutionStarted', 'MapStateEntered', 'MapStateStarted']);
    expect(types.filter((t) => t === 'MapIterationStarted')).toHaveLength(3);
    expect(types.filter((t) => t === 'TaskSucceeded')).toHaveLength(3);
    expect(types.filter((t) => t === 'MapIterationSucceeded')).toHaveLength(3);
    expect(types.slice(-3)).toEqual(['MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded']);
    const started = (await history(sfn, executionArn!)).find((e) => e.type === 'MapStateStarted');
    expect(started!.mapStateStartedEventDetails).toEqual({ length: 3 });
  });

  it('times out the whole execution after the definition\'s TimeoutSeconds: TIMED_OUT, tokens retired', async () => {
    const tokens: string[] = [];
    const { sfn, machineArn } = await start(
      {
        TimeoutSeconds: 1,
        StartAt: 'Await',
        States: {
          Await: { Type: 'Task', Resource: WAIT_TASK, Parameters: { FunctionName: WORK_FN, Payload: { 'token.$': '$$.Task.Token' } }, End: true },
        },
      },
      (_arn, payload) => {
        tokens.push((payload as { token: string }).token);
        return Promise.resolve(null);
      },
    );
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn }));

    expect(await finished(sfn, executionArn!)).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect((await history(sfn, executionArn!)).map((e) => e.type).at(-1)).toBe('ExecutionTimedOut');
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: tokens[0], output: '{}' }))).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it('aborts the other iterations of a failing Map and retires their tokens', async () => {
    const waiting: string[] = [];
    const { sfn, machineArn } = await start(
      {
        StartAt: 'Tickets',
        States: {
          Tickets: {
            Type: 'Map',
            ItemsPath: '$.tickets',
            ItemProcessor: {
              StartAt: 'AwaitResolution',
              States: {
                AwaitResolution: {
                  Type: 'Task',
                  Resource: WAIT_TASK,
                  Parameters: { FunctionName: WORK_FN, Payload: { 'token.$': '$$.Task.Token', 'ticket.$': '$' } },
                  TimeoutSeconds: 60,
                  End: true,
                },
              },
            },
            Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'Escalate' }],
            End: true,
          },
          Escalate: { Type: 'Pass', End: true },
        },
      },
      async (_arn, payload) => {
        const { token, ticket } = payload as { token: string; ticket: { broken?: boolean } };
        if (!ticket.broken) {
          waiting.push(token);
          return null;
        }
        // Fail only once the other two iterations wait on their tokens.
        await until(() => (waiting.length === 2 ? true : undefined));
        throw lambdaError('Ticket.Broken', 'cannot be resolved');
      },
    );
    const input = { tickets: [{ id: 'a' }, { id: 'b' }, { id: 'c', broken: true }] };
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, input: JSON.stringify(input) }));
    const described = await finished(sfn, executionArn!);

    expect(JSON.parse(described.output!)).toEqual({ ...input, failure: { Error: 'Ticket.Broken', Cause: 'cannot be resolved' } });
    const events = await history(sfn, executionArn!);
    const types = events.map((e) => e.type);
    expect(types.filter((t) => t === 'TaskFailed')).toHaveLength(1);
    expect(types.filter((t) => t === 'MapIterationFailed')).toHaveLength(1);
    expect(types.filter((t) => t === 'TaskStateAborted')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'MapIterationAborted').map((e) => e.mapIterationAbortedEventDetails!.index).sort()).toEqual([0, 1]);
    expect(types.slice(-5)).toEqual(['MapStateFailed', 'MapStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    for (const token of waiting) {
      await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toBeInstanceOf(TaskTimedOut);
    }
  });

  it('honours timeouts beyond what a Node timer can hold (AWS allows 99999999 s) instead of firing at once', async () => {
    const { sfn, machineArn } = await start(
      {
        StartAt: 'Fixed',
        States: {
          Fixed: { Type: 'Task', Resource: TASK, Parameters: { FunctionName: WORK_FN }, TimeoutSeconds: 99_999_999, ResultPath: null, Next: 'FromInput' },
          FromInput: { Type: 'Task', Resource: TASK, Parameters: { FunctionName: WORK_FN }, TimeoutSecondsPath: '$.timeout', OutputPath: '$.Payload', End: true },
        },
      },
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return 'slow but in time';
      },
    );
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, input: '{"timeout":99999999}' }));

    expect(await finished(sfn, executionArn!)).toMatchObject({ status: 'SUCCEEDED', output: '"slow but in time"' });
  });

  it('passes the whole state input to a plain Lambda ARN Task without Parameters, even a falsy one', async () => {
    const payloads: unknown[] = [];
    const { sfn, machineArn } = await start(
      {
        StartAt: 'Count',
        States: {
          Count: { Type: 'Task', Resource: WORK_FN, TimeoutSeconds: 5, Next: 'Again' },
          Again: { Type: 'Task', Resource: WORK_FN, End: true },
        },
      },
      (_arn, payload) => {
        payloads.push(payload);
        return Promise.resolve(typeof payload === 'number' && payload === 0 ? { seconds: 2 } : 'done');
      },
    );
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, input: '0' }));

    expect(await finished(sfn, executionArn!)).toMatchObject({ status: 'SUCCEEDED', output: '"done"' });
    expect(payloads).toEqual([0, { seconds: 2 }]);
    const scheduled = (await history(sfn, executionArn!)).filter((e) => e.type === 'LambdaFunctionScheduled');
    expect(scheduled.map((e) => e.lambdaFunctionScheduledEventDetails)).toEqual([
      { resource: WORK_FN, input: '0', inputDetails: { truncated: false }, timeoutInSeconds: 5 },
      { resource: WORK_FN, input: '{"seconds":2}', inputDetails: { truncated: false } },
    ]);
  });
});
