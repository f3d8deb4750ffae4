import { chooseTechnician } from '../domain/assignment';
import { allTechnicians } from '../adapters/dynamodb/technician-repository';
import { unassignedTickets } from '../adapters/dynamodb/ticket-repository';
import { deliverCallback } from './callback-delivery';
import { logger } from '../runtime/observability';

/**
 * Wakes the tickets that wait for a technician and that someone can now take: after a
 * technician is added or changed, or a resolution freed capacity. Oldest first, and no more than
 * the free capacity can take, so a wake-up does not start checks that are bound to fail. A woken
 * ticket's AssignTechnician step decides for real; a stale token means the wait already ended.
 */
export async function wakeWaitingAssignments(reason: string): Promise<number> {
  const waiting = (await unassignedTickets()).filter((ticket) => ticket.technicianTask).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  if (waiting.length === 0) return 0;
  const technicians = await allTechnicians();
  let woken = 0;
  for (const ticket of waiting) {
    const decision = chooseTechnician(ticket.requiredSkills, technicians);
    if (!decision.assigned) continue;
    // Count the capacity this wake-up will probably use, so the next ticket sees it taken.
    decision.technician.load += 1;
    const outcome = await deliverCallback({ taskToken: ticket.technicianTask!.taskToken, output: { wokenBy: reason }, onboardingId: ticket.onboardingId, purpose: 'technician-wake-up' });
    // A deferred wake-up is recorded for SweepCallbacks; it counts as woken, as it will be.
    if (outcome !== 'stale') woken += 1;
  }
  logger.info('woke waiting assignments', { reason, waiting: waiting.length, woken });
  return woken;
}

/**
 * wakeWaitingAssignments for a route that has already made its change: a failure to wake is
 * logged, never the request's failure, since every wait also re-checks on its own schedule.
 */
export async function wakeWaitingAssignmentsQuietly(reason: string): Promise<number | undefined> {
  try {
    return await wakeWaitingAssignments(reason);
  } catch (error) {
    logger.warn('could not wake waiting assignments; their own re-check will find the change', { reason, error });
    return undefined;
  }
}
