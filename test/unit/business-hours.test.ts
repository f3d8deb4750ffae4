import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessCalendar, dutchPublicHolidays } from '../../functions/domain/business-hours';

const calendar = businessCalendar();
const at = (iso: string) => Date.parse(iso);
const add = (iso: string, hours: number) => new Date(calendar.addBusinessMinutes(at(iso), hours * 60)).toISOString();

describe('business-hours clock: Mon–Fri 08:30–17:30 Europe/Amsterdam, Dutch public holidays closed', () => {
  it('runs within one working day', () => {
    // Tuesday 1 December 2026, 10:00 CET = 09:00Z.
    expect(add('2026-12-01T09:00:00.000Z', 4)).toBe('2026-12-01T13:00:00.000Z');
    expect(add('2026-12-01T09:00:00.000Z', 7.5)).toBe('2026-12-01T16:30:00.000Z'); // 17:30 CET exactly
  });

  it('skips evenings and nights', () => {
    // Tuesday 20:00 CET + 1 h → Wednesday 09:30 CET.
    expect(add('2026-12-01T19:00:00.000Z', 1)).toBe('2026-12-02T08:30:00.000Z');
    // Before opening: Wednesday 06:00 CET + 1 h → 09:30 CET.
    expect(add('2026-12-02T05:00:00.000Z', 1)).toBe('2026-12-02T08:30:00.000Z');
  });

  it('skips weekends', () => {
    // Friday 4 December 16:30 CET + 2 h → Monday 7 December 09:30 CET.
    expect(add('2026-12-04T15:30:00.000Z', 2)).toBe('2026-12-07T08:30:00.000Z');
  });

  it('Koningsdag on Monday 27-04-2026 is closed', () => {
    // Friday 24 April 17:00 CEST + 1 h: half an hour on Friday, Monday closed, Tuesday 09:00 CEST.
    expect(add('2026-04-24T15:00:00.000Z', 1)).toBe('2026-04-28T07:00:00.000Z');
    expect(calendar.isOpenDay('2026-04-27')).toBe(false);
  });

  it('Monday 28-04-2025 is open: Koningsdag 2025 fell on Saturday 26 April', () => {
    expect(calendar.isOpenDay('2025-04-28')).toBe(true);
    expect(dutchPublicHolidays(2025).has('2025-04-26')).toBe(true);
    expect(add('2025-04-25T15:00:00.000Z', 1)).toBe('2025-04-28T07:00:00.000Z');
  });

  it('Easter Monday, Ascension Day and Christmas are closed; Good Friday and Koninkrijksdag are open', () => {
    expect(calendar.isOpenDay('2026-04-06')).toBe(false); // Tweede paasdag
    expect(calendar.isOpenDay('2026-05-14')).toBe(false); // Hemelvaartsdag
    expect(calendar.isOpenDay('2026-12-25')).toBe(false); // Kerstmis
    expect(calendar.isOpenDay('2026-12-26')).toBe(false); // Tweede kerstdag (a Saturday anyway)
    expect(calendar.isOpenDay('2026-04-03')).toBe(true); // Goede Vrijdag
    expect(calendar.isOpenDay('2026-12-15')).toBe(true); // Koninkrijksdag
    expect(calendar.isOpenDay('2026-05-05')).toBe(true); // Bevrijdingsdag (not a lustrum year)
    expect(calendar.isOpenDay('2026-12-31')).toBe(true); // Oudejaarsavond
    // Thursday 2 April 17:00 CEST + 1 h → Good Friday 09:00; Friday 17:00 + 1 h → Tuesday 7 April 09:00.
    expect(add('2026-04-02T15:00:00.000Z', 1)).toBe('2026-04-03T07:00:00.000Z');
    expect(add('2026-04-03T15:00:00.000Z', 1)).toBe('2026-04-07T07:00:00.000Z');
    // Wednesday 13 May 17:00 + 1 h → Friday 15 May 09:00 (Ascension Thursday closed).
    expect(add('2026-05-13T15:00:00.000Z', 1)).toBe('2026-05-15T07:00:00.000Z');
    // Thursday 24 December 17:00 CET + 1 h → Monday 28 December 09:00 CET.
    expect(add('2026-12-24T16:00:00.000Z', 1)).toBe('2026-12-28T08:00:00.000Z');
    // Monday 14 December 17:00 CET + 1 h → Koninkrijksdag 09:00 CET.
    expect(add('2026-12-14T16:00:00.000Z', 1)).toBe('2026-12-15T08:00:00.000Z');
  });

  it('keeps local time across both daylight-saving switches', () => {
    // Spring, Sunday 29 March 2026: Friday 17:00 CET (16:00Z) + 1 h → Monday 09:00 CEST (07:00Z).
    expect(add('2026-03-27T16:00:00.000Z', 1)).toBe('2026-03-30T07:00:00.000Z');
    // Autumn, Sunday 25 October 2026: Friday 17:00 CEST (15:00Z) + 1 h → Monday 09:00 CET (08:00Z).
    expect(add('2026-10-23T15:00:00.000Z', 1)).toBe('2026-10-26T08:00:00.000Z');
    expect(calendar.businessMsBetween(at('2026-10-23T15:00:00.000Z'), at('2026-10-26T08:00:00.000Z'))).toBe(3_600_000);
  });

  it('closes extra days from stage config (5 May in a lustrum year)', () => {
    const lustrum = businessCalendar(['2025-05-05']);
    expect(calendar.isOpenDay('2025-05-05')).toBe(true);
    expect(lustrum.isOpenDay('2025-05-05')).toBe(false);
    // Friday 2 May 2025 17:00 CEST + 1 h → Tuesday 6 May 09:00 CEST.
    expect(new Date(lustrum.addBusinessMinutes(at('2025-05-02T15:00:00.000Z'), 60)).toISOString()).toBe('2025-05-06T07:00:00.000Z');
  });

  it('counts business time between two instants', () => {
    // Friday 4 Dec 12:00 CET → Monday 7 Dec 12:00 CET: 5.5 h + 3.5 h.
    expect(calendar.businessMsBetween(at('2026-12-04T11:00:00.000Z'), at('2026-12-07T11:00:00.000Z'))).toBe(9 * 3_600_000);
    expect(calendar.businessMsBetween(at('2026-12-07T11:00:00.000Z'), at('2026-12-04T11:00:00.000Z'))).toBe(0);
  });
});

