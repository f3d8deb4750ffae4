import type { BusinessCalendar } from '../domain/business-hours';
import { TICKET_EVENTS, ticketAllows } from '../domain/lifecycle';
import type { Actor, TimelineEvent } from '../domain/onboarding';
import { MAX_WORK_LOG_ENTRIES, nextSlaCheck, withDueTimes, type Ticket, type TicketStatus } from '../domain/ticket';
import type { LoadChange } from '../adapters/dynamodb/ticket-repository';
import { ticketEvent, ticketTransitionEvent } from '../application/ticket-events';
import { ConflictError } from '../runtime/errors';

/** What the assignee (or an admin) does to a ticket through POST /tickets/{id}/<action>. */
export type TicketAction =
  | { kind: 'acknowledge' }
  | { kind: 'work-log'; minutes: number; note: string }
  | { kind: 'hold'; reason: string }
  | { kind: 'resume' }
  | { kind: 'resolve'; summary: string; followUp?: string };

export interface ActionContext {
  /** The request's time (`requestContext.timeEpoch`), ISO. */
  now: string;
  actor: Actor;
  /** Who did it, as the work log and the resolution record it. */
  by: { technicianId?: string; email: string };
  calendar: BusinessCalendar;
}

export interface PlannedChange {
  ticket: Ticket;
  event: TimelineEvent;
  load?: LoadChange;
}

/**
 * The change an action makes to a ticket, with its timeline event, or a ConflictError that says
 * what to do instead. Pure: the time and the calendar come in.
 */
export function planAction(ticket: Ticket, action: TicketAction, context: ActionContext): PlannedChange {
  switch (action.kind) {
    case 'acknowledge':
      return acknowledge(ticket, context);
    case 'work-log':
      return logWork(ticket, action, context);
    case 'hold':
      return hold(ticket, action, context);
    case 'resume':
      return resume(ticket, context);
    case 'resolve':
      return resolve(ticket, action, context);
  }
}

function acknowledge(ticket: Ticket, { now, actor }: ActionContext): PlannedChange {
  if (!ticketAllows('ticketAcknowledged', ticket.status)) {
    throw new ConflictError(
      ticket.acknowledgedAt ? `The ticket was acknowledged already, at ${ticket.acknowledgedAt}` : wrongStatus(ticket, 'acknowledged'),
    );
  }
  const responseMet = Date.parse(now) <= Date.parse(ticket.responseDueAt);
  // Once acknowledged, the response moments drop out of the next SLA check.
  const after = withNextSlaCheck({ ...ticket, status: 'ACKNOWLEDGED', acknowledgedAt: now, responseMet });
  return {
    ticket: after,
    event: ticketTransitionEvent(after, 'ticketAcknowledged', now, actor, responseMet ? 'Acknowledged within the response time' : `Acknowledged after the response time (due ${ticket.responseDueAt})`),
  };
}

const WORK_LOG_STATUSES: readonly TicketStatus[] = ['ASSIGNED', 'ACKNOWLEDGED', 'ON_HOLD'];

function logWork(ticket: Ticket, entry: { minutes: number; note: string }, { now, actor, by }: ActionContext): PlannedChange {
  if (!WORK_LOG_STATUSES.includes(ticket.status)) throw new ConflictError(wrongStatus(ticket, 'worked on'));
  if (ticket.workLog.length >= MAX_WORK_LOG_ENTRIES) {
    throw new ConflictError(`The work log of ${ticket.ticketId} is full (${MAX_WORK_LOG_ENTRIES} entries): no more entries can be added`);
  }
  const minutesLogged = ticket.minutesLogged + entry.minutes;
  const after: Ticket = { ...ticket, workLog: [...ticket.workLog, { at: now, minutes: entry.minutes, note: entry.note, by }], minutesLogged };
  return {
    ticket: after,
    event: ticketEvent(after, TICKET_EVENTS.workLogged, now, actor, `${entry.minutes} minute(s) logged, ${minutesLogged} in all`),
  };
}

