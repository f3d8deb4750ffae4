import { chooseTechnician } from '../domain/assignment';
import { allTechnicians } from '../adapters/dynamodb/technician-repository';
import { findTicket } from '../adapters/dynamodb/ticket-repository';
import { notifyOnce } from '../application/notifications';
import { loadOnboarding } from '../application/onboarding-loader';
import { ticketScope } from '../application/ticket-events';
import { ConflictError } from '../runtime/errors';
import { API_URL } from '../application/api-url';
import { assignmentEscalationNotice } from '../templates/email/assignment-escalation';

const STEP = 'PlanTechnicianWait';

export interface TechnicianWaitPlan {
  /** How long AwaitTechnician waits before it looks again (a wake-up ends it sooner). */
  waitSeconds: number;
  escalated: boolean;
}

/**
 * Nobody fits the ticket. Decides the next wait: no longer than the re-check interval, and no
 * later than the moment the ticket has waited `escalateAfterSeconds`; from then on the account
 * manager has been told (once) and only wake-ups and a quiet daily re-check remain, so the
 * execution's history stays bounded.
 */
export async function planTechnicianWait(input: {
  onboardingId: string;
  ticketId: string;
  now: string;
  recheckSeconds: number;
  escalateAfterSeconds: number;
  quietRecheckSeconds: number;
}): Promise<TechnicianWaitPlan> {
  const ticket = await findTicket(input.ticketId);
  if (!ticket || ticket.onboardingId !== input.onboardingId) throw new ConflictError(`Ticket ${input.ticketId} is not a ticket of ${input.onboardingId}`);
  // Assigned meanwhile: the wait resumes itself at once and AssignTechnician finds it assigned.
  if (ticket.status !== 'OPEN') return { waitSeconds: 1, escalated: false };

  const now = Date.parse(input.now);
  const since = Date.parse(ticket.waitingForTechnicianSince ?? input.now);
  const waitedSeconds = Math.max(0, (now - since) / 1000);
  if (waitedSeconds < input.escalateAfterSeconds) {
    const untilEscalation = Math.ceil(input.escalateAfterSeconds - waitedSeconds);
    return { waitSeconds: Math.max(1, Math.min(input.recheckSeconds, untilEscalation)), escalated: false };
  }

  const onboarding = await loadOnboarding(input.onboardingId);
  const decision = chooseTechnician(ticket.requiredSkills, await allTechnicians());
  const excluded = decision.assigned ? [] : decision.reason.excluded;
  await notifyOnce(onboarding, {
    notice: { kind: 'assignmentEscalated', scope: ticketScope(ticket) },
    step: STEP,
    to: [onboarding.accountManager.email],
    render: () => assignmentEscalationNotice({ ticket, onboarding, waitingSince: ticket.waitingForTechnicianSince ?? input.now, excluded, apiUrl: API_URL }),
    detail: `Nobody could take ${ticket.ticketId} for ${Math.round(waitedSeconds / 60)} minute(s): escalated to the account manager`,
    at: input.now,
    ticket,
  });
  return { waitSeconds: input.quietRecheckSeconds, escalated: true };
}
