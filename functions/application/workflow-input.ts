import { workflowPolicySchema, type WorkflowPolicy } from '../domain/workflow-policy';
import { ENV, requireEnv } from '../runtime/env';

/** The stage's workflow policy (WORKFLOW_POLICY), read and validated once when the container starts. */
const POLICY: WorkflowPolicy = workflowPolicySchema.parse(JSON.parse(requireEnv(ENV.workflowPolicy)));

export const workflowPolicy = (): WorkflowPolicy => POLICY;

/** The execution input: ids and the policy only; the onboarding itself lives in DynamoDB. */
export interface OnboardingExecutionInput {
  onboardingId: string;
  policy: WorkflowPolicy;
}
