import * as z from 'zod';
import { countField, onboardingIdField, taskTokenField, versionField } from '../runtime/step-payloads';
import { stepHandler } from '../runtime/step-handler';
import { awaitClientDecision } from './await-client-decision';

const payloadSchema = z.strictObject({
  onboardingId: onboardingIdField,
  agreementVersion: versionField,
  maxRevisions: countField,
  taskToken: taskTokenField,
});

/** State AwaitClientDecision (waitForTaskToken). */
export const handler = stepHandler(payloadSchema, async (input) => {
  await awaitClientDecision(input);
  return { waiting: 'client-decision' };
});
