import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestTwin, type TestTwin } from '../support/twin';
import { agreementLinkFromInbox, startIntake, submitAnalysis, untilStatus } from '../support/agreement-flow';
import { ended, historyOf, historyWhen, statesEntered, waitingIn } from '../support/history';

/**
 * Timeouts on the ASL's two waits, with the policy compressed to seconds: TimeoutSecondsPath is
 * read from the execution input, as AWS reads it, so nothing in the ASL changes.
 */
let twin: TestTwin;
let accountManager: string;
let analyst: string;
beforeAll(async () => {
  twin = await startTestTwin({
    policy: { analysisReminderSeconds: 1, analysisMaxReminders: 2, decisionReminderSeconds: 1, decisionMaxReminders: 2 },
  });
  accountManager = await twin.token('account-manager', 'am@breakfix.example');
  analyst = await twin.token('analyst');
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(async () => {
  await twin?.close();
});

const count = (states: (string | undefined)[], name: string) => states.filter((s) => s === name).length;

describe('waiting too long', () => {
  it('analysis: reminders to the analysts, then one escalation to the account manager, and the wait goes on', async () => {
    const { onboardingId, executionArn } = await startIntake(twin, accountManager, 'Traag B.V.');
    // Two reminders, one escalation, then at least one more quiet round.
    const events = await historyWhen(twin, executionArn, (e) => count(statesEntered(e), 'RemindAnalysts') >= 4 && waitingIn('AwaitAnalysis')(e), 30_000);
    const timeouts = events.filter((e) => e.type === 'TaskTimedOut');
    expect(timeouts.length).toBeGreaterThanOrEqual(4);
    expect(timeouts[0]!.taskTimedOutEventDetails).toMatchObject({ error: 'States.Timeout' });

    const mails = (await twin.inbox()).filter((m) => m.subject.includes('Traag B.V.'));
    const reminders = mails.filter((m) => m.destination.to.includes('analysts@breakfix.example') && /herinnering/i.test(m.subject));
    const escalations = mails.filter((m) => m.destination.to.includes('am@breakfix.example'));
    expect(reminders).toHaveLength(2);
    expect(escalations).toHaveLength(1);

    // The analysis still resumes the workflow after all that.
    await submitAnalysis(twin, analyst, onboardingId);
    const detail = await untilStatus(twin, accountManager, onboardingId, 'AGREEMENT_SENT');
    expect(detail.timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining(['ANALYSIS_REMINDER_R1_1', 'ANALYSIS_REMINDER_R1_2', 'ANALYSIS_ESCALATED_R1', 'ANALYSIS_SUBMITTED_V1']),
    );
  });

  it('decision: reminders with the same link, then EXPIRED; the link answers 410 and the account manager knows', async () => {
    const { onboardingId, executionArn } = await startIntake(twin, accountManager, 'Stil B.V.');
    await submitAnalysis(twin, analyst, onboardingId);
    const url = await agreementLinkFromInbox(twin, 'Stil B.V.');

    const events = await historyWhen(twin, executionArn, ended, 30_000);
    // From the draft on (the analysis wait may have reminded the analysts first on a busy machine).
    const states = statesEntered(events);
    expect(states.slice(states.indexOf('DraftAgreement'))).toEqual([
      'DraftAgreement',
      'ReleaseNeeded',
      'AwaitClientDecision',
      'RemindClient',
      'RemindersExhausted',
      'AwaitClientDecision',
      'RemindClient',
      'RemindersExhausted',
      'AwaitClientDecision',
      'RemindClient',
      'RemindersExhausted',
      'ExpireAgreement',
      'Expired',
      'AgreementExpired',
    ]);
    const detail = await untilStatus(twin, accountManager, onboardingId, 'EXPIRED');
    expect(detail.timeline.map((e) => e.type)).toContain('AGREEMENT_EXPIRED');

    const toClient = (await twin.inbox()).filter((m) => m.subject.includes('Stil B.V.') && m.destination.to.includes('sanne@korenschoof.example'));
    const links = toClient.map((m) => m.body.text?.match(/https?:\/\/\S+\/agreements\/[A-Za-z0-9_-]{43}/)?.[0]).filter(Boolean);
    expect(links).toHaveLength(3); // the offer and two reminders
    expect(new Set(links)).toEqual(new Set([url]));
    expect((await twin.inbox()).some((m) => m.subject.includes('Stil B.V.') && m.destination.to.includes('am@breakfix.example'))).toBe(true);

    const page = await twin.request('GET', new URL(url).pathname);
    expect(page.status).toBe(410);
    const post = await twin.request('POST', new URL(url).pathname, {
      body: 'name=Sanne&consent=yes&decision=approve',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(post.status).toBe(410);
    expect((await historyOf(twin, executionArn)).length).toBe(events.length);
  });
});
