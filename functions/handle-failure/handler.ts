import * as z from 'zod';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../runtime/observability';
import { stepHandler } from '../runtime/step-handler';
import { handleFailure } from './handle-failure';

/** The Catch output of any step: `{Error, Cause}` as Step Functions writes it. */
const payloadSchema = z.strictObject({
  onboardingId: z.string().min(1).max(80),
  failure: z.object({ Error: z.string(), Cause: z.string().optional() }),
  /** `$$.Execution.Id`: its history tells which state failed, its name which attempt this was. */
  executionArn: z.string().min(1).max(2048),
});

/** State HandleFailure. */
export const handler = stepHandler(payloadSchema, async ({ onboardingId, failure, executionArn }) => {
  await handleFailure(onboardingId, failure, executionArn);
  metrics.addMetric('OnboardingFailed', MetricUnit.Count, 1);
  return { status: 'FAILED' };
});
