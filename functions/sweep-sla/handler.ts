import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { z } from 'zod';
import { metrics } from '../runtime/observability';
import { stepHandler } from '../runtime/step-handler';
import { sweepSla, type SweepSummary } from './sweep-sla';

/**
 * The EventBridge scheduled event, as a rule with a rate schedule delivers it (and the twin's
 * interval imitates it). Its `time` is the sweep's only clock: AWS sends it to the second
 * ("2026-12-01T10:05:00Z"), in UTC.
 */
export const scheduledEventSchema = EventBridgeSchema.extend({
  'detail-type': z.literal('Scheduled Event'),
  source: z.literal('aws.events'),
  time: z.iso.datetime(),
});
export type ScheduledEvent = z.output<typeof scheduledEventSchema>;

/** Some tickets could not be swept; they stay due, so the next sweep (or Lambda's retry of this one) tries them again. */
export class SlaSweepIncompleteError extends Error {
  constructor(readonly summary: SweepSummary) {
    super(`${summary.failed} ticket(s) could not be swept`);
    this.name = 'SlaSweepIncompleteError';
  }
}

/** Function SweepSla, run every 5 minutes by an EventBridge rule (an interval on the twin). */
export const handler = stepHandler(scheduledEventSchema, async (event, context) => {
  const summary = await sweepSla({ now: event.time, remainingMs: () => context.getRemainingTimeInMillis() });
  metrics.addMetric('SlaWarning', MetricUnit.Count, summary.warned);
  metrics.addMetric('SlaBreach', MetricUnit.Count, summary.breached);
  // Thrown after every other ticket was swept: the function's error alarm sees a ticket that keeps failing.
  if (summary.failed > 0) throw new SlaSweepIncompleteError(summary);
  return summary;
});
