import { EXAMPLE_PROVIDER } from '../../infra/stage-config';
import { describe, expect, it } from 'vitest';
import type { Agreement } from '../../functions/domain/agreement';
import type { AnalysisItem } from '../../functions/domain/analysis';
import { AnalysisMismatchError } from '../../functions/domain/analysis-validation';
import type { Onboarding } from '../../functions/domain/onboarding';
import {
  agreementValidUntil,
  billableMinutes,
  documentHashOf,
  priceAgreement,
  labourCents,
  priceLine,
  totalsOf,
  verifyDocumentHash,
} from '../../functions/domain/pricing';
import { TEST_RATE_CARD } from '../support/rate-card';

// Worked examples: every expected amount below can be checked with a pocket calculator.

const rateCard = TEST_RATE_CARD;

function item(overrides: Partial<AnalysisItem> & Pick<AnalysisItem, 'incidentId'>): AnalysisItem {
  return {
    rootCause: 'Oorzaak',
    solution: 'Oplossing',
    actionType: 'repair',
    estimatedHours: 1,
    requiredSkills: ['hardware'],
    priority: 'normal',
    materials: [],
    ...overrides,
  };
}

const onboarding: Pick<Onboarding, 'id' | 'client' | 'incidents' | 'contacts'> = {
  id: 'onb-01JQ0000000000000000000000',
  contacts: [{ role: 'primary', name: 'Łukasz Żółć', email: 'lukasz@korenschoof.example' }],
  client: { companyName: 'Bakkerij De Korenschoof B.V.', kvkNumber: '12345678', locale: 'nl' },
  incidents: [
    { id: 'inc-01', title: 'Kassasysteem valt uit', description: 'Herstart vaak', category: 'hardware', impact: 'critical' },
    { id: 'inc-02', title: 'Wifi traag', description: 'Vooral ’s middags', category: 'network', impact: 'normal' },
  ],
};

// Given in the reverse of the incidents' order, to show the lines follow the incidents.
const analysisItems: AnalysisItem[] = [
  item({ incidentId: 'inc-02', estimatedHours: 0.75, priority: 'normal', actionType: 'configuration' }),
  item({
    incidentId: 'inc-01',
    estimatedHours: 2.5,
    priority: 'critical',
    actionType: 'replacement',
    materials: [{ description: 'Bonprinter', quantity: 1, unitCostCents: 8999 }],
  }),
];

const now = new Date('2025-06-10T09:00:00Z');
const draft = (overrides: Partial<Parameters<typeof priceAgreement>[0]> = {}) =>
  priceAgreement({ onboarding, analysis: { version: 1, items: analysisItems }, rateCard, version: 1, provider: EXAMPLE_PROVIDER, now, ...overrides });

describe('billableMinutes: estimated hours rounded up to whole billing blocks', () => {
  it.each([
    [2.5, 15, 150], // 2 h 30 min is already 10 quarter hours
    [0.25, 30, 30], // 15 min in half-hour blocks → one block
    [1.25, 60, 120], // 75 min in hour blocks → two blocks
    [1, 60, 60], // exactly one block
    [0.75, 20, 60], // 45 min in 20-min blocks → three blocks
    [0.25, 1, 15], // minute billing: nothing to round
    [200, 240, 12_000], // the largest estimate, a whole number of 4-hour blocks
  ])('%s h in blocks of %s min → %s min', (hours, increment, expected) => {
    expect(billableMinutes(hours, increment)).toBe(expected);
  });

  it.each([0.3, -0.25, NaN, Infinity])('refuses %s hours, which is not a number of quarter hours', (hours) => {
    expect(() => billableMinutes(hours, 15)).toThrow(RangeError);
  });

  it.each([0, 1.5, -15])('refuses a block of %s minutes', (increment) => {
    expect(() => billableMinutes(1, increment)).toThrow(RangeError);
  });
});

