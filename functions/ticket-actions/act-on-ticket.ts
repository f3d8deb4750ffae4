import type { Technician } from '../domain/technician';
import type { Ticket } from '../domain/ticket';
import { changeTicket, findTicket } from '../adapters/dynamodb/ticket-repository';
import { CALENDAR } from '../application/business-calendar';
import { deliverCallback } from '../application/callback-delivery';
import { technicianOf, unknownTechnicianError } from '../application/caller-technician';
import { wakeWaitingAssignmentsQuietly } from '../application/technician-wakeups';
import { ForbiddenError, NotFoundError } from '../runtime/errors';
import type { Caller } from '../runtime/http/caller';
import { logger } from '../runtime/observability';
import { planAction, type TicketAction } from './ticket-changes';

/**
 * The assignee (or an admin) acknowledges, logs work on, holds, resumes or resolves a ticket. The
 * ticket and its timeline event (and, on resolve, the technician's capacity) are one transaction,
 * guarded by the ticket's version; a concurrent change is read again and the action re-checked.
 * A resolution then resumes the workflow's wait on this ticket and wakes tickets waiting for a
 * technician, since capacity came free.
 */
export async function actOnTicket(ticketId: string, action: TicketAction, caller: Caller, now: string): Promise<Ticket> {
  const found = await findTicket(ticketId);
  if (!found) throw new NotFoundError(`No ticket with id ${ticketId}`);
  const technician = await technicianOf(caller);
  mayActOn(found, caller, technician);

  const context = {
    now,
    actor: { kind: 'staff', sub: caller.sub, email: caller.email } as const,
    by: { ...(technician ? { technicianId: technician.technicianId } : {}), email: caller.email },
    calendar: CALENDAR,
  };
  const { ticket } = await changeTicket(ticketId, (current) => {
    mayActOn(current, caller, technician);
    return planAction(current, action, context);
  });
  logger.info('ticket changed', { ticketId, action: action.kind, status: ticket.status });
  if (action.kind === 'resolve') await afterResolution(ticket);
  return ticket;
}

/** Only the ticket's assignee, or an admin, acts on a ticket. */
function mayActOn(ticket: Ticket, caller: Caller, technician: Technician | undefined): void {
  if (caller.roles.includes('admin')) return;
  if (!technician) throw unknownTechnicianError(caller);
  if (ticket.assignee?.technicianId !== technician.technicianId) {
    throw new ForbiddenError(`Ticket ${ticket.ticketId} is not assigned to you: only its assignee or an admin may change it`);
  }
}

/**
 * After the resolution is stored: resume the wait that holds this ticket's task token, and wake
 * tickets that wait for a technician. Neither may fail the request, which has done its work; a
 * stale or missed token is fine, as the workflow's next wait finds the ticket RESOLVED and
 * resumes itself.
 */
async function afterResolution(ticket: Ticket): Promise<void> {
  const task = ticket.resolutionTask;
  if (task) {
    try {
      const resumed = await deliverCallback({ taskToken: task.taskToken, output: { resolved: true }, onboardingId: ticket.onboardingId, purpose: 'ticket-resolution' });
      logger.info('resolution wait resumed', { ticketId: ticket.ticketId, resumed });
    } catch (error) {
      logger.warn('could not resume the resolution wait; its next check finds the ticket resolved', { ticketId: ticket.ticketId, error });
    }
  }
  await wakeWaitingAssignmentsQuietly('resolution');
}
