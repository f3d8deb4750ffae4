/** What a task-token callback answers: each waiting step of the workflow that a person or a route resumes. */
export type CallbackPurpose = 'analysis' | 'release' | 'client-decision' | 'ticket-resolution' | 'monitoring-wake-up' | 'technician-wake-up';

/**
 * A SendTaskSuccess recorded before it is sent, so that an answer stored by a route always reaches
 * its waiting step: the route delivers it at once, and a sweep delivers what a failure left behind.
 */
export interface PendingCallback {
  /** Names the task token (a hash of it) without being it, for logs. */
  callbackId: string;
  taskToken: string;
  /** The task's output, as sent. */
  output: Record<string, unknown>;
  onboardingId: string;
  purpose: CallbackPurpose;
  createdAt: string;
  /** Set once Step Functions took it, or said no task waits on the token any more; the sweep then removes it. */
  settledAt?: string;
}
