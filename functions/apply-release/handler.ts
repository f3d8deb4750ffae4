import * as z from 'zod';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../runtime/observability';
import { countField, enteredTimeField, onboardingIdField, secondsField, versionField } from '../runtime/step-payloads';
import { stepHandler } from '../runtime/step-handler';
import { applyRelease } from './apply-release';

/** State ApplyRelease. */
export const handler = stepHandler(
  z.strictObject({
    onboardingId: onboardingIdField,
    agreementVersion: versionField,
    action: z.enum(['release', 'return']),
    now: enteredTimeField,
    decisionReminderSeconds: secondsField,
    decisionMaxReminders: countField,
  }),
  async (input) => {
    const result = await applyRelease(input);
    metrics.addMetric(result.outcome === 'released' ? 'AgreementReleased' : 'AgreementReturned', MetricUnit.Count, 1);
    return result;
  },
);
