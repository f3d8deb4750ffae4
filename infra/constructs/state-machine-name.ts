import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '../stage-config';

/** Fixed, so that functions can be granted on the ARN before the state machine exists. */
export const stateMachineNameOf = (stage: StageConfig): string => `onboarding-${stage.stage}`;

/**
 * The state machine's ARN built from its fixed name, not from the resource: a workflow function
 * that must answer its own task would otherwise depend on the state machine that depends on it.
 */
export function stateMachineArnOf(scope: Construct, stage: StageConfig): string {
  return Stack.of(scope).formatArn({
    service: 'states',
    resource: 'stateMachine',
    resourceName: stateMachineNameOf(stage),
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}
