import { type App, CfnOutput, Lazy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { Construct } from 'constructs';
import { FUNCTIONS, type FunctionSpec } from '../functions/catalog';
import { OnboardingApi } from './constructs/api';
import { StaffAuth } from './constructs/auth';
import { OnboardingData } from './constructs/data';
import { OnboardingEmail } from './constructs/email';
import { EmailEvents } from './constructs/email-events';
import { LinkSigningKey } from './constructs/link-signing';
import { OnboardingMonitoring } from './constructs/monitoring';
import { FunctionSchedules } from './constructs/schedules';
import { stageConfigFromContext } from './constructs/stage-context';
import { CatalogFunction } from './constructs/catalog-function';
import { OnboardingWorkflow } from './constructs/workflow';
import type { StageConfig } from './stage-config';

export interface OnboardingStackProps extends StackProps {
  stage: StageConfig;
}

/**
 * Everything one stage runs on: table, functions, state machine, API, sign-in, e-mail, the
 * link-signing key, the schedules, monitoring.
 */
export class OnboardingStack extends Stack {
  readonly stage: StageConfig;
  readonly data: OnboardingData;
  readonly email: OnboardingEmail;
  readonly emailEvents: EmailEvents;
  readonly auth: StaffAuth;
  readonly linkSigningKey: LinkSigningKey;
  readonly functions: ReadonlyMap<string, CatalogFunction>;
  readonly workflow: OnboardingWorkflow;
  readonly api: OnboardingApi;
  readonly monitoring: OnboardingMonitoring;
  readonly schedules: FunctionSchedules;

  constructor(scope: Construct, id: string, props: OnboardingStackProps) {
    super(scope, id, props);
    const { stage } = props;
    this.stage = stage;

    this.data = new OnboardingData(this, 'Data', { stage });
    this.email = new OnboardingEmail(this, 'Email', { stage });
    // The app client's console URLs need the API's endpoint; the API (built below) needs the
    // client's authorizer. Only the client refers to the API, so CloudFormation has no cycle.
    this.auth = new StaffAuth(this, 'Auth', {
      stage,
      apiEndpoint: Lazy.string({ produce: () => this.api.httpApi.apiEndpoint }),
      ...(stage.apiDomain ? { customDomainUrl: `https://${stage.apiDomain.domainName}` } : {}),
    });
    this.linkSigningKey = new LinkSigningKey(this, 'LinkSigning', { stage });

    // Order matters: functions first (their callback grants use the state machine's fixed name, not
    // the resource), then the state machine that needs the workflow functions' ARNs, then the start
    // grant that needs the state machine's ARN, then the API that needs the HTTP functions, then the
    // API's URL for the functions that build client links.
    const specs: readonly FunctionSpec[] = FUNCTIONS;
    const { table } = this.data;
    const shared = { stage, table, email: this.email, linkSigningKey: this.linkSigningKey };
    this.functions = new Map(specs.map((spec) => [spec.name, new CatalogFunction(this, spec.name, { spec, ...shared })]));
    const all = [...this.functions.values()];
    this.emailEvents = new EmailEvents(this, 'EmailEvents', { email: this.email, handler: this.functions.get('HandleEmailEvent')! });
    this.workflow = new OnboardingWorkflow(this, 'Workflow', {
      stage,
      workflowFunctions: all.filter((fn) => fn.spec.aslKey),
    });
    for (const fn of all) fn.connectStateMachine(this.workflow);

    this.api = new OnboardingApi(this, 'Api', {
      stage,
      httpFunctions: all.filter((fn) => fn.spec.routes?.length),
      staffAuthorizer: this.auth.authorizer,
      ...(stage.apiDomain ? { customDomain: stage.apiDomain } : {}),
    });
    for (const fn of all) fn.connectApi(this.api.publicUrl);
    for (const fn of all) fn.connectStaffSignIn({ clientId: this.auth.client.userPoolClientId, signInUrl: this.auth.domainBaseUrl });
    this.schedules = new FunctionSchedules(this, 'Schedules', { functions: all.filter((fn) => fn.spec.schedule) });
    this.monitoring = new OnboardingMonitoring(this, 'Monitoring', {
      stage,
      stateMachine: this.workflow.stateMachine,
      functions: all,
      httpApi: this.api.httpApi,
      table: this.data.table,
      configurationSet: this.email.configurationSet,
    });

    // Stable names: `cdk deploy --outputs-file cdk-outputs.json` hands these to `npm run login`.
    new CfnOutput(this, 'ApiUrl', { value: this.api.defaultStage.url });
    if (this.api.customDomain) {
      new CfnOutput(this, 'ApiDomainUrl', { value: `${this.api.publicUrl}/`, description: 'Client links and the console use this URL' });
      new CfnOutput(this, 'ApiDomainTarget', {
        value: this.api.customDomain.regionalDomainName,
        description: 'Create a CNAME (or an alias A record) from the apiDomain to this name',
      });
    }
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'StaffClientId', { value: this.auth.client.userPoolClientId });
    new CfnOutput(this, 'StaffLoginDomain', { value: this.auth.domainBaseUrl });
    new CfnOutput(this, 'StaffLoginCallbackPort', { value: String(stage.loginCallbackPort) });
    new CfnOutput(this, 'StateMachineArn', { value: this.workflow.stateMachine.stateMachineArn });
    // Where executions start (the `live` alias); list and describe them on StateMachineArn.
    new CfnOutput(this, 'StateMachineAliasArn', { value: this.workflow.aliasArn });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'LinkSigningSecretArn', { value: this.linkSigningKey.secretArn });
    new CfnOutput(this, 'SenderIdentity', { value: this.email.identity.emailIdentityName });
  }
}

/**
 * Adds the stage chosen by context (`-c stage=dev|prod`) to `app` as `Onboarding-<stage>`, with
 * the AwsSolutions checks; the CDK entry point and the infra tests both build the app this way.
 */
export function addOnboardingStack(app: App): OnboardingStack {
  const stage = stageConfigFromContext(app.node);
  const stack = new OnboardingStack(app, `Onboarding-${stage.stage}`, {
    stage,
    // No lookups: synth must work offline without credentials; the account resolves at deploy time.
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: stage.region },
    description: `Break & Fix client onboarding (${stage.stage})`,
    // prod: `cdk destroy` (or a console click) cannot delete the stack until this is switched off.
    terminationProtection: stage.stage === 'prod',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}
