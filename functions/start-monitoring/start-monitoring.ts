import { primaryContact, type Onboarding } from '../domain/onboarding';
import { createOrFindPublicLink } from '../adapters/dynamodb/public-link-repository';
import { findOnboarding, transitionOnboarding } from '../adapters/dynamodb/onboarding-repository';
import { ticketsAndRefusals } from '../adapters/dynamodb/problem-repository';
import { problemLink } from '../application/client-links';
import { notifyOnce } from '../application/notifications';
import { loadOnboarding } from '../application/onboarding-loader';
import { ConflictError } from '../runtime/errors';
import { monitoringStartedNotice } from '../templates/email/monitoring-started';

const STEP = 'StartMonitoring';

export type AfterRound = { next: 'round'; waitSeconds: 1 } | { next: 'monitoring'; waitSeconds: number };

const pending = (onboarding: Onboarding) => (onboarding.pendingProblems ?? 0) > 0;

/**
 * Seed step 5: the round's tickets are resolved. A problem reported during the round is worked
 * first (the next round starts now). Otherwise MONITORING, guarded in the transaction by "no
 * problem pending", so a report racing this step is never left waiting for a whole period; the
 * client is e-mailed until when and how to report a new problem. Entered again after the wait was
 * woken for nothing, it waits out the rest of the period.
 */
export async function startMonitoring(input: { onboardingId: string; now: string; monitoringSeconds: number }): Promise<AfterRound> {
  let onboarding = await loadOnboarding(input.onboardingId);
  if (pending(onboarding)) return { next: 'round', waitSeconds: 1 };
  if (onboarding.status === 'IMPLEMENTING') {
    const until = new Date(Date.parse(input.now) + input.monitoringSeconds * 1000).toISOString();
    try {
      onboarding = await transitionOnboarding(
        onboarding,
        'monitoringStarted',
        { at: input.now, actor: { kind: 'system', step: STEP }, detail: `Every ticket of round ${onboarding.round ?? 1} resolved; monitoring until ${until}` },
        { monitoring: { since: input.now, until } },
        { condition: { expression: 'attribute_not_exists(pendingProblems) OR pendingProblems = :zero', values: { ':zero': 0 } } },
      );
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // The condition failed: a problem came in meanwhile (its round comes first), or this step ran already.
      onboarding = (await findOnboarding(input.onboardingId)) ?? onboarding;
      if (pending(onboarding)) return { next: 'round', waitSeconds: 1 };
      if (onboarding.status !== 'MONITORING') throw error;
    }
  }
  if (onboarding.status !== 'MONITORING' || !onboarding.monitoring) {
    throw new ConflictError(`Onboarding ${onboarding.id} cannot be monitored in status ${onboarding.status}`);
  }

  const { url, tokenHash } = await problemLink(onboarding.id);
  const { tickets } = await ticketsAndRefusals(onboarding.id);
  const resolved = tickets.filter((ticket) => ticket.status === 'RESOLVED').length;
  await createOrFindPublicLink({ tokenHash, purpose: 'problem-report', onboardingId: onboarding.id, createdAt: input.now }, onboarding.monitoring.until);
  const monitored = onboarding;
  const { until } = onboarding.monitoring;
  await notifyOnce(monitored, {
    notice: { kind: 'monitoringStarted', scope: monitored.round ?? 1 },
    step: STEP,
    to: [primaryContact(monitored).email],
    render: () => monitoringStartedNotice({ onboarding: monitored, until, problemUrl: url, ticketsResolved: resolved }),
    detail: `The client was told monitoring runs until ${until}, with the link to report a new problem`,
    at: input.now,
  });
  const left = Math.ceil((Date.parse(until) - Date.parse(input.now)) / 1000);
  return { next: 'monitoring', waitSeconds: Math.max(1, left) };
}
