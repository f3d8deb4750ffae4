import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { startTestDynamoDb } from '../support/emulators';
import { largestAnalysis, largestIntake, largestTaskToken, maxText } from '../support/largest-onboarding';
import { DEFAULT_RATE_CARD, EXAMPLE_PROVIDER } from '../../infra/stage-config';
import { newOnboardingId } from '../../functions/domain/ids';
import { newOnboarding, type Actor, type Onboarding, type SubmittedAnalysis } from '../../functions/domain/onboarding';
import { priceAgreement } from '../../functions/domain/pricing';
import { COUNTS, DYNAMODB_ITEM_LIMIT_BYTES, worstCaseItemSizes, WRITE_LIMIT_BYTES } from '../../functions/domain/size-budget';
import { ItemTooLargeError } from '../../functions/runtime/errors';
import { itemBytes } from '../../functions/adapters/dynamodb/item-size';

type Repository = typeof import('../../functions/adapters/dynamodb/onboarding-repository');
let repository: Repository;
let client: typeof import('../../functions/adapters/dynamodb/client');
let keys: typeof import('../../functions/adapters/dynamodb/keys');
let dynamodb: Awaited<ReturnType<typeof startTestDynamoDb>>;

beforeAll(async () => {
  dynamodb = await startTestDynamoDb('largest-onboarding');
  // The adapters read TABLE_NAME once, when they load (as a Lambda container does): load them now.
  repository = await import('../../functions/adapters/dynamodb/onboarding-repository');
  client = await import('../../functions/adapters/dynamodb/client');
  keys = await import('../../functions/adapters/dynamodb/keys');
});
afterAll(async () => {
  await dynamodb?.close();
});

const worst = (item: string) => worstCaseItemSizes().find((w) => w.item === item)!.bytes;
const accountManager = { sub: '11111111-1111-4111-8111-111111111111', email: `${'a'.repeat(60)}@${'b'.repeat(180)}.example` };
const staffActor: Actor = { kind: 'staff', ...accountManager };
const system: Actor = { kind: 'system', step: 'Test' };

let clock = Date.parse('2026-11-02T09:00:00.000Z');
const tick = () => new Date((clock += 1000)).toISOString();

async function raw(key: { pk: string; sk: string }): Promise<Record<string, unknown>> {
  const { Item } = await client.documentClient.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: key, ConsistentRead: true }));
  if (!Item) throw new Error(`No item ${key.pk} / ${key.sk}`);
  return Item;
}

/**
 * The largest onboarding the API allows, stored step by step as the workflow stores it: the
 * largest intake, then per round the largest analysis, its agreement version and the client's
 * change request with the longest name and comment, up to every stage's maximum; then the
 * approval, monitoring and every task token.
 */
async function storeLargestOnboarding(): Promise<Onboarding> {
  let onboarding = newOnboarding(newOnboardingId(clock), largestIntake(), accountManager, new Date(tick()));
  await repository.insertOnboarding(onboarding, staffActor);
  onboarding = await repository.transitionOnboarding(onboarding, 'registered', { at: tick(), actor: system });
  onboarding = await repository.transitionOnboarding(onboarding, 'analysisAwaited', { at: tick(), actor: system });

  const rounds = COUNTS.changeRequests + 1;
  for (let round = 1; round <= rounds; round++) {
    await repository.storePendingAnalysisTask(onboarding.id, largestTaskToken(`analysis-${round}`), tick());
    const submission = largestAnalysis(DEFAULT_RATE_CARD.analysisLimits);
    const analysis: SubmittedAnalysis = { version: round, items: submission.items, notes: submission.notes!, submittedAt: tick(), submittedBy: accountManager };
    await repository.recordAnalysisSubmission((await repository.findOnboarding(onboarding.id))!, analysis);
    onboarding = (await repository.findOnboarding(onboarding.id))!;
    const agreement = priceAgreement({ onboarding, analysis, rateCard: DEFAULT_RATE_CARD, version: round, provider: EXAMPLE_PROVIDER, now: new Date(tick()) });
    await repository.recordAgreementDraft(onboarding, agreement, `Agreement version ${round}`);
    await repository.storeAgreementLinkHash(onboarding.id, round, 'f'.repeat(64));
    onboarding = (await repository.findOnboarding(onboarding.id))!;
    onboarding = await repository.transitionOnboarding(onboarding, 'agreementSent', { at: tick(), actor: system, agreementVersion: round });

    const at = tick();
    const name = maxText('decisionName');
    const comment = maxText('decisionComment');
    const actor: Actor = { kind: 'client', name };
    if (round < rounds) {
      onboarding = await repository.transitionOnboarding(
        onboarding,
        'changesRequested',
        { at, actor },
        {
          agreement: { ...onboarding.agreement!, decision: { decision: 'request-changes', name, at, comment } },
          analysisRound: round + 1,
          changeRequests: [...onboarding.changeRequests, { agreementVersion: round, name, comment, at }],
        },
      );
    } else {
      onboarding = await repository.transitionOnboarding(onboarding, 'agreementApproved', { at, actor }, { agreement: { ...onboarding.agreement!, decision: { decision: 'approve', name, at, comment } } });
    }
  }
  const since = tick();
  onboarding = await repository.transitionOnboarding(onboarding, 'monitoringStarted', { at: since, actor: system }, { round: 99, roundStartedAt: since, monitoring: { since, until: tick() } });
  await repository.storeMonitoringTask(onboarding.id, largestTaskToken('monitoring'), tick());
  return (await repository.findOnboarding(onboarding.id))!;
}

