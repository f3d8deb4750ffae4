import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { decisionWaitSeconds } from '../../functions/domain/decision-wait';
import { detailOf, startIntake, submitAnalysis } from '../support/agreement-flow';
import { historyWhen, waitingIn } from '../support/history';
import { startTestTwin, type TestTwin } from '../support/twin';

/**
 * The client's decision wait comes from each agreement's own window, not from the deploy: with
 * the policy at the schema's maximum (as on AWS), a rate card valid for 1 day gives a wait of
 * hours, a third of what is left of it (two reminders, then the expiry).
 */
const YEAR = 31_536_000;
let twin: TestTwin;
let admin: string;
let accountManager: string;
let analyst: string;
beforeAll(async () => {
  twin = await startTestTwin({ policy: { analysisReminderSeconds: 300, decisionReminderSeconds: YEAR, decisionMaxReminders: 2 } });
  [admin, accountManager, analyst] = await Promise.all([twin.token('admin'), twin.token('account-manager', 'am@breakfix.example'), twin.token('analyst')]);
});
afterAll(async () => {
  await twin?.close();
});

const entered = (events: HistoryEvent[], state: string) => events.findIndex((e) => e.type?.endsWith('StateEntered') && e.stateEnteredEventDetails?.name === state);
/** The first event of `type` after the state was entered. */
const after = (events: HistoryEvent[], state: string, type: string) => events.slice(entered(events, state)).find((e) => e.type === type);

describe('decision window', () => {
  it('a rate card valid for 1 day: the wait is bounded by the agreement’s own window, not the policy', async () => {
    const current = await twin.request<{ rateCard: Record<string, unknown> }>('GET', '/rate-card', { token: admin });
    const put = await twin.request('PUT', '/rate-card', { token: admin, json: { ...current.body.rateCard, validityDays: 1 } });
    expect(put.status, put.text).toBe(200);

    const { onboardingId, executionArn } = await startIntake(twin, accountManager, 'Korte Geldigheid B.V.');
    await submitAnalysis(twin, analyst, onboardingId);
    const events = await historyWhen(twin, executionArn, waitingIn('AwaitClientDecision'));

    const agreement = (await detailOf(twin, accountManager, onboardingId)).agreementVersions[0] as unknown as { validUntil: string };
    // The twin stamps StateEntered with the state's `$$.State.EnteredTime`, the step's "now".
    const draftedAt = events[entered(events, 'DraftAgreement')]!.timestamp!;
    const expected = decisionWaitSeconds({ validUntil: agreement.validUntil, now: draftedAt, remindersLeft: 2, capSeconds: YEAR });
    // Valid until tomorrow's end: at most 48 hours left, a third of it per wait.
    expect(expected).toBeLessThanOrEqual((48 * 3600) / 3);

    const drafted = after(events, 'DraftAgreement', 'TaskSucceeded')?.taskSucceededEventDetails?.output;
    expect(JSON.parse(drafted!)).toMatchObject({ Payload: { decisionWaitSeconds: expected } });
    // A task-token wait fixes its timeout when it starts: AWS reports it in TaskScheduled.
    expect(after(events, 'AwaitClientDecision', 'TaskScheduled')?.taskScheduledEventDetails?.timeoutInSeconds).toBe(expected);
  });
});