describe('labourCents: minutes × hourly rate × surcharge, rounded half up to the cent', () => {
  it('2.5 h at €95.00 with a 150 % surcharge is 150 min → €356.25', () => {
    // 2.5 × 95.00 = 237.50; × 1.5 = 356.25
    expect(labourCents(150, 9500, 150)).toBe(35_625);
  });

  it('rounds an exact half cent up: a quarter hour at €95.02 is €23.755 → €23.76', () => {
    expect(labourCents(15, 9502, 100)).toBe(2376);
  });

  it('rounds less than half a cent down: a quarter hour at €95.01 is €23.7525 → €23.75', () => {
    expect(labourCents(15, 9501, 100)).toBe(2375);
  });

  it('rounds more than half a cent up: 20 min at €95.00 is €31.666… → €31.67', () => {
    expect(labourCents(20, 9500, 100)).toBe(3167);
  });

  it('applies the surcharge to the rate: 1 h at €95.00 with 125 % is €118.75', () => {
    expect(labourCents(60, 9500, 125)).toBe(11_875);
  });

  it('stays exact for the largest inputs: 200 h at €1,000.00 with 500 % is €1,000,000.00', () => {
    expect(labourCents(12_000, 100_000, 500)).toBe(100_000_000);
  });

  it('is nothing for no minutes', () => {
    expect(labourCents(0, 9500, 150)).toBe(0);
  });

  it.each([
    [1.5, 9500, 100],
    [60, 95.5, 100],
    [60, 9500, -100],
  ])('refuses fractional or negative inputs (%s, %s, %s)', (minutes, rate, surcharge) => {
    expect(() => labourCents(minutes, rate, surcharge)).toThrow(RangeError);
  });
});

describe('priceLine', () => {
  it('prices labour at the item’s priority and passes materials on at cost', () => {
    const line = priceLine(
      item({
        incidentId: 'inc-01',
        estimatedHours: 2.5,
        priority: 'critical',
        materials: [
          { description: 'Kassabonrol', quantity: 3, unitCostCents: 1250 }, // 3 × €12.50 = €37.50
          { description: 'Bonprinter', quantity: 1, unitCostCents: 8999 }, //  1 × €89.99 = €89.99
        ],
      }),
      'Kassasysteem valt uit',
      rateCard,
    );
    expect(line).toEqual({
      incidentId: 'inc-01',
      title: 'Kassasysteem valt uit',
      // The analyst's findings go onto the line: the client reads the work itself.
      rootCause: 'Oorzaak',
      solution: 'Oplossing',
      actionType: 'repair',
      priority: 'critical',
      estimatedHours: 2.5,
      billableMinutes: 150,
      hourlyRateCents: 9500,
      surchargePercent: 150,
      labourCents: 35_625, // €356.25
      materials: [
        { description: 'Kassabonrol', quantity: 3, unitCostCents: 1250, totalCents: 3750 },
        { description: 'Bonprinter', quantity: 1, unitCostCents: 8999, totalCents: 8999 },
      ],
      materialsCents: 12_749, // €127.49
      totalCents: 48_374, // €356.25 + €127.49 = €483.74
    });
  });

  it('rounds the estimate up to the card’s block before pricing: 0.75 h in 60-min blocks bills 1 h', () => {
    const line = priceLine(item({ incidentId: 'inc-01', estimatedHours: 0.75 }), 'T', { ...rateCard, minimumBillableMinutes: 60 });
    expect(line.billableMinutes).toBe(60);
    expect(line.labourCents).toBe(9500);
    expect(line.totalCents).toBe(9500);
  });
});

describe('totalsOf: VAT once, on the total', () => {
  it('21 % VAT on €1,000.01 is €210.0021 → €210.00, so €1,210.01 incl. VAT', () => {
    expect(totalsOf([{ totalCents: 100_001 }], 21)).toEqual({
      exclVatCents: 100_001,
      vatPercent: 21,
      vatCents: 21_000,
      inclVatCents: 121_001,
    });
  });

  it('rounds half a cent of VAT up: 21 % of €0.50 is €0.105 → €0.11', () => {
    expect(totalsOf([{ totalCents: 50 }], 21).vatCents).toBe(11);
  });

  it('adds the lines before computing VAT: two lines of €0.50 give €0.21 VAT, not 2 × €0.11', () => {
    expect(totalsOf([{ totalCents: 50 }, { totalCents: 50 }], 21)).toEqual({
      exclVatCents: 100,
      vatPercent: 21,
      vatCents: 21,
      inclVatCents: 121,
    });
  });

  it('9 % VAT on €123.45 is €11.1105 → €11.11', () => {
    expect(totalsOf([{ totalCents: 12_345 }], 9).vatCents).toBe(1111);
  });

  it('handles no VAT and no lines', () => {
    expect(totalsOf([{ totalCents: 12_345 }], 0)).toEqual({ exclVatCents: 12_345, vatPercent: 0, vatCents: 0, inclVatCents: 12_345 });
    expect(totalsOf([], 21)).toEqual({ exclVatCents: 0, vatPercent: 21, vatCents: 0, inclVatCents: 0 });
  });

  it('refuses a fractional or negative line total', () => {
    expect(() => totalsOf([{ totalCents: 10.5 }], 21)).toThrow(RangeError);
    expect(() => totalsOf([{ totalCents: -1 }], 21)).toThrow(RangeError);
  });
});

