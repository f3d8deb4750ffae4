import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { ONBOARDING_ID_PATTERN } from '../domain/ids';
import { releaseSchema, returnSchema } from '../domain/release';
import { NotFoundError } from '../runtime/errors';
import { json, staffHandler } from '../runtime/http/http-handler';
import { parseJsonBody, rawBody } from '../runtime/http/request';
import { metrics } from '../runtime/observability';
import { decideRelease } from './release-agreement';

/**
 * POST /onboardings/{id}/agreement/release (no body, or {comment?}) and
 * POST /onboardings/{id}/agreement/return {comment} (account-manager, admin).
 */
export const handler = staffHandler(async ({ event, caller }) => {
  const id = event.pathParameters?.id ?? '';
  if (!ONBOARDING_ID_PATTERN.test(id)) throw new NotFoundError(`No onboarding with id ${id.slice(0, 64)}`);
  const action = event.rawPath.endsWith('/return') ? 'return' : 'release';
  const body = action === 'release' && rawBody(event).length === 0 ? {} : parseJsonBody(event, action === 'return' ? returnSchema : releaseSchema);
  const result = await decideRelease(id, { action, ...body }, caller);
  metrics.addMetric(action === 'release' ? 'ReleaseRequested' : 'ReturnRequested', MetricUnit.Count, 1);
  return json(202, { onboardingId: id, ...result, status: 'AWAITING_RELEASE' });
});
