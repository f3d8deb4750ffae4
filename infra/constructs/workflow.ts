import { readFileSync } from 'node:fs';
import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { StageConfig } from '../stage-config';
import type { CatalogFunction } from './catalog-function';
import { stageLogGroup } from './stage-log-group';
import { stateMachineNameOf } from './state-machine-name';

export { stateMachineArnOf, stateMachineNameOf } from './state-machine-name';

export const ASL_FILE = new URL('../../statemachines/onboarding.asl.json', import.meta.url);

/** The `${Key}` placeholders the ASL expects CDK to fill in. */
export function substitutionKeysIn(asl: string): Set<string> {
  return new Set([...asl.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1] as string));
}

export interface OnboardingWorkflowProps {
  stage: StageConfig;
  /** The functions with an `aslKey` in the catalog; the state machine may invoke these and no others. */
  workflowFunctions: readonly CatalogFunction[];
}

/**
 * The Standard state machine, defined by the same ASL file the local twin runs. Only the function
 * ARNs are substituted, so what runs on AWS is byte-for-byte the file that the tests run.
 */
export class OnboardingWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: OnboardingWorkflowProps) {
    super(scope, id);
    const { stage, workflowFunctions } = props;
    const asl = readFileSync(ASL_FILE, 'utf8');

    const substitutions = Object.fromEntries(
      workflowFunctions.map((fn) => [requireAslKey(fn), fn.function.functionArn] as const),
    );
    const expected = substitutionKeysIn(asl);
    const unused = Object.keys(substitutions).filter((key) => !expected.has(key));
    const unfilled = [...expected].filter((key) => !(key in substitutions));
    if (unused.length > 0 || unfilled.length > 0) {
      throw new Error(
        `Catalog aslKeys and ${ASL_FILE.pathname} disagree: not in the ASL [${unused.join(', ')}], ` +
          `no catalog function for [${unfilled.join(', ')}]`,
      );
    }

    const logGroup = stageLogGroup(this, 'Logs', stage, `/aws/vendedlogs/states/${stateMachineNameOf(stage)}`);
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: stateMachineNameOf(stage),
      comment: 'Break & Fix client onboarding',
      definitionBody: sfn.DefinitionBody.fromString(asl),
      definitionSubstitutions: substitutions,
      stateMachineType: sfn.StateMachineType.STANDARD,
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
      tracingEnabled: true,
    });

    // Exactly the unqualified ARNs the ASL names: no `:*` version wildcard as grantInvoke would add.
    this.stateMachine.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: workflowFunctions.map((fn) => fn.function.functionArn),
      }),
    );

    const role = this.stateMachine.role;
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Step Functions logging to CloudWatch Logs (logs:CreateLogDelivery, PutResourcePolicy, Describe*...) and X-Ray ' +
        '(xray:PutTraceSegments, GetSamplingRules...) support no resource-level permissions; AWS documents Resource "*".',
    });
  }
}

function requireAslKey(fn: CatalogFunction): string {
  if (!fn.spec.aslKey) throw new Error(`${fn.spec.name} has no aslKey but was given to the workflow`);
  return fn.spec.aslKey;
}
