import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { analysisSubmissionSchema } from '../domain/analysis';
import { ONBOARDING_ID_PATTERN } from '../domain/ids';
import { NotFoundError } from '../runtime/errors';
import { parseJsonBody } from '../runtime/http/request';
import { json, staffHandler } from '../runtime/http/http-handler';
import { metrics } from '../runtime/observability';
import { submitAnalysis } from './submit-analysis';

/** POST /onboardings/{id}/analysis (analyst, admin). */
export const handler = staffHandler(async ({ event, caller }) => {
  const id = event.pathParameters?.id ?? '';
  if (!ONBOARDING_ID_PATTERN.test(id)) throw new NotFoundError(`No onboarding with id ${id.slice(0, 64)}`);
  const submission = parseJsonBody(event, analysisSubmissionSchema);
  const result = await submitAnalysis(id, submission, caller);
  metrics.addMetric('AnalysisSubmitted', MetricUnit.Count, 1);
  return json(202, { onboardingId: id, ...result });
});
