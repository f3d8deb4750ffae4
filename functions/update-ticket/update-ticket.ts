import type { BusinessCalendar } from '../domain/business-hours';
import { TICKET_EVENTS } from '../domain/lifecycle';
import type { Actor, TimelineEvent } from '../domain/onboarding';
import { withDueTimes, type Ticket, type TicketPatch } from '../domain/ticket';
import { changeTicket, findTicket } from '../adapters/dynamodb/ticket-repository';
import { CALENDAR } from '../application/business-calendar';
import { ticketEvent } from '../application/ticket-events';
import { wakeWaitingAssignmentsQuietly } from '../application/technician-wakeups';
import { ConflictError, NotFoundError } from '../runtime/errors';
import type { Caller } from '../runtime/http/caller';
import { logger } from '../runtime/observability';

/**
 * Refines a ticket. The priority may change until the ticket is RESOLVED, and its due times are
 * then computed again from the creation time with the new priority's terms, still excluding the
 * business time spent on hold (the clock is not restarted). Required skills and the estimate
 * change only while the ticket is OPEN: they decide who gets it. An OPEN ticket waiting for a
 * technician is woken, since someone may fit it now.
 */
export async function updateTicket(ticketId: string, patch: TicketPatch, caller: Caller, now: string): Promise<Ticket> {
  if (!(await findTicket(ticketId))) throw new NotFoundError(`No ticket with id ${ticketId}`);
  const actor: Actor = { kind: 'staff', sub: caller.sub, email: caller.email };
  const { ticket, changed } = await changeTicket(ticketId, (current) => planUpdate(current, patch, { now, actor, calendar: CALENDAR }));
  logger.info('ticket updated', { ticketId, changed, fields: Object.keys(patch) });
  if (changed && ticket.status === 'OPEN' && (ticket.technicianTask || ticket.waitingForTechnicianSince)) {
    await wakeWaitingAssignmentsQuietly('ticket-updated');
  }
  return ticket;
}

/** The updated ticket and its TICKET_UPDATED event, undefined when nothing changes, or a ConflictError. */
export function planUpdate(
  ticket: Ticket,
  patch: TicketPatch,
  { now, actor, calendar }: { now: string; actor: Actor; calendar: BusinessCalendar },
): { ticket: Ticket; event: TimelineEvent } | undefined {
  if (patch.priority !== undefined && ticket.status === 'RESOLVED') {
    throw new ConflictError(`The ticket is resolved (at ${ticket.resolvedAt ?? 'an earlier time'}): its priority can no longer change`);
  }
  for (const field of ['requiredSkills', 'estimatedHours'] as const) {
    if (patch[field] !== undefined && ticket.status !== 'OPEN') {
      throw new ConflictError(`${field} can change only while the ticket is OPEN; it is ${ticket.status}`);
    }
  }

  const changes: string[] = [];
  let after: Ticket = ticket;
  if (patch.requiredSkills !== undefined && JSON.stringify(patch.requiredSkills) !== JSON.stringify(ticket.requiredSkills)) {
    changes.push(`requiredSkills ${ticket.requiredSkills.join(', ') || '(none)'} → ${patch.requiredSkills.join(', ') || '(none)'}`);
    after = { ...after, requiredSkills: patch.requiredSkills };
  }
  if (patch.estimatedHours !== undefined && patch.estimatedHours !== ticket.estimatedHours) {
    changes.push(`estimatedHours ${ticket.estimatedHours || '(none)'} → ${patch.estimatedHours}`);
    after = { ...after, estimatedHours: patch.estimatedHours };
  }
  if (patch.priority !== undefined && patch.priority !== ticket.priority) {
    // From createdAt with the new terms, minus the time on hold: withDueTimes, never a restart.
    after = withDueTimes({ ...after, priority: patch.priority }, calendar);
    changes.push(`priority ${ticket.priority} → ${patch.priority} (response due ${after.responseDueAt}, resolve due ${after.resolveDueAt})`);
  }
  if (changes.length === 0) return undefined;
  return { ticket: after, event: ticketEvent(after, TICKET_EVENTS.updated, now, actor, changes.join('; ')) };
}
