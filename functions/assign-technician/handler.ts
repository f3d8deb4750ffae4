import * as z from 'zod';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../runtime/observability';
import { enteredTimeField, onboardingIdField, ticketIdField } from '../runtime/step-payloads';
import { stepHandler } from '../runtime/step-handler';
import { assignTechnician } from './assign-technician';

/** State AssignTechnician (inside the ticket Map): fails with NoTechnicianAvailable when nobody fits. */
export const handler = stepHandler(z.strictObject({ onboardingId: onboardingIdField, ticketId: ticketIdField, now: enteredTimeField }), async (input) => {
  const result = await assignTechnician(input);
  metrics.addMetric('TicketAssigned', MetricUnit.Count, 1);
  return result;
});
