import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { loadOnboarding } from '../../functions/shared/onboarding-loader';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { startTestDynamoDb, REGION } from '../support/emulators';
import { LOCAL_CREDENTIALS } from '../../infra/local/local-aws';
import { intakeSchema } from '../../functions/domain/intake';
import { newOnboarding, type Onboarding } from '../../functions/domain/onboarding';
import { newOnboardingId } from '../../functions/domain/ids';
import { validIntake, staff } from '../support/fixtures';
import {
  appendTimelineEvent,
  createOnboarding,
  findOnboarding,
  findOnboardingWithTimeline,
  listOnboardings,
  markNotificationSent,
  OnboardingAlreadyExistsError,
  transitionOnboarding,
} from '../../functions/adapters/dynamodb/onboarding-repository';
import { claimIdempotencyKey } from '../../functions/adapters/dynamodb/idempotency-repository';
import { ConflictError, ValidationError } from '../../functions/shared/errors';

let dynamodb: Awaited<ReturnType<typeof startTestDynamoDb>>;
beforeAll(async () => {
  dynamodb = await startTestDynamoDb();
});
afterAll(async () => {
  await dynamodb.close();
});

const intake = intakeSchema.parse(validIntake());
const system = { kind: 'system', stage: 'Test' } as const;

function anOnboarding(createdAt: Date): Onboarding {
  return newOnboarding(newOnboardingId(createdAt.getTime()), intake, { sub: staff.accountManager.sub, email: staff.accountManager.email }, createdAt);
}

async function itemCount(): Promise<number> {
  const client = new DynamoDBClient({ endpoint: dynamodb.url, region: REGION, credentials: LOCAL_CREDENTIALS });
  const { Count } = await client.send(new ScanCommand({ TableName: process.env.TABLE_NAME, Select: 'COUNT' }));
  return Count ?? 0;
}

