import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTION_TYPES } from '../../functions/domain/analysis';
import { PRIORITIES } from '../../functions/domain/rate-card';
import {
  ACTION_TYPE_LABELS,
  DECISION_CHOICE_LABELS,
  DECISION_OUTCOME_LABELS,
  DECISIONS,
  INVOICING_FREQUENCY_LABELS,
  PRIORITY_LABELS,
  formatBusinessHours,
  formatDate,
  formatEuro,
  formatHours,
  formatInstantDate,
  formatMinutesAsHours,
  formatPercent,
  formatRateWithSurcharge,
  formatSurcharge,
} from '../../functions/templates/format';

/** U+00A0: Intl's no-break space, kept so "€ 49,00" never wraps. */
const NBSP = '\u00a0';

describe('formatEuro', () => {
  it.each([
    [123456, '€ 1.234,56', '€1,234.56'],
    [0, '€ 0,00', '€0.00'],
    [5, '€ 0,05', '€0.05'],
    [100, '€ 1,00', '€1.00'],
    [123456789, '€ 1.234.567,89', '€1,234,567.89'],
    [100000000000, '€ 1.000.000.000,00', '€1,000,000,000.00'],
  ])('%i cents → nl %s (with a no-break space), en %s', (cents, nl, en) => {
    expect(formatEuro(cents, 'nl')).toBe(nl.replace(' ', NBSP));
    expect(formatEuro(cents, 'en')).toBe(en);
  });

  it('is exact at the edge of safe integers, where cents / 100 as a float would round', () => {
    expect(formatEuro(Number.MAX_SAFE_INTEGER, 'nl')).toBe(`€${NBSP}90.071.992.547.409,91`);
    expect(formatEuro(Number.MAX_SAFE_INTEGER, 'en')).toBe('€90,071,992,547,409.91');
  });

  it('keeps every digit of any whole number of cents (no float drift)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (cents) => {
        const expected = String(cents).padStart(3, '0');
        expect(formatEuro(cents, 'nl').replace(/\D/g, '')).toBe(expected);
        expect(formatEuro(cents, 'en').replace(/\D/g, '')).toBe(expected);
      }),
    );
  });

  it('keeps the no-break space between € and the amount (nl), so an amount never wraps; no plain space at all', () => {
    expect(formatEuro(4900, 'nl')).toBe('€\u00a049,00');
    expect(formatEuro(123456, 'nl')).not.toContain(' ');
    expect(formatEuro(123456, 'en')).not.toMatch(/\s/);
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60])('rejects %s cents', (cents) => {
    expect(() => formatEuro(cents, 'nl')).toThrow(RangeError);
  });
});

describe('formatSurcharge', () => {
  it.each([
    [125, `+25${NBSP}%`, '+25%'],
    [150, `+50${NBSP}%`, '+50%'],
    [500, `+400${NBSP}%`, '+400%'],
    [112.5, `+12,5${NBSP}%`, '+12.5%'],
  ])('%s %% of the rate → nl %s, en %s', (percent, nl, en) => {
    expect(formatSurcharge(percent, 'nl')).toBe(nl);
    expect(formatSurcharge(percent, 'en')).toBe(en);
  });

  it('is empty without a surcharge (100 % of the rate), so nothing reads as "× 100%"', () => {
    expect(formatSurcharge(100, 'nl')).toBe('');
    expect(formatSurcharge(100, 'en')).toBe('');
  });

  it('shows the rate, then the surcharge only when there is one', () => {
    expect(formatRateWithSurcharge(9500, 125, 'nl')).toBe(`€${NBSP}95,00 +25${NBSP}%`);
    expect(formatRateWithSurcharge(9500, 125, 'en')).toBe('€95.00 +25%');
    expect(formatRateWithSurcharge(9500, 100, 'nl')).toBe(`€${NBSP}95,00`);
    expect(formatRateWithSurcharge(9500, 100, 'en')).toBe('€95.00');
  });
});

describe('dates, hours and percentages', () => {
  it('formats a calendar date without shifting it through a time zone', () => {
    expect(formatDate('2026-11-26', 'nl')).toBe('26 november 2026');
    expect(formatDate('2026-11-26', 'en')).toBe('26 November 2026');
    expect(formatDate('2027-01-01', 'nl')).toBe('1 januari 2027');
    expect(() => formatDate('26-11-2026', 'nl')).toThrow(RangeError);
  });

  it('formats an instant as its Amsterdam date', () => {
    // 23:30 UTC on 31 December is already New Year's Day in Amsterdam.
    expect(formatInstantDate('2026-12-31T23:30:00Z', 'nl')).toBe('1 januari 2027');
    expect(formatInstantDate('2026-11-12T09:30:00Z', 'en')).toBe('12 November 2026');
  });

  it('formats hours with the locale decimal mark', () => {
    expect(formatHours(2.5, 'nl')).toBe('2,5 uur');
    expect(formatHours(2.5, 'en')).toBe('2.5 hours');
    expect(formatHours(1, 'nl')).toBe('1 uur');
    expect(formatHours(1, 'en')).toBe('1 hour');
    expect(formatMinutesAsHours(105, 'nl')).toBe('1,75 uur');
    expect(formatMinutesAsHours(140, 'en')).toBe('2.33 hours');
    expect(formatBusinessHours(4, 'nl')).toBe('4 werkuren');
    expect(formatBusinessHours(1, 'en')).toBe('1 business hour');
  });

  it('formats percentages', () => {
    expect(formatPercent(21, 'nl')).toBe('21%');
    expect(formatPercent(150, 'en')).toBe('150%');
  });
});

describe('labels', () => {
  it('name every priority, action type, invoicing frequency and decision in Dutch and English', () => {
    for (const locale of ['nl', 'en'] as const) {
      for (const priority of PRIORITIES) expect(PRIORITY_LABELS[locale][priority]).toMatch(/\S/);
      for (const action of ACTION_TYPES) expect(ACTION_TYPE_LABELS[locale][action]).toMatch(/\S/);
      for (const frequency of ['monthly', 'quarterly', 'per-ticket'] as const) expect(INVOICING_FREQUENCY_LABELS[locale][frequency]).toMatch(/\S/);
      for (const decision of DECISIONS) {
        expect(DECISION_CHOICE_LABELS[locale][decision]).toMatch(/\S/);
        expect(DECISION_OUTCOME_LABELS[locale][decision]).toMatch(/\S/);
      }
    }
    expect(PRIORITY_LABELS.nl.critical).toBe('Kritiek');
    expect(ACTION_TYPE_LABELS.en.configuration).toBe('Configuration change');
    expect(INVOICING_FREQUENCY_LABELS.nl.quarterly).toBe('Per kwartaal');
    expect(DECISION_CHOICE_LABELS.nl['request-changes']).toBe('Wijzigingen aanvragen');
  });
});
