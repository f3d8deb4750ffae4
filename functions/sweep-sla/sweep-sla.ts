import { findOnboarding } from '../adapters/dynamodb/onboarding-repository';
import { changeTicket, findTicket, ticketsDueForSlaCheck } from '../adapters/dynamodb/ticket-repository';
import { isTerminal, TICKET_EVENTS, type NoticeKind } from '../domain/lifecycle';
import type { Onboarding } from '../domain/onboarding';
import { nextSlaCheck, slaMoments, type SlaMomentKind, type Ticket } from '../domain/ticket';
import { notifyOnce } from '../application/notifications';
import { ticketEvent, ticketScope } from '../application/ticket-events';
import { OnboardingNotFoundError } from '../runtime/errors';
import { logger } from '../runtime/observability';
import { API_URL } from '../application/api-url';
import { slaBreachNotice } from '../templates/email/sla-breach';
import { slaWarningNotice } from '../templates/email/sla-warning';

const STEP = 'SweepSla';
const ACTOR = { kind: 'system', step: STEP } as const;

/** Tickets swept at the same time: a few, so a sweep with a backlog stays well inside its timeout. */
const PARALLEL_TICKETS = 4;
/** A ticket is only started with this much of the invocation left; the rest waits for the next sweep. */
const RESERVE_MS = 2_000;

type SlaKind = 'response' | 'resolve';
type MarkField = 'responseWarnedAt' | 'responseBreachedAt' | 'resolveWarnedAt' | 'resolveBreachedAt';

/** What each SLA moment marks, records and sends. */
const MOMENTS = {
  'response-warning': { sla: 'response', breach: false, mark: 'responseWarnedAt', event: TICKET_EVENTS.responseWarning, notice: 'responseWarning', due: 'responseDueAt' },
  'response-breach': { sla: 'response', breach: true, mark: 'responseBreachedAt', event: TICKET_EVENTS.responseBreached, notice: 'responseBreach', due: 'responseDueAt' },
  'resolve-warning': { sla: 'resolve', breach: false, mark: 'resolveWarnedAt', event: TICKET_EVENTS.resolveWarning, notice: 'resolveWarning', due: 'resolveDueAt' },
  'resolve-breach': { sla: 'resolve', breach: true, mark: 'resolveBreachedAt', event: TICKET_EVENTS.resolveBreached, notice: 'resolveBreach', due: 'resolveDueAt' },
} as const satisfies Record<SlaMomentKind, { sla: SlaKind; breach: boolean; mark: MarkField; event: string; notice: NoticeKind; due: 'responseDueAt' | 'resolveDueAt' }>;

const BREACH_OF: Record<SlaKind, SlaMomentKind> = { response: 'response-breach', resolve: 'resolve-breach' };
const SLA_WORDS: Record<SlaKind, string> = { response: 'response', resolve: 'resolution' };

export interface SweepSummary {
  /** Tickets looked at (from the index, still open, of a live onboarding or not). */
  checked: number;
  /** Warnings (80 % of a due time used) this sweep marked. */
  warned: number;
  /** Breaches this sweep marked. */
  breached: number;
  /** Tickets whose sweep failed; they stay in the index, so the next sweep tries again. */
  failed: number;
  /** Tickets left for the next sweep because the invocation ran out of time. */
  deferred: number;
}

/** The clock of a sweep: `now` from the scheduled event, and the invocation's time left. */
export interface SweepClock {
  now: string;
  remainingMs?: () => number;
}

/**
 * One SLA sweep at `now` (the scheduled event's time, never the wall clock). For every ticket the
 * index ticketsBySlaCheck says is due, every SLA moment at or before `now` that is still pending
 * is handled in time order: the e-mail is sent once (notifyOnce), then the moment is marked on the
 * ticket with its timeline event and the next SLA check, in one transaction (changeTicket). Sent
 * before marked, as every notification here: a crash in between leaves the moment pending, and the
 * next sweep (or the retried invocation) finds the e-mail's mark and only writes the ticket's, so
 * nothing is lost and nothing is sent twice.
 *
 * The mark holds the `now` of the sweep that recorded it (when it was noticed and e-mailed); the
 * moment itself stays on the ticket (responseDueAt, resolveWarnAt, …), so how late a ticket was
 * is always its due time against acknowledgedAt or resolvedAt, whatever the sweep's rhythm.
 *
 * A warning whose breach has come too (a sweep after an outage, a resume or a priority change) is
 * marked without its e-mail: the breach e-mail says more, and says it to more people.
 */
