import { describe, expect, it } from 'vitest';
import { decisionWaitSeconds } from '../../functions/domain/decision-wait';

const YEAR = 31_536_000;
const wait = (validUntil: string, now: string, remindersLeft: number, capSeconds = YEAR) =>
  decisionWaitSeconds({ validUntil, now: new Date(now), remindersLeft, capSeconds });

describe('decision wait: what is left of the agreement’s window, shared by the reminders to come', () => {
  it('spreads a 30-day window over two reminders and the last wait', () => {
    // Drafted Tuesday 1 December 2026 10:00 CET, valid until Thursday 31 December: ends 1 January 00:00 CET = 31 December 23:00Z.
    const left = (Date.parse('2026-12-31T23:00:00.000Z') - Date.parse('2026-12-01T09:00:00.000Z')) / 1000;
    expect(wait('2026-12-31', '2026-12-01T09:00:00.000Z', 2)).toBe(Math.ceil(left / 3));
    expect(wait('2026-12-31', '2026-12-01T09:00:00.000Z', 0)).toBe(left);
  });

  it('a rate card valid for 1 day: the wait ends with the agreement’s own day, not a month later', () => {
    // Drafted 1 December 10:00 CET, valid until 2 December: 38 hours left, a third of it per wait.
    expect(wait('2026-12-02', '2026-12-01T09:00:00.000Z', 2)).toBe((38 * 3600) / 3);
  });

  it('the day DST starts has 23 hours', () => {
    // Sunday 29 March 2026: from midnight CET (28 March 23:00Z) to midnight CEST (29 March 22:00Z).
    expect(wait('2026-03-29', '2026-03-28T23:00:00.000Z', 0)).toBe(23 * 3600);
  });

  it('the day DST ends has 25 hours', () => {
    // Sunday 25 October 2026: from midnight CEST (24 October 22:00Z) to midnight CET (25 October 23:00Z).
    expect(wait('2026-10-25', '2026-10-24T22:00:00.000Z', 0)).toBe(25 * 3600);
  });

  it('rounds a fraction of a second up', () => {
    // 10 seconds left over three waits: 3.33 s becomes 4.
    expect(wait('2026-06-30', '2026-06-30T21:59:50.000Z', 2)).toBe(4);
  });

  it('on the last moments of the last day, and after it, waits 1 second (Step Functions refuses 0)', () => {
    expect(wait('2026-06-30', '2026-06-30T21:59:59.500Z', 2)).toBe(1);
    expect(wait('2026-06-30', '2026-06-30T22:00:00.000Z', 0)).toBe(1);
    expect(wait('2026-06-30', '2026-07-02T08:00:00.000Z', 1)).toBe(1);
  });

  it('the policy caps it (the twin and tests compress time), and the window caps the policy', () => {
    expect(wait('2026-12-31', '2026-12-01T09:00:00.000Z', 2, 300)).toBe(300);
    expect(wait('2026-06-30', '2026-06-30T21:59:00.000Z', 0, 300)).toBe(60);
  });
});
