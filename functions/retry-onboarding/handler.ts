import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { ONBOARDING_ID_PATTERN } from '../domain/ids';
import { NotFoundError } from '../runtime/errors';
import { json, staffHandler } from '../runtime/http/http-handler';
import { metrics } from '../runtime/observability';
import { retryOnboarding } from './retry-onboarding';

/** POST /onboardings/{id}/retry (admin): resumes a FAILED onboarding at the step that failed. No body. */
export const handler = staffHandler(async ({ event, caller }) => {
  const id = event.pathParameters?.id ?? '';
  if (!ONBOARDING_ID_PATTERN.test(id)) throw new NotFoundError(`No onboarding with id ${id.slice(0, 64)}`);
  const result = await retryOnboarding(id, caller);
  metrics.addMetric('RetryRequested', MetricUnit.Count, 1);
  return json(202, result, { location: `/onboardings/${id}` });
});
