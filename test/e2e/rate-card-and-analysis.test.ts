import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_CARD } from '../../infra/stage-config';
import { startTestTwin, eventually, type TestTwin } from '../support/twin';
import { detailOf, startIntake, submitAnalysis, untilStatus } from '../support/agreement-flow';

let twin: TestTwin;
let admin: string;
let analyst: string;
let accountManager: string;
beforeAll(async () => {
  twin = await startTestTwin({ policy: { analysisReminderSeconds: 300, decisionReminderSeconds: 300 } });
  [admin, analyst, accountManager] = await Promise.all([twin.token('admin'), twin.token('analyst'), twin.token('account-manager')]);
});
afterAll(async () => {
  await twin?.close();
});

interface RateCardAnswer {
  rateCard: typeof DEFAULT_RATE_CARD;
  version: number;
  source: string;
  updatedBy?: string;
}

describe('rate card', () => {
  it('starts from the stage default, an admin replaces it, and drafted agreements keep their snapshot', async () => {
    const first = await twin.request<RateCardAnswer>('GET', '/rate-card', { token: analyst });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ rateCard: DEFAULT_RATE_CARD, version: 0, source: 'stage-default' });

    // An agreement priced now uses the default card.
    const { onboardingId } = await startIntake(twin, accountManager, 'Tarief B.V.');
    await submitAnalysis(twin, analyst, onboardingId);
    const before = await untilStatus(twin, accountManager, onboardingId, 'AGREEMENT_SENT');

    const dearer = { ...DEFAULT_RATE_CARD, hourlyRateCents: 12000 };
    const put = await twin.request<RateCardAnswer>('PUT', '/rate-card', { token: admin, json: dearer });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ rateCard: dearer, version: 1, source: 'stored', updatedBy: 'admin@breakfix.example' });
    expect((await twin.request<RateCardAnswer>('GET', '/rate-card', { token: analyst })).body.rateCard.hourlyRateCents).toBe(12000);

    const after = await detailOf(twin, accountManager, onboardingId);
    expect(after.agreementVersions[0]).toMatchObject({ documentHash: before.agreement!.documentHash });
    expect((after.agreementVersions[0] as unknown as { rateCard: { hourlyRateCents: number } }).rateCard.hourlyRateCents).toBe(9500);

    const { onboardingId: second } = await startIntake(twin, accountManager, 'Tarief Twee B.V.');
    await submitAnalysis(twin, analyst, second);
    const priced = await untilStatus(twin, accountManager, second, 'AGREEMENT_SENT');
    expect((priced.agreementVersions[0] as unknown as { rateCard: { hourlyRateCents: number } }).rateCard.hourlyRateCents).toBe(12000);
  });

  it('only an admin may change it; a bad card is refused naming the field, and nothing changes', async () => {
    const current = (await twin.request<RateCardAnswer>('GET', '/rate-card', { token: admin })).body;
    const forbidden = await twin.request('PUT', '/rate-card', { token: analyst, json: current.rateCard });
    expect(forbidden.status).toBe(403);
    const bad = await twin.request<{ errors: Array<{ pointer: string }> }>('PUT', '/rate-card', {
      token: admin,
      json: { ...current.rateCard, vatPercent: 21.5, priorities: { ...current.rateCard.priorities, urgent: {} } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.pointer)).toEqual(expect.arrayContaining(['/vatPercent', '/priorities/urgent']));
    expect((await twin.request<RateCardAnswer>('GET', '/rate-card', { token: admin })).body).toEqual(current);
  });
});

describe('analysis submission', () => {
  it('is checked against the onboarding and taken once per round', async () => {
    const { onboardingId } = await startIntake(twin, accountManager, 'Analyse B.V.');
    await eventually(async () => ((await detailOf(twin, accountManager, onboardingId)).status === 'AWAITING_ANALYSIS' ? true : undefined));
    const path = `/onboardings/${onboardingId}/analysis`;
    const item = (incidentId: string) => ({
      incidentId,
      rootCause: 'Oorzaak',
      solution: 'Oplossing',
      actionType: 'repair',
      estimatedHours: 1,
      requiredSkills: ['netwerk'],
      priority: 'normal',
    });

    const wrongRole = await twin.request('POST', path, { token: accountManager, json: { items: [item('inc-01'), item('inc-02')] } });
    expect(wrongRole.status).toBe(403);
    const missing = await twin.request<{ errors: Array<{ pointer: string; message: string }> }>('POST', path, { token: analyst, json: { items: [item('inc-01')] } });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ pointer: '/items', message: 'Missing analysis for inc-02' }]);
    const unknown = await twin.request<{ errors: Array<{ pointer: string }> }>('POST', path, {
      token: analyst,
      json: { items: [item('inc-01'), item('inc-02'), item('inc-09')] },
    });
    expect(unknown.body.errors).toEqual([{ pointer: '/items/2/incidentId', message: 'Unknown incident inc-09' }]);
    const badHours = await twin.request<{ errors: Array<{ pointer: string }> }>('POST', path, {
      token: analyst,
      json: { items: [{ ...item('inc-01'), estimatedHours: 0 }, { ...item('inc-02'), estimatedHours: 1.1 }] },
    });
    expect(badHours.body.errors.map((e) => e.pointer)).toEqual(['/items/0/estimatedHours', '/items/1/estimatedHours']);
    expect((await detailOf(twin, accountManager, onboardingId)).status).toBe('AWAITING_ANALYSIS');

    // Two analysts at once: one is taken, the other is told it is too late.
    const both = await Promise.all(
      [analyst, admin].map((token) => twin.request('POST', path, { token, json: { items: [item('inc-01'), item('inc-02')] } })),
    );
    expect(both.map((r) => r.status).sort()).toEqual([202, 409]);
    await untilStatus(twin, accountManager, onboardingId, 'AGREEMENT_SENT');
    const late = await twin.request('POST', path, { token: analyst, json: { items: [item('inc-01'), item('inc-02')] } });
    expect(late.status).toBe(409);
    expect((await twin.request('POST', '/onboardings/onb-01JZZZZZZZZZZZZZZZZZZZZZZZ/analysis', { token: analyst, json: { items: [item('inc-01')] } })).status).toBe(
      404,
    );
  });
});
