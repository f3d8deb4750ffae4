import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ENV, requireEnv } from '../../shared/env';
import { rethrowTransient } from '../../shared/errors';
import { tracer } from '../../shared/observability';

const sfn = tracer.captureAWSv3Client(new SFNClient({}));

/**
 * Starts the onboarding's execution, named after the onboarding. Step Functions makes this
 * idempotent: the same name and input while running returns the same execution; after it has
 * closed, ExecutionAlreadyExists, which a replay treats as success.
 */
export async function startOnboardingExecution(onboardingId: string, input: unknown): Promise<string> {
  const stateMachineArn = requireEnv(ENV.stateMachineArn);
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
