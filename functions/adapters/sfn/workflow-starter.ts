import { ENV, requireEnv } from '../../runtime/env';
import { rethrowTransient } from '../../runtime/errors';
import { sfn } from './client';

/** The onboarding state machine (grant: stateMachine start), read once when the container starts. */
const STATE_MACHINE_ARN = requireEnv(ENV.stateMachineArn);

/**
 * Starts the onboarding's execution, named after the onboarding. Step Functions makes this
 * idempotent: the same name and input while running returns the same execution; after it has
 * closed, ExecutionAlreadyExists, which a replay treats as success.
 */
export async function startOnboardingExecution(onboardingId: string, input: unknown, executionName = onboardingId): Promise<string> {
  const stateMachineArn = STATE_MACHINE_ARN;
  const { sdk, client } = await sfn();
  try {
    const { executionArn } = await client.send(
      new sdk.StartExecutionCommand({ stateMachineArn, name: executionName, input: JSON.stringify(input) }),
    );
    return executionArn!;
  } catch (error) {
    if (error instanceof sdk.ExecutionAlreadyExists) return executionArnFor(stateMachineArn, executionName);
    rethrowTransient('Step Functions', error);
  }
}

/** The ARN of this state machine's execution `executionName` (a retry's, say, which a replay answers without starting it). */
export const onboardingExecutionArn = (executionName: string): string => executionArnFor(STATE_MACHINE_ARN, executionName);

/**
 * arn:aws:states:<region>:<account>:stateMachine:<name>[:<version or alias>] →
 * …:execution:<name>:<executionName>. An execution's ARN never carries the version or alias it
 * started through (STATE_MACHINE_ARN is the alias `live`), so the qualifier is dropped.
 */
export function executionArnFor(stateMachineArn: string, executionName: string): string {
  const [prefix, machine] = stateMachineArn.split(':stateMachine:');
  if (prefix === undefined || !machine) throw new Error(`Not a state machine ARN: ${stateMachineArn}`);
  const [machineName] = machine.split(':');
  return `${prefix}:execution:${machineName}:${executionName}`;
}
