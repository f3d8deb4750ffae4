import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArnFormat, type CfnElement, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { functionLimits, type FunctionGrants, type FunctionSpec } from '../../functions/catalog';
import { ENV } from '../../functions/runtime/env';
import type { StageConfig } from '../stage-config';
import { stageEnvironment } from '../stage-environment';
import { CDK_BUNDLING } from './bundling';
import type { OnboardingEmail } from './email';
import type { LinkSigningKey } from './link-signing';
import { stageLogGroup } from './stage-log-group';
import { stateMachineArnOf, stateMachineNameOf } from './state-machine-name';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const POWERTOOLS_SERVICE_NAME = 'breakfix-onboarding';
/** One namespace per stage, so dev's metrics (and alarms on them) never mix with prod's. The twin uses `BreakFixOnboarding/local`. */
export const metricsNamespaceOf = (stage: StageConfig['stage']): string => `BreakFixOnboarding/${stage}`;

/** The newest Node.js LTS Lambda offers; the code itself also runs on Node 20 (tests, twin). */
export const FUNCTION_RUNTIME = lambda.Runtime.NODEJS_24_X;

/**
 * The table actions of each catalog table grant, never Scan (every read path queries a key or an
 * index). Transactions need no action of their own: IAM authorizes each Put, Update, Delete and
 * ConditionCheck inside TransactWriteItems as PutItem, UpdateItem, DeleteItem, ConditionCheckItem.
 */
