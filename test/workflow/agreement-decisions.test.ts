import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestTwin, type TestTwin } from '../support/twin';
import { agreementLinkFromInbox, decide, detailOf, startIntake, submitAnalysis, untilStatus } from '../support/agreement-flow';
import { ended, historyWhen, statesEntered, waitingIn } from '../support/history';

/**
 * The client's decisions on statemachines/onboarding.asl.json, run on the twin with the real
 * handlers. Reminders are set far off, so only the people in the test move the workflow.
 */
let twin: TestTwin;
let accountManager: string;
let analyst: string;
beforeAll(async () => {
  twin = await startTestTwin({ policy: { analysisReminderSeconds: 300, decisionReminderSeconds: 300, maxRevisions: 1 } });
  accountManager = await twin.token('account-manager', 'am@breakfix.example');
  analyst = await twin.token('analyst');
});
afterAll(async () => {
  await twin?.close();
});

async function toAgreementSent(companyName: string) {
  const { onboardingId, executionArn } = await startIntake(twin, accountManager, companyName);
  await submitAnalysis(twin, analyst, onboardingId);
  await historyWhen(twin, executionArn, waitingIn('AwaitClientDecision'));
  const url = await agreementLinkFromInbox(twin, companyName);
  return { onboardingId, executionArn, url };
}

const mailsAbout = async (companyName: string, to: string) =>
  (await twin.inbox()).filter((m) => m.subject.includes(companyName) && m.destination.to.includes(to));

