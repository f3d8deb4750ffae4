import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../runtime/observability';
import { stepHandler } from '../runtime/step-handler';
import { handleEmailEvent } from './handle-email-event';
import { sendingEventOf, sesEventSchema } from './ses-event';

/** Metric per SES event kind: soft bounces and rejects are only counted, never suppressed. */
function eventMetric(event: ReturnType<typeof sendingEventOf>): string {
  if (event.eventType === 'Complaint') return 'EmailComplaint';
  if (event.eventType === 'Reject') return 'EmailRejected';
  return event.bounceType === 'Permanent' ? 'EmailPermanentBounce' : 'EmailTransientBounce';
}

/**
 * Function HandleEmailEvent: the EventBridge rule on the default bus sends it the configuration
 * set's bounces, complaints and rejects (SES's event record is the event's `detail`).
 */
export const handler = stepHandler(sesEventSchema, async (event) => {
  const sending = sendingEventOf(event);
  const outcome = await handleEmailEvent(sending);
  metrics.addMetric(eventMetric(sending), MetricUnit.Count, 1);
  if (outcome.suppressed > 0) metrics.addMetric('EmailAddressSuppressed', MetricUnit.Count, outcome.suppressed);
  return outcome;
});
