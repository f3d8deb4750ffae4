import { newTicket } from '../domain/ticket';
import { findAnalysisVersion } from '../adapters/dynamodb/document-repository';
import { firstRound, insertTickets } from '../adapters/dynamodb/ticket-repository';
import { loadAgreement } from '../application/agreement-loader';
import { CALENDAR } from '../application/business-calendar';
import { slaTermsOf } from '../application/sla-terms';
import { ticketTransitionEvent } from '../application/ticket-events';
import { loadOnboarding } from '../application/onboarding-loader';
import { ConflictError } from '../runtime/errors';
import { logger } from '../runtime/observability';

const STEP = 'CreateTickets';

/**
 * Seed step 4, ticketing: one ticket per line of the approved agreement, each with its priority,
 * required skills, estimate and its response and resolution due times on the business-hours
 * clock, counted from `now` (the state's entered time). All of them and their timeline events are
 * one transaction; a retry finds them there and answers the same ids.
 */
export async function createTickets(input: { onboardingId: string; agreementVersion: number; now: string }): Promise<{ ticketIds: string[] }> {
  const onboarding = await loadOnboarding(input.onboardingId);
  if (onboarding.status !== 'IMPLEMENTING') throw new ConflictError(`Onboarding ${onboarding.id} is ${onboarding.status}, not IMPLEMENTING`);
  const agreement = await loadAgreement(onboarding, input.agreementVersion);
  if (agreement.version !== input.agreementVersion) throw new ConflictError(`Agreement version ${input.agreementVersion} is not the approved one`);
  const analysis =
    onboarding.analysis?.version === agreement.analysisVersion ? onboarding.analysis : await findAnalysisVersion(onboarding.id, agreement.analysisVersion);
  if (!analysis) throw new ConflictError(`Analysis version ${agreement.analysisVersion} of ${onboarding.id} is missing`);

  const slaTerms = slaTermsOf(agreement);
  const skills = new Map(analysis.items.map((item) => [item.incidentId, item.requiredSkills]));
  const tickets = agreement.lines.map((line) =>
    newTicket(
      {
        onboardingId: onboarding.id,
        incidentId: line.incidentId,
        onboardingVersion: onboarding.version,
        round: 1,
        title: line.title,
        priority: line.priority,
        requiredSkills: skills.get(line.incidentId) ?? [],
        estimatedHours: line.estimatedHours,
        createdAt: input.now,
        slaTerms,
      },
      CALENDAR,
    ),
  );
  const events = tickets.map((ticket) =>
    ticketTransitionEvent(ticket, 'ticketCreated', input.now, { kind: 'system', step: STEP }, `${ticket.title} (${ticket.priority}): respond by ${ticket.responseDueAt}, resolve by ${ticket.resolveDueAt}`),
  );
  // The aggregate learns its first round in the same transaction: problems reported later go to round 2 on.
  const created = await insertTickets(tickets, events, [firstRound(onboarding.id)]);
  logger.info('tickets', { onboardingId: onboarding.id, count: tickets.length, created });
  return { ticketIds: tickets.map((ticket) => ticket.ticketId) };
}
