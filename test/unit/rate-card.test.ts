import { describe, expect, it } from 'vitest';
import { EXAMPLE_PROVIDER } from '../../infra/stage-config';
import { newOnboarding } from '../../functions/domain/onboarding';
import { priceAgreement, releaseHoldReasons, verifyDocumentHash } from '../../functions/domain/pricing';
import { DEFAULT_ANALYSIS_LIMITS, DEFAULT_REVIEW_ABOVE_CENTS, rateCardSchema, storedRateCardSchema } from '../../functions/domain/rate-card';
import { intakeSchema } from '../../functions/domain/intake';
import { fieldErrorsFromZod } from '../../functions/runtime/http/zod-errors';
import { validIntake } from '../support/fixtures';

/** A card as stored before reviewAboveCents and analysisLimits existed. */
const OLD_CARD = {
  currency: 'EUR',
  hourlyRateCents: 9500,
  priorities: {
    critical: { surchargePercent: 150, responseTimeBusinessHours: 4, resolutionTimeBusinessHours: 8 },
    high: { surchargePercent: 125, responseTimeBusinessHours: 8, resolutionTimeBusinessHours: 16 },
    normal: { surchargePercent: 100, responseTimeBusinessHours: 16, resolutionTimeBusinessHours: 40 },
    low: { surchargePercent: 100, responseTimeBusinessHours: 40, resolutionTimeBusinessHours: 80 },
  },
  vatPercent: 21,
  invoicing: { frequency: 'monthly', paymentTermDays: 14 },
  minimumBillableMinutes: 15,
  validityDays: 30,
} as const;

const errorsOf = (body: unknown) => {
  const result = rateCardSchema.safeParse(body);
  return result.success ? [] : fieldErrorsFromZod(result.error);
};

describe('rate card: reviewAboveCents and analysisLimits', () => {
  it('PUT fills both in when a card omits them', () => {
    const card = rateCardSchema.parse(OLD_CARD);
    expect(card.reviewAboveCents).toBe(DEFAULT_REVIEW_ABOVE_CENTS);
    expect(card.analysisLimits).toEqual(DEFAULT_ANALYSIS_LIMITS);
  });

  it('PUT takes them as given', () => {
    const card = rateCardSchema.parse({ ...OLD_CARD, reviewAboveCents: 1_000_00, analysisLimits: { maxHoursPerItem: 8, maxMaterialQuantity: 5, maxMaterialUnitCostCents: 10_000 } });
    expect(card).toMatchObject({ reviewAboveCents: 1_000_00, analysisLimits: { maxHoursPerItem: 8, maxMaterialQuantity: 5, maxMaterialUnitCostCents: 10_000 } });
  });

  it('PUT is strict: unknown or bad members are named', () => {
    expect(errorsOf({ ...OLD_CARD, reviewAboveCents: -1, analysisLimits: { ...DEFAULT_ANALYSIS_LIMITS, maxMaterialQuantity: 0.5, maxPerDay: 3 } }).map((e) => e.pointer).sort()).toEqual([
      '/analysisLimits/maxMaterialQuantity',
      '/analysisLimits/maxPerDay',
      '/reviewAboveCents',
    ]);
    expect(errorsOf({ ...OLD_CARD, analysisLimits: { maxHoursPerItem: 8 } }).map((e) => e.pointer).sort()).toEqual([
      '/analysisLimits/maxMaterialQuantity',
      '/analysisLimits/maxMaterialUnitCostCents',
    ]);
  });

  it('reads are lenient: a stored card or snapshot without them reads with the defaults, unknown members ignored', () => {
    const read = storedRateCardSchema.parse({ ...OLD_CARD, fromTheFuture: true });
    expect(read).toMatchObject({ reviewAboveCents: DEFAULT_REVIEW_ABOVE_CENTS, analysisLimits: DEFAULT_ANALYSIS_LIMITS });
    expect(read).not.toHaveProperty('fromTheFuture');
  });

  it('a snapshot is never rewritten: an old agreement keeps its card and its hash', () => {
    const onboarding = newOnboarding('onb-01JABCDEFGHJKMNPQRSTVWXYZ0', intakeSchema.parse(validIntake()), { sub: 'am', email: 'am@breakfix.example' }, new Date('2026-01-05T09:00:00Z'));
    const items = onboarding.incidents.map((incident) => ({
      incidentId: incident.id,
      rootCause: 'Oorzaak',
      solution: 'Oplossing',
      actionType: 'repair' as const,
      estimatedHours: 1,
      requiredSkills: ['netwerk'],
      priority: 'normal' as const,
      materials: [],
    }));
    const priced = priceAgreement({ onboarding, analysis: { version: 1, items }, rateCard: rateCardSchema.parse(OLD_CARD), version: 1, provider: EXAMPLE_PROVIDER, now: new Date('2026-01-05T10:00:00Z') });
    // As an agreement drafted before the fields existed was stored: its snapshot without them.
    const { reviewAboveCents: _r, analysisLimits: _a, ...oldSnapshot } = priced.rateCard;
    const stored = { ...priced, rateCard: oldSnapshot as typeof priced.rateCard };
    const copy = structuredClone(stored);
    expect(releaseHoldReasons(stored)).toEqual([]);
    expect(stored).toEqual(copy);
    expect(stored.rateCard).not.toHaveProperty('analysisLimits');
  });

  it('a snapshot with the fields keeps them under its hash', () => {
    const onboarding = newOnboarding('onb-01JABCDEFGHJKMNPQRSTVWXYZ1', intakeSchema.parse(validIntake()), { sub: 'am', email: 'am@breakfix.example' }, new Date('2026-01-05T09:00:00Z'));
    const items = onboarding.incidents.map((incident) => ({
      incidentId: incident.id,
      rootCause: 'Oorzaak',
      solution: 'Oplossing',
      actionType: 'repair' as const,
      estimatedHours: 1,
      requiredSkills: ['netwerk'],
      priority: 'normal' as const,
      materials: [],
    }));
    const agreement = priceAgreement({ onboarding, analysis: { version: 1, items }, rateCard: rateCardSchema.parse(OLD_CARD), version: 1, provider: EXAMPLE_PROVIDER, now: new Date('2026-01-05T10:00:00Z') });
    expect(agreement.rateCard.analysisLimits).toEqual(DEFAULT_ANALYSIS_LIMITS);
    expect(verifyDocumentHash(agreement)).toBe(true);
    expect(verifyDocumentHash({ ...agreement, rateCard: { ...agreement.rateCard, reviewAboveCents: 1 } })).toBe(false);
  });
});
