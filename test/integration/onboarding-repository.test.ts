import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { startTestDynamoDb, REGION } from '../support/emulators';
import { LOCAL_CREDENTIALS } from '../../infra/local/local-aws';
import { intakeSchema } from '../../functions/domain/intake';
import { newOnboarding, type Onboarding, type SubmittedAnalysis } from '../../functions/domain/onboarding';
import { newOnboardingId } from '../../functions/domain/ids';
import { validIntake, staff } from '../support/fixtures';
import type { OnboardingRecord } from '../../functions/adapters/dynamodb/onboarding-repository';
import { ConflictError, ItemTooLargeError, TransientDependencyError, ValidationError } from '../../functions/runtime/errors';

type Repository = typeof import('../../functions/adapters/dynamodb/onboarding-repository');
type Notices = typeof import('../../functions/adapters/dynamodb/notice-repository');

let dynamodb: Awaited<ReturnType<typeof startTestDynamoDb>>;
let client: DynamoDBClient;
let documents: DynamoDBDocumentClient;
let insertOnboarding: Repository['insertOnboarding'];
let findOnboarding: Repository['findOnboarding'];
let findOnboardingWithTimeline: (id: string) => Promise<OnboardingRecord | undefined>;
let listOnboardings: Repository['listOnboardings'];
let OnboardingAlreadyExistsError: Repository['OnboardingAlreadyExistsError'];
let recordAnalysisSubmission: Repository['recordAnalysisSubmission'];
let transitionOnboarding: Repository['transitionOnboarding'];
let countNotices: Notices['countNotices'];
let markNoticeSent: Notices['markNoticeSent'];
let noticeSentAt: Notices['noticeSentAt'];
let writeTransaction: typeof import('../../functions/adapters/dynamodb/transaction')['writeTransaction'];
let onboardingKey: typeof import('../../functions/adapters/dynamodb/keys')['onboardingKey'];
let claimIdempotencyKey: typeof import('../../functions/adapters/dynamodb/idempotency-repository')['claimIdempotencyKey'];

beforeAll(async () => {
  dynamodb = await startTestDynamoDb();
  client = new DynamoDBClient({ endpoint: dynamodb.url, region: REGION, credentials: LOCAL_CREDENTIALS });
  documents = DynamoDBDocumentClient.from(client);
  // The adapters read TABLE_NAME once, when they load (as a Lambda container does): load them now.
  ({ insertOnboarding, findOnboarding, findOnboardingWithTimeline, listOnboardings, OnboardingAlreadyExistsError, recordAnalysisSubmission, transitionOnboarding } =
    await import('../../functions/adapters/dynamodb/onboarding-repository'));
  ({ countNotices, markNoticeSent, noticeSentAt } = await import('../../functions/adapters/dynamodb/notice-repository'));
  ({ writeTransaction } = await import('../../functions/adapters/dynamodb/transaction'));
  ({ onboardingKey } = await import('../../functions/adapters/dynamodb/keys'));
  ({ claimIdempotencyKey } = await import('../../functions/adapters/dynamodb/idempotency-repository'));
});
afterAll(async () => {
  client?.destroy();
  await dynamodb?.close();
});

const intake = intakeSchema.parse(validIntake());
const system = { kind: 'system', step: 'Test' } as const;
const amActor = { kind: 'staff', sub: staff.accountManager.sub, email: staff.accountManager.email } as const;

function anOnboarding(createdAt: Date): Onboarding {
  return newOnboarding(newOnboardingId(createdAt.getTime()), intake, { sub: staff.accountManager.sub, email: staff.accountManager.email }, createdAt);
}

async function stored(createdAt: Date): Promise<Onboarding> {
  const onboarding = anOnboarding(createdAt);
  await insertOnboarding(onboarding, amActor);
  return onboarding;
}

/** Every item of one onboarding's partition, by sort key. */
async function partition(onboardingId: string): Promise<string[]> {
  const { Items } = await client.send(
    new QueryCommand({
      TableName: process.env.TABLE_NAME,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: `ONBOARDING#${onboardingId}` } },
      ConsistentRead: true,
    }),
  );
  return (Items ?? []).map((item) => item.sk!.S!);
}

/** The aggregate item as stored, keys and all. */
async function rawAggregate(onboardingId: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await documents.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: onboardingKey(onboardingId), ConsistentRead: true }));
  return Item;
}

