import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_CARD } from '../../infra/stage-config';
import { startTestTwin, type TestTwin } from '../support/twin';
import { detailOf, startIntake, submitAnalysis } from '../support/agreement-flow';
import { ended, historyWhen, statesEntered } from '../support/history';

/** A held offer nobody acts on, on the ASL with one-second release reminders (its own twin: the policy is per twin). */
let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin({ policy: { analysisReminderSeconds: 300, releaseReminderSeconds: 1, releaseMaxReminders: 2 } });
});
afterAll(async () => {
  await twin?.close();
});

describe('a held offer nobody releases', () => {
  it('reminds the account manager a bounded number of times, then operations once; the wait goes on', async () => {
    const am = await twin.token('account-manager', 'am@breakfix.example');
    const admin = await twin.token('admin');
    expect((await twin.request('PUT', '/rate-card', { token: admin, json: { ...DEFAULT_RATE_CARD, reviewAboveCents: 50_000 } })).status).toBe(200);
    const { onboardingId, executionArn } = await startIntake(twin, am, 'Wachten B.V.');
    await submitAnalysis(twin, await twin.token('analyst'), onboardingId);

    const events = await historyWhen(twin, executionArn, (e) => statesEntered(e).filter((s) => s === 'RemindRelease').length >= 4);
    expect(ended(events)).toBe(false);
    const mails = (await twin.inbox()).filter((m) => m.subject.includes('Wachten B.V.'));
    expect(mails.filter((m) => m.destination.to.includes('am@breakfix.example'))).toHaveLength(3); // the request and two reminders
    expect(mails.filter((m) => m.destination.to.includes('ops@breakfix.example'))).toHaveLength(1);
    const detail = await detailOf(twin, am, onboardingId);
    expect(detail.status).toBe('AWAITING_RELEASE');
    expect(detail.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['RELEASE_REQUESTED_V1', 'RELEASE_REMINDER_V1_1', 'RELEASE_REMINDER_V1_2', 'RELEASE_ESCALATED_V1']));
  });
});