/** Instants from 2024 to 2028, any millisecond. */
const instant = fc.integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2028-12-31T00:00:00Z') });
const minutes = fc.integer({ min: 1, max: 80 * 60 });

describe('business-hours clock properties', () => {
  it('a due time never falls in closed hours', () => {
    fc.assert(fc.property(instant, minutes, (start, m) => calendar.isWithinBusinessHours(calendar.addBusinessMinutes(start, m))), { numRuns: 400 });
  });

  it('is monotonic in the start time', () => {
    fc.assert(
      fc.property(instant, instant, minutes, (a, b, m) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        return calendar.addBusinessMinutes(early, m) <= calendar.addBusinessMinutes(late, m);
      }),
      { numRuns: 400 },
    );
  });

  it('adds exactly the business time asked for', () => {
    fc.assert(fc.property(instant, minutes, (start, m) => calendar.businessMsBetween(start, calendar.addBusinessMinutes(start, m)) === m * 60_000), { numRuns: 400 });
  });

  it('a hold moves a due time by exactly the business time spent on hold', () => {
    fc.assert(
      fc.property(instant, minutes, fc.integer({ min: 0, max: 10 * 24 * 3_600_000 }), fc.integer({ min: 1, max: 10 * 24 * 3_600_000 }), (created, m, holdAfter, holdFor) => {
        const due = calendar.addBusinessMinutes(created, m);
        const holdStart = created + holdAfter;
        const held = calendar.businessMsBetween(holdStart, holdStart + holdFor);
        const moved = calendar.addBusinessMinutes(due, held / 60_000);
        return calendar.businessMsBetween(due, moved) === held && moved >= due;
      }),
      { numRuns: 300 },
    );
  });
});
