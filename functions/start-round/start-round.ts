import { EVENTS } from '../domain/lifecycle';
import { MAX_TICKETS_PER_ROUND } from '../domain/problem';
import type { Ticket } from '../domain/ticket';
import { transitionOnboarding } from '../adapters/dynamodb/onboarding-repository';
import { roundClaim, startRoundWhileImplementing, ticketsAndRefusals } from '../adapters/dynamodb/problem-repository';
import { loadOnboarding } from '../application/onboarding-loader';
import { ConflictError, TransientDependencyError } from '../runtime/errors';

const STEP = 'StartRound';
const SYSTEM = { kind: 'system', step: STEP } as const;

export interface Round {
  ticketIds: string[];
  /** A client reported one of its problems: it waits the triage time before the round starts. */
  triage: boolean;
}

/**
 * A new round of work: the problems reported since the last round (at most 25, oldest first)
 * become its tickets, worked by the same Map as the first round. From MONITORING the onboarding is
 * IMPLEMENTING again; the pending count goes down by what the round took (an ADD, so a report at
 * the same moment is not lost: it waits for the round after). A retry finds its own round by its
 * start time (the state's entered time) and answers the same tickets.
 */
export async function startRound(input: { onboardingId: string; now: string }): Promise<Round> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const onboarding = await loadOnboarding(input.onboardingId);
    const { tickets } = await ticketsAndRefusals(onboarding.id);
    if (onboarding.roundStartedAt === input.now) return roundOf(tickets.filter((t) => t.round === onboarding.round));

    const taken = tickets
      .filter((ticket) => ticket.round === undefined && ticket.status === 'OPEN')
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .slice(0, MAX_TICKETS_PER_ROUND);
    if (taken.length === 0) throw new ConflictError(`Onboarding ${onboarding.id} has no reported problem waiting for a round`);
    const round = (onboarding.round ?? 1) + 1;
    const detail = `Round ${round}: ${taken.length} reported problem(s) (${taken.map((t) => t.incidentId).join(', ')})`;

    if (onboarding.status === 'MONITORING') {
      try {
        await transitionOnboarding(
          onboarding,
          'roundStarted',
          { at: input.now, actor: SYSTEM, detail },
          { round, roundStartedAt: input.now },
          {
            add: { pendingProblems: -taken.length },
            remove: ['monitoring', 'monitoringTask'],
            condition: { expression: 'pendingProblems >= :taken', values: { ':taken': taken.length } },
            also: taken.map((ticket) => roundClaim(ticket, round)),
          },
        );
      } catch (error) {
        if (error instanceof ConflictError) continue; // a ticket or the aggregate moved: read again
        throw error;
      }
    } else if (onboarding.status === 'IMPLEMENTING') {
      const event = { onboardingId: onboarding.id, version: onboarding.version, at: input.now, type: EVENTS.nextRoundStarted, actor: SYSTEM, detail };
      if (!(await startRoundWhileImplementing(onboarding, taken, round, input.now, event))) continue;
    } else {
      throw new ConflictError(`Onboarding ${onboarding.id} cannot start a round in status ${onboarding.status}`);
    }
    return roundOf(taken);
  }
  throw new TransientDependencyError('DynamoDB', new Error('the round start kept meeting concurrent changes'));
}

function roundOf(tickets: Ticket[]): Round {
  return { ticketIds: tickets.map((ticket) => ticket.ticketId), triage: tickets.some((ticket) => ticket.source === 'client') };
}
