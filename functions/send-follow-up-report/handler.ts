import * as z from 'zod';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../runtime/observability';
import { enteredTimeField, onboardingIdField, secondsField } from '../runtime/step-payloads';
import { stepHandler } from '../runtime/step-handler';
import { sendFollowUpReport } from './send-follow-up-report';

/** State SendFollowUpReport. */
export const handler = stepHandler(z.strictObject({ onboardingId: onboardingIdField, now: enteredTimeField, feedbackValidSeconds: secondsField }), async (input) => {
  const result = await sendFollowUpReport(input);
  if (result.completed) metrics.addMetric('OnboardingCompleted', MetricUnit.Count, 1);
  return result;
});
