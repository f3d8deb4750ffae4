import * as z from 'zod';
import { countField, enteredTimeField, onboardingIdField, secondsField, versionField } from '../runtime/step-payloads';
import { stepHandler } from '../runtime/step-handler';
import { remindClient } from './remind-client';

/** State RemindClient. */
export const handler = stepHandler(
  z.strictObject({
    onboardingId: onboardingIdField,
    agreementVersion: versionField,
    maxReminders: countField,
    now: enteredTimeField,
    decisionReminderSeconds: secondsField,
  }),
  remindClient,
);