describe('priceAgreement', () => {
  it('prices the analysis line by line, in the onboarding’s incident order', () => {
    const agreement = draft();
    expect(agreement.lines.map((line) => [line.incidentId, line.title, line.totalCents])).toEqual([
      ['inc-01', 'Kassasysteem valt uit', 44_624], // 2.5 h × €95.00 × 150 % = €356.25, + €89.99 printer = €446.24
      ['inc-02', 'Wifi traag', 7125], //               0.75 h × €95.00 × 100 % = €71.25
    ]);
    expect(agreement.totals).toEqual({
      exclVatCents: 51_749, // €517.49
      vatPercent: 21,
      vatCents: 10_867, //     21 % × €517.49 = €108.6729 → €108.67
      inclVatCents: 62_616, // €626.16
    });
  });

  it('records the terms: response times per priority, invoicing, billing block, validity', () => {
    const agreement = draft();
    expect(agreement).toMatchObject({
      onboardingId: onboarding.id,
      version: 1,
      analysisVersion: 1,
      createdAt: '2025-06-10T09:00:00.000Z',
      validUntil: '2025-07-10',
      client: { companyName: 'Bakkerij De Korenschoof B.V.', kvkNumber: '12345678', locale: 'nl' },
      responseTimes: { critical: 4, high: 8, normal: 16, low: 40 },
      invoicing: { frequency: 'monthly', paymentTermDays: 14 },
      minimumBillableMinutes: 15,
    });
    expect(agreement.documentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('leaves absent client fields absent rather than undefined, and names the primary contact', () => {
    const { client } = draft();
    expect(Object.keys(client).sort()).toEqual(['companyName', 'contact', 'kvkNumber', 'locale']);
    expect(client.contact).toEqual({ name: 'Łukasz Żółć', email: 'lukasz@korenschoof.example' });
  });

  it('takes the version numbers it is given', () => {
    const agreement = draft({ version: 3, analysis: { version: 2, items: analysisItems } });
    expect([agreement.version, agreement.analysisVersion]).toEqual([3, 2]);
  });

  it('snapshots the rate card: later changes to the card do not reach the agreement', () => {
    const card = structuredClone(rateCard);
    const agreement = draft({ rateCard: card });
    card.hourlyRateCents = 1;
    card.priorities.critical.surchargePercent = 500;
    card.invoicing.paymentTermDays = 0;
    expect(agreement.rateCard).toEqual(rateCard);
    expect(agreement.invoicing).toEqual(rateCard.invoicing);
    expect(verifyDocumentHash(agreement)).toBe(true);
  });

  it('refuses an item for an incident the onboarding does not have', () => {
    const items = [...analysisItems, item({ incidentId: 'inc-09' })];
    expect(() => draft({ analysis: { version: 1, items } })).toThrow(AnalysisMismatchError);
    expect(() => draft({ analysis: { version: 1, items } })).toThrow('Unknown incident inc-09');
  });

  it('refuses an incident priced twice or not at all', () => {
    const twice = [...analysisItems, item({ incidentId: 'inc-01' })];
    expect(() => draft({ analysis: { version: 1, items: twice } })).toThrow('inc-01 is analysed twice');
    expect(() => draft({ analysis: { version: 1, items: analysisItems.slice(0, 1) } })).toThrow('Missing analysis for inc-01');
  });

  it('throws an error named for what went wrong', () => {
    try {
      draft({ analysis: { version: 1, items: [] } });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).name).toBe('AnalysisMismatchError');
    }
  });
});

describe('validUntil: the Amsterdam calendar date of drafting plus validityDays', () => {
  it.each([
    ['across a month end', '2025-01-31T12:00:00Z', 30, '2025-03-02'],
    ['into a leap day', '2024-02-28T12:00:00Z', 1, '2024-02-29'],
    ['across a year end', '2025-12-20T12:00:00Z', 14, '2026-01-03'],
    ['after midnight in Amsterdam while still yesterday in UTC (winter, UTC+1)', '2025-01-31T23:30:00Z', 1, '2025-02-02'],
    ['just before midnight in Amsterdam (winter)', '2025-01-31T22:59:59Z', 1, '2025-02-01'],
    ['on the night clocks go forward: 00:30 CET on 30 March', '2025-03-29T23:30:00Z', 1, '2025-03-31'],
    ['after clocks went forward: 00:30 CEST on 31 March (UTC+2)', '2025-03-30T22:30:00Z', 1, '2025-04-01'],
    ['23:30 CEST on 30 March stays 30 March', '2025-03-30T21:30:00Z', 1, '2025-03-31'],
    ['30 days across the spring DST change', '2025-03-15T12:00:00Z', 30, '2025-04-14'],
    ['before clocks go back: 00:00 CEST on 26 October', '2025-10-25T22:00:00Z', 1, '2025-10-27'],
    ['after clocks went back: 23:59 CET on 26 October', '2025-10-26T22:59:00Z', 1, '2025-10-27'],
    ['midnight CET on 27 October', '2025-10-26T23:00:00Z', 1, '2025-10-28'],
    ['30 days across the autumn DST change', '2025-10-10T12:00:00Z', 30, '2025-11-09'],
    ['a year of validity', '2025-06-10T09:00:00Z', 365, '2026-06-10'],
  ])('%s: %s + %s days → %s', (_, at, days, expected) => {
    expect(agreementValidUntil(new Date(at), days)).toBe(expected);
    expect(draft({ now: new Date(at), rateCard: { ...rateCard, validityDays: days } }).validUntil).toBe(expected);
  });

  it('refuses an invalid date', () => {
    expect(() => agreementValidUntil(new Date('not a date'), 30)).toThrow(RangeError);
  });
});

/** Every path to a string, number or boolean in the value, with a function that sets it. */
function leaves(value: unknown, path: string[] = []): Array<{ path: string; set: (root: unknown, next: unknown) => void; value: unknown }> {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => leaves(inner, [...path, key]));
  }
  const set = (root: unknown, next: unknown) => {
    const parent = path.slice(0, -1).reduce((node, key) => (node as Record<string, unknown>)[key], root);
    (parent as Record<string, unknown>)[path.at(-1)!] = next;
  };
  return [{ path: '/' + path.join('/'), set, value }];
}

