import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_RATE_CARD } from '../../infra/stage-config';
import { DEFAULT_ANALYSIS_LIMITS, DEFAULT_REVIEW_ABOVE_CENTS } from '../../functions/domain/rate-card';
import { startTestTwin, eventually, type TestTwin } from '../support/twin';
import { detailOf, startIntake, submitAnalysis, untilStatus } from '../support/agreement-flow';
import { maxText } from '../support/largest-onboarding';

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

/** This onboarding's own items: other onboardings of this file may still be writing theirs meanwhile. */
async function itemsOf(onboardingId: string): Promise<number | undefined> {
  const documents = DynamoDBDocumentClient.from(twin.dynamodb);
  const { Count } = await documents.send(
    new QueryCommand({ TableName: twin.twin.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `ONBOARDING#${onboardingId}` }, Select: 'COUNT', ConsistentRead: true }),
  );
  return Count;
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

describe('rate card: review threshold and analysis limits', () => {
  const documents = () => DynamoDBDocumentClient.from(twin.dynamodb);
  const { reviewAboveCents: _r, analysisLimits: _a, ...withoutNewFields } = DEFAULT_RATE_CARD;

  it('PUT fills in both when the card omits them, takes them when given, and refuses bad ones by pointer', async () => {
    const put = await twin.request<RateCardAnswer>('PUT', '/rate-card', { token: admin, json: withoutNewFields });
    expect(put.status, put.text).toBe(200);
    expect(put.body.rateCard).toMatchObject({ reviewAboveCents: DEFAULT_REVIEW_ABOVE_CENTS, analysisLimits: DEFAULT_ANALYSIS_LIMITS });
    expect((await twin.request<RateCardAnswer>('GET', '/rate-card', { token: analyst })).body.rateCard).toEqual(put.body.rateCard);

    const own = { ...DEFAULT_RATE_CARD, reviewAboveCents: 100_000, analysisLimits: { maxHoursPerItem: 12, maxMaterialQuantity: 20, maxMaterialUnitCostCents: 75_000 } };
    const second = await twin.request<RateCardAnswer>('PUT', '/rate-card', { token: admin, json: own });
    expect(second.body.rateCard).toEqual(own);

    const bad = await twin.request<{ errors: Array<{ pointer: string }> }>('PUT', '/rate-card', {
      token: admin,
      json: { ...own, reviewAboveCents: -5, analysisLimits: { ...own.analysisLimits, maxHoursPerItem: 0, perDay: 8 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.pointer).sort()).toEqual(['/analysisLimits/maxHoursPerItem', '/analysisLimits/perDay', '/reviewAboveCents']);
    expect((await twin.request<RateCardAnswer>('GET', '/rate-card', { token: admin })).body.rateCard).toEqual(own);
  });

  it('a card stored before the fields existed reads with the defaults, and is not rewritten by reading', async () => {
    const key = { pk: 'RATE_CARD', sk: 'CURRENT' };
    await documents().send(new UpdateCommand({ TableName: twin.twin.tableName, Key: key, UpdateExpression: 'SET rateCard = :card', ExpressionAttributeValues: { ':card': withoutNewFields } }));
    const read = await twin.request<RateCardAnswer>('GET', '/rate-card', { token: analyst });
    expect(read.body.rateCard).toMatchObject({ reviewAboveCents: DEFAULT_REVIEW_ABOVE_CENTS, analysisLimits: DEFAULT_ANALYSIS_LIMITS });
    const { Item } = await documents().send(new GetCommand({ TableName: twin.twin.tableName, Key: key, ConsistentRead: true }));
    expect(Item?.rateCard).toEqual(withoutNewFields);
    // Put the stage's default back for the tests below.
    expect((await twin.request('PUT', '/rate-card', { token: admin, json: DEFAULT_RATE_CARD })).status).toBe(200);
  });

  it('POST /analysis is checked against the current card’s limits: a pointer per offending field, nothing written', async () => {
    const limits = { maxHoursPerItem: 8, maxMaterialQuantity: 5, maxMaterialUnitCostCents: 10_000 };
    expect((await twin.request('PUT', '/rate-card', { token: admin, json: { ...DEFAULT_RATE_CARD, analysisLimits: limits } })).status).toBe(200);
    try {
      const { onboardingId } = await startIntake(twin, accountManager, 'Limiet B.V.');
      await eventually(async () => ((await detailOf(twin, accountManager, onboardingId)).status === 'AWAITING_ANALYSIS' ? true : undefined));
      const item = (incidentId: string, hours: number, materials: Array<{ quantity: number; unitCostCents: number }>) => ({
        incidentId,
        rootCause: 'Oorzaak',
        solution: 'Oplossing',
        actionType: 'repair',
        estimatedHours: hours,
        requiredSkills: ['netwerk'],
        priority: 'normal',
        materials: materials.map((m) => ({ description: 'Onderdeel', ...m })),
      });
      const before = await itemsOf(onboardingId);
      const refused = await twin.request<{ type: string; errors: Array<{ pointer: string; message: string }> }>('POST', `/onboardings/${onboardingId}/analysis`, {
        token: analyst,
        json: { items: [item('inc-01', 8, [{ quantity: 5, unitCostCents: 10_000 }, { quantity: 6, unitCostCents: 10_001 }]), item('inc-02', 8.25, [])] },
      });
      expect(refused.status, refused.text).toBe(400);
      expect(refused.headers.get('content-type')).toBe('application/problem+json');
      expect(refused.body.errors.map((e) => e.pointer)).toEqual(['/items/0/materials/1/quantity', '/items/0/materials/1/unitCostCents', '/items/1/estimatedHours']);
      expect(await itemsOf(onboardingId)).toBe(before);
      expect((await detailOf(twin, accountManager, onboardingId)).status).toBe('AWAITING_ANALYSIS');
      // Within the limits it is taken.
      const taken = await twin.request('POST', `/onboardings/${onboardingId}/analysis`, { token: analyst, json: { items: [item('inc-01', 8, [{ quantity: 5, unitCostCents: 10_000 }]), item('inc-02', 1, [])] } });
      expect(taken.status, taken.text).toBe(202);
    } finally {
      expect((await twin.request('PUT', '/rate-card', { token: admin, json: DEFAULT_RATE_CARD })).status).toBe(200);
    }
  });
});

describe('item size on a route', () => {
  it('an analysis that would grow the aggregate past the limit is a 422 naming the field that grew, and nothing is written', async () => {
    const { onboardingId } = await startIntake(twin, accountManager, 'Groot B.V.');
    await eventually(async () => ((await detailOf(twin, accountManager, onboardingId)).status === 'AWAITING_ANALYSIS' ? true : undefined));
    // Change requests accumulated over many rounds (more than any stage allows), written straight into the table.
    const changeRequests = Array.from({ length: 30 }, (_, i) => ({ agreementVersion: i + 1, name: maxText('decisionName'), comment: maxText('decisionComment'), at: '2026-11-02T09:00:00.000Z' }));
    const documents = DynamoDBDocumentClient.from(twin.dynamodb);
    await documents.send(
      new UpdateCommand({
        TableName: twin.twin.tableName,
        Key: { pk: `ONBOARDING#${onboardingId}`, sk: 'AGGREGATE' },
        UpdateExpression: 'SET changeRequests = :requests',
        ExpressionAttributeValues: { ':requests': changeRequests },
      }),
    );
    const itemsOfThisOnboarding = () => itemsOf(onboardingId);
    const before = await itemsOfThisOnboarding();
    const item = (incidentId: string) => ({
      incidentId,
      rootCause: maxText('rootCause', 'Oorzaak'),
      solution: maxText('solution', 'Oplossing'),
      actionType: 'repair',
      estimatedHours: 1,
      requiredSkills: ['netwerk'],
      priority: 'normal',
    });
    const body = { items: [item('inc-01'), item('inc-02')], notes: maxText('analysisNotes', 'Notities') };
    expect(JSON.stringify(body).length).toBeLessThan(20_000); // the request itself is small
    const refused = await twin.request<{ type: string; status: number; errors: Array<{ pointer: string; message: string }> }>('POST', `/onboardings/${onboardingId}/analysis`, { token: analyst, json: body });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.body).toMatchObject({ type: 'https://breakfix.example/problems/too-large-to-store', status: 422, errors: [{ pointer: '/changeRequests' }] });
    expect(refused.body.errors[0]!.message).toMatch(/\/changeRequests is too large/);
    expect(await itemsOfThisOnboarding()).toBe(before);
    const detail = await detailOf(twin, accountManager, onboardingId);
    expect(detail.status).toBe('AWAITING_ANALYSIS');
    expect(detail).not.toHaveProperty('analysis.version');
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
