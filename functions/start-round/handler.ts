import * as z from 'zod';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../runtime/observability';
import { enteredTimeField, onboardingIdField } from '../runtime/step-payloads';
import { stepHandler } from '../runtime/step-handler';
import { startRound } from './start-round';

/** State StartRound. */
export const handler = stepHandler(z.strictObject({ onboardingId: onboardingIdField, now: enteredTimeField }), async (input) => {
  const round = await startRound(input);
  metrics.addMetric('RoundStarted', MetricUnit.Count, 1);
  return round;
});