describe('client decisions', () => {
  it('approve: IMPLEMENTING, the client and the account manager get a confirmation', async () => {
    const { onboardingId, executionArn, url } = await toAgreementSent('Goedkeuring B.V.');
    const answer = await decide(twin, url, { name: 'Sanne de Vries', consent: 'yes', decision: 'approve' });
    expect(answer.status).toBe(200);

    // No technician exists in this twin: the ticket waits for one (seed step 4, tested in tickets.test.ts).
    const events = await historyWhen(twin, executionArn, waitingIn('AwaitTechnician'));
    // Below the review threshold the offer goes to the client without a release.
    expect(statesEntered(events).slice(0, 11)).toEqual([
      'ResumeOrStart',
      'RegisterOnboarding',
      'AwaitAnalysis',
      'DraftAgreement',
      'ReleaseNeeded',
      'AwaitClientDecision',
      'ApplyClientDecision',
      'RouteDecision',
      'CreateTickets',
      'WorkTickets',
      'AssignTechnician',
    ]);
    // The two waits were resumed by their callbacks: the analysis, then the client's decision.
    const callbacks = events.filter((e, i) => e.type === 'TaskSucceeded' && events[i - 1]?.type === 'TaskSubmitted');
    expect(callbacks.map((e): unknown => JSON.parse(e.taskSucceededEventDetails!.output!))).toEqual([{ analysisVersion: 1 }, { decision: 'approve' }]);

    const detail = await untilStatus(twin, accountManager, onboardingId, 'IMPLEMENTING');
    expect(detail.agreement?.decision).toMatchObject({ decision: 'approve', name: 'Sanne de Vries' });
    const approved = detail.timeline.find((e) => e.type === 'AGREEMENT_APPROVED');
    expect(approved?.actor).toEqual({ kind: 'client', name: 'Sanne de Vries' });
    const clientMails = await mailsAbout('Goedkeuring B.V.', 'sanne@korenschoof.example');
    expect(clientMails).toHaveLength(3); // confirmation, offer, approval
    // Every e-mail to the client replies to its account manager.
    for (const mail of clientMails) expect((mail as { replyTo?: string[] }).replyTo, mail.subject).toEqual(['am@breakfix.example']);
    expect((await mailsAbout('Goedkeuring B.V.', 'am@breakfix.example')).map((m) => m.subject).join()).toMatch(/goedgekeurd/i);
  });

  it('decline: DECLINED, the account manager gets the reason', async () => {
    const { onboardingId, executionArn, url } = await toAgreementSent('Afwijzing B.V.');
    const answer = await decide(twin, url, { name: 'Sanne de Vries', consent: 'yes', decision: 'decline', comment: 'Te duur voor ons budget' });
    expect(answer.status).toBe(200);
    const events = await historyWhen(twin, executionArn, ended);
    expect(statesEntered(events).slice(-3)).toEqual(['ApplyClientDecision', 'RouteDecision', 'AgreementDeclined']);
    const detail = await untilStatus(twin, accountManager, onboardingId, 'DECLINED');
    expect(detail.timeline.find((e) => e.type === 'AGREEMENT_DECLINED')?.actor).toEqual({ kind: 'client', name: 'Sanne de Vries' });
    const notice = (await mailsAbout('Afwijzing B.V.', 'am@breakfix.example')).find((m) => /afgewezen/i.test(m.subject));
    expect(notice?.body.text).toContain('Te duur voor ons budget');
    // Whatever the client was sent replies to the account manager; the account manager's own notice does not.
    for (const mail of await mailsAbout('Afwijzing B.V.', 'sanne@korenschoof.example')) {
      expect((mail as { replyTo?: string[] }).replyTo, mail.subject).toEqual(['am@breakfix.example']);
    }
    expect((notice as { replyTo?: string[] }).replyTo ?? []).toEqual([]);
  });

  it('request changes, then approve: a second analysis and agreement version, bounded revisions', async () => {
    const { onboardingId, executionArn, url } = await toAgreementSent('Wijziging B.V.');
    const first = await detailOf(twin, accountManager, onboardingId);
    const changes = await decide(twin, url, { name: 'Sanne de Vries', consent: 'yes', decision: 'request-changes', comment: 'Graag minder uren' });
    expect(changes.status).toBe(200);

    const round2 = await untilStatus(twin, accountManager, onboardingId, 'AWAITING_ANALYSIS');
    expect(round2.analysisRound).toBe(2);
    expect(round2.changeRequests).toEqual([expect.objectContaining({ comment: 'Graag minder uren' })]);
    // The status changes first, the notice follows in the same step.
    const notice = await eventually(async () =>
      (await twin.inbox()).find((m) => m.destination.to.includes('analysts@breakfix.example') && m.body.text?.includes('Graag minder uren')),
    );
    expect(notice.subject).toContain('Wijziging B.V.');

    await submitAnalysis(twin, analyst, onboardingId, 1.5);
    await historyWhen(twin, executionArn, (events) => statesEntered(events).filter((s) => s === 'AwaitClientDecision').length === 2 && waitingIn('AwaitClientDecision')(events));
    const secondUrl = await agreementLinkFromInbox(twin, 'Wijziging B.V.');
    expect(secondUrl).not.toBe(url);
    // The first link is spent: it shows version 1 read-only with the change request, and takes no decision.
    const spent = await twin.request('GET', new URL(url).pathname);
    expect(spent.status).toBe(200);
    expect(spent.text).toContain('Voor deze overeenkomst zijn wijzigingen aangevraagd');
    expect(spent.text).toContain('Graag minder uren');
    expect(spent.text).not.toContain('<form');
    expect((await decide(twin, url, { name: 'Sanne de Vries', consent: 'yes', decision: 'approve' })).status).toBe(409);
    // The second one no longer offers changes (maxRevisions 1).
    const page = await twin.request('GET', new URL(secondUrl).pathname);
    expect(page.text).not.toContain('value="request-changes"');
    const refused = await decide(twin, secondUrl, { name: 'Sanne de Vries', consent: 'yes', decision: 'request-changes', comment: 'Nog eens' });
    expect(refused.status).toBe(400);

    expect((await decide(twin, secondUrl, { name: 'Sanne de Vries', consent: 'yes', decision: 'approve' })).status).toBe(200);
    const events = await historyWhen(twin, executionArn, waitingIn('AwaitTechnician'));
    expect(statesEntered(events).slice(0, 15)).toEqual([
      'ResumeOrStart',
      'RegisterOnboarding',
      'AwaitAnalysis',
      'DraftAgreement',
      'ReleaseNeeded',
      'AwaitClientDecision',
      'ApplyClientDecision',
      'RouteDecision',
      'AwaitAnalysis',
      'DraftAgreement',
      'ReleaseNeeded',
      'AwaitClientDecision',
      'ApplyClientDecision',
      'RouteDecision',
      'CreateTickets',
    ]);
    const done = await untilStatus(twin, accountManager, onboardingId, 'IMPLEMENTING');
    expect(done.agreementVersions.map((a) => a.version)).toEqual([1, 2]);
    expect(done.agreementVersions[0]!.documentHash).toBe(first.agreement!.documentHash);
    expect(done.agreementVersions[1]!.documentHash).not.toBe(first.agreement!.documentHash);
    expect(done.agreement).toMatchObject({ version: 2, decision: { decision: 'approve' } });
  });
});
