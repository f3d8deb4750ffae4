import { onboardingsInStatusBefore } from '../adapters/dynamodb/onboarding-repository';
import type { OnboardingStatus } from '../domain/lifecycle';
import { hoursInStatus, isStuck, stuckAfterHoursSchema, stuckBefore, type StuckAfterHours } from '../domain/stuck-onboardings';
import { ENV, requireEnv } from '../runtime/env';
import { logger } from '../runtime/observability';

/** The stage's thresholds, read once when the container starts: a bad value fails the start, not a sweep. */
const STAGE_THRESHOLDS: StuckAfterHours = stuckAfterHoursSchema.parse(JSON.parse(requireEnv(ENV.stuckAfterHours)));

/** At most this many ids go into the sweep's log line; the count is always the whole. */
const LOGGED_IDS = 100;

export interface StuckOnboarding {
  onboardingId: string;
  status: OnboardingStatus;
  /** When its status began (for an aggregate stored before that was recorded: its last status change). */
  since: string;
  hoursInStatus: number;
}

export interface StuckSweepSummary {
  /** Onboardings stuck, in every watched status together: the StuckOnboardings metric. */
  stuck: number;
  byStatus: Partial<Record<OnboardingStatus, number>>;
  /** Oldest first within a status. */
  onboardings: StuckOnboarding[];
}

/**
 * Finds the onboardings that have been in one status longer than the stage allows, at `now` (the
 * scheduled event's time, never the wall clock): per watched status, one key-range query on the
 * status index for a status begun before `now − stuckAfterHours`. Read only: what to do about a
 * stuck onboarding is for a person (docs/runbook.md), so the sweep counts and names them.
 */
export async function sweepStuckOnboardings(now: string, thresholds: StuckAfterHours = STAGE_THRESHOLDS): Promise<StuckSweepSummary> {
  const watched = Object.entries(thresholds) as [OnboardingStatus, number][];
  const perStatus = await Promise.all(
    watched.map(async ([status, hours]) => {
      const before = stuckBefore(now, hours);
      const candidates = await onboardingsInStatusBefore(status, before);
      // An aggregate keyed before statusSince existed sorts by its creation: decide on its own field.
      return candidates
        .filter((onboarding) => onboarding.status === status && isStuck(onboarding, before))
        .map((onboarding) => ({ onboardingId: onboarding.id, status, since: onboarding.statusSince ?? onboarding.updatedAt, hoursInStatus: hoursInStatus(onboarding, now) }));
    }),
  );
  const onboardings = perStatus.flat();
  const byStatus = Object.fromEntries(perStatus.flatMap((found, index) => (found.length ? [[watched[index]![0], found.length]] : [])));
  const summary: StuckSweepSummary = { stuck: onboardings.length, byStatus, onboardings };
  // Ids, statuses and times only: never a client's name or address.
  if (summary.stuck > 0) {
    logger.warn('Onboardings stuck in one status', {
      now,
      stuck: summary.stuck,
      byStatus,
      onboardings: onboardings.slice(0, LOGGED_IDS),
      ...(onboardings.length > LOGGED_IDS ? { notListed: onboardings.length - LOGGED_IDS } : {}),
    });
  } else {
    logger.debug('No onboarding stuck', { now });
  }
  return summary;
}
