import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CALLBACK_RETRY } from '../../functions/adapters/sfn/task-callback';
import type { PendingCallback } from '../../functions/domain/pending-callback';
import { createLambdaContext } from '../../infra/local/lambda-context';
import { LOCAL_ACCOUNT_ID } from '../../infra/local/local-aws';
import { scheduledEvent } from '../../infra/local/schedules';
import { clearSendTaskSuccessFaults, failSendTaskSuccess } from '../../infra/local/stepfunctions/fault-injection';
import { agreementLinkFromInbox, decide, startIntake, submitAnalysis, untilStatus } from '../support/agreement-flow';
import { historyOf, historyWhen, statesEntered, waitingIn } from '../support/history';
import { startTestTwin, type TestTwin } from '../support/twin';

/**
 * A client's decision whose SendTaskSuccess fails after the decision was stored: retried in the
 * request, and when every attempt fails, recorded and delivered by SweepCallbacks. The twin's
 * Step Functions refuses the calls on request (a test-only fault hook, ThrottlingException).
 */
type CallbackRepository = typeof import('../../functions/adapters/dynamodb/callback-repository');
type SweepHandler = (event: unknown, context: ReturnType<typeof createLambdaContext>) => Promise<unknown>;
type Summary = import('../../functions/sweep-callbacks/sweep-callbacks').CallbackSweepSummary;

let twin: TestTwin;
let accountManager: string;
let analyst: string;
let callbacks: CallbackRepository;
let sweepHandler: SweepHandler;
beforeAll(async () => {
  twin = await startTestTwin({ policy: { analysisReminderSeconds: 300, decisionReminderSeconds: 300 } });
  [accountManager, analyst] = await Promise.all([twin.token('account-manager', 'am@breakfix.example'), twin.token('analyst')]);
  // The adapters read TABLE_NAME when they load, as a Lambda container does: load them once the twin set it.
  callbacks = await import('../../functions/adapters/dynamodb/callback-repository');
  sweepHandler = (await import('../../functions/sweep-callbacks/handler')).handler as unknown as SweepHandler;
});
afterEach(() => {
  clearSendTaskSuccessFaults();
});
afterAll(async () => {
  await twin?.close();
});

/** One sweep as EventBridge would start it at `at`. */
function sweep(at: Date): Promise<Summary> {
  const event = scheduledEvent({ at, region: twin.twin.region, ruleName: 'SweepCallbacks-schedule' });
  const context = createLambdaContext({ functionName: 'SweepCallbacks', timeoutSeconds: 15, memoryMb: 512, region: twin.twin.region, accountId: LOCAL_ACCOUNT_ID });
  return sweepHandler(event, context) as Promise<Summary>;
}

/** The client-decision callbacks recorded for the onboarding (its analysis's is recorded too). */
async function decisionCallbacksOf(onboardingId: string): Promise<PendingCallback[]> {
  return (await callbacks.callbacksRecordedBefore('9999')).filter((callback) => callback.onboardingId === onboardingId && callback.purpose === 'client-decision');
}

async function toAgreementSent(companyName: string) {
  const { onboardingId, executionArn } = await startIntake(twin, accountManager, companyName);
  await submitAnalysis(twin, analyst, onboardingId);
  await historyWhen(twin, executionArn, waitingIn('AwaitClientDecision'));
  return { onboardingId, executionArn, url: await agreementLinkFromInbox(twin, companyName) };
}

const APPROVE = { name: 'Sanne de Vries', consent: 'yes', decision: 'approve' };

describe('undelivered callbacks', () => {
  it('a decision whose SendTaskSuccess fails once is still delivered, within the request', async () => {
    const { onboardingId, executionArn, url } = await toAgreementSent('Eenmaal Mislukt B.V.');
    failSendTaskSuccess(1);
    const answer = await decide(twin, url, APPROVE);
    expect(answer.status, answer.text).toBe(200);
    expect(clearSendTaskSuccessFaults()).toBe(1); // the fault did refuse a call

    await historyWhen(twin, executionArn, (events) => statesEntered(events).includes('ApplyClientDecision'));
    await untilStatus(twin, accountManager, onboardingId, 'IMPLEMENTING');
    // Recorded before the call, settled after it: the sweep only removes it.
    const recorded = await decisionCallbacksOf(onboardingId);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ purpose: 'client-decision', output: { decision: 'approve' } });
    expect(typeof recorded[0]!.settledAt).toBe('string');
  });

  it('every attempt fails during the request: the client is answered as on success, and the sweep delivers it', async () => {
    const { onboardingId, executionArn, url } = await toAgreementSent('Steeds Mislukt B.V.');
    failSendTaskSuccess(1000);
    const answer = await decide(twin, url, APPROVE);
    // The decision is stored: the client is not asked to repeat it (a repeat would meet a used link).
    expect(answer.status, answer.text).toBe(200);
    expect(clearSendTaskSuccessFaults()).toBe(CALLBACK_RETRY.attempts);

    const [pending] = await decisionCallbacksOf(onboardingId);
    expect(pending).toMatchObject({ purpose: 'client-decision', output: { decision: 'approve' } });
    expect(pending?.settledAt).toBeUndefined();
    expect(waitingIn('AwaitClientDecision')(await historyOf(twin, executionArn))).toBe(true);

    // Younger than a minute: left to the request that recorded it.
    expect((await sweep(new Date())).delivered).toBe(0);
    // Step Functions still refuses: the sweep keeps it for its next run.
    failSendTaskSuccess(1000);
    expect(await sweep(new Date(Date.now() + 2 * 60_000))).toMatchObject({ delivered: 0, deferred: 1 });
    clearSendTaskSuccessFaults();
    expect(await decisionCallbacksOf(onboardingId)).toHaveLength(1);

    const later = await sweep(new Date(Date.now() + 2 * 60_000));
    expect(later).toMatchObject({ delivered: 1, deferred: 0, failed: 0 });

    const events = await historyWhen(twin, executionArn, (history) => statesEntered(history).includes('ApplyClientDecision'));
    const resumed = events.filter((e, i) => e.type === 'TaskSucceeded' && events[i - 1]?.type === 'TaskSubmitted').at(-1);
    expect(JSON.parse(resumed!.taskSucceededEventDetails!.output!)).toEqual({ decision: 'approve' });
    await untilStatus(twin, accountManager, onboardingId, 'IMPLEMENTING');
    expect(await decisionCallbacksOf(onboardingId)).toEqual([]);

    // Idempotent: nothing is left to deliver, so another sweep sends nothing.
    expect(await sweep(new Date(Date.now() + 3 * 60_000))).toMatchObject({ delivered: 0, stale: 0 });
  });
});
