import * as z from 'zod';
import { enteredTimeField, onboardingIdField, secondsField } from '../runtime/step-payloads';
import { stepHandler } from '../runtime/step-handler';
import { startMonitoring } from './start-monitoring';

/** State StartMonitoring. */
export const handler = stepHandler(z.strictObject({ onboardingId: onboardingIdField, now: enteredTimeField, monitoringSeconds: secondsField }), startMonitoring);
