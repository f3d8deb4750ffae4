import * as z from 'zod';
import { onboardingIdField, taskTokenField } from '../runtime/step-payloads';
import { stepHandler } from '../runtime/step-handler';
import { awaitAnalysis } from './await-analysis';

/** State AwaitAnalysis (waitForTaskToken). */
export const handler = stepHandler(z.strictObject({ onboardingId: onboardingIdField, taskToken: taskTokenField }), async ({ onboardingId, taskToken }) => {
  await awaitAnalysis(onboardingId, taskToken);
  return { waiting: 'analysis' };
});
