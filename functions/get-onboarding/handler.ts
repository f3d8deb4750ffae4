import { ONBOARDING_ID_PATTERN } from '../domain/ids';
import { ticketView } from '../domain/ticket';
import { findOnboardingWithTimeline } from '../adapters/dynamodb/onboarding-repository';
import { NotFoundError } from '../runtime/errors';
import { staffHandler, json } from '../runtime/http/http-handler';

/** GET /onboardings/{id} (staff): the aggregate with its timeline. */
export const handler = staffHandler(async ({ event }) => {
  const id = event.pathParameters?.id ?? '';
  const notFound = new NotFoundError(`No onboarding with id ${id.slice(0, 64)}`);
  if (!ONBOARDING_ID_PATTERN.test(id)) throw notFound;
  const found = await findOnboardingWithTimeline(id);
  if (!found) throw notFound;
  // The waiting task's token is a secret of the backend: never shown.
  // The waits' task tokens are secrets of the backend: never shown.
  const { id: onboardingId, pendingAnalysisTask: _secret, monitoringTask: _alsoSecret, releaseTask: _releaseSecret, ...onboarding } = found.onboarding;
  // The link's token hash is the backend's handle on the client's link: not for display either.
  const agreement = onboarding.agreement ? (({ linkHash: _linkHash, ...shown }) => shown)(onboarding.agreement) : undefined;
  return json(200, {
    onboardingId,
    ...onboarding,
    ...(agreement ? { agreement } : {}),
    notificationsSent: found.notificationsSent,
    // The intake's incidents and those reported since, in number order.
    incidents: [...onboarding.incidents, ...found.reportedIncidents.map(({ onboardingId: _omit, ...incident }) => incident)],
    waitingForAnalysis: Boolean(found.onboarding.pendingAnalysisTask) && onboarding.status === 'AWAITING_ANALYSIS',
    analysisVersions: found.analyses.map(({ version, submittedAt, submittedBy }) => ({ version, submittedAt, submittedBy })),
    agreementVersions: found.agreements,
    // Per decided agreement version: who decided what, when, from which IP and browser, on which document and PDF.
    // Personal data, for staff only (and never logged); kept for the retention years after the link is gone.
    decisionEvidence: found.evidence,
    tickets: found.tickets.map(ticketView),
    report: found.reports.at(-1) ?? null,
    feedback: found.feedback ?? null,
    timeline: found.timeline.map(({ onboardingId: _omit, ...event }) => event),
  });
});
