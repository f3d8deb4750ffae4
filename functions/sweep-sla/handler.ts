import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../runtime/observability';
import { scheduledEventSchema } from '../runtime/scheduled-event';
import { stepHandler } from '../runtime/step-handler';
import { sweepSla, type SweepSummary } from './sweep-sla';

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
