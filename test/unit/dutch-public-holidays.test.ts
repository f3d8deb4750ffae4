import { describe, expect, it } from 'vitest';
import { DUTCH_PUBLIC_HOLIDAYS } from '../../functions/domain/dutch-public-holidays';
import { dutchPublicHolidaysFromSource, FIRST_YEAR, LAST_YEAR, renderHolidayModule } from '../support/dutch-holidays-source';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

describe('Dutch public holidays the Lambda code knows', () => {
  it('are exactly what date-holidays says for every year, public ones only (npm run holidays regenerates them)', () => {
    const source = readFileSync(resolve(import.meta.dirname, '../../functions/domain/dutch-public-holidays.ts'), 'utf8');
    expect(source, 'run npm run holidays').toBe(renderHolidayModule());
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) expect(DUTCH_PUBLIC_HOLIDAYS[year]).toEqual(dutchPublicHolidaysFromSource(year));
  });

  it('are the nine days a Dutch service desk closes, Koningsdag moved off a Sunday', () => {
    expect(DUTCH_PUBLIC_HOLIDAYS[2026]).toEqual([
      '2026-01-01', // Nieuwjaarsdag
      '2026-04-05', // Pasen
      '2026-04-06', // Tweede paasdag
      '2026-04-27', // Koningsdag
      '2026-05-14', // Hemelvaartsdag
      '2026-05-24', // Pinksteren
      '2026-05-25', // Tweede pinksterdag
      '2026-12-25', // Kerstmis
      '2026-12-26', // Tweede kerstdag
    ]);
    expect(DUTCH_PUBLIC_HOLIDAYS[2025]).toContain('2025-04-26'); // 27 April 2025 was a Sunday
    expect(DUTCH_PUBLIC_HOLIDAYS[2026]).not.toContain('2026-04-03'); // Goede Vrijdag is a working day
  });
});
