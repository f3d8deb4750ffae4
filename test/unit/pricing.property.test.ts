import { EXAMPLE_PROVIDER } from '../../infra/stage-config';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Agreement } from '../../functions/domain/agreement';
import { ACTION_TYPES, MAX_ESTIMATED_HOURS, type AnalysisItem } from '../../functions/domain/analysis';
import { newIncidentId } from '../../functions/domain/ids';
import { billableMinutes, priceAgreement, labourCents, totalsOf, verifyDocumentHash } from '../../functions/domain/pricing';
import { PRIORITIES, type RateCard } from '../../functions/domain/rate-card';

// Arbitraries span the whole range the schemas accept, so the extremes are priced too.

const quarterHours = fc.integer({ min: 1, max: MAX_ESTIMATED_HOURS * 4 });
const hours = quarterHours.map((quarters) => quarters / 4);
const increment = fc.integer({ min: 1, max: 240 });
const hourlyRate = fc.integer({ min: 100, max: 100_000 });
const surcharge = fc.integer({ min: 100, max: 500 });
const vatPercent = fc.integer({ min: 0, max: 100 });
const priorityTerms = fc.record({
  surchargePercent: surcharge,
  responseTimeBusinessHours: fc.integer({ min: 1, max: 400 }),
  resolutionTimeBusinessHours: fc.integer({ min: 1, max: 2000 }),
});

const rateCard: fc.Arbitrary<RateCard> = fc.record({
  currency: fc.constant('EUR' as const),
  hourlyRateCents: hourlyRate,
  priorities: fc.record({ critical: priorityTerms, high: priorityTerms, normal: priorityTerms, low: priorityTerms }),
  vatPercent,
  invoicing: fc.record({
    frequency: fc.constantFrom('monthly' as const, 'quarterly' as const, 'per-ticket' as const),
    paymentTermDays: fc.integer({ min: 0, max: 120 }),
  }),
  minimumBillableMinutes: increment,
  validityDays: fc.integer({ min: 1, max: 365 }),
  reviewAboveCents: fc.constant(250_000),
  analysisLimits: fc.constant({ maxHoursPerItem: 200, maxMaterialQuantity: 10_000, maxMaterialUnitCostCents: 10_000_000 }),
});

const material = fc.record({
  description: fc.constantFrom('Kabel', 'Voeding', 'Licentie'),
  quantity: fc.integer({ min: 1, max: 10_000 }),
  unitCostCents: fc.integer({ min: 0, max: 10_000_000 }),
});

const itemWithoutId = fc.record({
  rootCause: fc.constant('Oorzaak'),
  solution: fc.constant('Oplossing'),
  actionType: fc.constantFrom(...ACTION_TYPES),
  estimatedHours: hours,
  requiredSkills: fc.constant<string[]>(['hardware']),
  priority: fc.constantFrom(...PRIORITIES),
  materials: fc.array(material, { maxLength: 5 }),
});

/** An onboarding of 1–25 incidents and an analysis of each, in shuffled order. */
const pricingCase: fc.Arbitrary<PricingCase> = fc
  .array(itemWithoutId, { minLength: 1, maxLength: 25 })
  .chain((items) => {
    const analysed: AnalysisItem[] = items.map((item, index) => ({ ...item, incidentId: newIncidentId(index) }));
    return fc.record({
      items: fc.shuffledSubarray(analysed, { minLength: analysed.length, maxLength: analysed.length }),
      incidentIds: fc.constant(analysed.map((item) => item.incidentId)),
      rateCard,
      now: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
    });
  });

interface PricingCase {
  items: AnalysisItem[];
  incidentIds: string[];
  rateCard: RateCard;
  now: Date;
}

function draft({ items, incidentIds, rateCard: card, now }: PricingCase): Agreement {
  return priceAgreement({
    onboarding: {
      id: 'onb-01JQ0000000000000000000000',
      client: { companyName: 'Klant B.V.', locale: 'nl' },
      contacts: [{ role: 'primary', name: 'Klant', email: 'klant@example.nl' }],
      incidents: incidentIds.map((id) => ({ id, title: `Incident ${id}`, description: 'D', category: 'other', impact: 'normal' })),
    },
    analysis: { version: 1, items },
    rateCard: card,
    version: 1,
    provider: EXAMPLE_PROVIDER,
    now,
  });
}

