import * as z from 'zod';

const seconds = z.number().int().min(1).max(31_536_000);
const count = z.number().int().min(0).max(20);

/**
 * Durations and bounds the state machine reads from its execution input (`$.policy`), so the twin
 * and tests compress days into seconds without editing the ASL. Step Functions wants whole seconds.
 */
export const workflowPolicySchema = z.strictObject({
  /** Seconds a Lambda step may run before Step Functions times the task out. */
  stepTimeoutSeconds: z.number().int().min(1).max(900),
  /** Waiting for the analysis: a reminder to the analysts after each of these. */
  analysisReminderSeconds: seconds,
  /** Reminders per analysis round; one more timeout escalates to the account manager. */
  analysisMaxReminders: count,
  /** Waiting for the client's decision: a reminder with the same link after each of these. */
  decisionReminderSeconds: seconds,
  /** Reminders per agreement version; one more timeout expires the agreement. */
  decisionMaxReminders: count,
  /** An offer held for release (above the rate card's review threshold): a reminder to the account manager after each of these. */
  releaseReminderSeconds: seconds,
  /** Reminders per held offer; one more timeout escalates, once, to the operations addresses. */
  releaseMaxReminders: count,
  /** How many times the client may ask for changes before only approve or decline remain. */
  maxRevisions: count,
  /** Nobody fits a ticket: look again at least this often (a new or freed technician wakes the wait sooner). */
  assignmentRecheckSeconds: seconds,
  /** A ticket nobody can take this long is escalated, once, to the account manager. */
  assignmentEscalateAfterSeconds: seconds,
  /** After the escalation, only wake-ups and a re-check this often remain (a day on AWS). */
  assignmentQuietRecheckSeconds: seconds,
  /** A ticket's resolution wait restarts this often; the SLA itself is the sweeper's business. */
  resolutionWaitSeconds: seconds,
  /** How long the client's environment is watched after a round of work (days on AWS). */
  monitoringSeconds: seconds,
  /** A client-reported problem waits this long before its round starts, so staff can refine it (PATCH /tickets/{id}). */
  triageSeconds: seconds,
  /** Rounds of work per onboarding, the first included. */
  maxRounds: z.number().int().min(1).max(20),
  /** Problems one client may report through the monitoring link. */
  maxClientReports: z.number().int().min(1).max(50),
  /** How long the feedback link in the report works (30 days on AWS). */
  feedbackValidSeconds: seconds,
});

export type WorkflowPolicy = z.infer<typeof workflowPolicySchema>;
