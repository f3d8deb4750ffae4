import * as z from 'zod';
import { countField, onboardingIdField, versionField } from '../runtime/step-payloads';
import { stepHandler } from '../runtime/step-handler';
import { remindRelease } from './remind-release';

/** State RemindRelease. */
export const handler = stepHandler(
  z.strictObject({ onboardingId: onboardingIdField, agreementVersion: versionField, maxReminders: countField }),
  (input) => remindRelease(input),
);
