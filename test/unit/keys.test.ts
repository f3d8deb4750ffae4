import { describe, expect, it } from 'vitest';
import {
  idempotencyKey,
  onboardingIndexKeys,
  onboardingKey,
  statusIndexKeys,
  ticketIndexKeys,
  timelineEventKey,
  withoutKeys,
} from '../../functions/adapters/dynamodb/keys';
import { decodeCursor, encodeCursor } from '../../functions/adapters/dynamodb/cursor';
import { GSIS } from '../../functions/adapters/dynamodb/table-design';
import { newOnboardingId, ONBOARDING_ID_PATTERN } from '../../functions/domain/ids';
import { ValidationError } from '../../functions/runtime/errors';

describe('key builders', () => {
  it('keeps an onboarding and its timeline in one partition, events after the aggregate in version order', () => {
    const id = 'onb-01JABCDEFGHJKMNPQRSTVWXYZ0';
    expect(onboardingKey(id)).toEqual({ pk: `ONBOARDING#${id}`, sk: 'AGGREGATE' });
    const second = timelineEventKey(id, 2, '2026-11-26T10:00:00.000Z', 'REGISTERED');
    const tenth = timelineEventKey(id, 10, '2026-11-26T09:00:00.000Z', 'FAILED');
    const sameVersionLater = timelineEventKey(id, 2, '2026-11-26T10:00:01.000Z', 'ANALYSTS_NOTIFIED');
    expect(second.pk).toBe(onboardingKey(id).pk);
    expect([tenth.sk, sameVersionLater.sk, second.sk].sort()).toEqual([second.sk, sameVersionLater.sk, tenth.sk]);
  });

  it('fills the key attributes of the onboarding GSIs, and a ticket those of the ticket GSIs', () => {
    const keys = onboardingIndexKeys({ id: 'onb-X', status: 'REGISTERED', createdAt: '2026-11-26T10:00:00.000Z', statusSince: '2026-11-27T08:00:00.000Z' });
    for (const gsi of [GSIS.onboardingsByStatus, GSIS.onboardingsByCreatedAt]) {
      expect(keys).toHaveProperty(gsi.partitionKey);
      expect(keys).toHaveProperty(gsi.sortKey);
    }
    expect(keys.byStatusPk).toBe('STATUS#REGISTERED');
    // Within a status by when it began; among all by creation.
    expect(keys.byStatusSk).toBe('2026-11-27T08:00:00.000Z#onb-X');
    expect(keys.byCreatedSk).toBe('2026-11-26T10:00:00.000Z#onb-X');
    expect(statusIndexKeys('AWAITING_ANALYSIS', '2026-11-28T09:00:00.000Z', 'onb-X')).toEqual({ byStatusPk: 'STATUS#AWAITING_ANALYSIS', byStatusSk: '2026-11-28T09:00:00.000Z#onb-X' });
    const ticket = { ticketId: 'tkt-X-01', status: 'ASSIGNED', createdAt: '2026-11-26T10:00:00.000Z', assignee: { technicianId: 'tech-A' }, nextSlaCheckAt: '2026-11-26T12:00:00.000Z' };
    const ticketKeys = ticketIndexKeys(ticket);
    for (const gsi of [GSIS.ticketsByAssignee, GSIS.ticketsBySlaCheck]) {
      expect(ticketKeys).toHaveProperty(gsi.partitionKey);
      expect(ticketKeys).toHaveProperty(gsi.sortKey);
    }
    // Sparse: nothing pending, no SLA check key; nobody assigned, the unassigned partition.
    const { nextSlaCheckAt: _none, assignee: _nobody, ...open } = ticket;
    expect(ticketIndexKeys({ ...open, status: 'OPEN' })).toEqual({ byAssigneePk: 'ASSIGNEE#UNASSIGNED', byAssigneeSk: 'OPEN#2026-11-26T10:00:00.000Z#tkt-X-01' });
    expect(Object.keys(GSIS).sort()).toEqual(['onboardingsByCreatedAt', 'onboardingsByStatus', 'ticketsByAssignee', 'ticketsBySlaCheck']);
  });

  it('scopes idempotency keys to the caller and hashes the caller-chosen key', () => {
    const a = idempotencyKey('sub-a', 'key 1');
    expect(a).not.toEqual(idempotencyKey('sub-b', 'key 1'));
    expect(a.sk).toMatch(/^KEY#[0-9a-f]{64}$/);
  });

  it('strips storage attributes', () => {
    expect(withoutKeys({ pk: 'a', sk: 'b', byStatusPk: 'c', entity: 'X', expiresAt: 1, id: 'x' })).toEqual({ id: 'x' });
  });

  it('mints sortable onboarding ids that are valid execution names', () => {
    const earlier = newOnboardingId(Date.UTC(2026, 0, 1));
    const later = newOnboardingId(Date.UTC(2026, 0, 2));
    expect(earlier).toMatch(ONBOARDING_ID_PATTERN);
    expect(earlier < later).toBe(true);
    expect(earlier.length).toBeLessThanOrEqual(80);
  });
});

describe('list cursors', () => {
  const attributes = ['byStatusPk', 'byStatusSk', 'pk', 'sk'];
  const partition = { attribute: 'byStatusPk', value: 'STATUS#REGISTERED' };
  const key = { byStatusPk: 'STATUS#REGISTERED', byStatusSk: 't#id', pk: 'ONBOARDING#id', sk: 'AGGREGATE' };

  it('round-trips a key', () => {
    expect(decodeCursor(encodeCursor(key), attributes, partition)).toEqual(key);
  });

  it.each([
    ['garbage', 'not base64 json!'],
    ['another partition', encodeCursor({ ...key, byStatusPk: 'STATUS#FAILED' })],
    ['an extra attribute', encodeCursor({ ...key, other: 'x' })],
    ['a non-string value', encodeCursor({ ...key, sk: 5 })],
    ['an array', encodeCursor([1] as never)],
  ])('rejects %s as a 400 naming the cursor', (_case, cursor) => {
    expect(() => decodeCursor(cursor, attributes, partition)).toThrow(ValidationError);
    try {
      decodeCursor(cursor, attributes, partition);
    } catch (error) {
      expect((error as ValidationError).errors[0]!.parameter).toBe('cursor');
    }
  });
});
