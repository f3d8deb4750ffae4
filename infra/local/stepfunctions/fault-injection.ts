import { ProtocolError } from './service-error';

/**
 * Test-only faults the twin's Step Functions cannot otherwise produce: a SendTaskSuccess refused as
 * AWS refuses one under load (ThrottlingException, which SDKs retry), before the token is looked
 * at, so the waiting task is untouched and a later call still resumes it. Off unless a test arms
 * it; the twin and the handlers run in one process, so the test calls these functions directly.
 */
let sendTaskSuccessFailuresLeft = 0;
let sendTaskSuccessFailuresSeen = 0;

/** Refuses the next `times` SendTaskSuccess calls (every one, whatever its token). */
export function failSendTaskSuccess(times: number): void {
  sendTaskSuccessFailuresLeft = times;
  sendTaskSuccessFailuresSeen = 0;
}

/** Disarms the fault; answers how many calls it refused since it was armed. */
export function clearSendTaskSuccessFaults(): number {
  sendTaskSuccessFailuresLeft = 0;
  return sendTaskSuccessFailuresSeen;
}

/** Called first in SendTaskSuccess: throws while the fault is armed. */
export function injectSendTaskSuccessFault(): void {
  if (sendTaskSuccessFailuresLeft <= 0) return;
  sendTaskSuccessFailuresLeft -= 1;
  sendTaskSuccessFailuresSeen += 1;
  throw new ProtocolError('ThrottlingException', 'Rate exceeded (a fault injected by a test)');
}
