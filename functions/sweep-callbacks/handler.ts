import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../runtime/observability';
import { scheduledEventSchema } from '../runtime/scheduled-event';
import { stepHandler } from '../runtime/step-handler';
import { sweepCallbacks } from './sweep-callbacks';

/** Function SweepCallbacks, run every 5 minutes by an EventBridge rule (an interval on the twin). */
export const handler = stepHandler(scheduledEventSchema, async (event, context) => {
  const summary = await sweepCallbacks({ now: event.time, remainingMs: () => context.getRemainingTimeInMillis() });
  metrics.addMetric('CallbackDelivered', MetricUnit.Count, summary.delivered);
  return summary;
});
