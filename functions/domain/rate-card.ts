import { z } from 'zod';
import { IMPACTS } from './intake';

/** Priorities of analysed work; the same four words as an incident's impact. */
export const PRIORITIES = IMPACTS;
export type Priority = (typeof PRIORITIES)[number];

const priorityTerms = z.strictObject({
  /** Multiplies the hourly rate, in percent: 150 = rate × 1.5. */
  surchargePercent: z.number().int().min(100).max(500),
  /** Response time in business hours (Mon–Fri 08:30–17:30 Europe/Amsterdam, Dutch holidays off). */
  responseTimeBusinessHours: z.number().int().min(1).max(400),
});

/** The rates and terms an agreement is priced with. Money in integer euro cents. */
export const rateCardSchema = z.strictObject({
  currency: z.literal('EUR'),
  hourlyRateCents: z.number().int().min(100).max(100_000),
  priorities: z.strictObject({
    critical: priorityTerms,
    high: priorityTerms,
    normal: priorityTerms,
    low: priorityTerms,
  }),
  /** VAT in percent; 21 is the Dutch standard rate. */
  vatPercent: z.number().int().min(0).max(100),
  invoicing: z.strictObject({
    frequency: z.enum(['monthly', 'quarterly', 'per-ticket']),
    paymentTermDays: z.number().int().min(0).max(120),
  }),
  /** Work is billed in blocks of this many minutes, rounded up. */
  minimumBillableMinutes: z.number().int().min(1).max(240),
  /** How long an agreement priced with this card may be approved; also the decision window. */
  validityDays: z.number().int().min(1).max(365),
});

export type RateCard = z.infer<typeof rateCardSchema>;

/** The rate card in force, as the API shows it: the stage's default until an admin stores one. */
export interface StoredRateCard {
  rateCard: RateCard;
  /** 0 while the stage's default applies; +1 with every PUT. */
  version: number;
  updatedAt?: string;
  updatedBy?: string;
  source: 'stage-default' | 'stored';
}
