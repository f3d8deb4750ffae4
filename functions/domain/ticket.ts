import * as z from 'zod';
import type { AssignmentRule, CandidateView } from './assignment';
import type { BusinessCalendar } from './business-hours';
import type { Priority } from './rate-card';
import { PRIORITIES } from './rate-card';
import { COUNTS, TEXT_BOUNDS } from './size-budget';
import { line, text } from './text-fields';

export const TICKET_STATUSES = ['OPEN', 'ASSIGNED', 'ACKNOWLEDGED', 'ON_HOLD', 'RESOLVED'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** `tkt-<onboarding ULID>-<incident number>`: one ticket per incident, found from its id alone. */
export const TICKET_ID_PATTERN = /^tkt-([0-9A-HJKMNP-TV-Z]{26})-(\d{2})$/;

export function ticketIdFor(onboardingId: string, incidentId: string): string {
  const ulid = onboardingId.replace(/^onb-/, '');
  const number = /^inc-(\d{2})$/.exec(incidentId)?.[1];
  if (!number) throw new Error(`Not an incident id: ${incidentId}`);
  return `tkt-${ulid}-${number}`;
}

/** The onboarding a ticket belongs to, or undefined for something that is not a ticket id. */
export function onboardingOfTicket(ticketId: string): string | undefined {
  const match = TICKET_ID_PATTERN.exec(ticketId);
  return match ? `onb-${match[1]}` : undefined;
}

/** Response and resolution times of one priority, in business hours, from the agreement. */
export interface SlaTerms {
  responseHours: number;
  resolutionHours: number;
}

export interface WorkLogEntry {
  at: string;
  minutes: number;
  note: string;
  by: { technicianId?: string; email: string };
}

export interface TicketAssignee {
  technicianId: string;
  name: string;
  email: string;
}

/** One piece of work: one analysed incident of an approved agreement. */
export interface Ticket {
  ticketId: string;
  /** +1 with every change: each change is a whole-item write guarded by the version it read. */
  ticketVersion: number;
  onboardingId: string;
  incidentId: string;
  /** The aggregate version when the ticket was created: its timeline events sort under it. */
  onboardingVersion: number;
  /** The round of work the ticket is part of; absent while a reported problem waits for the next round. */
  round?: number;
  /** Who reported the problem, for a ticket of a later round (a client's report is triaged first). */
  source?: 'staff' | 'client';
  title: string;
  priority: Priority;
  requiredSkills: string[];
  estimatedHours: number;
  /** The agreement's response and resolution times per priority: a priority change recomputes from these. */
  slaTerms: Record<Priority, SlaTerms>;
  status: TicketStatus;
  /** The status a ticket on hold returns to. */
  heldFrom?: 'ASSIGNED' | 'ACKNOWLEDGED';
  hold?: { since: string; reason: string };
  /** Business milliseconds spent on hold so far; due times move by exactly this. */
  heldBusinessMs: number;
  createdAt: string;
  responseDueAt: string;
  resolveDueAt: string;
  /** When 80 % of each due time's business time is used. */
  responseWarnAt: string;
  resolveWarnAt: string;
  assignee?: TicketAssignee;
  assignedAt?: string;
  assignment?: { rule: AssignmentRule; candidates: CandidateView[]; lostTie: string[] };
  acknowledgedAt?: string;
  responseMet?: boolean;
  workLog: WorkLogEntry[];
  minutesLogged: number;
  resolvedAt?: string;
  resolution?: { summary: string; followUp?: string; by: { technicianId?: string; email: string } };
  responseWarnedAt?: string;
  resolveWarnedAt?: string;
  responseBreachedAt?: string;
  resolveBreachedAt?: string;
  /** The earliest pending warning or due time the SLA sweeper must look at; absent when none (resolved, on hold). */
  nextSlaCheckAt?: string;
  /** Since when the ticket waits for a free technician who fits. */
  waitingForTechnicianSince?: string;
  /** The workflow's task tokens while it waits on this ticket: secrets of the backend, never shown. */
  technicianTask?: { taskToken: string; since: string };
  resolutionTask?: { taskToken: string; since: string };
}

/** Due times of a ticket from its creation, priority terms and the business time spent on hold. */
export function dueTimes(calendar: BusinessCalendar, createdAt: string, terms: SlaTerms, heldBusinessMs: number) {
  const start = Date.parse(createdAt);
  const held = heldBusinessMs / 60_000;
  const at = (hours: number) => new Date(calendar.addBusinessMinutes(start, hours * 60 + held)).toISOString();
  return {
    responseDueAt: at(terms.responseHours),
    resolveDueAt: at(terms.resolutionHours),
    responseWarnAt: at(terms.responseHours * 0.8),
    resolveWarnAt: at(terms.resolutionHours * 0.8),
  };
}

/** The SLA moments of a ticket, each with whether it is still pending. */
export function slaMoments(ticket: Ticket) {
  const responded = ticket.acknowledgedAt !== undefined;
  return [
    { kind: 'response-warning', at: ticket.responseWarnAt, pending: !responded && !ticket.responseWarnedAt },
    { kind: 'response-breach', at: ticket.responseDueAt, pending: !responded && !ticket.responseBreachedAt },
    { kind: 'resolve-warning', at: ticket.resolveWarnAt, pending: !ticket.resolveWarnedAt },
    { kind: 'resolve-breach', at: ticket.resolveDueAt, pending: !ticket.resolveBreachedAt },
  ] as const;
}
export type SlaMomentKind = ReturnType<typeof slaMoments>[number]['kind'];

/**
 * The earliest SLA moment still to watch, or undefined: resolved and held tickets have none (a
 * held ticket's clock stands still; resuming it sets the next one again).
 */
export function nextSlaCheck(ticket: Ticket): string | undefined {
  if (ticket.status === 'RESOLVED' || ticket.status === 'ON_HOLD') return undefined;
  const pending = slaMoments(ticket)
    .filter((moment) => moment.pending)
    .map((moment) => moment.at)
    .sort();
  return pending[0];
}

/** A new OPEN ticket for one analysed incident, its due times counted from `createdAt`. */
export function newTicket(
  input: Pick<Ticket, 'onboardingId' | 'incidentId' | 'onboardingVersion' | 'title' | 'priority' | 'requiredSkills' | 'estimatedHours' | 'createdAt' | 'slaTerms'> & { round?: number },
  calendar: BusinessCalendar,
): Ticket {
  const ticket: Ticket = {
    ...input,
    ticketId: ticketIdFor(input.onboardingId, input.incidentId),
    ticketVersion: 1,
    status: 'OPEN',
    heldBusinessMs: 0,
    ...dueTimes(calendar, input.createdAt, input.slaTerms[input.priority], 0),
    workLog: [],
    minutesLogged: 0,
  };
  const next = nextSlaCheck(ticket);
  return next ? { ...ticket, nextSlaCheckAt: next } : ticket;
}

/** The ticket with its due times and next SLA check recomputed (after a resume or a priority change). */
export function withDueTimes(ticket: Ticket, calendar: BusinessCalendar): Ticket {
  const updated: Ticket = { ...ticket, ...dueTimes(calendar, ticket.createdAt, ticket.slaTerms[ticket.priority], ticket.heldBusinessMs) };
  const { nextSlaCheckAt: _previous, ...rest } = updated;
  const next = nextSlaCheck(rest);
  return next ? { ...rest, nextSlaCheckAt: next } : rest;
}

/** At most this many work-log entries per ticket keeps the item well under DynamoDB's limit. */
export const MAX_WORK_LOG_ENTRIES = COUNTS.workLogEntries;

export const workLogSchema = z.strictObject({
  minutes: z.number().int('Whole minutes').min(1).max(24 * 60),
  note: text(TEXT_BOUNDS.workLogNote),
});
/** `followUp`: something the client should know will need doing later ("UPS battery to be replaced within six months"). */
export const resolveSchema = z.strictObject({ summary: text(TEXT_BOUNDS.resolutionSummary), followUp: text(TEXT_BOUNDS.resolutionFollowUp).optional() });
export const holdSchema = z.strictObject({ reason: text(TEXT_BOUNDS.holdReason) });
export const ticketPatchSchema = z
  .strictObject({
    priority: z.enum(PRIORITIES),
    requiredSkills: z.array(line(TEXT_BOUNDS.skill)).min(1, 'At least one skill').max(COUNTS.skillsPerItem),
    estimatedHours: z
      .number()
      .positive('More than 0 hours')
      .max(200)
      .refine((hours) => Number.isInteger(hours * 4), 'In quarter hours (0.25 steps)'),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'Send at least one field');
export type TicketPatch = z.output<typeof ticketPatchSchema>;

/** The fields a ticket's view reads: the index behind GET /tickets projects these (and no more is needed). */
export type TicketViewSource = Pick<
  Ticket,
  | 'ticketId' | 'onboardingId' | 'incidentId' | 'round' | 'title' | 'priority' | 'requiredSkills' | 'estimatedHours' | 'status'
  | 'assignee' | 'assignment' | 'createdAt' | 'responseDueAt' | 'resolveDueAt' | 'acknowledgedAt' | 'responseMet' | 'hold'
  | 'resolvedAt' | 'resolution' | 'minutesLogged' | 'workLog' | 'responseBreachedAt' | 'resolveBreachedAt' | 'waitingForTechnicianSince'
>;

/** What staff see of a ticket (GET /onboardings/{id}, GET /tickets): never a task token. */
export function ticketView(ticket: TicketViewSource) {
  return {
    ticketId: ticket.ticketId,
    onboardingId: ticket.onboardingId,
    incidentId: ticket.incidentId,
    round: ticket.round ?? null,
    title: ticket.title,
    priority: ticket.priority,
    requiredSkills: ticket.requiredSkills,
    estimatedHours: ticket.estimatedHours,
    status: ticket.status,
    assignee: ticket.assignee ?? null,
    assignment: ticket.assignment ? { reason: { rule: ticket.assignment.rule, lostTie: ticket.assignment.lostTie }, candidates: ticket.assignment.candidates } : null,
    createdAt: ticket.createdAt,
    responseDueAt: ticket.responseDueAt,
    resolveDueAt: ticket.resolveDueAt,
    acknowledgedAt: ticket.acknowledgedAt ?? null,
    responseMet: ticket.responseMet ?? null,
    hold: ticket.hold ?? null,
    resolvedAt: ticket.resolvedAt ?? null,
    resolution: ticket.resolution ?? null,
    minutesLogged: ticket.minutesLogged,
    workLog: ticket.workLog,
    breaches: { response: ticket.responseBreachedAt ?? null, resolve: ticket.resolveBreachedAt ?? null },
    waitingForTechnicianSince: ticket.waitingForTechnicianSince ?? null,
  };
}
