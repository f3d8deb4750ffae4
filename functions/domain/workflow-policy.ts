import { z } from 'zod';

/**
 * Durations and bounds the state machine reads from its execution input (`$.policy`), so the twin
 * and tests compress days into seconds without editing the ASL. Each stage adds what it needs.
 */
export const workflowPolicySchema = z.strictObject({
  /** Seconds a Lambda stage may run before Step Functions times the task out. */
  stageTimeoutSeconds: z.number().int().min(1).max(900),
});

export type WorkflowPolicy = z.infer<typeof workflowPolicySchema>;
