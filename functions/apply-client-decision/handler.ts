import * as z from 'zod';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../runtime/observability';
import { countField, onboardingIdField, versionField } from '../runtime/step-payloads';
import { stepHandler } from '../runtime/step-handler';
import { applyClientDecision } from './apply-client-decision';

const payloadSchema = z.strictObject({
  onboardingId: onboardingIdField,
  agreementVersion: versionField,
  decision: z.enum(['approve', 'decline', 'request-changes']),
  maxRevisions: countField,
});

const METRIC = { approved: 'AgreementApproved', declined: 'AgreementDeclined', 'changes-requested': 'AgreementChangesRequested' } as const;

/** State ApplyClientDecision. */
export const handler = stepHandler(payloadSchema, async (input) => {
  const result = await applyClientDecision(input);
  metrics.addMetric(METRIC[result.outcome], MetricUnit.Count, 1);
  return result;
});
