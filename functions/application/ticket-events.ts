import { TICKET_TRANSITIONS, type TicketTransitionName } from '../domain/lifecycle';
import type { Actor, TimelineEvent } from '../domain/onboarding';
import type { Ticket } from '../domain/ticket';

/**
 * A ticket's timeline event. It belongs to the aggregate version the ticket was created under
 * (ticket events never bump the onboarding's version) and carries the ticket id in its key, so
 * the parallel branches of a round never write the same key.
 */
export function ticketEvent(ticket: Ticket, type: string, at: string, actor: Actor, detail: string): TimelineEvent {
  return {
    onboardingId: ticket.onboardingId,
    version: ticket.onboardingVersion,
    at,
    type,
    actor,
    detail,
    ticketId: ticket.ticketId,
    ticketVersion: ticket.ticketVersion,
    ticketStatus: ticket.status,
  };
}

/** The event of a ticket transition, from the lifecycle table. */
export function ticketTransitionEvent(ticket: Ticket, transition: TicketTransitionName, at: string, actor: Actor, detail: string): TimelineEvent {
  return ticketEvent(ticket, TICKET_TRANSITIONS[transition].event, at, actor, detail);
}

/** The number of a ticket's incident, the scope its notices are sent once in. */
export const ticketScope = (ticket: Pick<Ticket, 'incidentId'>): number => Number(ticket.incidentId.slice(-2));