/** Every number anywhere in the value. */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

describe('pricing properties', () => {
  it('the totals are the sum of the lines, each line is labour plus materials, incl = excl + VAT', () => {
    fc.assert(
      fc.property(pricingCase, (pricing) => {
        const { lines, totals } = draft(pricing);
        for (const line of lines) {
          expect(line.materialsCents).toBe(line.materials.reduce((sum, m) => sum + m.totalCents, 0));
          for (const m of line.materials) expect(m.totalCents).toBe(m.quantity * m.unitCostCents);
          expect(line.totalCents).toBe(line.labourCents + line.materialsCents);
        }
        expect(totals.exclVatCents).toBe(lines.reduce((sum, line) => sum + line.totalCents, 0));
        expect(totals.inclVatCents).toBe(totals.exclVatCents + totals.vatCents);
      }),
    );
  });

  it('every amount is a non-negative safe integer', () => {
    fc.assert(
      fc.property(pricingCase, (pricing) => {
        const { lines, totals } = draft(pricing);
        const amounts = numbersIn({ totals, lines: lines.map(({ estimatedHours: _, ...line }) => line) });
        for (const amount of amounts) {
          expect(Number.isSafeInteger(amount), String(amount)).toBe(true);
          expect(amount).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('the lines follow the incidents and the document hash verifies', () => {
    fc.assert(
      fc.property(pricingCase, (pricing) => {
        const agreement = draft(pricing);
        expect(agreement.lines.map((line) => line.incidentId)).toEqual(pricing.incidentIds);
        expect(verifyDocumentHash(agreement)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('VAT is within half a cent of exact, and an exact half rounds up', () => {
    // Up to half the safe range, so incl. VAT (at most twice excl.) still fits.
    const excl = fc.bigInt({ min: 0n, max: BigInt(Math.floor(Number.MAX_SAFE_INTEGER / 2)) }).map(Number);
    fc.assert(
      fc.property(excl, vatPercent, (exclVatCents, vat) => {
        const { vatCents, inclVatCents } = totalsOf([{ totalCents: exclVatCents }], vat);
        // 100 × (rounded − exact), in integers: within (−50, 50] means half a cent at most, half up.
        const error = BigInt(vatCents) * 100n - BigInt(exclVatCents) * BigInt(vat);
        expect(error > -50n && error <= 50n, `error ${error}/100 cent`).toBe(true);
        expect(inclVatCents).toBe(exclVatCents + vatCents);
      }),
    );
  });

  it('labour is within half a cent of exact, and an exact half rounds up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12_000 }), hourlyRate, surcharge, (minutes, rate, percent) => {
        const error = BigInt(labourCents(minutes, rate, percent)) * 6000n - BigInt(minutes) * BigInt(rate) * BigInt(percent);
        expect(error > -3000n && error <= 3000n).toBe(true);
      }),
    );
  });

  it('labour never falls when the hours rise', () => {
    fc.assert(
      fc.property(quarterHours, quarterHours, increment, hourlyRate, surcharge, (a, b, block, rate, percent) => {
        const [fewer, more] = a <= b ? [a / 4, b / 4] : [b / 4, a / 4];
        expect(labourCents(billableMinutes(fewer, block), rate, percent)).toBeLessThanOrEqual(
          labourCents(billableMinutes(more, block), rate, percent),
        );
      }),
    );
  });

  it('labour never falls when the surcharge rises', () => {
    fc.assert(
      fc.property(hours, increment, hourlyRate, surcharge, surcharge, (estimate, block, rate, a, b) => {
        const minutes = billableMinutes(estimate, block);
        expect(labourCents(minutes, rate, Math.min(a, b))).toBeLessThanOrEqual(labourCents(minutes, rate, Math.max(a, b)));
      }),
    );
  });

  it('billable minutes are whole blocks covering the estimate, less than one block more', () => {
    fc.assert(
      fc.property(quarterHours, increment, (quarters, block) => {
        const estimatedMinutes = quarters * 15;
        const billable = billableMinutes(quarters / 4, block);
        expect(billable % block).toBe(0);
        expect(billable).toBeGreaterThanOrEqual(estimatedMinutes);
        expect(billable).toBeLessThan(estimatedMinutes + block);
      }),
    );
  });
});