describe('the largest onboarding the API allows, on DynamoDB Local', () => {
  let onboarding: Onboarding;
  beforeAll(async () => {
    onboarding = await storeLargestOnboarding();
  }, 120_000);

  it('is stored whole, through the real repository, and reads back as written', async () => {
    expect(onboarding.status).toBe('MONITORING');
    expect(onboarding.contacts).toHaveLength(COUNTS.contacts);
    expect(onboarding.incidents).toHaveLength(COUNTS.incidents);
    expect(onboarding.changeRequests).toHaveLength(COUNTS.changeRequests);
    expect(onboarding.analysis?.items.flatMap((item) => item.materials)).toHaveLength(COUNTS.materialsPerAnalysis);
    expect(onboarding.client.companyName).toBe(largestIntake().client.companyName);
    const record = await repository.findOnboardingWithTimeline(onboarding.id);
    expect(record?.analyses).toHaveLength(COUNTS.changeRequests + 1);
    expect(record?.agreements).toHaveLength(COUNTS.changeRequests + 1);
  });

  it('each of its items is within the worst case size-budget.ts computes, and near it', async () => {
    const aggregate = itemBytes(await raw(keys.onboardingKey(onboarding.id)));
    const analysis = itemBytes(await raw(keys.analysisVersionKey(onboarding.id, 1)));
    const agreement = itemBytes(await raw(keys.agreementVersionKey(onboarding.id, 1)));
    const measured = { aggregate, analysis, agreement };
    // Near: what the worst case adds is fields this onboarding cannot have at once (a failure, a release, PDFs).
    expect(aggregate, JSON.stringify(measured)).toBeLessThanOrEqual(worst('Onboarding aggregate'));
    expect(aggregate, JSON.stringify(measured)).toBeGreaterThan(0.9 * worst('Onboarding aggregate'));
    expect(analysis, JSON.stringify(measured)).toBeLessThanOrEqual(worst('Analysis version'));
    expect(analysis, JSON.stringify(measured)).toBeGreaterThan(0.95 * worst('Analysis version'));
    expect(agreement, JSON.stringify(measured)).toBeLessThanOrEqual(worst('Agreement version'));
    expect(agreement, JSON.stringify(measured)).toBeGreaterThan(0.9 * worst('Agreement version'));
  });

  it('an aggregate pushed over the limit is refused with ItemTooLargeError naming the field, before DynamoDB is called', async () => {
    const before = await raw(keys.onboardingKey(onboarding.id));
    const more = Array.from({ length: 12 }, (_, i) => ({ agreementVersion: 100 + i, name: maxText('decisionName'), comment: maxText('decisionComment'), at: tick() }));
    const send = vi.spyOn(client.documentClient, 'send');
    try {
      const attempt = repository.transitionOnboarding(onboarding, 'failed', { at: tick(), actor: system }, { changeRequests: [...onboarding.changeRequests, ...more] });
      const error = await attempt.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ItemTooLargeError);
      expect(error).toMatchObject({ entity: 'onboarding', field: '/changeRequests' });
      expect((error as ItemTooLargeError).size!.bytes).toBeGreaterThan(WRITE_LIMIT_BYTES);
      expect(send).not.toHaveBeenCalled();
    } finally {
      send.mockRestore();
    }
    expect(await raw(keys.onboardingKey(onboarding.id))).toEqual(before);
  });

  it('the estimate errs on the large side: DynamoDB Local takes an item the check measures just under 400 KB', async () => {
    const item = { ...(await raw(keys.onboardingKey(onboarding.id))), pk: `SIZE#${onboarding.id}`, sk: 'PROBE' };
    const padding = DYNAMODB_ITEM_LIMIT_BYTES - 64 - itemBytes(item) - 'padding'.length;
    const probe = { ...item, padding: 'é'.repeat(Math.floor(padding / 2)) };
    expect(itemBytes(probe)).toBeLessThan(DYNAMODB_ITEM_LIMIT_BYTES);
    expect(itemBytes(probe)).toBeGreaterThan(DYNAMODB_ITEM_LIMIT_BYTES - 100);
    await client.documentClient.send(new PutCommand({ TableName: process.env.TABLE_NAME, Item: probe }));
    expect(itemBytes(await raw({ pk: probe.pk, sk: probe.sk }))).toBe(itemBytes(probe));
  });
});
