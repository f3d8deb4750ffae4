import { z } from 'zod';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../runtime/observability';
import { onboardingIdField, versionField } from '../runtime/step-payloads';
import { stepHandler } from '../runtime/step-handler';
import { applyRelease } from './apply-release';

/** State ApplyRelease. */
export const handler = stepHandler(
  z.strictObject({ onboardingId: onboardingIdField, agreementVersion: versionField, action: z.enum(['release', 'return']) }),
  async (input) => {
    const result = await applyRelease(input);
    metrics.addMetric(result.outcome === 'released' ? 'AgreementReleased' : 'AgreementReturned', MetricUnit.Count, 1);
    return result;
  },
);
