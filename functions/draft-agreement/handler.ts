import { z } from 'zod';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../shared/observability';
import { onboardingIdField, versionField } from '../shared/stage-payloads';
import { stageHandler } from '../shared/stage-handler';
import { draftAgreement } from './draft-agreement';

/** State DraftAgreement. */
export const handler = stageHandler(
  z.strictObject({ onboardingId: onboardingIdField, analysisVersion: versionField }),
  async ({ onboardingId, analysisVersion }) => {
    const result = await draftAgreement(onboardingId, analysisVersion);
    metrics.addMetric('AgreementDrafted', MetricUnit.Count, 1);
    return result;
  },
);
