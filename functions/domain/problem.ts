import * as z from 'zod';
import type { Actor, Incident } from './onboarding';
import { IMPACTS } from './intake';
import { PRIORITIES } from './rate-card';
import { COUNTS, TEXT_BOUNDS } from './size-budget';
import { line, text } from './text-fields';

/** The intake holds at most 25 incidents; reported problems bring an onboarding up to inc-99. */
export const MAX_INCIDENTS_PER_ONBOARDING = COUNTS.ticketsPerOnboarding;
/** Every ticket of a round must be able to wait at once in the Map. */
export const MAX_TICKETS_PER_ROUND = 25;

/** POST /onboardings/{id}/incidents: a problem staff report during implementation or monitoring. */
export const staffIncidentSchema = z.strictObject({
  title: line(TEXT_BOUNDS.staffIncidentTitle),
  description: text(TEXT_BOUNDS.staffIncidentDescription),
  category: line(TEXT_BOUNDS.staffIncidentCategory),
  impact: z.enum(IMPACTS),
  affectedUsers: z.number().int().min(0).max(100_000).optional(),
  /** Defaults to the impact. */
  priority: z.enum(PRIORITIES).optional(),
  requiredSkills: z.array(line(TEXT_BOUNDS.skill)).max(COUNTS.skillsPerItem).optional(),
  estimatedHours: z
    .number()
    .positive('More than 0 hours')
    .max(200)
    .refine((hours) => Number.isInteger(hours * 4), 'In quarter hours (0.25 steps)')
    .optional(),
});
export type StaffIncident = z.output<typeof staffIncidentSchema>;

/** Limits of a client's report, announced by the page's form (maxlength) and enforced by the schema. */
export const PROBLEM_TITLE_MAX_LENGTH = TEXT_BOUNDS.problemTitle.chars;
export const PROBLEM_DESCRIPTION_MAX_LENGTH = TEXT_BOUNDS.problemDescription.chars;

/** The client's problem report on the monitoring link's page (form or JSON). */
export const clientProblemSchema = z.strictObject({
  title: line(TEXT_BOUNDS.problemTitle),
  description: text(TEXT_BOUNDS.problemDescription),
  impact: z.enum(IMPACTS),
  /** Chosen when the form was shown: the same submission twice files one report. */
  submissionId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'Not a submission id'),
});
export type ClientProblem = z.output<typeof clientProblemSchema>;

/** An incident reported after the intake: its own item, not an entry on the aggregate. */
export interface ReportedIncident extends Incident {
  onboardingId: string;
  reportedAt: string;
  reportedBy: Actor;
  source: 'staff' | 'client';
}

/** Why a problem report was refused (the follow-up report lists these as open points). */
export type ProblemRefusal = 'closed' | 'too-many-incidents' | 'too-many-rounds' | 'round-full' | 'too-many-client-reports';

export const incidentIdOf = (number: number): string => `inc-${String(number).padStart(2, '0')}`;
