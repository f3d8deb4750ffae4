import { DescribeExecutionCommand, GetExecutionHistoryCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/runtime/env';
import { validIntake } from '../support/fixtures';
import { eventually, startTestTwin, type TestTwin } from '../support/twin';

let twin: TestTwin;
let executionArn: string;
beforeAll(async () => {
  twin = await startTestTwin();
  const token = await twin.token('account-manager', 'am@breakfix.example');
  const accepted = await twin.request<{ executionArn: string }>('POST', '/onboardings', { token, json: validIntake() });
  expect(accepted.status, accepted.text).toBe(202);
  executionArn = accepted.body.executionArn;
});
afterAll(async () => {
  await twin?.close();
});

describe('on the twin, onboardings start through the alias live and run published function versions', () => {
  it('gives the starting functions the alias ARN, and keeps the unqualified ARN for listing', () => {
    expect(twin.twin.stateMachineAliasArn).toBe(`${twin.twin.stateMachineArn}:live`);
    expect(process.env[ENV.stateMachineArn]).toBe(twin.twin.stateMachineAliasArn);
  });

  it('reports the version and the alias the execution started through, as DescribeExecution does on AWS', async () => {
    const described = await twin.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(described.stateMachineArn).toBe(twin.twin.stateMachineArn);
    expect(described.stateMachineAliasArn).toBe(twin.twin.stateMachineAliasArn);
    expect(described.stateMachineVersionArn).toBe(`${twin.twin.stateMachineArn}:1`);
    const listed = await twin.sfn.send(new ListExecutionsCommand({ stateMachineArn: twin.twin.stateMachineAliasArn }));
    expect(listed.executions?.map((execution) => execution.executionArn)).toContain(executionArn);
  });

  it('invokes version 1 of each workflow function, as the substituted ASL names it', async () => {
    const succeeded = await eventually(async () => {
      const { events = [] } = await twin.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
      return events.find((event) => event.type === 'TaskSucceeded');
    });
    const scheduled = (await twin.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events?.find((event) => event.type === 'TaskScheduled');
    expect((JSON.parse(scheduled!.taskScheduledEventDetails!.parameters!) as { FunctionName: string }).FunctionName).toMatch(/:function:[A-Za-z]+:1$/);
    expect((JSON.parse(succeeded.taskSucceededEventDetails!.output!) as { ExecutedVersion: string }).ExecutedVersion).toBe('1');
  });
});
