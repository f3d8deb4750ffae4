import * as z from 'zod';
import { onboardingIdField, taskTokenField, versionField } from '../runtime/step-payloads';
import { stepHandler } from '../runtime/step-handler';
import { awaitRelease } from './await-release';

/** State AwaitRelease (waitForTaskToken). */
export const handler = stepHandler(
  z.strictObject({ onboardingId: onboardingIdField, agreementVersion: versionField, taskToken: taskTokenField }),
  async (input) => {
    await awaitRelease(input);
    return { waiting: 'release' };
  },
);
