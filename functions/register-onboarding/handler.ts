import * as z from 'zod';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { ONBOARDING_ID_PATTERN } from '../domain/ids';
import { metrics } from '../runtime/observability';
import { stepHandler } from '../runtime/step-handler';
import { registerOnboarding } from './register-onboarding';

const payloadSchema = z.strictObject({ onboardingId: z.string().regex(ONBOARDING_ID_PATTERN) });

/** State RegisterOnboarding. */
export const handler = stepHandler(payloadSchema, async ({ onboardingId }) => {
  const result = await registerOnboarding(onboardingId);
  metrics.addMetric('OnboardingRegistered', MetricUnit.Count, 1);
  return result;
});
