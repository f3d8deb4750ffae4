import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { newOnboardingId } from '../../functions/domain/ids';
import { intakeSchema } from '../../functions/domain/intake';
import { newOnboarding, type Onboarding } from '../../functions/domain/onboarding';
import type { StuckSweepSummary } from '../../functions/sweep-stuck-onboardings/sweep-stuck-onboardings';
import { createLambdaContext } from '../../infra/local/lambda-context';
import { LOCAL_ACCOUNT_ID, LOCAL_CREDENTIALS } from '../../infra/local/local-aws';
import { scheduledEvent } from '../../infra/local/schedules';
import { REGION, startTestDynamoDb } from '../support/emulators';
import { staff, validIntake } from '../support/fixtures';

type Repository = typeof import('../../functions/adapters/dynamodb/onboarding-repository');
type SweepHandler = (event: unknown, context: ReturnType<typeof createLambdaContext>) => Promise<StuckSweepSummary>;

/** This file's thresholds, as CDK passes the stage's to the function. */
const THRESHOLDS = { RECEIVED: 1, AWAITING_ANALYSIS: 72 };
const NOW = '2026-09-10T12:00:00Z';
const SYSTEM = { kind: 'system', step: 'Test' } as const;
const AM = { sub: staff.accountManager.sub, email: staff.accountManager.email };

let dynamodb: Awaited<ReturnType<typeof startTestDynamoDb>>;
let documents: DynamoDBDocumentClient;
let repository: Repository;
let handler: SweepHandler;
let logger: typeof import('../../functions/runtime/observability')['logger'];

beforeAll(async () => {
  dynamodb = await startTestDynamoDb();
  documents = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynamodb.url, region: REGION, credentials: LOCAL_CREDENTIALS }));
  process.env.STUCK_AFTER_HOURS = JSON.stringify(THRESHOLDS);
  process.env.POWERTOOLS_METRICS_NAMESPACE = 'BreakFixOnboarding/test';
  // Read once at load, as in a Lambda container: load after the table and thresholds are set.
  repository = await import('../../functions/adapters/dynamodb/onboarding-repository');
  ({ logger } = await import('../../functions/runtime/observability'));
  handler = (await import('../../functions/sweep-stuck-onboardings/handler')).handler as unknown as SweepHandler;
});
afterAll(async () => {
  documents?.destroy();
  await dynamodb?.close();
});

/** Runs `run` and returns what it wrote to stdout, line by line: where the EMF metric lines go, as Lambda ships them. */
async function stdoutOf<T>(run: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    const result = await run();
    return { result, lines: written.join('').split('\n').filter(Boolean) };
  } finally {
    spy.mockRestore();
  }
}

const emfLines = (lines: string[]) => lines.filter((line) => line.includes('"_aws"')).map((line) => JSON.parse(line) as Record<string, unknown>);

function sweep(at: string): Promise<StuckSweepSummary> {
  const event = scheduledEvent({ at: new Date(at), region: REGION, ruleName: 'SweepStuckOnboardings-schedule' });
  const context = createLambdaContext({ functionName: 'SweepStuckOnboardings', timeoutSeconds: 15, memoryMb: 512, region: REGION, accountId: LOCAL_ACCOUNT_ID });
  return handler(event, context);
}

/** An onboarding taken into `status` with each change at the time given. */
async function stored(createdAt: string, path: { transition: Parameters<Repository['transitionOnboarding']>[1]; at: string }[] = []): Promise<Onboarding> {
  let onboarding = newOnboarding(newOnboardingId(Date.parse(createdAt)), intakeSchema.parse(validIntake()), AM, new Date(createdAt));
  await repository.insertOnboarding(onboarding, { kind: 'staff', ...AM });
  for (const step of path) onboarding = await repository.transitionOnboarding(onboarding, step.transition, { at: step.at, actor: SYSTEM });
  return onboarding;
}

/** An AWAITING_ANALYSIS aggregate as the code before statusSince stored it: keyed by creation, its status begun at updatedAt. */
async function storedBeforeStatusSince(createdAt: string, updatedAt: string): Promise<string> {
  const { statusSince: _none, ...old } = newOnboarding(newOnboardingId(Date.parse(createdAt)), intakeSchema.parse(validIntake()), AM, new Date(createdAt));
  await documents.send(
    new PutCommand({
      TableName: process.env.TABLE_NAME,
      Item: {
        ...old,
        status: 'AWAITING_ANALYSIS',
        version: 3,
        updatedAt,
        pk: `ONBOARDING#${old.id}`,
        sk: 'AGGREGATE',
        byStatusPk: 'STATUS#AWAITING_ANALYSIS',
        byStatusSk: `${createdAt}#${old.id}`,
        byCreatedPk: 'ONBOARDINGS',
        byCreatedSk: `${createdAt}#${old.id}`,
        entity: 'Onboarding',
      },
    }),
  );
  return old.id;
}

