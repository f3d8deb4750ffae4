import * as z from 'zod';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../runtime/observability';
import { enteredTimeField, onboardingIdField, versionField } from '../runtime/step-payloads';
import { stepHandler } from '../runtime/step-handler';
import { createTickets } from './create-tickets';

/** State CreateTickets. */
export const handler = stepHandler(z.strictObject({ onboardingId: onboardingIdField, agreementVersion: versionField, now: enteredTimeField }), async (input) => {
  const result = await createTickets(input);
  metrics.addMetric('TicketsCreated', MetricUnit.Count, result.ticketIds.length);
  return result;
});
