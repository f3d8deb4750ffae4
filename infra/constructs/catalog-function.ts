import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { FunctionSpec } from '../../functions/catalog';
import { ENV } from '../../functions/runtime/env';
import type { StageConfig } from '../stage-config';
import { CDK_BUNDLING } from './bundling';
import type { OnboardingEmail } from './email';
import type { LinkSigningKey } from './link-signing';
import { stageLogGroup } from './stage-log-group';
import { stateMachineArnOf } from './state-machine-name';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const POWERTOOLS_SERVICE_NAME = 'breakfix-onboarding';
export const POWERTOOLS_METRICS_NAMESPACE = 'BreakFixOnboarding';

/** The newest Node.js LTS Lambda offers; the code itself also runs on Node 20 (tests, twin). */
export const FUNCTION_RUNTIME = lambda.Runtime.NODEJS_24_X;

const DEFAULT_TIMEOUT_SECONDS = 10;
const DEFAULT_MEMORY_MB = 512;

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
      memorySize: spec.memoryMb ?? DEFAULT_MEMORY_MB,
      timeout: Duration.seconds(spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS),
      role: this.role,
      logGroup,
      tracing: lambda.Tracing.ACTIVE,
      environment: this.baseEnvironment(stage),
      bundling: CDK_BUNDLING,
    });

    if (spec.grants.table) {
      this.function.addEnvironment(ENV.tableName, table.tableName);
      if (spec.grants.table === 'readWrite') table.grantReadWriteData(this.role);
      else table.grantReadData(this.role);
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(table)}.Arn>/index/*]`,
        reason:
          "grantReadData/grantReadWriteData cover the table's own GSIs as <table>/index/*: queries by access " +
          'pattern need them, and the wildcard matches no other table.',
      });
    }
    if (spec.grants.email) {
      this.function.addEnvironment(ENV.senderAddress, stage.senderAddress);
      email.grantSend(this.role);
    }
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
   */
  connectStateMachine(stateMachine: IStateMachine): void {
    if (!this.spec.grants.stateMachine?.includes('start')) return;
    if (this.spec.aslKey) {
      throw new Error(
        `${this.spec.name} is invoked by the state machine and cannot also hold the stateMachine start grant (dependency cycle)`,
      );
    }
    this.function.addEnvironment(ENV.stateMachineArn, stateMachine.stateMachineArn);
    stateMachine.grantStartExecution(this.role);
  }

  /**
   * Gives functions with the publicBaseUrl grant the API's URL, without a trailing slash. Called
   * once the API exists; the API resource itself depends on nothing (its routes and integrations
   * do), so workflow functions may point at it.
   */
  connectApi(httpApi: IHttpApi): void {
    if (this.spec.grants.publicBaseUrl) this.function.addEnvironment(ENV.publicBaseUrl, httpApi.apiEndpoint);
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
      [ENV.analystAddresses]: stage.analystAddresses.join(','),
      [ENV.opsAddresses]: stage.opsAddresses.join(','),
      [ENV.workflowPolicy]: JSON.stringify(stage.policy),
      [ENV.defaultRateCard]: JSON.stringify(stage.defaultRateCard),
      [ENV.extraClosedDays]: JSON.stringify(stage.extraClosedDays),
      [ENV.providerIdentity]: JSON.stringify(stage.provider),
      [ENV.evidenceRetentionYears]: String(stage.evidenceRetentionYears),
      POWERTOOLS_SERVICE_NAME,
      POWERTOOLS_METRICS_NAMESPACE,
      NODE_OPTIONS: '--enable-source-maps',
    };
  }
}

/** The table's CloudFormation logical id, as cdk-nag names it in a finding. */
function logicalIdOf(table: ITableV2): string {
  const resource = table.node.defaultChild as CfnElement | undefined;
  if (!resource) throw new Error(`Table ${table.node.path} has no CloudFormation resource to name`);
  return Stack.of(table).getLogicalId(resource);
}
