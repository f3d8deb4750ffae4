import * as z from 'zod';
import { ONBOARDING_STATUSES, isTerminal, type OnboardingStatus } from './lifecycle';

/** The statuses an onboarding passes through: a terminal one is where it ends, never stuck. */
export const WATCHED_STATUSES: readonly OnboardingStatus[] = ONBOARDING_STATUSES.filter((status) => !isTerminal(status));

const HOUR_MS = 60 * 60 * 1000;

/**
 * Hours an onboarding may stay in each status before it counts as stuck (stage config). Fractions
 * are allowed, so the twin can use minutes. A status without an entry is not watched.
 */
export const stuckAfterHoursSchema = z
  .partialRecord(z.enum(ONBOARDING_STATUSES), z.number().positive().max(366 * 24))
  .refine((thresholds) => Object.keys(thresholds).every((status) => !isTerminal(status as OnboardingStatus)), 'A terminal status is never stuck');
export type StuckAfterHours = z.output<typeof stuckAfterHoursSchema>;

/** The instant before which an onboarding's status must have begun for it to be stuck at `now`. */
export function stuckBefore(now: string, hours: number): string {
  return new Date(Date.parse(now) - hours * HOUR_MS).toISOString();
}

/**
 * Whether an onboarding has been in its status since before `before`. An aggregate stored before
 * `statusSince` existed counts from `updatedAt`, which only a status change moves.
 */
export function isStuck(onboarding: { statusSince?: string; updatedAt: string }, before: string): boolean {
  return Date.parse(onboarding.statusSince ?? onboarding.updatedAt) < Date.parse(before);
}

/** Whole hours an onboarding has been in its status at `now`: what the sweep's log shows. */
export function hoursInStatus(onboarding: { statusSince?: string; updatedAt: string }, now: string): number {
  return Math.floor((Date.parse(now) - Date.parse(onboarding.statusSince ?? onboarding.updatedAt)) / HOUR_MS);
}
