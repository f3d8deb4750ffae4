import { z } from 'zod';
import { countField, onboardingIdField } from '../shared/stage-payloads';
import { stageHandler } from '../shared/stage-handler';
import { remindAnalysts } from './remind-analysts';

/** State RemindAnalysts. */
export const handler = stageHandler(z.strictObject({ onboardingId: onboardingIdField, maxReminders: countField }), ({ onboardingId, maxReminders }) =>
  remindAnalysts(onboardingId, maxReminders),
);