/** The onboarding as the creation index lists it (GSIs are eventually consistent; DynamoDB Local is at once). */
async function eventuallyListed(onboardingId: string) {
  let cursor: string | undefined;
  do {
    const page = await listOnboardings({ limit: 100, cursor });
    const found = page.items.find((item) => item.id === onboardingId);
    if (found) return found;
    cursor = page.nextCursor;
  } while (cursor);
  throw new Error(`${onboardingId} is not in the creation index`);
}

async function itemCount(): Promise<number> {
  const { Count } = await client.send(new ScanCommand({ TableName: process.env.TABLE_NAME, Select: 'COUNT' }));
  return Count ?? 0;
}

describe('onboarding repository on DynamoDB Local', () => {
  it('stores an aggregate with its INTAKE_RECEIVED event in one transaction, once', async () => {
    const onboarding = await stored(new Date('2026-11-02T09:00:00Z'));
    await expect(insertOnboarding({ ...onboarding, incidents: [] }, amActor)).rejects.toBeInstanceOf(OnboardingAlreadyExistsError);
    expect(await findOnboarding(onboarding.id)).toEqual(onboarding);
    expect(await findOnboarding('onb-missing')).toBeUndefined();
    const found = await findOnboardingWithTimeline(onboarding.id);
    expect(found?.timeline.map((e) => [e.version, e.type, e.status, e.actor.kind])).toEqual([[1, 'INTAKE_RECEIVED', 'RECEIVED', 'staff']]);
  });

  it('a status change and its timeline event are one transaction, guarded by version and status', async () => {
    const onboarding = await stored(new Date('2026-11-03T09:00:00Z'));
    const registered = await transitionOnboarding(onboarding, 'registered', { at: '2026-11-03T09:00:01.000Z', actor: system });
    expect(registered).toMatchObject({ status: 'REGISTERED', version: 2 });
    expect(await findOnboarding(onboarding.id)).toEqual(registered);

    // A stale copy (version 1) loses, and nothing of its transaction is written: no FAILED event.
    const before = await partition(onboarding.id);
    await expect(transitionOnboarding(onboarding, 'failed', { at: '2026-11-03T09:00:02.000Z', actor: system })).rejects.toBeInstanceOf(ConflictError);
    expect(await partition(onboarding.id)).toEqual(before);
    const found = await findOnboardingWithTimeline(onboarding.id);
    expect(found?.onboarding.status).toBe('REGISTERED');
    expect(found?.timeline.map((e) => [e.version, e.type])).toEqual([
      [1, 'INTAKE_RECEIVED'],
      [2, 'REGISTERED'],
    ]);
  });

  it('refuses a transition the lifecycle does not allow from the current status, writing nothing', async () => {
    const onboarding = await stored(new Date('2026-11-03T11:00:00Z'));
    const before = await partition(onboarding.id);
    await expect(transitionOnboarding(onboarding, 'agreementApproved', { at: '2026-11-03T11:00:01.000Z', actor: system })).rejects.toThrow(
      /cannot go from RECEIVED to IMPLEMENTING/,
    );
    expect(await partition(onboarding.id)).toEqual(before);
  });

  it('a transition whose first response was lost is recognised as applied: success, one event', async () => {
    const onboarding = await stored(new Date('2026-11-03T10:00:00Z'));
    const event = { at: '2026-11-03T10:00:01.000Z', actor: system, detail: 'Intake registered' };
    const first = await transitionOnboarding(onboarding, 'registered', event);
    // The same call again, from the same loaded copy: its own change is already there.
    const again = await transitionOnboarding(onboarding, 'registered', event);
    expect(again).toEqual(first);
    const found = await findOnboardingWithTimeline(onboarding.id);
    expect(found?.timeline.filter((e) => e.type === 'REGISTERED')).toHaveLength(1);
  });

  it('of concurrent status changes from one version exactly one commits', async () => {
    const onboarding = await stored(new Date('2026-11-03T12:00:00Z'));
    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => transitionOnboarding(onboarding, 'registered', { at: `2026-11-03T12:00:0${i}.000Z`, actor: system })),
    );
    const won = attempts.filter((a) => a.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const lost of attempts.filter((a) => a.status === 'rejected')) {
      // Lost the condition (409 / caught), or met a concurrent transaction (retried).
      expect((lost).reason).toSatisfy((e: unknown) => e instanceof ConflictError || e instanceof TransientDependencyError);
    }
    const found = await findOnboardingWithTimeline(onboarding.id);
    expect(found?.onboarding.version).toBe(2);
    expect(found?.timeline.filter((e) => e.type === 'REGISTERED')).toHaveLength(1);
  });

  it('a transaction that fails one condition writes none of its items', async () => {
    const onboarding = await stored(new Date('2026-11-03T13:00:00Z'));
    const before = await itemCount();
    const result = await writeTransaction(
      [
        { Put: { TableName: process.env.TABLE_NAME!, Item: { pk: 'TEST#a', sk: 'A', entity: 'Test' } } },
        {
          Update: {
            TableName: process.env.TABLE_NAME!,
            Key: onboardingKey(onboarding.id),
            UpdateExpression: 'SET #v = :v',
            ConditionExpression: '#v = :wrong',
            ExpressionAttributeNames: { '#v': 'version' },
            ExpressionAttributeValues: { ':v': 99, ':wrong': 42 },
          },
        },
      ],
      'test',
    );
    expect(result).toEqual({ committed: false, failedConditions: [1] });
    expect(await itemCount()).toBe(before);
    expect((await findOnboarding(onboarding.id))?.version).toBe(1);
  });

  it('an analysis submission writes its version item, the aggregate and its event together, once', async () => {
    let onboarding = await stored(new Date('2026-11-03T14:00:00Z'));
    onboarding = await transitionOnboarding(onboarding, 'registered', { at: '2026-11-03T14:00:01.000Z', actor: system });
    onboarding = await transitionOnboarding(onboarding, 'analysisAwaited', { at: '2026-11-03T14:00:02.000Z', actor: system });
    const analysis: SubmittedAnalysis = {
      version: 1,
      items: [],
      submittedAt: '2026-11-03T14:10:00.000Z',
      submittedBy: { sub: '22222222-2222-4222-8222-222222222222', email: 'analyst@breakfix.example' },
    };
    await recordAnalysisSubmission(onboarding, analysis);
    const afterFirst = await partition(onboarding.id);
    expect(afterFirst).toEqual(expect.arrayContaining(['ANALYSIS#0001', expect.stringMatching(/^EVENT#000003#.*#ANALYSIS_SUBMITTED_V1$/)]));
    expect((await findOnboarding(onboarding.id))?.analysis).toEqual(analysis);

    // A second analyst, a moment later: refused, and neither version item nor event is written.
    await expect(recordAnalysisSubmission(onboarding, { ...analysis, submittedAt: '2026-11-03T14:10:01.000Z' })).rejects.toBeInstanceOf(ConflictError);
    expect(await partition(onboarding.id)).toEqual(afterFirst);
  });

  it('a notification mark and its event are written once, whatever the aggregate version is by then', async () => {
    const onboarding = await stored(new Date('2026-11-04T09:00:00Z'));
    const notice = { kind: 'analysisReminder', scope: 1, seq: 1 } as const;
    expect(await noticeSentAt(onboarding.id, notice)).toBeUndefined();
    // The aggregate moves on before the mark is written: the mark does not care.
    await transitionOnboarding(onboarding, 'registered', { at: '2026-11-04T09:00:00.500Z', actor: system });
    await markNoticeSent(notice, { onboardingId: onboarding.id, version: 1, at: '2026-11-04T09:00:01.000Z', actor: system });
    await markNoticeSent(notice, { onboardingId: onboarding.id, version: 1, at: '2026-11-04T09:00:09.000Z', actor: system });
    expect(await noticeSentAt(onboarding.id, notice)).toBe('2026-11-04T09:00:01.000Z');
    expect(await countNotices(onboarding.id, 'analysisReminder', 1)).toBe(1);
    expect(await countNotices(onboarding.id, 'analysisReminder', 2)).toBe(0);
    const found = await findOnboardingWithTimeline(onboarding.id);
    expect(found?.timeline.filter((e) => e.type === 'ANALYSIS_REMINDER_R1_1').map((e) => e.at)).toEqual(['2026-11-04T09:00:01.000Z']);
    expect(found?.notificationsSent).toEqual({ ANALYSIS_REMINDER_R1_1: '2026-11-04T09:00:01.000Z' });
  });

  it('refuses an aggregate over 400 KB with a named error naming the field, and stores nothing of it', async () => {
    const onboarding = anOnboarding(new Date('2026-11-04T10:00:00Z'));
    const huge = { ...onboarding, expectations: { summary: 'é'.repeat(210_000) } }; // 420,000 bytes in UTF-8
    const before = await itemCount();
    await expect(insertOnboarding(huge, amActor)).rejects.toMatchObject({ name: 'ItemTooLargeError', entity: 'onboarding', field: '/expectations/summary' });
    await expect(insertOnboarding(huge, amActor)).rejects.toBeInstanceOf(ItemTooLargeError);
    expect(await itemCount()).toBe(before);
    expect(await findOnboarding(onboarding.id)).toBeUndefined();

    // Growing a stored one past the limit in a status change is refused the same way, though the update itself only sets a field.
    const small = await stored(new Date('2026-11-04T10:00:01Z'));
    const change = { failure: { error: 'x'.repeat(390 * 1024), at: '2026-11-04T10:00:02.000Z' } };
    await expect(transitionOnboarding(small, 'failed', { at: '2026-11-04T10:00:02.000Z', actor: system }, change)).rejects.toMatchObject({ name: 'ItemTooLargeError', field: '/failure/error' });
    expect((await findOnboarding(small.id))?.status).toBe('RECEIVED');
  });

  it('still maps DynamoDB’s own refusal of an item over 400 KB (the fallback behind the check)', async () => {
    // A raw transaction past the adapter's check: DynamoDB Local refuses it, and the adapter names it.
    const { documentClient } = await import('../../functions/adapters/dynamodb/client');
    const { TransactWriteCommand } = await import('@aws-sdk/lib-dynamodb');
    const item = { ...onboardingKey('onb-FALLBACK'), blob: 'é'.repeat(210_000) };
    const error = await documentClient.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: process.env.TABLE_NAME, Item: item } }] })).catch((e: unknown) => e);
    const { transactionFailure } = await import('../../functions/adapters/dynamodb/transaction');
    const named = (() => {
      try {
        return transactionFailure(error, 'onboarding');
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(named, String(error)).toBeInstanceOf(ItemTooLargeError);
    expect(named).toMatchObject({ entity: 'onboarding', field: undefined });
  });

  it('lists by status, newest status first, through the GSI, page by page, and rejects a forged cursor', async () => {
    const created: Onboarding[] = [];
    for (let day = 10; day < 15; day++) {
      const onboarding = await stored(new Date(`2026-11-${day}T09:00:00Z`));
      // Registered in the opposite order: the list by status follows when the status began, not the intake.
      created.push(await transitionOnboarding(onboarding, 'registered', { at: `2026-11-${30 - day}T09:00:00.000Z`, actor: system }));
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listOnboardings({ status: 'REGISTERED', limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor;
    } while (cursor);
    const expected = [...created].sort((a, b) => b.statusSince!.localeCompare(a.statusSince!)).map((o) => o.id);
    expect(expected).toEqual(created.map((o) => o.id));
    expect(seen.filter((id) => expected.includes(id))).toEqual(expected);
    expect((await listOnboardings({ status: 'RECEIVED', limit: 100 })).items.every((o) => o.status === 'RECEIVED')).toBe(true);

    const all = await listOnboardings({ limit: 100 });
    expect(all.items.length).toBeGreaterThanOrEqual(created.length + 3);
    const page = await listOnboardings({ status: 'REGISTERED', limit: 1 });
    await expect(listOnboardings({ status: 'FAILED', limit: 1, cursor: page.nextCursor })).rejects.toBeInstanceOf(ValidationError);
  });

  it('records when the status began: statusSince and the status index key move with every status change', async () => {
    const onboarding = await stored(new Date('2026-10-01T09:00:00Z'));
    expect((await rawAggregate(onboarding.id))).toMatchObject({ statusSince: onboarding.createdAt, byStatusSk: `${onboarding.createdAt}#${onboarding.id}` });
    const registered = await transitionOnboarding(onboarding, 'registered', { at: '2026-10-01T09:00:05.000Z', actor: system });
    const awaiting = await transitionOnboarding(registered, 'analysisAwaited', { at: '2026-10-01T09:00:09.000Z', actor: system });
    expect(awaiting.statusSince).toBe('2026-10-01T09:00:09.000Z');
    expect(await findOnboarding(onboarding.id)).toMatchObject({ status: 'AWAITING_ANALYSIS', statusSince: '2026-10-01T09:00:09.000Z', createdAt: onboarding.createdAt });
    expect(await rawAggregate(onboarding.id)).toMatchObject({
      byStatusPk: 'STATUS#AWAITING_ANALYSIS',
      byStatusSk: `2026-10-01T09:00:09.000Z#${onboarding.id}`,
      // The creation index keeps the intake's time.
      byCreatedSk: `${onboarding.createdAt}#${onboarding.id}`,
    });
  });

  it('gets from both onboarding indexes exactly what a list row shows, though they project only that', async () => {
    const { summarize } = await import('../../functions/list-onboardings/summary');
    const onboarding = await stored(new Date('2026-10-02T09:00:00Z'));
    const registered = await transitionOnboarding(onboarding, 'registered', { at: '2026-10-02T09:01:00.000Z', actor: system });
    const full = (await findOnboarding(registered.id))!;
    const byStatus = (await listOnboardings({ status: 'REGISTERED', limit: 100 })).items.find((item) => item.id === registered.id);
    const byCreation = await eventuallyListed(registered.id);
    expect(byStatus && summarize(byStatus)).toEqual(summarize(full));
    expect(summarize(byCreation)).toEqual(summarize(full));
    expect(summarize(full).statusSince).toBe('2026-10-02T09:01:00.000Z');
    // Projected, not copied whole: what no list reads stays out of the index.
    expect(Object.keys(byCreation)).not.toContain('expectations');
    expect(Object.keys(byCreation)).not.toContain('changeRequests');
  });

  it('reads an aggregate with attributes it does not know, and a status change keeps them (forward-compatible)', async () => {
    const onboarding = await stored(new Date('2026-10-03T09:00:00Z'));
    // As newer code might have written it: a field of its own, and one inside a known map.
    await documents.send(
      new UpdateCommand({
        TableName: process.env.TABLE_NAME,
        Key: onboardingKey(onboarding.id),
        UpdateExpression: 'SET futureField = :future, #client.futureNested = :nested',
        ExpressionAttributeNames: { '#client': 'client' },
        ExpressionAttributeValues: { ':future': { kind: 'later', n: 2 }, ':nested': 'kept' },
      }),
    );
    const read = (await findOnboarding(onboarding.id))!;
    expect(read).toMatchObject({ id: onboarding.id, status: 'RECEIVED', client: { companyName: onboarding.client.companyName } });
    expect((await findOnboardingWithTimeline(onboarding.id))?.onboarding.status).toBe('RECEIVED');
    await transitionOnboarding(read, 'registered', { at: '2026-10-03T09:00:05.000Z', actor: system });
    expect(await rawAggregate(onboarding.id)).toMatchObject({ status: 'REGISTERED', futureField: { kind: 'later', n: 2 }, client: { futureNested: 'kept' } });
  });

  it('lists and moves an aggregate stored before statusSince existed (keyed by its creation)', async () => {
    const onboarding = anOnboarding(new Date('2026-10-04T09:00:00Z'));
    const { statusSince: _none, ...old } = onboarding;
    // The item as the code before statusSince stored it: REGISTERED since updatedAt, keyed by creation.
    await documents.send(
      new PutCommand({
        TableName: process.env.TABLE_NAME,
        Item: {
          ...old,
          status: 'REGISTERED',
          version: 2,
          updatedAt: '2026-10-04T09:00:05.000Z',
          ...onboardingKey(onboarding.id),
          byStatusPk: 'STATUS#REGISTERED',
          byStatusSk: `${onboarding.createdAt}#${onboarding.id}`,
          byCreatedPk: 'ONBOARDINGS',
          byCreatedSk: `${onboarding.createdAt}#${onboarding.id}`,
          entity: 'Onboarding',
        },
      }),
    );
    const { summarize } = await import('../../functions/list-onboardings/summary');
    const listed = (await listOnboardings({ status: 'REGISTERED', limit: 100 })).items.find((item) => item.id === onboarding.id);
    expect(listed && summarize(listed).statusSince).toBe('2026-10-04T09:00:05.000Z');
    const read = (await findOnboarding(onboarding.id))!;
    expect(read.statusSince).toBeUndefined();
    await transitionOnboarding(read, 'analysisAwaited', { at: '2026-10-04T09:00:09.000Z', actor: system });
    expect(await rawAggregate(onboarding.id)).toMatchObject({ statusSince: '2026-10-04T09:00:09.000Z', byStatusSk: `2026-10-04T09:00:09.000Z#${onboarding.id}` });
  });

  it('claims an idempotency key once per caller', async () => {
    const record = { requestHash: 'h1', onboardingId: 'onb-1', createdAt: '2026-11-05T09:00:00.000Z' };
    expect(await claimIdempotencyKey('sub-a', 'k', record)).toBeUndefined();
    expect(await claimIdempotencyKey('sub-a', 'k', { ...record, requestHash: 'h2', onboardingId: 'onb-2' })).toEqual(record);
    expect(await claimIdempotencyKey('sub-b', 'k', { ...record, onboardingId: 'onb-3' })).toBeUndefined();
  });
});