export async function sweepSla(clock: SweepClock): Promise<SweepSummary> {
  const now = new Date(clock.now).toISOString();
  const remainingMs = clock.remainingMs ?? (() => Number.POSITIVE_INFINITY);
  const due = await ticketsDueForSlaCheck(now);
  const summary: SweepSummary = { checked: 0, warned: 0, breached: 0, failed: 0, deferred: 0 };
  const onboardings = new Map<string, Promise<Onboarding | undefined>>();
  const onboardingOf = (onboardingId: string) => {
    if (!onboardings.has(onboardingId)) onboardings.set(onboardingId, findOnboarding(onboardingId));
    return onboardings.get(onboardingId)!;
  };

  let next = 0;
  const worker = async () => {
    while (next < due.length) {
      const candidate = due[next++]!;
      if (remainingMs() < RESERVE_MS) {
        summary.deferred++;
        continue;
      }
      summary.checked++;
      try {
        const result = await sweepTicket(candidate.ticketId, now, onboardingOf);
        summary.warned += result.warned;
        summary.breached += result.breached;
      } catch (error) {
        summary.failed++;
        logger.error('SLA sweep of a ticket failed', { ticketId: candidate.ticketId, errorName: error instanceof Error ? error.name : typeof error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_TICKETS, due.length) }, worker));
  // Every few minutes around the clock: only a sweep that did or met something is worth an INFO line.
  const eventful = summary.warned + summary.breached + summary.failed + summary.deferred > 0;
  if (eventful) logger.info('SLA sweep done', { now, ...summary });
  else logger.debug('SLA sweep done', { now, ...summary });
  return summary;
}

const isSwept = (ticket: Ticket) => ticket.status !== 'RESOLVED' && ticket.status !== 'ON_HOLD';

const isPending = (ticket: Ticket, kind: SlaMomentKind) => slaMoments(ticket).some((moment) => moment.kind === kind && moment.pending);

async function sweepTicket(
  ticketId: string,
  now: string,
  onboardingOf: (onboardingId: string) => Promise<Onboarding | undefined>,
): Promise<{ warned: number; breached: number }> {
  const counts = { warned: 0, breached: 0 };
  // The index is eventually consistent: decide on the ticket as it is now.
  const ticket = await findTicket(ticketId);
  // Resolved and held tickets leave the index when they change; a stale index entry is no reason to act.
  if (!ticket || !isSwept(ticket)) return counts;
  const onboarding = await onboardingOf(ticket.onboardingId);
  if (!onboarding) throw new OnboardingNotFoundError(ticket.onboardingId);
  // A failed, declined, expired or completed onboarding has nobody left to warn about its tickets:
  // take the ticket off the SLA index, so later sweeps stop reading it.
  if (isTerminal(onboarding.status)) {
    await changeTicket(ticket.ticketId, (current) => {
      if (!current.nextSlaCheckAt) return undefined;
      const { nextSlaCheckAt: _stop, ...rest } = current;
      return { ticket: rest };
    });
    return counts;
  }

  const nowMs = Date.parse(now);
  const dueMoments = slaMoments(ticket)
    .filter((moment) => moment.pending && Date.parse(moment.at) <= nowMs)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const dueKinds = new Set<SlaMomentKind>(dueMoments.map((moment) => moment.kind));

  for (const moment of dueMoments) {
    const spec = MOMENTS[moment.kind];
    const superseded = !spec.breach && dueKinds.has(BREACH_OF[spec.sla]);
    if (!superseded) {
      const render = () => (spec.breach ? slaBreachNotice : slaWarningNotice)({ ticket, onboarding, kind: spec.sla, apiUrl: API_URL });
      await notifyOnce(onboarding, {
        notice: { kind: spec.notice, scope: ticketScope(ticket) },
        step: STEP,
        to: recipients(ticket, onboarding, spec.breach),
        render,
        detail: `${spec.breach ? 'SLA breach escalated' : 'SLA warning sent'} for ${ticket.ticketId} (${SLA_WORDS[spec.sla]} due ${ticket[spec.due]})`,
        at: now,
        ticket: { ticketId: ticket.ticketId, onboardingVersion: ticket.onboardingVersion },
      });
    }
    const { changed } = await changeTicket(ticket.ticketId, (current) => {
      if (!isSwept(current) || !isPending(current, moment.kind)) return undefined;
      const marked: Ticket = { ...current, [spec.mark]: now };
      delete marked.nextSlaCheckAt;
      const nextCheck = nextSlaCheck(marked);
      const after: Ticket = nextCheck ? { ...marked, nextSlaCheckAt: nextCheck } : marked;
      const what = spec.breach
        ? `${capitalised(SLA_WORDS[spec.sla])} time exceeded: due ${current[spec.due]}`
        : `80 % of the ${SLA_WORDS[spec.sla]} time used: due ${current[spec.due]}${superseded ? ' (not e-mailed: the breach came in the same sweep)' : ''}`;
      return { ticket: after, event: ticketEvent(after, spec.event, now, ACTOR, what) };
    });
    if (changed) {
      if (spec.breach) counts.breached++;
      else counts.warned++;
      logger.info(spec.breach ? 'SLA breach marked' : 'SLA warning marked', { ticketId: ticket.ticketId, moment: moment.kind });
    }
  }
  return counts;
}

/**
 * A warning goes to whoever must act on the ticket: its technician, or the account manager while
 * nobody has it. A breach goes to the account manager and the technician.
 */
function recipients(ticket: Ticket, onboarding: Onboarding, breach: boolean): string[] {
  const accountManager = onboarding.accountManager.email;
  const assignee = ticket.assignee?.email;
  if (!breach) return [assignee ?? accountManager];
  const all = assignee ? [accountManager, assignee] : [accountManager];
  return all.filter((address, index) => all.findIndex((other) => other.toLowerCase() === address.toLowerCase()) === index);
}

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
