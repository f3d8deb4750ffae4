import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_CARD } from '../../infra/stage-config';
import { eventually, startTestTwin, type TestTwin } from '../support/twin';
import { agreementLinkFromInbox, decide, detailOf, startIntake, submitAnalysis, untilStatus } from '../support/agreement-flow';
import { historyWhen, statesEntered, waitingIn } from '../support/history';

/**
 * The release check on statemachines/onboarding.asl.json, on the twin with the real handlers: an
 * offer above the rate card's review threshold waits in AWAITING_RELEASE until an account manager
 * releases it (a new version, valid from the release) or returns it to the analysts.
 */
let twin: TestTwin;
let accountManager: string;
let analyst: string;
let admin: string;
let technician: string;
beforeAll(async () => {
  twin = await startTestTwin({ policy: { analysisReminderSeconds: 300, decisionReminderSeconds: 300, releaseReminderSeconds: 300, maxRevisions: 1 } });
  accountManager = await twin.token('account-manager', 'am@breakfix.example');
  analyst = await twin.token('analyst');
  admin = await twin.token('admin');
  technician = await twin.token('technician');
});
afterAll(async () => {
  await twin?.close();
});

/** The demo-size offer is about €721 incl. VAT: above a €500.00 threshold, below the default €2,500.00. */
async function reviewAbove(cents: number) {
  const response = await twin.request('PUT', '/rate-card', { token: admin, json: { ...DEFAULT_RATE_CARD, reviewAboveCents: cents } });
  expect(response.status, response.text).toBe(200);
}

async function toHeld(companyName: string) {
  const { onboardingId, executionArn } = await startIntake(twin, accountManager, companyName);
  await submitAnalysis(twin, analyst, onboardingId);
  await historyWhen(twin, executionArn, waitingIn('AwaitRelease'));
  return { onboardingId, executionArn };
}

const mailsTo = async (companyName: string, to: string) =>
  (await twin.inbox()).filter((m) => m.subject.includes(companyName) && m.destination.to.includes(to));

