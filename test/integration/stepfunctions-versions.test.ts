import {
  DescribeExecutionCommand,
  DescribeStateMachineAliasCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachineAliasesCommand,
  ListStateMachineVersionsCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ACCOUNT_ID } from '../../infra/local/local-aws';
import type { StepFunctionsTwin } from '../../infra/local/stepfunctions/server';
import { finished, startFixtureMachine } from '../support/sfn';

const REGION = 'eu-west-1';
const WORK_FN = `arn:aws:lambda:${REGION}:${LOCAL_ACCOUNT_ID}:function:work`;

describe('Step Functions twin: version 1 and the alias live of each state machine', () => {
  let twin: StepFunctionsTwin;
  let sfn: Awaited<ReturnType<typeof startFixtureMachine>>['sfn'];
  let machineArn: string;
  const invoked: string[] = [];

  beforeAll(async () => {
    const started = await startFixtureMachine(
      {
        StartAt: 'Work',
        States: {
          // A version ARN, as CDK substitutes them into the product's ASL.
          Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: `${WORK_FN}:1`, Payload: {} }, End: true },
        },
      },
      (arn) => {
        invoked.push(arn);
        return Promise.resolve({ ok: true });
      },
      REGION,
    );
    ({ twin, sfn, machineArn } = started);
  });
  afterAll(() => twin.close());

  it('names the version and the alias after the state machine', () => {
    expect(twin.stateMachineVersionArn('fixture')).toBe(`${machineArn}:1`);
    expect(twin.stateMachineAliasArn('fixture')).toBe(`${machineArn}:live`);
  });

  it('starts executions through the unqualified, version and alias ARNs, and reports version and alias as AWS does', async () => {
    const start = async (stateMachineArn: string, name: string) => {
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name }));
      await finished(sfn, executionArn!);
      return { executionArn: executionArn!, described: await sfn.send(new DescribeExecutionCommand({ executionArn })) };
    };
    const viaAlias = await start(`${machineArn}:live`, 'via-alias');
    const viaVersion = await start(`${machineArn}:1`, 'via-version');
    const unqualified = await start(machineArn, 'unqualified');

    // Execution ARNs never carry the qualifier.
    const executionPrefix = machineArn.replace(':stateMachine:', ':execution:');
    expect([viaAlias, viaVersion, unqualified].map((run) => run.executionArn)).toEqual(
      ['via-alias', 'via-version', 'unqualified'].map((name) => `${executionPrefix}:${name}`),
    );
    for (const run of [viaAlias, viaVersion, unqualified]) {
      expect(run.described.status).toBe('SUCCEEDED');
      expect(run.described.stateMachineArn).toBe(machineArn);
    }
    expect(viaAlias.described).toMatchObject({ stateMachineVersionArn: `${machineArn}:1`, stateMachineAliasArn: `${machineArn}:live` });
    expect(viaVersion.described.stateMachineVersionArn).toBe(`${machineArn}:1`);
    expect(viaVersion.described).not.toHaveProperty('stateMachineAliasArn');
    expect(unqualified.described).not.toHaveProperty('stateMachineVersionArn');
    expect(unqualified.described).not.toHaveProperty('stateMachineAliasArn');

    // ListExecutions: all on the unqualified ARN, those started on it for a version or an alias.
    const names = async (stateMachineArn: string) =>
      ((await sfn.send(new ListExecutionsCommand({ stateMachineArn }))).executions ?? []).map((execution) => execution.name).sort();
    expect(await names(machineArn)).toEqual(['unqualified', 'via-alias', 'via-version']);
    expect(await names(`${machineArn}:1`)).toEqual(['via-alias', 'via-version']);
    expect(await names(`${machineArn}:live`)).toEqual(['via-alias']);
  });

  it('runs any qualified function ARN as the current handler, and ExecutedVersion reports the version invoked', async () => {
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: `${machineArn}:live`, name: 'executed-version' }));
    await finished(sfn, executionArn!);
    expect(invoked.at(-1)).toBe(`${WORK_FN}:1`);
    const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const succeeded = events.find((event) => event.type === 'TaskSucceeded');
    expect(JSON.parse(succeeded!.taskSucceededEventDetails!.output!)).toEqual({ ExecutedVersion: '1', Payload: { ok: true }, StatusCode: 200 });
  });

  it('describes the alias (100 % to version 1), lists the version and the alias, and describes the version', async () => {
    const alias = await sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: `${machineArn}:live` }));
    expect(alias).toMatchObject({ stateMachineAliasArn: `${machineArn}:live`, name: 'live', routingConfiguration: [{ stateMachineVersionArn: `${machineArn}:1`, weight: 100 }] });
    const versions = await sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn: machineArn }));
    expect(versions.stateMachineVersions?.map((version) => version.stateMachineVersionArn)).toEqual([`${machineArn}:1`]);
    const aliases = await sfn.send(new ListStateMachineAliasesCommand({ stateMachineArn: machineArn }));
    expect(aliases.stateMachineAliases?.map((found) => found.stateMachineAliasArn)).toEqual([`${machineArn}:live`]);
    const version = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: `${machineArn}:1` }));
    expect(version.stateMachineArn).toBe(`${machineArn}:1`);
    expect(JSON.parse(version.definition!)).toMatchObject({ StartAt: 'Work' });
  });

  it('refuses a version or alias it does not publish', async () => {
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: `${machineArn}:2` }))).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: `${machineArn}:beta` }))).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
    await expect(sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: `${machineArn}:beta` }))).rejects.toMatchObject({ name: 'ResourceNotFound' });
  });
});
