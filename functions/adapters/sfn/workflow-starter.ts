import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ENV, requireEnv } from '../../runtime/env';
import { rethrowTransient } from '../../runtime/errors';
import { tracer } from '../../runtime/observability';

const sfn = tracer.captureAWSv3Client(new SFNClient({}));
/** The onboarding state machine (grant: stateMachine start), read once when the container starts. */
const STATE_MACHINE_ARN = requireEnv(ENV.stateMachineArn);

/**
 * Starts the onboarding's execution, named after the onboarding. Step Functions makes this
 * idempotent: the same name and input while running returns the same execution; after it has
 * closed, ExecutionAlreadyExists, which a replay treats as success.
 */
export async function startOnboardingExecution(onboardingId: string, input: unknown): Promise<string> {
  const stateMachineArn = STATE_MACHINE_ARN;
  try {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: onboardingId, input: JSON.stringify(input) }),
    );
    return executionArn!;
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists) return executionArnFor(stateMachineArn, onboardingId);
    rethrowTransient('Step Functions', error);
  }
}

/** arn:aws:states:<region>:<account>:stateMachine:<name> → …:execution:<name>:<executionName> */
export function executionArnFor(stateMachineArn: string, executionName: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName}`;
}
