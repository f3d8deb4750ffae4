import { rateCardSchema, type RateCard } from '../../functions/domain/rate-card';

/**
 * A fixed rate card for tests whose figures are checked by hand: €95.00 an hour, surcharges and
 * response times per priority, 21 % VAT. Kept apart from the stage default on purpose, so a change
 * to that default does not move the worked examples. Written as a card from before resolution
 * times existed: it parses, with the default resolution times filled in.
 */
export const TEST_RATE_CARD: RateCard = rateCardSchema.parse({
  currency: 'EUR',
  hourlyRateCents: 9500,
  priorities: {
    critical: { surchargePercent: 150, responseTimeBusinessHours: 4 },
    high: { surchargePercent: 125, responseTimeBusinessHours: 8 },
    normal: { surchargePercent: 100, responseTimeBusinessHours: 16 },
    low: { surchargePercent: 100, responseTimeBusinessHours: 40 },
  },
  vatPercent: 21,
  invoicing: { frequency: 'monthly', paymentTermDays: 14 },
  minimumBillableMinutes: 15,
  validityDays: 30,
});
