import { readFileSync } from 'node:fs';
import { Aws, type CfnElement, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
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

/** The alias executions start through; it always routes to the newest state-machine version. */
export const LIVE_ALIAS = 'live';

/**
 * The Standard state machine, defined by the same ASL file the local twin runs. Only the function
 * ARNs are substituted, so what runs on AWS is byte-for-byte the file that the tests run.
 *
 * Upgrades leave running executions alone (docs/upgrades.md): the ASL names published function
 * versions, each definition change publishes a state-machine version, and executions start through
 * the `live` alias, which points at the newest. An execution runs to its end on the version it
 * started on, with that version's function versions. Both kinds of version are retained.
 */
export class OnboardingWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;
  /** The state machine's unqualified ARN (what IAM authorizes starts and callbacks on). */
  readonly stateMachineArn: string;
  /** The version published from this deploy's definition. */
  readonly version: sfn.CfnStateMachineVersion;
  /** The `live` alias, routing 100 % to `version`. */
  readonly alias: sfn.CfnStateMachineAlias;
  /** The alias's ARN, `…:stateMachine:<name>:live`: executions start here. */
  readonly aliasArn: string;

  constructor(scope: Construct, id: string, props: OnboardingWorkflowProps) {
    super(scope, id);
    const { stage, workflowFunctions } = props;
    const asl = readFileSync(ASL_FILE, 'utf8');

    const substitutions = Object.fromEntries(
      workflowFunctions.map((fn) => [requireAslKey(fn), fn.version.functionArn] as const),
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

    // Vended-logs prefix (Step Functions' resource policy size stays small), but no fixed name: in
    // prod the group is retained, and a fixed name would collide on the deploy after a destroy.
    const stackUuid = Fn.select(2, Fn.split('/', Aws.STACK_ID));
    const logGroup = stageLogGroup(this, 'Logs', stage, `/aws/vendedlogs/states/${stateMachineNameOf(stage)}-${stackUuid}`);
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: stateMachineNameOf(stage),
      comment: 'Break & Fix client onboarding',
      definitionBody: sfn.DefinitionBody.fromString(asl),
      definitionSubstitutions: substitutions,
      stateMachineType: sfn.StateMachineType.STANDARD,
      // Errors only, and without execution data: inputs and outputs carry task tokens and the
      // client's contacts, which stay out of CloudWatch. The execution history shows them to whoever
      // may call GetExecutionHistory.
      logs: { destination: logGroup, level: sfn.LogLevel.ERROR, includeExecutionData: false },
      tracingEnabled: true,
    });

    Validations.of(this.stateMachine).acknowledge({
      id: 'AwsSolutions-SF1',
      reason:
        'Level ERROR without execution data, not ALL: ALL pays for a log line per transition of executions that live for ' +
        'weeks, and execution data would put state inputs (task tokens, the client\'s contacts) in CloudWatch Logs. Failures ' +
        'are still logged; every event stays in the execution history (90 days), and alarms watch the execution metrics.',
    });

    this.stateMachineArn = this.stateMachine.stateMachineArn;
    // A new revision id (any change of the definition or its substitutions) replaces this resource:
    // a new version is published and the old one is retained for the executions still on it.
    this.version = new sfn.CfnStateMachineVersion(this, 'Version', {
      stateMachineArn: this.stateMachine.stateMachineArn,
      stateMachineRevisionId: this.stateMachine.stateMachineRevisionId,
      description: `Onboarding workflow (${stage.stage}), published by deploy`,
    });
    this.version.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.alias = new sfn.CfnStateMachineAlias(this, 'LiveAlias', {
      name: LIVE_ALIAS,
      description: 'Where new onboardings start: the newest version',
      routingConfiguration: [{ stateMachineVersionArn: this.version.attrArn, weight: 100 }],
    });
    this.aliasArn = this.alias.attrArn;

    // Only qualified ARNs (`<function>:<version>`), never the unqualified one ($LATEST). All versions,
    // not only this deploy's: the role is shared by every state-machine version, and an execution
    // still running on an older one invokes the function versions that version names.
    this.stateMachine.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: workflowFunctions.map((fn) => `${fn.function.functionArn}:*`),
      }),
    );

    const role = this.stateMachine.role;
    for (const fn of workflowFunctions) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(fn.function.node.defaultChild as CfnElement)}.Arn>:*]`,
        reason:
          `Invoke on ${fn.spec.name}'s published versions only (qualified ARNs, never $LATEST): the state machine role is ` +
          'shared by all state-machine versions, and executions still running on an older version invoke the function ' +
          'versions it names, so granting only the newest version ARN would cut them off.',
      });
    }
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
