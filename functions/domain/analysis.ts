import { z } from 'zod';
import { PRIORITIES } from './rate-card';
import { line, text } from './text-fields';

export const ACTION_TYPES = ['repair', 'update', 'configuration', 'replacement', 'other'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** Upper bound on one item's estimate: beyond it, split the work into more incidents. */
export const MAX_ESTIMATED_HOURS = 200;


export const materialSchema = z.strictObject({
  description: line(200),
  quantity: z.number().int('A whole number').min(1).max(10_000),
  /** Cost price per unit in euro cents; materials are passed on at cost. */
  unitCostCents: z.number().int('Whole cents').min(0).max(10_000_000),
});
export type Material = z.infer<typeof materialSchema>;

export const analysisItemSchema = z.strictObject({
  incidentId: z.string().regex(/^inc-\d{2}$/, 'Not an incident id'),
  rootCause: text(4000),
  solution: text(4000),
  actionType: z.enum(ACTION_TYPES),
  estimatedHours: z
    .number()
    .positive('More than 0 hours')
    .max(MAX_ESTIMATED_HOURS, `At most ${MAX_ESTIMATED_HOURS} hours`)
    .refine((hours) => Number.isInteger(hours * 4), 'In quarter hours (0.25 steps)'),
  requiredSkills: z.array(line(60)).min(1, 'At least one skill').max(10),
  priority: z.enum(PRIORITIES),
  materials: z.array(materialSchema).max(50).default([]),
});
export type AnalysisItem = z.output<typeof analysisItemSchema>;

/** POST /onboardings/{id}/analysis body; checked against the onboarding's incidents separately. */
export const analysisSubmissionSchema = z.strictObject({
  items: z.array(analysisItemSchema).min(1).max(25),
  notes: text(4000).optional(),
});
export type AnalysisSubmission = z.output<typeof analysisSubmissionSchema>;