function changed(value: unknown): unknown {
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'string') return value + ' ';
  return !value;
}

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reverseKeys(inner)]));
  }
  return value;
}

describe('documentHash', () => {
  it('verifies for a fresh draft and is the same for the same input', () => {
    const agreement = draft();
    expect(verifyDocumentHash(agreement)).toBe(true);
    expect(draft().documentHash).toBe(agreement.documentHash);
  });

  it('still verifies after a JSON round trip, as when stored and read back', () => {
    expect(verifyDocumentHash(JSON.parse(JSON.stringify(draft())) as Agreement)).toBe(true);
  });

  it('does not depend on the order of keys', () => {
    const agreement = draft();
    const reordered = reverseKeys(agreement) as Agreement;
    expect(Object.keys(reordered)[0]).toBe('documentHash');
    expect(verifyDocumentHash(reordered)).toBe(true);
    const { documentHash: _, ...content } = reordered;
    expect(documentHashOf(content)).toBe(agreement.documentHash);
  });

  it('changes when any single field changes', () => {
    const agreement = draft();
    const fields = leaves(agreement).filter((leaf) => leaf.path !== '/documentHash');
    expect(fields.length).toBeGreaterThan(50);
    for (const field of fields) {
      const tampered = structuredClone(agreement);
      field.set(tampered, changed(field.value));
      expect(verifyDocumentHash(tampered), field.path).toBe(false);
      const { documentHash: _, ...content } = tampered;
      expect(documentHashOf(content), field.path).not.toBe(agreement.documentHash);
    }
  });

  it('changes when a field is added or removed, or lines are reordered', () => {
    const agreement = draft();
    const withoutKvk = structuredClone(agreement);
    delete withoutKvk.client.kvkNumber;
    expect(verifyDocumentHash(withoutKvk)).toBe(false);
    const withVat = structuredClone(agreement);
    withVat.client.vatNumber = 'NL123456789B01';
    expect(verifyDocumentHash(withVat)).toBe(false);
    const reordered = structuredClone(agreement);
    reordered.lines.reverse();
    expect(verifyDocumentHash(reordered)).toBe(false);
  });

  it('does not verify a changed hash', () => {
    const agreement = draft();
    expect(verifyDocumentHash({ ...agreement, documentHash: '0'.repeat(64) })).toBe(false);
  });
});
