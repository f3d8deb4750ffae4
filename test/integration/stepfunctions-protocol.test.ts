import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidArn,
  InvalidExecutionInput,
  InvalidName,
  InvalidToken,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  ValidationException,
  type ExecutionStatus,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { match } from '../support/matchers';
import { startStepFunctionsTwin, type StepFunctionsTwin } from '../../infra/local/stepfunctions/server';

const REGION = 'eu-west-1';
const ACCOUNT = '000000000000';
const WORK_FN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:work`;

/** Runs to completion at once, or waits on a task token when the input says `hold: true`. */
const FIXTURE = JSON.stringify({
  Comment: 'protocol fixture',
  StartAt: 'Route',
  States: {
    Route: { Type: 'Choice', Choices: [{ Variable: '$.hold', BooleanEquals: true, Next: 'Hold' }], Default: 'Done' },
    Hold: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: WORK_FN, Payload: { 'token.$': '$$.Task.Token' } },
      TimeoutSeconds: 300,
      End: true,
    },
    Done: { Type: 'Succeed' },
  },
});
const OTHER = JSON.stringify({ StartAt: 'Only', States: { Only: { Type: 'Pass', End: true } } });

let twin: StepFunctionsTwin;
let sfn: SFNClient;
let machineArn: string;
const tokens: string[] = [];

beforeAll(async () => {
  twin = await startStepFunctionsTwin({
    port: 0,
    region: REGION,
    accountId: ACCOUNT,
    stateMachines: [
      { name: 'fixture', definition: FIXTURE },
      { name: 'other', definition: OTHER },
    ],
    invokeLambda: (_arn, payload) => {
      tokens.push((payload as { token: string }).token);
      return Promise.resolve(null);
    },
  });
  sfn = new SFNClient({ endpoint: twin.url, region: REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  machineArn = twin.stateMachineArn('fixture');
});
afterAll(async () => {
  await twin.close();
});

async function raw(target: string, body: unknown): Promise<{ status: number; contentType: string | null; json: unknown }> {
  const response = await fetch(`${twin.url}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': target },
    body: JSON.stringify(body),
  });
  return { status: response.status, contentType: response.headers.get('content-type'), json: await response.json() };
}

