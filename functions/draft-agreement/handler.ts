import * as z from 'zod';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../runtime/observability';
import { countField, enteredTimeField, onboardingIdField, secondsField, versionField } from '../runtime/step-payloads';
import { stepHandler } from '../runtime/step-handler';
import { draftAgreement } from './draft-agreement';

/** State DraftAgreement. */
export const handler = stepHandler(
  z.strictObject({
    onboardingId: onboardingIdField,
    analysisVersion: versionField,
    now: enteredTimeField,
    decisionReminderSeconds: secondsField,
    decisionMaxReminders: countField,
  }),
  async ({ onboardingId, analysisVersion, now, decisionReminderSeconds, decisionMaxReminders }) => {
    const result = await draftAgreement(onboardingId, analysisVersion, { enteredAt: new Date(now), capSeconds: decisionReminderSeconds, maxReminders: decisionMaxReminders });
    metrics.addMetric('AgreementDrafted', MetricUnit.Count, 1);
    if (result.outcome === 'held') metrics.addMetric('AgreementHeldForRelease', MetricUnit.Count, 1);
    return result;
  },
);