function hold(ticket: Ticket, { reason }: { reason: string }, { now, actor }: ActionContext): PlannedChange {
  if (!ticketAllows('ticketHeld', ticket.status)) {
    throw new ConflictError(ticket.status === 'ON_HOLD' ? `The ticket is on hold already, since ${ticket.hold?.since ?? 'earlier'}` : wrongStatus(ticket, 'put on hold'));
  }
  const heldFrom = ticket.status === 'ACKNOWLEDGED' ? 'ACKNOWLEDGED' : 'ASSIGNED';
  // The clock stops: no SLA moment is watched while the ticket waits on the client.
  const { nextSlaCheckAt: _stopped, ...rest } = ticket;
  const after: Ticket = { ...rest, status: 'ON_HOLD', heldFrom, hold: { since: now, reason } };
  return { ticket: after, event: ticketTransitionEvent(after, 'ticketHeld', now, actor, `On hold: ${reason}`) };
}

function resume(ticket: Ticket, { now, actor, calendar }: ActionContext): PlannedChange {
  if (!ticketAllows('ticketResumed', ticket.status)) throw new ConflictError(`The ticket is not on hold (it is ${ticket.status}): there is nothing to resume`);
  const since = ticket.hold?.since ?? now;
  const heldMs = calendar.businessMsBetween(Date.parse(since), Date.parse(now));
  const { hold: _hold, heldFrom, ...rest } = ticket;
  const status = heldFrom ?? (ticket.acknowledgedAt ? 'ACKNOWLEDGED' : 'ASSIGNED');
  // Due times move by exactly the business time spent on hold; the next SLA check follows them.
  const after = withDueTimes({ ...rest, status, heldBusinessMs: ticket.heldBusinessMs + heldMs }, calendar);
  return {
    ticket: after,
    event: ticketTransitionEvent(after, 'ticketResumed', now, actor, `Resumed after ${Math.round(heldMs / 60_000)} business minute(s) on hold; resolve due ${after.resolveDueAt}`),
  };
}

function resolve(ticket: Ticket, { summary, followUp }: { summary: string; followUp?: string }, { now, actor, by }: ActionContext): PlannedChange {
  if (ticket.status === 'RESOLVED') {
    throw new ConflictError(`The ticket was resolved already, at ${ticket.resolvedAt ?? 'an earlier time'}`, {
      resolution: { summary: ticket.resolution?.summary ?? null, resolvedAt: ticket.resolvedAt ?? null, by: ticket.resolution?.by ?? null },
    });
  }
  if (!ticketAllows('ticketResolved', ticket.status)) {
    throw new ConflictError(
      ticket.status === 'ASSIGNED'
        ? 'Acknowledge the ticket before resolving it'
        : ticket.status === 'ON_HOLD'
          ? 'The ticket is on hold: resume the ticket first, then resolve it'
          : wrongStatus(ticket, 'resolved'),
    );
  }
  const { nextSlaCheckAt: _done, ...rest } = ticket;
  const after: Ticket = { ...rest, status: 'RESOLVED', resolvedAt: now, resolution: { summary, ...(followUp ? { followUp } : {}), by } };
  return {
    ticket: after,
    event: ticketTransitionEvent(after, 'ticketResolved', now, actor, `Resolved by ${by.email}`),
    // The technician's capacity comes back in the same transaction.
    ...(ticket.assignee ? { load: { technicianId: ticket.assignee.technicianId, delta: -1 as const } } : {}),
  };
}

/** The ticket with nextSlaCheckAt set to its earliest pending SLA moment, or without it when none is left. */
function withNextSlaCheck(ticket: Ticket): Ticket {
  const { nextSlaCheckAt: _previous, ...rest } = ticket;
  const next = nextSlaCheck(rest);
  return next ? { ...rest, nextSlaCheckAt: next } : rest;
}

/** Why a ticket in its status cannot be `done` ("acknowledged", "worked on", …), and what to do instead. */
function wrongStatus(ticket: Ticket, done: string): string {
  switch (ticket.status) {
    case 'OPEN':
      return `The ticket is not assigned yet: it can be ${done} once a technician has it`;
    case 'ASSIGNED':
      return 'Acknowledge the ticket first';
    case 'ACKNOWLEDGED':
      return `The ticket was acknowledged already, at ${ticket.acknowledgedAt ?? 'an earlier time'}`;
    case 'ON_HOLD':
      return 'Resume the ticket first';
    case 'RESOLVED':
      return `The ticket is resolved (at ${ticket.resolvedAt ?? 'an earlier time'}): it can no longer be changed`;
  }
}
