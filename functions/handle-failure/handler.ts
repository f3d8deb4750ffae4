import { z } from 'zod';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../runtime/observability';
import { stepHandler } from '../runtime/step-handler';
import { handleFailure } from './handle-failure';

/** The Catch output of any step: `{Error, Cause}` as Step Functions writes it. */
const payloadSchema = z.strictObject({
  onboardingId: z.string().min(1).max(80),
  failure: z.object({ Error: z.string(), Cause: z.string().optional() }),
});

/** State HandleFailure. */
export const handler = stepHandler(payloadSchema, async ({ onboardingId, failure }) => {
  await handleFailure(onboardingId, failure);
  metrics.addMetric('OnboardingFailed', MetricUnit.Count, 1);
  return { status: 'FAILED' };
});
