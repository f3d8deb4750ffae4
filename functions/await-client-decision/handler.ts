import { z } from 'zod';
import { countField, onboardingIdField, taskTokenField, versionField } from '../shared/stage-payloads';
import { stageHandler } from '../shared/stage-handler';
import { awaitClientDecision } from './await-client-decision';

const payloadSchema = z.strictObject({
  onboardingId: onboardingIdField,
  agreementVersion: versionField,
  maxRevisions: countField,
  taskToken: taskTokenField,
});

/** State AwaitClientDecision (waitForTaskToken). */
export const handler = stageHandler(payloadSchema, async (input) => {
  await awaitClientDecision(input);
  return { waiting: 'client-decision' };
});
