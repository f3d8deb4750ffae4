import * as z from 'zod';
import { enteredTimeField, onboardingIdField, taskTokenField } from '../runtime/step-payloads';
import { stepHandler } from '../runtime/step-handler';
import { awaitMonitoring } from './await-monitoring';

/** State AwaitMonitoring (waitForTaskToken). */
export const handler = stepHandler(z.strictObject({ onboardingId: onboardingIdField, taskToken: taskTokenField, now: enteredTimeField }), async (input) => {
  await awaitMonitoring(input);
  return { waiting: 'monitoring' };
});