const toAnalysis = (registeredAt: string, awaitingAt: string) => [
  { transition: 'registered' as const, at: registeredAt },
  { transition: 'analysisAwaited' as const, at: awaitingAt },
];

describe('SweepStuckOnboardings on DynamoDB Local', () => {
  it('finds, counts and names exactly the onboardings in a watched status for longer than the stage allows', async () => {
    const receivedLong = await stored('2026-09-10T10:00:00.000Z');
    const receivedJustNow = await stored('2026-09-10T11:30:00.000Z');
    // Created long ago, but only just waiting for its analysis: counted from when that status began.
    const analysisFresh = await stored('2026-08-01T09:00:00.000Z', toAnalysis('2026-08-01T09:00:05.000Z', '2026-09-09T12:00:00.000Z'));
    const analysisLong = await stored('2026-09-06T11:00:00.000Z', toAnalysis('2026-09-06T11:00:05.000Z', '2026-09-06T11:00:09.000Z'));
    // Not watched here (no threshold), and a terminal status never is.
    const registeredLong = await stored('2026-09-01T09:00:00.000Z', [{ transition: 'registered', at: '2026-09-01T09:00:05.000Z' }]);
    const failedLong = await stored('2026-09-01T09:00:00.000Z', [{ transition: 'failed', at: '2026-09-01T09:01:00.000Z' }]);
    // Stored before statusSince: one stuck by its last status change, one whose creation alone is old.
    const oldStuck = await storedBeforeStatusSince('2026-08-20T09:00:00.000Z', '2026-09-05T09:00:00.000Z');
    const oldFresh = await storedBeforeStatusSince('2026-08-21T09:00:00.000Z', '2026-09-09T09:00:00.000Z');

    const warned = vi.spyOn(logger, 'warn');
    const { result: summary, lines } = await stdoutOf(() => sweep(NOW));
    const warnings = warned.mock.calls.length;
    const logged = JSON.stringify(warned.mock.calls);
    warned.mockRestore();

    const ids = summary.onboardings.map((stuck) => stuck.onboardingId);
    expect(ids.sort()).toEqual([receivedLong.id, analysisLong.id, oldStuck].sort());
    for (const notStuck of [receivedJustNow.id, analysisFresh.id, registeredLong.id, failedLong.id, oldFresh]) expect(ids).not.toContain(notStuck);
    expect(summary).toMatchObject({ stuck: 3, byStatus: { RECEIVED: 1, AWAITING_ANALYSIS: 2 } });
    expect(summary.onboardings).toContainEqual({ onboardingId: analysisLong.id, status: 'AWAITING_ANALYSIS', since: '2026-09-06T11:00:09.000Z', hoursInStatus: 96 });
    expect(summary.onboardings).toContainEqual({ onboardingId: oldStuck, status: 'AWAITING_ANALYSIS', since: '2026-09-05T09:00:00.000Z', hoursInStatus: 123 });
    // One EMF line with the total, in the stage's namespace.
    expect(emfLines(lines)).toEqual([expect.objectContaining({ StuckOnboardings: 3 })]);
    expect(emfLines(lines)[0]).toMatchObject({ _aws: { CloudWatchMetrics: [{ Namespace: 'BreakFixOnboarding/test', Metrics: [{ Name: 'StuckOnboardings', Unit: 'Count' }] }] } });
    // The log names the ids and statuses; nothing personal in it or in the result.
    expect(warnings).toBe(1);
    expect(logged).toContain('Onboardings stuck in one status');
    expect(logged).toContain(analysisLong.id);
    for (const text of [logged, JSON.stringify(summary)]) {
      expect(text).not.toContain(staff.accountManager.email);
      expect(text).not.toContain(validIntake().client.companyName);
      expect(text).not.toContain(validIntake().contacts[0]!.email);
    }
  });

  it('moves on once a stuck onboarding changes status, and reports zero when nothing is stuck', async () => {
    const onboarding = await stored('2026-06-01T09:00:00.000Z');
    const at = '2026-06-01T12:00:00Z';
    expect((await sweep(at)).onboardings.map((stuck) => stuck.onboardingId)).toContain(onboarding.id);
    await repository.transitionOnboarding(onboarding, 'registered', { at: '2026-06-01T11:59:00.000Z', actor: SYSTEM });
    const { result: summary, lines } = await stdoutOf(() => sweep(at));
    expect(summary).toEqual({ stuck: 0, byStatus: {}, onboardings: [] });
    expect(emfLines(lines)).toEqual([expect.objectContaining({ StuckOnboardings: 0 })]);
  });
});
