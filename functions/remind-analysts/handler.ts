import * as z from 'zod';
import { countField, onboardingIdField } from '../runtime/step-payloads';
import { stepHandler } from '../runtime/step-handler';
import { remindAnalysts } from './remind-analysts';

/** State RemindAnalysts. */
export const handler = stepHandler(z.strictObject({ onboardingId: onboardingIdField, maxReminders: countField }), ({ onboardingId, maxReminders }) =>
  remindAnalysts(onboardingId, maxReminders),
);
