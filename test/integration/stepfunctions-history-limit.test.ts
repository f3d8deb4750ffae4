import { DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient, StartExecutionCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_ACCOUNT_ID, LOCAL_CREDENTIALS } from '../../infra/local/local-aws';
import { MAX_HISTORY_EVENTS } from '../../infra/local/stepfunctions/history';
import { startStepFunctionsTwin, type StepFunctionsTwin } from '../../infra/local/stepfunctions/server';
import { finished } from '../support/sfn';

const REGION = 'eu-west-1';
/** Never ends by itself (nothing sets $.stop): every turn adds four state events to the history. */
const ENDLESS_LOOP = {
  StartAt: 'Again',
  States: {
    Again: { Type: 'Pass', Next: 'Stop?' },
    'Stop?': { Type: 'Choice', Choices: [{ Variable: '$.stop', IsPresent: true, Next: 'Stopped' }], Default: 'Again' },
    Stopped: { Type: 'Succeed' },
  },
};
const LOOP_EVENTS = new Set(['PassStateEntered', 'PassStateExited', 'ChoiceStateEntered', 'ChoiceStateExited']);

let twin: StepFunctionsTwin | undefined;
afterEach(async () => {
  await twin?.close();
  twin = undefined;
});

async function runEndlessLoop(maxHistoryEvents?: number) {
  twin = await startStepFunctionsTwin({
    port: 0,
    region: REGION,
    accountId: LOCAL_ACCOUNT_ID,
    stateMachines: [{ name: 'loop', definition: JSON.stringify(ENDLESS_LOOP) }],
    invokeLambda: () => Promise.reject(new Error('no Lambda here')),
    ...(maxHistoryEvents === undefined ? {} : { maxHistoryEvents }),
  });
  const sfn = new SFNClient({ endpoint: twin.url, region: REGION, credentials: LOCAL_CREDENTIALS });
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: twin.stateMachineAliasArn('loop'), name: 'endless' }));
  await finished(sfn, executionArn!);
  const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  sfn.destroy();
  return { described, events };
}

describe('Step Functions twin: the 25,000-event history quota', () => {
  it('is 25,000 events unless a test lowers it', () => {
    expect(MAX_HISTORY_EVENTS).toBe(25_000);
  });

  it('fails an execution whose history reaches the limit: ExecutionFailed is the last event the limit allows', async () => {
    const { described, events } = await runEndlessLoop(101);
    expect(described.status).toBe('FAILED');
    expect(described.error).toBe('States.Runtime');
    expect(described.cause).toContain('limit of 101 events');
    expect(events).toHaveLength(101);
    expect(events.at(-1)).toMatchObject({ type: 'ExecutionFailed', id: 101, executionFailedEventDetails: { error: 'States.Runtime' } });
    expect(events.slice(1, -1).every((event) => LOOP_EVENTS.has(event.type ?? ''))).toBe(true);
  });

  it('fails the same endless loop at the default limit, 25,000 events', { timeout: 120_000 }, async () => {
    const { described, events } = await runEndlessLoop();
    expect(described.status).toBe('FAILED');
    expect(described.cause).toContain('limit of 25,000 events');
    expect(events).toHaveLength(25_000);
    expect(events.at(-1)?.type).toBe('ExecutionFailed');
  });
});
