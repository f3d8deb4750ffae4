import { z } from 'zod';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../shared/observability';
import { onboardingIdField, versionField } from '../shared/stage-payloads';
import { stageHandler } from '../shared/stage-handler';
import { expireAgreement } from './expire-agreement';

/** State ExpireAgreement. */
export const handler = stageHandler(z.strictObject({ onboardingId: onboardingIdField, agreementVersion: versionField }), async (input) => {
  const result = await expireAgreement(input);
  if (result.expired) metrics.addMetric('AgreementExpired', MetricUnit.Count, 1);
  return result;
});