export const TABLE_GRANT_ACTIONS: Record<NonNullable<FunctionGrants['table']>, readonly string[]> = (() => {
  const read = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
  const readWrite = [...read, 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
  return { read, readWrite, readWriteDelete: [...readWrite, 'dynamodb:DeleteItem'] };
})();

/** What the start grant needs of the workflow. */
export interface StartableWorkflow {
  /** The state machine itself (its unqualified ARN, which IAM authorizes a start through an alias on). */
  stateMachineArn: string;
  /** The `live` alias: what STATE_MACHINE_ARN names. */
  aliasArn: string;
}

/** What Step Functions lets a task's worker do with its task token. */
export const TASK_RESPONSE_ACTIONS = ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'] as const;


export interface CatalogFunctionProps {
  spec: FunctionSpec;
  stage: StageConfig;
  table: ITableV2;
  email: OnboardingEmail;
  linkSigningKey: LinkSigningKey;
}

/**
 * Every Lambda of the product, with the same fixed defaults: Node.js 24 on arm64, an ESM bundle
 * with source maps, X-Ray, its own role and log group, and only the environment and permissions
 * its catalog grants ask for.
 */
export class CatalogFunction extends Construct {
  readonly spec: FunctionSpec;
  readonly function: NodejsFunction;
  /**
   * The version published from this deploy's code and configuration: the state machine, the API and
   * the schedules invoke it, never $LATEST, so a running execution keeps the code it started with.
   * Retained on replacement, so executions still running on an older state-machine version keep
   * theirs (docs/upgrades.md says how they are pruned).
   */
  readonly version: lambda.Version;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: CatalogFunctionProps) {
    super(scope, id);
    const { spec, stage, table, email, linkSigningKey } = props;
    this.spec = spec;

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${spec.name} (${stage.stage})`,
    });
    const logGroup = stageLogGroup(this, 'Logs', stage);
    // Explicit write grant instead of the AWSLambdaBasicExecutionRole managed policy (any log group).
    logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      description: spec.description,
      entry: join(REPO_ROOT, spec.entry),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      runtime: FUNCTION_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: functionLimits(spec).memoryMb,
      timeout: Duration.seconds(functionLimits(spec).timeoutSeconds),
      role: this.role,
      logGroup,
      tracing: lambda.Tracing.ACTIVE,
      environment: this.baseEnvironment(stage),
      bundling: spec.bundledFiles ? withBundledFiles(spec.bundledFiles) : CDK_BUNDLING,
      currentVersionOptions: { removalPolicy: RemovalPolicy.RETAIN },
    });
    this.version = this.function.currentVersion;

    if (spec.grants.table) {
      this.function.addEnvironment(ENV.tableName, table.tableName);
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: [...TABLE_GRANT_ACTIONS[spec.grants.table]],
          resources: [table.tableArn, `${table.tableArn}/index/*`],
        }),
      );
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(table)}.Arn>/index/*]`,
        reason:
          "The table grant covers the table's own GSIs as <table>/index/*: queries by access pattern need them, " +
          'and the wildcard matches no other table.',
      });
    }
    if (spec.grants.email) {
      this.function.addEnvironment(ENV.senderAddress, stage.senderAddress);
      this.function.addEnvironment(ENV.sesConfigurationSet, email.configurationSet.configurationSetName);
      email.grantSend(this.role);
    }
    if (spec.grants.suppression) email.grantSuppression(this.role);
    if (spec.grants.stuckAfterHours) this.function.addEnvironment(ENV.stuckAfterHours, JSON.stringify(stage.stuckAfterHours));
    if (spec.grants.linkSigningKey) {
      this.function.addEnvironment(ENV.linkSigningSecretArn, linkSigningKey.secretArn);
      linkSigningKey.grantRead(this.role);
    }
    if (spec.grants.stateMachine?.includes('callback')) {
      // On the ARN formatted from the fixed name: workflow functions answer their own task, and the
      // state machine depends on them (see stateMachineArnOf).
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({ actions: [...TASK_RESPONSE_ACTIONS], resources: [stateMachineArnOf(this, stage)] }),
      );
    }
    if (spec.grants.executionHistory) {
      // Formatted from the fixed name, as for callbacks: the failure handler is itself a workflow function.
      const executions = Stack.of(this).formatArn({
        service: 'states',
        resource: 'execution',
        resourceName: `${stateMachineNameOf(stage)}:*`,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['states:GetExecutionHistory'], resources: [executions] }));
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:${nagName(Stack.of(this).region, 'AWS::Region')}:${nagName(Stack.of(this).account, 'AWS::AccountId')}:execution:${stateMachineNameOf(stage)}:*]`,
        reason:
          'Executions are named after onboardings (and their retries), unknown at deploy; the wildcard covers only the executions of ' +
          "this stage's onboarding state machine, and only to read their history.",
      });
    }

    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray tracing (Tracing.ACTIVE): xray:PutTraceSegments and xray:PutTelemetryRecords support no ' +
        'resource-level permissions.',
    });
  }

  /**
   * Applies the `start` grant. Called once the state machine exists, which itself needs the
   * workflow functions' ARNs: a workflow function that started executions would need the real
   * state machine ARN, a dependency cycle, so the catalog must not ask for that. (`callback` is
   * granted in the constructor, on the ARN built from the state machine's fixed name.)
   *
   * Executions start through the `live` alias, so STATE_MACHINE_ARN is the alias ARN. IAM
   * authorizes a start through an alias or version on the state machine's own ARN (AWS: "Step
   * Functions uses the state machine's ARN instead of using the version ARN or alias ARN"); the
   * alias ARN is granted as well, so the statement names what the function really calls.
   */
  connectStateMachine(workflow: StartableWorkflow): void {
    if (!this.spec.grants.stateMachine?.includes('start')) return;
    if (this.spec.aslKey) {
      throw new Error(
        `${this.spec.name} is invoked by the state machine and cannot also hold the stateMachine start grant (dependency cycle)`,
      );
    }
    this.function.addEnvironment(ENV.stateMachineArn, workflow.aliasArn);
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [workflow.stateMachineArn, workflow.aliasArn] }),
    );
  }

  /**
   * Gives functions with the publicBaseUrl grant the API's URL (its custom domain where the stage
   * has one), without a trailing slash. Called
   * once the API exists; the API resource itself depends on nothing (its routes and integrations
   * do), so workflow functions may point at it.
   */
  connectApi(publicUrl: string): void {
    if (this.spec.grants.publicBaseUrl) this.function.addEnvironment(ENV.publicBaseUrl, publicUrl);
  }

  /**
   * Gives functions with the staffSignIn grant (the API console, the API description) the staff
   * app client's id and the sign-in domain's base URL. The client refers to the API (its callback
   * URLs), never to these functions, so there is no cycle.
   */
  connectStaffSignIn(signIn: { clientId: string; signInUrl: string }): void {
    if (!this.spec.grants.staffSignIn) return;
    this.function.addEnvironment(ENV.staffClientId, signIn.clientId);
    this.function.addEnvironment(ENV.staffSignInUrl, signIn.signInUrl);
  }

  /** Stage facts every function may read, whatever its grants. */
  private baseEnvironment(stage: StageConfig): Record<string, string> {
    return {
      ...stageEnvironment(stage),
      POWERTOOLS_SERVICE_NAME,
      POWERTOOLS_METRICS_NAMESPACE: metricsNamespaceOf(stage.stage),
      NODE_OPTIONS: '--enable-source-maps',
    };
  }
}

/** CDK_BUNDLING, then the repo-relative folder `folder` copied to `assets/` beside index.mjs (the catalog's `bundledFiles`). */
function withBundledFiles(folder: string): BundlingOptions {
  return {
    ...CDK_BUNDLING,
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (inputDir: string, outputDir: string) => [`cp -R "${join(inputDir, folder)}" "${join(outputDir, 'assets')}"`],
    },
  };
}

/** A region or account as cdk-nag writes it in a finding: the value when the stage fixes it, else the pseudo parameter. */
const nagName = (value: string, pseudo: string): string => (Token.isUnresolved(value) ? `<${pseudo}>` : value);

/** The table's CloudFormation logical id, as cdk-nag names it in a finding. */
function logicalIdOf(table: ITableV2): string {
  const resource = table.node.defaultChild as CfnElement | undefined;
  if (!resource) throw new Error(`Table ${table.node.path} has no CloudFormation resource to name`);
  return Stack.of(table).getLogicalId(resource);
}
