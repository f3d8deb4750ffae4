import type { Actor, Onboarding } from '../domain/onboarding';
import { EVENTS } from '../domain/lifecycle';
import { incidentIdOf, MAX_INCIDENTS_PER_ONBOARDING, MAX_TICKETS_PER_ROUND, type ProblemRefusal, type ReportedIncident } from '../domain/problem';
import type { Impact } from '../domain/intake';
import type { Priority } from '../domain/rate-card';
import { newTicket } from '../domain/ticket';
import { findAgreementVersion } from '../adapters/dynamodb/document-repository';
import { findOnboarding } from '../adapters/dynamodb/onboarding-repository';
import { problemRefusal, recordProblem, recordRefusedProblem, submissionFiled, type ProblemBounds } from '../adapters/dynamodb/problem-repository';
import { deliverCallback } from './callback-delivery';
import { CALENDAR } from './business-calendar';
import { slaTermsOf } from './sla-terms';
import { ticketEvent } from './ticket-events';
import { workflowPolicy } from './workflow-input';
import { NotFoundError, TransientDependencyError } from '../runtime/errors';
import { logger } from '../runtime/observability';

export interface ProblemReport {
  title: string;
  description: string;
  category: string;
  impact: Impact;
  affectedUsers?: number;
  /** Staff may set it; otherwise the impact's. */
  priority?: Priority;
  /** A client's report has none: any technician fits until staff refine it. */
  requiredSkills?: string[];
  /** Hours; a client's report has no estimate (0). */
  estimatedHours?: number;
  source: 'staff' | 'client';
  actor: Actor;
  /** A client form's submission id: the same one twice files one report. */
  submissionId?: string;
}

export type ProblemReportOutcome =
  | { outcome: 'recorded'; incidentId: string; ticketId: string; onboarding: Onboarding }
  | { outcome: 'duplicate'; onboarding: Onboarding }
  | { outcome: 'refused'; reason: ProblemRefusal; onboarding: Onboarding };

function boundsFor(source: ProblemReport['source']): ProblemBounds {
  const policy = workflowPolicy();
  return {
    maxIncidents: MAX_INCIDENTS_PER_ONBOARDING,
    maxRounds: policy.maxRounds,
    maxPerRound: MAX_TICKETS_PER_ROUND,
    ...(source === 'client' ? { maxClientReports: policy.maxClientReports } : {}),
  };
}

/**
 * A new problem during implementation or monitoring, from staff or from the client's link: it
 * becomes an incident and an OPEN ticket whose SLA clock starts now, billed at the agreed rate,
 * for the next round. A bound refuses it (and keeps it as an open point for the report). During
 * monitoring the report wakes the workflow's wait; during a round it waits for the next one.
 */
export async function reportProblem(onboardingId: string, report: ProblemReport, now: string): Promise<ProblemReportOutcome> {
  const bounds = boundsFor(report.source);
  for (let attempt = 0; attempt < 5; attempt++) {
    const onboarding = await findOnboarding(onboardingId);
    if (!onboarding) throw new NotFoundError(`No onboarding with id ${onboardingId}`);
    // Only onboardings whose work has begun (round 1 or later) take reports; their agreement is approved.
    const refusal = (onboarding.round ?? 0) < 1 ? 'closed' : problemRefusal(onboarding, bounds);
    if (refusal) {
      // A submission sent again after it filed its report (a double submit of the last report a
      // bound allows, or the loser of two at once) is that report, not a refused one.
      if (report.submissionId && (await submissionFiled(onboarding.id, report.submissionId))) return { outcome: 'duplicate', onboarding };
      await recordRefusedProblem(onboarding.id, { title: report.title, reportedAt: now, reason: refusal, source: report.source });
      logger.info('problem refused', { onboardingId, reason: refusal, source: report.source });
      return { outcome: 'refused', reason: refusal, onboarding };
    }
    const agreement = onboarding.agreement && (await findAgreementVersion(onboarding.id, onboarding.agreement.version));
    if (!agreement) throw new NotFoundError(`Onboarding ${onboardingId} has no agreement`);

    const incidentId = incidentIdOf((onboarding.lastIncidentNumber ?? onboarding.incidents.length) + 1);
    const incident: ReportedIncident = {
      id: incidentId,
      onboardingId: onboarding.id,
      title: report.title,
      description: report.description,
      category: report.category,
      impact: report.impact,
      ...(report.affectedUsers === undefined ? {} : { affectedUsers: report.affectedUsers }),
      reportedAt: now,
      reportedBy: report.actor,
      source: report.source,
    };
    const ticket = newTicket(
      {
        onboardingId: onboarding.id,
        incidentId,
        onboardingVersion: onboarding.version,
        title: report.title,
        priority: report.priority ?? report.impact,
        requiredSkills: report.requiredSkills ?? [],
        estimatedHours: report.estimatedHours ?? 0,
        createdAt: now,
        slaTerms: slaTermsOf(agreement),
      },
      CALENDAR,
    );
    ticket.source = report.source;
    const who = report.source === 'client' ? 'The client' : 'Staff';
    const event = ticketEvent(ticket, EVENTS.problemReported, now, report.actor, `${who} reported ${incidentId} "${report.title}" (${ticket.priority}); it goes into the next round`);
    const result = await recordProblem({ onboarding, incident, ticket, event, bounds, ...(report.submissionId ? { submissionId: report.submissionId } : {}) });
    if (result.outcome === 'conflict') continue; // another report took the number, or the status moved: read again
    const after = (await findOnboarding(onboardingId)) ?? onboarding;
    // Read the token after the write: the monitoring wait may have stored it meanwhile.
    if (after.monitoringTask) {
      // Undeliverable now: recorded for SweepCallbacks; the report stands.
      const woken = await deliverCallback({ taskToken: after.monitoringTask.taskToken, output: { problemReported: incidentId }, onboardingId, purpose: 'monitoring-wake-up' });
      logger.info('monitoring woken by a new problem', { onboardingId, woken });
    }
    if (result.outcome === 'duplicate') return { outcome: 'duplicate', onboarding: after };
    return { outcome: 'recorded', incidentId, ticketId: ticket.ticketId, onboarding: after };
  }
  throw new TransientDependencyError('DynamoDB', new Error('problem reports kept meeting concurrent changes'));
}
