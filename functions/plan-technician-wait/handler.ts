import * as z from 'zod';
import { enteredTimeField, onboardingIdField, secondsField, ticketIdField } from '../runtime/step-payloads';
import { stepHandler } from '../runtime/step-handler';
import { planTechnicianWait } from './plan-technician-wait';

const payloadSchema = z.strictObject({
  onboardingId: onboardingIdField,
  ticketId: ticketIdField,
  now: enteredTimeField,
  recheckSeconds: secondsField,
  escalateAfterSeconds: secondsField,
  quietRecheckSeconds: secondsField,
});

/** State PlanTechnicianWait (inside the ticket Map). */
export const handler = stepHandler(payloadSchema, planTechnicianWait);
