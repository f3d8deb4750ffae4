import { endOfAmsterdamDay } from './amsterdam-time';

/**
 * How long the client's decision wait lasts before the next reminder (or the expiry): what is
 * left of the agreement's own window, up to the end of its `validUntil` day in Amsterdam, shared
 * evenly between the reminders still to come and the last wait after them, and capped by the
 * policy (which compresses time on the twin and in tests; on AWS it is a year and never binds).
 * At least 1 second: Step Functions refuses a timeout of 0, and a window already over then times
 * out at once into a reminder or the expiry.
 */
export function decisionWaitSeconds(input: {
  /** The agreement's last valid day, YYYY-MM-DD. */
  validUntil: string;
  /** `$$.State.EnteredTime` of the step before the wait. */
  now: Date;
  /** Reminders this agreement version may still get. */
  remindersLeft: number;
  /** The policy's cap, `decisionReminderSeconds`. */
  capSeconds: number;
}): number {
  const windowLeftSeconds = (endOfAmsterdamDay(input.validUntil).getTime() - input.now.getTime()) / 1000;
  const share = windowLeftSeconds / (Math.max(0, input.remindersLeft) + 1);
  return Math.max(1, Math.ceil(Math.min(input.capSeconds, share)));
}
