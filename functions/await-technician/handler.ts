import * as z from 'zod';
import { enteredTimeField, onboardingIdField, taskTokenField, ticketIdField } from '../runtime/step-payloads';
import { stepHandler } from '../runtime/step-handler';
import { awaitTechnician } from './await-technician';

/** State AwaitTechnician (waitForTaskToken, inside the ticket Map). */
export const handler = stepHandler(
  z.strictObject({ onboardingId: onboardingIdField, ticketId: ticketIdField, taskToken: taskTokenField, now: enteredTimeField }),
  async (input) => {
    await awaitTechnician(input);
    return { waiting: 'technician' };
  },
);
