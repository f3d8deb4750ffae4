import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ListExecutionsCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { createLambdaContext } from '../../infra/local/lambda-context';
import { LOCAL_ACCOUNT_ID } from '../../infra/local/local-aws';
import { scheduledEvent } from '../../infra/local/schedules';
import { validIntake } from '../support/fixtures';
import { startTestTwin, type TestTwin } from '../support/twin';
import { detailOf, startIntake, untilStatus } from '../support/agreement-flow';

/**
 * The stranded-intake sweep on the twin: an intake stored RECEIVED whose StartExecution was lost
 * (injected: Step Functions unavailable once, which the emulator cannot be asked to be) gets its
 * execution from the sweep, named after the onboarding with CreateOnboarding's input; an intake
 * whose execution did start is left with that one execution.
 */
type SweepHandler = (event: unknown, context: ReturnType<typeof createLambdaContext>) => Promise<{ started: number; failed: number }>;

let twin: TestTwin;
let accountManager: string;
let sweepHandler: SweepHandler;
beforeAll(async () => {
  twin = await startTestTwin({ policy: { analysisReminderSeconds: 300 } });
  accountManager = await twin.token('account-manager', 'am@breakfix.example');
  // Handlers read their environment when they load, as a Lambda container does: load it once the twin set it.
  sweepHandler = (await import('../../functions/start-stranded-intakes/handler')).handler as unknown as SweepHandler;
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(async () => {
  await twin?.close();
});

function sweep(at: Date) {
  const event = scheduledEvent({ at, region: twin.twin.region, ruleName: 'StartStrandedIntakes-schedule' });
  const context = createLambdaContext({ functionName: 'StartStrandedIntakes', timeoutSeconds: 15, memoryMb: 512, region: twin.twin.region, accountId: LOCAL_ACCOUNT_ID });
  return sweepHandler(event, context);
}

async function executionsNamed(name: string) {
  const { executions = [] } = await twin.sfn.send(new ListExecutionsCommand({ stateMachineArn: twin.twin.stateMachineArn, maxResults: 1000 }));
  return executions.filter((execution) => execution.name === name);
}

describe('StartStrandedIntakes', () => {
  it('starts the execution of an intake stored without one, once, and leaves started ones alone', async () => {
    const unavailable = Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } });
    const send = vi.spyOn(SFNClient.prototype, 'send').mockRejectedValueOnce(unavailable);
    const lost = await twin.request('POST', '/onboardings', { token: accountManager, json: validIntake({ client: { companyName: 'Gestrand B.V.', locale: 'nl' } }) });
    expect(lost.status).toBe(503);
    send.mockRestore();
    const received = await twin.request<{ items: Array<{ onboardingId: string; companyName: string }> }>('GET', '/onboardings?status=RECEIVED&limit=100', { token: accountManager });
    const stranded = received.body.items.find((item) => item.companyName === 'Gestrand B.V.')!.onboardingId;
    expect(await executionsNamed(stranded)).toHaveLength(0);

    const started = await startIntake(twin, accountManager, 'Gewoon Gestart B.V.');
    await untilStatus(twin, accountManager, started.onboardingId, 'AWAITING_ANALYSIS');

    // Within the grace period the sweep leaves a fresh intake alone: its own start may still be on its way.
    expect(await sweep(new Date())).toEqual({ started: 0, failed: 0 });
    expect(await executionsNamed(stranded)).toHaveLength(0);

    const starts = vi.spyOn(SFNClient.prototype, 'send');
    const later = new Date(Date.now() + 10 * 60_000);
    expect(await sweep(later)).toEqual({ started: 1, failed: 0 });
    const startedNames = starts.mock.calls.map(([command]) => command).filter((command) => command instanceof StartExecutionCommand).map((command) => command.input.name);
    expect(startedNames).toEqual([stranded]);
    starts.mockRestore();

    const registered = await untilStatus(twin, accountManager, stranded, 'AWAITING_ANALYSIS');
    expect(registered.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['INTAKE_RECEIVED', 'REGISTERED', 'AWAITING_ANALYSIS']));
    const [execution] = await executionsNamed(stranded);
    expect(execution?.status).toBe('RUNNING');

    // Swept again: nothing is RECEIVED any more, and each intake keeps its one execution.
    expect(await sweep(later)).toEqual({ started: 0, failed: 0 });
    expect(await executionsNamed(stranded)).toHaveLength(1);
    expect(await executionsNamed(started.onboardingId)).toHaveLength(1);
    expect((await detailOf(twin, accountManager, started.onboardingId)).timeline.filter((e) => e.type === 'REGISTERED')).toHaveLength(1);
  }, 60_000);

  it('a start that races its own execution is the same execution (same name and input)', async () => {
    const unavailable = Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } });
    const send = vi.spyOn(SFNClient.prototype, 'send').mockRejectedValueOnce(unavailable);
    const lost = await twin.request('POST', '/onboardings', { token: accountManager, json: validIntake({ client: { companyName: 'Dubbel Gestart B.V.', locale: 'nl' } }) });
    expect(lost.status).toBe(503);
    send.mockRestore();
    const received = await twin.request<{ items: Array<{ onboardingId: string; companyName: string }> }>('GET', '/onboardings?status=RECEIVED&limit=100', { token: accountManager });
    const onboardingId = received.body.items.find((item) => item.companyName === 'Dubbel Gestart B.V.')!.onboardingId;

    // Two sweeps at once, as two overlapping runs would: both start it, Step Functions runs it once.
    const later = new Date(Date.now() + 10 * 60_000);
    const [first, second] = await Promise.all([sweep(later), sweep(later)]);
    expect(first.failed + second.failed).toBe(0);
    await untilStatus(twin, accountManager, onboardingId, 'AWAITING_ANALYSIS');
    expect(await executionsNamed(onboardingId)).toHaveLength(1);
    expect((await detailOf(twin, accountManager, onboardingId)).timeline.filter((e) => e.type === 'REGISTERED')).toHaveLength(1);
  }, 60_000);
});