describe('onboarding repository on dynalite', () => {
  it('stores an aggregate once and reads it back without storage attributes', async () => {
    const onboarding = anOnboarding(new Date('2026-11-02T09:00:00Z'));
    await createOnboarding(onboarding);
    await expect(createOnboarding({ ...onboarding, status: 'FAILED' })).rejects.toBeInstanceOf(OnboardingAlreadyExistsError);
    expect(await findOnboarding(onboarding.id)).toEqual(onboarding);
    expect(await findOnboarding('onb-missing')).toBeUndefined();
  });

  it('transitions with optimistic locking and keeps the timeline in version order', async () => {
    const onboarding = anOnboarding(new Date('2026-11-03T09:00:00Z'));
    await createOnboarding(onboarding);
    await appendTimelineEvent({ onboardingId: onboarding.id, version: 1, at: onboarding.createdAt, type: 'INTAKE_RECEIVED', status: 'RECEIVED', actor: system });
    const registered = await transitionOnboarding(onboarding, 'REGISTERED', { at: '2026-11-03T09:00:01Z', type: 'REGISTERED', actor: system });
    expect(registered).toMatchObject({ status: 'REGISTERED', version: 2 });
    expect(await findOnboarding(onboarding.id)).toEqual(registered);

    // A stale copy (version 1) loses: nothing changes.
    await expect(transitionOnboarding(onboarding, 'FAILED', { at: '2026-11-03T09:00:02Z', type: 'FAILED', actor: system })).rejects.toBeInstanceOf(
      ConflictError,
    );
    const found = await findOnboardingWithTimeline(onboarding.id);
    expect(found?.onboarding.status).toBe('REGISTERED');
    expect(found?.timeline.map((e) => [e.version, e.type])).toEqual([
      [1, 'INTAKE_RECEIVED'],
      [2, 'REGISTERED'],
    ]);
  });

  it('a crash between a status change and its event leaves the next stage to append the event', async () => {
    const onboarding = anOnboarding(new Date('2026-11-03T10:00:00Z'));
    await createOnboarding(onboarding);
    // Fault injection: the process dies as the event is written (dynalite cannot crash on cue).
    const original = DynamoDBDocumentClient.prototype.send;
    const send = vi.spyOn(DynamoDBDocumentClient.prototype, 'send').mockImplementation(function (this: DynamoDBDocumentClient, command: never) {
      const input = (command as { input?: { Item?: { entity?: string } } }).input;
      if ((command as object) instanceof PutCommand && input?.Item?.entity === 'TimelineEvent') return Promise.reject(new Error('Lambda crashed'));
      return (original as (command: never) => Promise<unknown>).call(this, command);
    } as never);
    await expect(transitionOnboarding(onboarding, 'REGISTERED', { at: '2026-11-03T10:00:01.000Z', type: 'REGISTERED', actor: system })).rejects.toThrow(
      'Lambda crashed',
    );
    send.mockRestore();
    expect((await findOnboardingWithTimeline(onboarding.id))?.timeline).toEqual([]);

    const reloaded = await loadOnboarding(onboarding.id);
    expect(reloaded.status).toBe('REGISTERED');
    const found = await findOnboardingWithTimeline(onboarding.id);
    expect(found?.timeline.map((e) => [e.version, e.type, e.at])).toEqual([[2, 'REGISTERED', '2026-11-03T10:00:01.000Z']]);
    await loadOnboarding(onboarding.id);
    expect((await findOnboardingWithTimeline(onboarding.id))?.timeline).toHaveLength(1);
  });

  it('writes a timeline event and a notification mark only once', async () => {
    const onboarding = anOnboarding(new Date('2026-11-04T09:00:00Z'));
    await createOnboarding(onboarding);
    const before = await itemCount();
    const event = { onboardingId: onboarding.id, version: 1, at: onboarding.createdAt, type: 'X', actor: system };
    await appendTimelineEvent(event);
    await appendTimelineEvent({ ...event, detail: 'a retried stage writes the same key' });
    await markNotificationSent(onboarding.id, 'N', '2026-11-04T09:00:01Z');
    await markNotificationSent(onboarding.id, 'N', '2026-11-04T09:00:09Z');
    expect(await itemCount()).toBe(before + 1);
    const found = await findOnboardingWithTimeline(onboarding.id);
    expect(found?.timeline.map((e) => [e.at, e.detail])).toEqual([[onboarding.createdAt, undefined]]);
    expect(found?.onboarding.notificationsSent).toEqual({ N: '2026-11-04T09:00:01Z' });
  });

  it('lists by status newest first through the GSI, page by page, and rejects a forged cursor', async () => {
    const created: Onboarding[] = [];
    for (let day = 10; day < 15; day++) {
      const onboarding = anOnboarding(new Date(`2026-11-${day}T09:00:00Z`));
      await createOnboarding(onboarding);
      created.push(await transitionOnboarding(onboarding, 'REGISTERED', { at: onboarding.createdAt, type: 'REGISTERED', actor: system }));
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listOnboardings({ status: 'REGISTERED', limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor;
    } while (cursor);
    const expected = created.map((o) => o.id).reverse();
    expect(seen.filter((id) => expected.includes(id))).toEqual(expected);
    expect((await listOnboardings({ status: 'RECEIVED', limit: 100 })).items.every((o) => o.status === 'RECEIVED')).toBe(true);

    const all = await listOnboardings({ limit: 100 });
    expect(all.items.length).toBeGreaterThanOrEqual(created.length + 3);
    const page = await listOnboardings({ status: 'REGISTERED', limit: 1 });
    await expect(listOnboardings({ status: 'FAILED', limit: 1, cursor: page.nextCursor })).rejects.toBeInstanceOf(ValidationError);
  });

  it('claims an idempotency key once per caller', async () => {
    const record = { requestHash: 'h1', onboardingId: 'onb-1', createdAt: '2026-11-05T09:00:00.000Z' };
    expect(await claimIdempotencyKey('sub-a', 'k', record)).toBeUndefined();
    expect(await claimIdempotencyKey('sub-a', 'k', { ...record, requestHash: 'h2', onboardingId: 'onb-2' })).toEqual(record);
    expect(await claimIdempotencyKey('sub-b', 'k', { ...record, onboardingId: 'onb-3' })).toBeUndefined();
  });
});
