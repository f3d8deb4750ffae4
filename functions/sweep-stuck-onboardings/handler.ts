import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../runtime/observability';
import { scheduledEventSchema } from '../runtime/scheduled-event';
import { stepHandler } from '../runtime/step-handler';
import { sweepStuckOnboardings } from './sweep-stuck-onboardings';

/** Function SweepStuckOnboardings, run hourly by an EventBridge rule (an interval on the twin). */
export const handler = stepHandler(scheduledEventSchema, async (event) => {
  const summary = await sweepStuckOnboardings(event.time);
  // One total per run, zero included, so the alarm sees a quiet hour as a quiet hour, not as missing data.
  metrics.addMetric('StuckOnboardings', MetricUnit.Count, summary.stuck);
  return summary;
});
