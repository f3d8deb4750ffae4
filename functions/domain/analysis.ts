import * as z from 'zod';
import { PRIORITIES } from './rate-card';
import { COUNTS, TEXT_BOUNDS } from './size-budget';
import { line, text } from './text-fields';

export const ACTION_TYPES = ['repair', 'update', 'configuration', 'replacement', 'other'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** Upper bound on one item's estimate: beyond it, split the work into more incidents. */
export const MAX_ESTIMATED_HOURS = 200;

/** Materials per item, and over the whole analysis: together they keep the aggregate and the agreement well under DynamoDB's item limit (size-budget.ts). */
export const MAX_MATERIALS_PER_ITEM = COUNTS.materialsPerItem;
export const MAX_MATERIALS_PER_ANALYSIS = COUNTS.materialsPerAnalysis;
export const MAX_SKILLS_PER_ITEM = COUNTS.skillsPerItem;

export const materialSchema = z.strictObject({
  description: line(TEXT_BOUNDS.materialDescription),
  quantity: z.number().int('A whole number').min(1).max(10_000),
  /** Cost price per unit in euro cents; materials are passed on at cost. */
  unitCostCents: z.number().int('Whole cents').min(0).max(10_000_000),
});
export type Material = z.infer<typeof materialSchema>;

export const analysisItemSchema = z.strictObject({
  incidentId: z.string().regex(/^inc-\d{2}$/, 'Not an incident id'),
  rootCause: text(TEXT_BOUNDS.rootCause),
  solution: text(TEXT_BOUNDS.solution),
  actionType: z.enum(ACTION_TYPES),
  estimatedHours: z
    .number()
    .positive('More than 0 hours')
    .max(MAX_ESTIMATED_HOURS, `At most ${MAX_ESTIMATED_HOURS} hours`)
    .refine((hours) => Number.isInteger(hours * 4), 'In quarter hours (0.25 steps)'),
  requiredSkills: z.array(line(TEXT_BOUNDS.skill)).min(1, 'At least one skill').max(MAX_SKILLS_PER_ITEM, `At most ${MAX_SKILLS_PER_ITEM} skills`),
  priority: z.enum(PRIORITIES),
  materials: z.array(materialSchema).max(MAX_MATERIALS_PER_ITEM, `At most ${MAX_MATERIALS_PER_ITEM} materials per item`).default([]),
});
export type AnalysisItem = z.output<typeof analysisItemSchema>;

/** POST /onboardings/{id}/analysis body; checked against the onboarding's incidents and the rate card's limits separately. */
export const analysisSubmissionSchema = z.strictObject({
  items: z
    .array(analysisItemSchema)
    .min(1)
    .max(COUNTS.incidents)
    .refine((items) => items.reduce((sum, item) => sum + item.materials.length, 0) <= MAX_MATERIALS_PER_ANALYSIS, {
      message: `At most ${MAX_MATERIALS_PER_ANALYSIS} materials in one analysis`,
    }),
  notes: text(TEXT_BOUNDS.analysisNotes).optional(),
});
export type AnalysisSubmission = z.output<typeof analysisSubmissionSchema>;
