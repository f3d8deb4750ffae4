import { describe, expect, it } from 'vitest';
import { ONBOARDING_STATUSES, isTerminal } from '../../functions/domain/lifecycle';
import { hoursInStatus, isStuck, stuckAfterHoursSchema, stuckBefore, WATCHED_STATUSES } from '../../functions/domain/stuck-onboardings';
import { LOCAL_STAGE, STAGE_DEFAULTS } from '../../infra/stage-config';

describe('stuck onboardings: thresholds', () => {
  it('counts back from now by the status\'s hours, fractions included', () => {
    expect(stuckBefore('2026-12-01T10:00:00Z', 1)).toBe('2026-12-01T09:00:00.000Z');
    expect(stuckBefore('2026-12-01T10:00:00.000Z', 72)).toBe('2026-11-28T10:00:00.000Z');
    expect(stuckBefore('2026-12-01T10:00:00.000Z', 5 / 60)).toBe('2026-12-01T09:55:00.000Z');
  });

  it('is stuck only when the status began strictly before the threshold', () => {
    const before = '2026-12-01T09:00:00.000Z';
    expect(isStuck({ statusSince: '2026-12-01T08:59:59.999Z', updatedAt: '2026-12-01T08:59:59.999Z' }, before)).toBe(true);
    expect(isStuck({ statusSince: before, updatedAt: before }, before)).toBe(false);
    expect(isStuck({ statusSince: '2026-12-01T09:30:00.000Z', updatedAt: '2026-12-01T09:30:00.000Z' }, before)).toBe(false);
  });

  it('counts an aggregate stored before statusSince existed from its last status change (updatedAt)', () => {
    const before = '2026-12-01T09:00:00.000Z';
    expect(isStuck({ updatedAt: '2026-12-01T08:00:00.000Z' }, before)).toBe(true);
    expect(isStuck({ updatedAt: '2026-12-01T09:10:00.000Z' }, before)).toBe(false);
    expect(hoursInStatus({ updatedAt: '2026-11-30T08:00:00.000Z' }, '2026-12-01T09:59:00.000Z')).toBe(25);
  });

  it.each([
    ['dev', STAGE_DEFAULTS.dev.stuckAfterHours],
    ['prod', STAGE_DEFAULTS.prod.stuckAfterHours],
    ['local', LOCAL_STAGE.stuckAfterHours],
  ])('%s watches every non-terminal status and no terminal one', (_stage, thresholds) => {
    expect(stuckAfterHoursSchema.parse(thresholds)).toEqual(thresholds);
    expect(Object.keys(thresholds).sort()).toEqual([...WATCHED_STATUSES].sort());
    expect(WATCHED_STATUSES).toEqual(ONBOARDING_STATUSES.filter((status) => !isTerminal(status)));
  });

  it('gives the client the whole default decision window before an onboarding counts as stuck', () => {
    const validityHours = STAGE_DEFAULTS.prod.defaultRateCard.validityDays * 24;
    expect(STAGE_DEFAULTS.prod.stuckAfterHours.AGREEMENT_SENT).toBeGreaterThan(validityHours);
    const monitoringHours = STAGE_DEFAULTS.prod.policy.monitoringSeconds / 3600;
    expect(STAGE_DEFAULTS.prod.stuckAfterHours.MONITORING).toBeGreaterThan(monitoringHours);
  });

  it('refuses a threshold on a terminal status, an unknown status, or hours that are not positive', () => {
    expect(stuckAfterHoursSchema.safeParse({ COMPLETED: 1 }).success).toBe(false);
    expect(stuckAfterHoursSchema.safeParse({ SOMEWHERE: 1 }).success).toBe(false);
    expect(stuckAfterHoursSchema.safeParse({ RECEIVED: 0 }).success).toBe(false);
    expect(stuckAfterHoursSchema.safeParse({ RECEIVED: 0.5 }).success).toBe(true);
  });
});
