import * as z from 'zod';
import { IMPACTS } from './intake';

/** Priorities of analysed work; the same four words as an incident's impact. */
export const PRIORITIES = IMPACTS;
export type Priority = (typeof PRIORITIES)[number];

/** Resolution times (business hours) a card that predates them gets, per priority. */
export const DEFAULT_RESOLUTION_HOURS: Record<Priority, number> = { critical: 8, high: 16, normal: 40, low: 80 };

/** What an analysis may ask for on a card that predates the limits (the schema's maxima are higher). */
export const DEFAULT_ANALYSIS_LIMITS = { maxHoursPerItem: 40, maxMaterialQuantity: 100, maxMaterialUnitCostCents: 500_000 } as const;

/** Offers above this total (incl. VAT, cents) wait for an account manager's release: €2,500.00. */
export const DEFAULT_REVIEW_ABOVE_CENTS = 250_000;

/**
 * The rate card's fields, built twice: strict for PUT /rate-card (unknown fields rejected) and
 * lenient for reading stored cards and agreement snapshots (unknown fields ignored, so code of an
 * earlier version reads what a newer one wrote). Both fill in fields that older cards lack.
 * A snapshot is never rewritten: its document hash covers exactly what was stored.
 */
function rateCardShape(object: typeof z.strictObject) {
  const priorityTerms = (priority: Priority) =>
    object({
      /** Multiplies the hourly rate, in percent: 150 = rate × 1.5. */
      surchargePercent: z.number().int().min(100).max(500),
      /** Response time in business hours (Mon–Fri 08:30–17:30 Europe/Amsterdam, Dutch holidays off). */
      responseTimeBusinessHours: z.number().int().min(1).max(400),
      /** Resolution time in business hours, counted from the ticket's creation. */
      resolutionTimeBusinessHours: z.number().int().min(1).max(2000).default(DEFAULT_RESOLUTION_HOURS[priority]),
    });
  return object({
    currency: z.literal('EUR'),
    hourlyRateCents: z.number().int().min(100).max(100_000),
    priorities: object({
      critical: priorityTerms('critical'),
      high: priorityTerms('high'),
      normal: priorityTerms('normal'),
      low: priorityTerms('low'),
    }),
    /** VAT in percent; 21 is the Dutch standard rate. */
    vatPercent: z.number().int().min(0).max(100),
    invoicing: object({
      frequency: z.enum(['monthly', 'quarterly', 'per-ticket']),
      paymentTermDays: z.number().int().min(0).max(120),
    }),
    /** Work is billed in blocks of this many minutes, rounded up. */
    minimumBillableMinutes: z.number().int().min(1).max(240),
    /** How long an agreement priced with this card may be approved; also the decision window. */
    validityDays: z.number().int().min(1).max(365),
    /** An agreement whose total incl. VAT is above this many cents waits in AWAITING_RELEASE for a person. */
    reviewAboveCents: z.number().int().min(0).max(100_000_000_00).default(DEFAULT_REVIEW_ABOVE_CENTS),
    /** Upper bounds on one analysis item: POST /analysis refuses more, and a snapshot's breach holds the offer. */
    analysisLimits: object({
      maxHoursPerItem: z.number().min(0.25).max(200),
      maxMaterialQuantity: z.number().int().min(1).max(10_000),
      maxMaterialUnitCostCents: z.number().int().min(0).max(10_000_000),
    }).default({ ...DEFAULT_ANALYSIS_LIMITS }),
  });
}

/** The rates and terms an agreement is priced with, as PUT /rate-card takes them. Money in integer euro cents. */
export const rateCardSchema = rateCardShape(z.strictObject);

/** Reads a stored card or an agreement's snapshot: unknown fields ignored, missing newer fields defaulted. */
export const storedRateCardSchema = rateCardShape(z.object);

export type RateCard = z.output<typeof rateCardSchema>;
/** A card as it may be stored: older ones lack the fields later versions added. */
export type StoredRateCardInput = z.input<typeof storedRateCardSchema>;

/** The rate card in force, as the API shows it: the stage's default until an admin stores one. */
export interface StoredRateCard {
  rateCard: RateCard;
  /** 0 while the stage's default applies; +1 with every PUT. */
  version: number;
  updatedAt?: string;
  updatedBy?: string;
  source: 'stage-default' | 'stored';
}
