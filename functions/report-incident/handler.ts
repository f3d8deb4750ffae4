import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { ONBOARDING_ID_PATTERN } from '../domain/ids';
import { staffIncidentSchema } from '../domain/problem';
import { reportProblem } from '../application/report-problem';
import { ConflictError, NotFoundError } from '../runtime/errors';
import { parseJsonBody } from '../runtime/http/request';
import { json, staffHandler } from '../runtime/http/http-handler';
import { metrics } from '../runtime/observability';
import { refusalMessage } from './refusal-message';

/** POST /onboardings/{id}/incidents (staff): a new problem during implementation or monitoring. */
export const handler = staffHandler(async ({ event, caller }) => {
  const id = event.pathParameters?.id ?? '';
  if (!ONBOARDING_ID_PATTERN.test(id)) throw new NotFoundError(`No onboarding with id ${id.slice(0, 64)}`);
  const incident = parseJsonBody(event, staffIncidentSchema);
  const now = new Date(event.requestContext.timeEpoch).toISOString();
  const result = await reportProblem(id, { ...incident, source: 'staff', actor: { kind: 'staff', sub: caller.sub, email: caller.email } }, now);
  if (result.outcome === 'refused') throw new ConflictError(refusalMessage(result.reason), { reason: result.reason });
  if (result.outcome === 'duplicate') throw new ConflictError('This problem was reported already');
  metrics.addMetric('ProblemReported', MetricUnit.Count, 1);
  return json(
    201,
    { onboardingId: id, incidentId: result.incidentId, ticketId: result.ticketId, status: result.onboarding.status },
    { location: `/onboardings/${id}` },
  );
});
