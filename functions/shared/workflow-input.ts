import { workflowPolicySchema, type WorkflowPolicy } from '../domain/workflow-policy';
import { ENV, requireEnv } from './env';

let cached: WorkflowPolicy | undefined;

/** The stage's workflow policy (WORKFLOW_POLICY), validated once per container. */
export function workflowPolicy(): WorkflowPolicy {
  cached ??= workflowPolicySchema.parse(JSON.parse(requireEnv(ENV.workflowPolicy)));
  return cached;
}

/** The execution input: ids and the policy only; the onboarding itself lives in DynamoDB. */
export interface OnboardingExecutionInput {
  onboardingId: string;
  policy: WorkflowPolicy;
}
