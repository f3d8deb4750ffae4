import * as z from 'zod';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../runtime/observability';
import { onboardingIdField, versionField } from '../runtime/step-payloads';
import { stepHandler } from '../runtime/step-handler';
import { expireAgreement } from './expire-agreement';

/** State ExpireAgreement. */
export const handler = stepHandler(z.strictObject({ onboardingId: onboardingIdField, agreementVersion: versionField }), async (input) => {
  const result = await expireAgreement(input);
  if (result.expired) metrics.addMetric('AgreementExpired', MetricUnit.Count, 1);
  return result;
});
