import { z } from 'zod';
import { countField, onboardingIdField, versionField } from '../shared/stage-payloads';
import { stageHandler } from '../shared/stage-handler';
import { remindClient } from './remind-client';

/** State RemindClient. */
export const handler = stageHandler(
  z.strictObject({ onboardingId: onboardingIdField, agreementVersion: versionField, maxReminders: countField }),
  remindClient,
);
