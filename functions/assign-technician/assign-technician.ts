import { chooseTechnician } from '../domain/assignment';
import { TICKET_EVENTS } from '../domain/lifecycle';
import type { Onboarding } from '../domain/onboarding';
import type { Technician } from '../domain/technician';
import { nextSlaCheck, type Ticket } from '../domain/ticket';
import { allTechnicians, findTechnician } from '../adapters/dynamodb/technician-repository';
import { changeTicket, findTicket, saveTicketChange, TechnicianUnavailableError, TicketChangedError } from '../adapters/dynamodb/ticket-repository';
import { notifyOnce } from '../application/notifications';
import { loadOnboarding } from '../application/onboarding-loader';
import { ticketEvent, ticketScope, ticketTransitionEvent } from '../application/ticket-events';
import { ConflictError, TransientDependencyError } from '../runtime/errors';
import { API_URL } from '../application/api-url';
import { ticketAssignedNotice } from '../templates/email/ticket-assigned';

const STEP = 'AssignTechnician';
const SYSTEM = { kind: 'system', step: STEP } as const;

/** Nobody active has the skills and free capacity: the ASL catches this and waits for a technician. */
export class NoTechnicianAvailableError extends Error {
  constructor(ticketId: string) {
    super(`No active technician with the skills and free capacity for ${ticketId}`);
    this.name = 'NoTechnicianAvailable';
  }
}

/**
 * Assigns an OPEN ticket: the candidate rule of the domain picks the technician, and the ticket,
 * the technician's capacity counter and the timeline event are one transaction, so concurrent
 * branches never overfill a technician and a ticket is never assigned twice. Losing capacity to
 * a concurrent branch picks again. The technician is e-mailed once.
 */
export async function assignTechnician(input: { onboardingId: string; ticketId: string; now: string }): Promise<{ technicianId: string }> {
  const onboarding = await loadOnboarding(input.onboardingId);
  for (let attempt = 0; attempt < 6; attempt++) {
    const ticket = await findTicket(input.ticketId);
    if (!ticket || ticket.onboardingId !== onboarding.id) throw new ConflictError(`Ticket ${input.ticketId} is not a ticket of ${onboarding.id}`);
    if (ticket.status !== 'OPEN') {
      // Assigned already (a retry after the commit, or a concurrent attempt): make sure the mail went out.
      const technician = ticket.assignee && (await findTechnician(ticket.assignee.technicianId));
      if (!technician) throw new ConflictError(`Ticket ${ticket.ticketId} is ${ticket.status} without a known assignee`);
      await tellTechnician(onboarding, ticket, technician, input.now);
      return { technicianId: technician.technicianId };
    }

    const decision = chooseTechnician(ticket.requiredSkills, await allTechnicians());
    if (!decision.assigned) {
      await markWaiting(ticket, input.now);
      throw new NoTechnicianAvailableError(ticket.ticketId);
    }
    const { technician, reason } = decision;
    const { waitingForTechnicianSince: _waited, technicianTask: _task, ...rest } = ticket;
    const assigned: Ticket = {
      ...rest,
      status: 'ASSIGNED',
      assignee: { technicianId: technician.technicianId, name: technician.name, email: technician.email },
      assignedAt: input.now,
      assignment: reason,
    };
    const next = nextSlaCheck(assigned);
    const after: Ticket = next ? { ...assigned, nextSlaCheckAt: next } : assigned;
    try {
      const saved = await saveTicketChange(ticket, after, {
        event: ticketTransitionEvent(after, 'ticketAssigned', input.now, SYSTEM, `Assigned to ${technician.name} (${reason.rule}, ${reason.candidates.length} candidate(s))`),
        load: { technicianId: technician.technicianId, delta: 1, at: input.now },
      });
      await tellTechnician(onboarding, saved, technician, input.now);
      return { technicianId: technician.technicianId };
    } catch (error) {
      // Someone else took the capacity or the ticket moved: look again with fresh data.
      if (!(error instanceof TechnicianUnavailableError || error instanceof TicketChangedError)) throw error;
    }
  }
  throw new TransientDependencyError('DynamoDB', new Error('assignment kept losing to concurrent changes'));
}

/** Records, once, since when the ticket waits for a technician (the escalation counts from then). */
async function markWaiting(ticket: Ticket, now: string): Promise<void> {
  if (ticket.waitingForTechnicianSince) return;
  await changeTicket(ticket.ticketId, (current) =>
    current.status !== 'OPEN' || current.waitingForTechnicianSince
      ? undefined
      : {
          ticket: { ...current, waitingForTechnicianSince: now },
          event: ticketEvent(current, TICKET_EVENTS.waitingForTechnician, now, SYSTEM, 'Nobody active has the skills and free capacity: waiting for a technician'),
        },
  );
}

function tellTechnician(onboarding: Onboarding, ticket: Ticket, technician: Technician, now: string): Promise<boolean> {
  return notifyOnce(onboarding, {
    notice: { kind: 'technicianAssigned', scope: ticketScope(ticket) },
    step: STEP,
    to: [technician.email],
    render: () => ticketAssignedNotice({ ticket, onboarding, technician, apiUrl: API_URL }),
    detail: `${technician.name} e-mailed the ticket, its due times and the client's contact`,
    at: now,
    ticket,
  });
}
