import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { z } from 'zod';
import { metrics } from '../runtime/observability';
import { stepHandler } from '../runtime/step-handler';
import { sweepCallbacks } from './sweep-callbacks';

/** The EventBridge scheduled event of a rate rule (the twin's interval imitates it); its `time` is the sweep's clock. */
const scheduledEventSchema = EventBridgeSchema.extend({
  'detail-type': z.literal('Scheduled Event'),
  source: z.literal('aws.events'),
  time: z.iso.datetime(),
});

/** Function SweepCallbacks, run every 5 minutes by an EventBridge rule (an interval on the twin). */
export const handler = stepHandler(scheduledEventSchema, async (event, context) => {
  const summary = await sweepCallbacks({ now: event.time, remainingMs: () => context.getRemainingTimeInMillis() });
  metrics.addMetric('CallbackDelivered', MetricUnit.Count, summary.delivered);
  return summary;
});