async function settled(executionArn: string, status: ExecutionStatus): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status !== status) {
    if (Date.now() > deadline) throw new Error(`${executionArn} never reached ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('Step Functions twin: AWS JSON 1.0 protocol', () => {
  it('lists and describes the state machines it serves', async () => {
    const { stateMachines } = await sfn.send(new ListStateMachinesCommand({}));
    expect(stateMachines!.map((m) => [m.name, m.stateMachineArn, m.type])).toEqual([
      ['fixture', `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:fixture`, 'STANDARD'],
      ['other', `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:other`, 'STANDARD'],
    ]);
    expect(stateMachines![0]!.creationDate).toBeInstanceOf(Date);

    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: machineArn }));
    expect(described).toMatchObject({ name: 'fixture', status: 'ACTIVE', type: 'STANDARD', definition: FIXTURE });
    expect(described.roleArn).toMatch(/^arn:aws:iam::000000000000:role\//);
  });

  it('answers JSON 1.0 with epoch-second timestamps, and errors as 400 {__type, message}', async () => {
    const started = await raw('AWSStepFunctions.StartExecution', { stateMachineArn: machineArn, input: '{}' });
    expect(started.status).toBe(200);
    expect(started.contentType).toBe('application/x-amz-json-1.0');
    const { startDate } = started.json as { startDate: unknown };
    expect(typeof startDate).toBe('number');
    expect(Math.abs((startDate as number) - Date.now() / 1000)).toBeLessThan(60);

    expect(await raw('AWSStepFunctions.DescribeExecution', { executionArn: 'nope' })).toEqual({
      status: 400,
      contentType: 'application/x-amz-json-1.0',
      json: { __type: 'InvalidArn', message: "Invalid Arn: 'nope'" },
    });
    expect(await raw('AWSStepFunctions.CreateStateMachine', {})).toMatchObject({ status: 400, json: { __type: 'UnknownOperationException' } });
    expect(await raw('SomethingElse.ListStateMachines', {})).toMatchObject({ status: 400, json: { __type: 'UnknownOperationException' } });
  });

  it('maps each error code to the SDK exception of that name', async () => {
    const unknownMachine = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:missing`;
    const unknownExecution = `arn:aws:states:${REGION}:${ACCOUNT}:execution:fixture:missing`;
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: unknownMachine }))).rejects.toBeInstanceOf(StateMachineDoesNotExist);
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: 'arn:aws:states:eu-west-1:bad' }))).rejects.toBeInstanceOf(InvalidArn);
    await expect(sfn.send(new DescribeExecutionCommand({ executionArn: machineArn }))).rejects.toMatchObject({
      name: 'InvalidArn',
      message: "Invalid Arn: 'Resource type not valid in this context: statemachine'",
    });
    await expect(sfn.send(new DescribeExecutionCommand({ executionArn: unknownExecution }))).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(sfn.send(new GetExecutionHistoryCommand({ executionArn: unknownExecution }))).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(sfn.send(new StopExecutionCommand({ executionArn: unknownExecution }))).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, input: '{"unterminated":' }))).rejects.toBeInstanceOf(
      InvalidExecutionInput,
    );
    await expect(sfn.send(new ListExecutionsCommand({ stateMachineArn: machineArn, maxResults: 1001 }))).rejects.toBeInstanceOf(ValidationException);
    await expect(
      sfn.send(new ListExecutionsCommand({ stateMachineArn: machineArn, statusFilter: 'SLEEPING' as ExecutionStatus })),
    ).rejects.toBeInstanceOf(ValidationException);
    await expect(sfn.send(new ListExecutionsCommand({ stateMachineArn: machineArn, nextToken: 'forged' }))).rejects.toBeInstanceOf(InvalidToken);
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: 'forged', output: '{}' }))).rejects.toBeInstanceOf(InvalidToken);
  });

  it('applies AWS execution name rules', async () => {
    const invalid = [
      '',
      'x'.repeat(81),
      'has space',
      'tab\tname',
      ...'<>{}[]?*"#%\\^|~`$&,;:/'.split('').map((c) => `a${c}b`),
      'ctrl\u0001',
      'del\u007f',
      'c1\u0085',
    ];
    for (const name of invalid) {
      await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, name })), JSON.stringify(name)).rejects.toBeInstanceOf(InvalidName);
    }
    for (const name of ['x'.repeat(80), 'onboarding-01J0_ABC.v2', 'überweisung', '(parens)!@+=']) {
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, name }));
      expect(executionArn).toBe(`arn:aws:states:${REGION}:${ACCOUNT}:execution:fixture:${name}`);
    }
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn }));
    expect(executionArn).toMatch(/:execution:fixture:[0-9a-f-]{36}$/);
  });

  it('starts idempotently while running, and refuses the name otherwise', async () => {
    const first = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, name: 'onboarding-7', input: '{"hold":true}' }));
    const again = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, name: 'onboarding-7', input: '{"hold":true}' }));
    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate).toEqual(first.startDate);

    const differentInput = sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, name: 'onboarding-7', input: '{"hold": true}' }));
    await expect(differentInput).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    await expect(differentInput).rejects.toMatchObject({ name: 'ExecutionAlreadyExists', message: `Execution Already Exists: '${first.executionArn}'` });

    await sfn.send(new StopExecutionCommand({ executionArn: first.executionArn }));
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, name: 'onboarding-7', input: '{"hold":true}' })),
    ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });

  it('lists executions newest first, filtered by status, page by page', async () => {
    const listed = twin.stateMachineArn('other');
    const done: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: listed, name: `done-${i}` }));
      await settled(executionArn!, 'SUCCEEDED');
      done.push(executionArn!);
    }
    const holding = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, name: 'holding', input: '{"hold":true}' }));

    const succeeded = await sfn.send(new ListExecutionsCommand({ stateMachineArn: listed, statusFilter: 'SUCCEEDED' }));
    expect(succeeded.executions!.map((e) => e.executionArn)).toEqual([...done].reverse());
    expect(succeeded.executions![0]).toMatchObject({ name: 'done-2', status: 'SUCCEEDED', stateMachineArn: listed });
    expect(succeeded.executions![0]!.stopDate).toBeInstanceOf(Date);
    expect((await sfn.send(new ListExecutionsCommand({ stateMachineArn: listed, statusFilter: 'RUNNING' }))).executions).toEqual([]);
    const running = await sfn.send(new ListExecutionsCommand({ stateMachineArn: machineArn, statusFilter: 'RUNNING' }));
    expect(running.executions!.map((e) => e.executionArn)).toContain(holding.executionArn);

    const pageOne = await sfn.send(new ListExecutionsCommand({ stateMachineArn: listed, maxResults: 2 }));
    expect(pageOne.executions!.map((e) => e.name)).toEqual(['done-2', 'done-1']);
    expect(pageOne.nextToken).toBeTypeOf('string');
    const pageTwo = await sfn.send(new ListExecutionsCommand({ stateMachineArn: listed, maxResults: 2, nextToken: pageOne.nextToken }));
    expect(pageTwo.executions!.map((e) => e.name)).toEqual(['done-0']);
    expect(pageTwo.nextToken).toBeUndefined();
    // A token only continues the query that produced it.
    await expect(
      sfn.send(new ListExecutionsCommand({ stateMachineArn: listed, statusFilter: 'SUCCEEDED', maxResults: 2, nextToken: pageOne.nextToken })),
    ).rejects.toBeInstanceOf(InvalidToken);
  });

  it('pages the history, in reverse on request, with or without execution data', async () => {
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, name: 'paged', input: '{"secret":1,"hold":false}' }));
    await settled(executionArn!, 'SUCCEEDED');

    const all = (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events!;
    expect(all.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    const first = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 4 }));
    const rest = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 4, nextToken: first.nextToken }));
    expect([...first.events!, ...rest.events!].map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rest.nextToken).toBeUndefined();

    const reversed = await sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 2 }));
    expect(reversed.events!.map((e) => e.type)).toEqual(['ExecutionSucceeded', 'SucceedStateExited']);
    await expect(sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken: reversed.nextToken }))).rejects.toBeInstanceOf(InvalidToken);

    const withoutData = await sfn.send(new GetExecutionHistoryCommand({ executionArn, includeExecutionData: false }));
    expect(withoutData.events![0]!.executionStartedEventDetails).toEqual({ roleArn: match.any(String) });
    expect(all[0]!.executionStartedEventDetails!.input).toBe('{"secret":1,"hold":false}');
  });
});
