import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../runtime/observability';
import { scheduledEventSchema } from '../runtime/scheduled-event';
import { stepHandler } from '../runtime/step-handler';
import { startStrandedIntakes, type StrandedSweepSummary } from './start-stranded-intakes';

/** Some stranded intakes could not be started; they stay RECEIVED, so the next sweep tries them again. */
export class StrandedIntakesNotStartedError extends Error {
  constructor(readonly summary: StrandedSweepSummary) {
    super(`${summary.failed} stranded intake(s) could not be started`);
    this.name = 'StrandedIntakesNotStartedError';
  }
}

/** Function StartStrandedIntakes, run every 10 minutes by an EventBridge rule (an interval on the twin). */
export const handler = stepHandler(scheduledEventSchema, async (event) => {
  const summary = await startStrandedIntakes(event.time);
  metrics.addMetric('StrandedIntakeStarted', MetricUnit.Count, summary.started);
  // After every other intake was tried: the function's error alarm sees an intake that keeps failing.
  if (summary.failed > 0) throw new StrandedIntakesNotStartedError(summary);
  return summary;
});
