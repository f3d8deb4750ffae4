import { z } from 'zod';
import { onboardingIdField, taskTokenField } from '../shared/stage-payloads';
import { stageHandler } from '../shared/stage-handler';
import { awaitAnalysis } from './await-analysis';

/** State AwaitAnalysis (waitForTaskToken). */
export const handler = stageHandler(z.strictObject({ onboardingId: onboardingIdField, taskToken: taskTokenField }), async ({ onboardingId, taskToken }) => {
  await awaitAnalysis(onboardingId, taskToken);
  return { waiting: 'analysis' };
});
