import * as z from 'zod';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { RESUMABLE_STATES } from '../domain/recovery';
import { metrics } from '../runtime/observability';
import { countField, enteredTimeField, onboardingIdField, secondsField } from '../runtime/step-payloads';
import { stepHandler } from '../runtime/step-handler';
import { resumeOnboarding } from './resume-onboarding';

const payloadSchema = z.strictObject({
  onboardingId: onboardingIdField,
  resumeAt: z.enum(RESUMABLE_STATES),
  attempt: z.number().int().min(1).max(9999),
  now: enteredTimeField,
  decisionReminderSeconds: secondsField,
  decisionMaxReminders: countField,
});

/** State ResumeOnboarding: the first state of a retried execution. */
export const handler = stepHandler(payloadSchema, async (input) => {
  const result = await resumeOnboarding(input);
  metrics.addMetric('OnboardingResumed', MetricUnit.Count, 1);
  return result;
});