describe('release check', () => {
  it('above the threshold: AWAITING_RELEASE, no client mail; release → a new version valid from the release → AGREEMENT_SENT', async () => {
    await reviewAbove(50_000);
    const { onboardingId, executionArn } = await toHeld('Vrijgave B.V.');
    const held = await untilStatus(twin, accountManager, onboardingId, 'AWAITING_RELEASE');
    expect(held.agreement?.version).toBe(1);
    expect(held.timeline.map((e) => e.type)).toContain('AGREEMENT_HELD_FOR_RELEASE_V1');

    // The account manager is told, with the calls to make; the client has only the intake confirmation.
    const request = await eventually(async () => (await mailsTo('Vrijgave B.V.', 'am@breakfix.example')).find((m) => m.body.text?.includes('/agreement/release')));
    expect(request.body.text).toContain(`/onboardings/${onboardingId}/agreement/release`);
    expect((await mailsTo('Vrijgave B.V.', 'sanne@korenschoof.example')).filter((m) => /agreements\//.test(m.body.text ?? ''))).toHaveLength(0);

    // Staff preview the full version; a technician may look, only account managers and admins release.
    const preview = await twin.request<{ agreement: { version: number; lines: Array<{ solution?: string }> } }>('GET', `/onboardings/${onboardingId}/agreement`, { token: analyst });
    expect(preview.status).toBe(200);
    expect(preview.body.agreement.lines[0]!.solution).toMatch(/^Oplossing voor/);
    expect((await twin.request('POST', `/onboardings/${onboardingId}/agreement/release`, { token: technician, json: {} })).status).toBe(403);
    expect((await twin.request('POST', `/onboardings/${onboardingId}/agreement/return`, { token: accountManager, json: {} })).status).toBe(400);

    const released = await twin.request('POST', `/onboardings/${onboardingId}/agreement/release`, { token: accountManager, json: {} });
    expect(released.status, released.text).toBe(202);
    // A second press is refused: the offer was released once.
    expect((await twin.request('POST', `/onboardings/${onboardingId}/agreement/release`, { token: accountManager, json: {} })).status).toBe(409);

    const events = await historyWhen(twin, executionArn, waitingIn('AwaitClientDecision'));
    expect(statesEntered(events)).toEqual(['ResumeOrStart', 'RegisterOnboarding', 'AwaitAnalysis', 'DraftAgreement', 'ReleaseNeeded', 'AwaitRelease', 'ApplyRelease', 'RouteRelease', 'AwaitClientDecision']);
    const sent = await untilStatus(twin, accountManager, onboardingId, 'AGREEMENT_SENT');
    expect(sent.agreementVersions.map((a) => a.version)).toEqual([1, 2]);
    const [v1, v2] = sent.agreementVersions as Array<{ version: number; documentHash: string; createdAt: string; lines: unknown; totals: unknown; rateCard: unknown; release?: { heldVersion: number; releasedBy: string } }>;
    expect(v2!.documentHash).not.toBe(v1!.documentHash);
    expect(v2!.lines).toEqual(v1!.lines);
    expect(v2!.totals).toEqual(v1!.totals);
    expect(v2!.rateCard).toEqual(v1!.rateCard);
    expect(v2!.release).toMatchObject({ heldVersion: 1, releasedBy: 'am@breakfix.example' });
    expect(Date.parse(v2!.createdAt)).toBeGreaterThan(Date.parse(v1!.createdAt));
    const releasedEvent = sent.timeline.find((e) => e.type === 'AGREEMENT_RELEASED_V2');
    expect(releasedEvent?.actor).toMatchObject({ kind: 'staff', email: 'am@breakfix.example' });

    // The client gets version 2, and approving it starts the work as usual.
    const url = await agreementLinkFromInbox(twin, 'Vrijgave B.V.');
    const page = await twin.request('GET', new URL(url).pathname);
    expect(page.text).toContain(v2!.documentHash);
    expect((await decide(twin, url, { name: 'Sanne de Vries', consent: 'yes', decision: 'approve' })).status).toBe(200);
    await untilStatus(twin, accountManager, onboardingId, 'IMPLEMENTING');
  });

  it('above the threshold, returned: a new analysis round that is no client change request', async () => {
    await reviewAbove(50_000);
    const { onboardingId, executionArn } = await toHeld('Terug B.V.');
    const returned = await twin.request('POST', `/onboardings/${onboardingId}/agreement/return`, { token: accountManager, json: { comment: 'Materiaal is te duur ingeschat' } });
    expect(returned.status, returned.text).toBe(202);

    const round2 = await untilStatus(twin, accountManager, onboardingId, 'AWAITING_ANALYSIS');
    expect(round2.analysisRound).toBe(2);
    expect(round2.changeRequests).toEqual([]);
    const notice = await eventually(async () =>
      (await twin.inbox()).find((m) => m.destination.to.includes('analysts@breakfix.example') && m.body.text?.includes('Materiaal is te duur ingeschat')),
    );
    expect(notice.subject).toContain('Terug B.V.');

    // The revised analysis is under the threshold once the card allows more: it goes to the client directly.
    await reviewAbove(1_000_000);
    await submitAnalysis(twin, analyst, onboardingId, 1);
    const events = await historyWhen(twin, executionArn, waitingIn('AwaitClientDecision'));
    expect(statesEntered(events).slice(5)).toEqual(['AwaitRelease', 'ApplyRelease', 'RouteRelease', 'AwaitAnalysis', 'DraftAgreement', 'ReleaseNeeded', 'AwaitClientDecision']);
    const sent = await detailOf(twin, accountManager, onboardingId);
    expect(sent.agreement?.version).toBe(2);
    // maxRevisions 1 and no change request yet: the client may still ask for changes.
    const page = await twin.request('GET', new URL(await agreementLinkFromInbox(twin, 'Terug B.V.')).pathname);
    expect(page.text).toContain('value="request-changes"');
  });

  it('below the threshold: straight to the client, as before', async () => {
    await reviewAbove(250_000);
    const { onboardingId, executionArn } = await startIntake(twin, accountManager, 'Direct B.V.');
    await submitAnalysis(twin, analyst, onboardingId);
    const events = await historyWhen(twin, executionArn, waitingIn('AwaitClientDecision'));
    expect(statesEntered(events)).toEqual(['ResumeOrStart', 'RegisterOnboarding', 'AwaitAnalysis', 'DraftAgreement', 'ReleaseNeeded', 'AwaitClientDecision']);
    expect((await detailOf(twin, accountManager, onboardingId)).status).toBe('AGREEMENT_SENT');
    expect((await twin.request('POST', `/onboardings/${onboardingId}/agreement/release`, { token: accountManager, json: {} })).status).toBe(409);
  });
});
