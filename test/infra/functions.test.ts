import { beforeAll, describe, expect, it } from 'vitest';
import { match } from '../support/matchers';
import { FUNCTION_DEFAULTS, FUNCTIONS, functionLimits, type FunctionSpec } from '../../functions/catalog';
import { ENV } from '../../functions/runtime/env';
import { type SynthesizedStage, synthesizeStage } from './synth-stage';
import { type CfnValue, logicalId, ref, renderCfnString, resource, resourcesOfType, catalogFunction } from './template-queries';

const specs: readonly FunctionSpec[] = FUNCTIONS;

describe('the Lambda functions', () => {
  let dev: SynthesizedStage;

  beforeAll(() => {
    dev = synthesizeStage('dev');
  });

  it('every one runs Node.js 24 on arm64 with active tracing and its own log group with the stage retention', () => {
    const lambdas = resourcesOfType(dev.template, 'AWS::Lambda::Function');
    expect(lambdas.map(([id]) => id).sort()).toEqual(
      specs.map((spec) => logicalId(dev.stack, catalogFunction(dev.stack, spec.name).function)).sort(),
    );
    for (const [id, lambda] of lambdas) {
      const properties = lambda.Properties ?? {};
      expect(properties.Runtime, id).toBe('nodejs24.x');
      expect(properties.Architectures, id).toEqual(['arm64']);
      expect(properties.TracingConfig, id).toEqual({ Mode: 'Active' });
      const logGroup = (properties.LoggingConfig as { LogGroup?: CfnValue } | undefined)?.LogGroup;
      const logGroupId = renderCfnString(logGroup ?? '').replace(/^<(.+)>$/, '$1');
      expect(resource(dev.template, logGroupId), id).toMatchObject({
        Type: 'AWS::Logs::LogGroup',
        Properties: { RetentionInDays: dev.stack.stage.logRetentionDays },
      });
    }
  });

  it('runs each one with the catalog default memory and timeout, or its own override', () => {
    // The PDF renderers override both; everything else takes the default.
    expect(specs.filter((spec) => spec.timeoutSeconds !== undefined || spec.memoryMb !== undefined).map((spec) => spec.name)).toEqual(
      expect.arrayContaining(['AwaitClientDecision', 'ApplyClientDecision', 'SendFollowUpReport']),
    );
    for (const spec of specs) {
      const properties = resource(dev.template, logicalId(dev.stack, catalogFunction(dev.stack, spec.name).function)).Properties ?? {};
      const limits = functionLimits(spec);
      expect({ MemorySize: properties.MemorySize, Timeout: properties.Timeout }, spec.name).toEqual({ MemorySize: limits.memoryMb, Timeout: limits.timeoutSeconds });
      if (spec.timeoutSeconds === undefined) expect(properties.Timeout, spec.name).toBe(FUNCTION_DEFAULTS.timeoutSeconds);
      if (spec.memoryMb === undefined) expect(properties.MemorySize, spec.name).toBe(FUNCTION_DEFAULTS.memoryMb);
    }
  });

  it('publishes one retained version of each function, and the API and the schedules invoke that version, never $LATEST', () => {
    const { stack, template } = dev;
    const versions = resourcesOfType(template, 'AWS::Lambda::Version');
    expect(versions).toHaveLength(specs.length);
    // A version's logical id ends in a hash added at synthesis: read it from the resolved ARN.
    const versionOf = new Map(specs.map((spec) => [spec.name, (stack.resolve(catalogFunction(stack, spec.name).version.functionArn) as { Ref: string }).Ref]));
    for (const spec of specs) {
      const version = resource(template, versionOf.get(spec.name)!);
      expect(version.Properties?.FunctionName, spec.name).toEqual(ref(logicalId(stack, catalogFunction(stack, spec.name).function)));
      expect([version.DeletionPolicy, version.UpdateReplacePolicy], spec.name).toEqual(['Retain', 'Retain']);
    }
    const versionIds = new Set(versionOf.values());
    const integrations = resourcesOfType(template, 'AWS::ApiGatewayV2::Integration');
    expect(integrations.length).toBeGreaterThan(0);
    for (const [id, integration] of integrations) {
      const target = renderCfnString(integration.Properties?.IntegrationUri ?? '').replace(/^<(.+)>$/, '$1');
      expect(versionIds.has(target), `${id} → ${target}`).toBe(true);
    }
    const targets = resourcesOfType(template, 'AWS::Events::Rule').flatMap(([, rule]) => (rule.Properties?.Targets ?? []) as { Arn: CfnValue }[]);
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect(versionIds.has(renderCfnString(target.Arn).replace(/^<(.+)>$/, '$1')), JSON.stringify(target.Arn)).toBe(true);
  });

  it.each(specs.map((spec) => [spec.name, spec] as const))('%s gets exactly the environment its grants ask for', (name, spec) => {
    const { stack, template } = dev;
    const { stage } = stack;
    // Template values, and matchers where the value is the stage's to choose.
    const expected: Record<string, unknown> = {
      [ENV.analystAddresses]: stage.analystAddresses.join(','),
      [ENV.opsAddresses]: stage.opsAddresses.join(','),
      [ENV.workflowPolicy]: JSON.stringify(stage.policy),
      [ENV.defaultRateCard]: JSON.stringify(stage.defaultRateCard),
      [ENV.extraClosedDays]: JSON.stringify(stage.extraClosedDays),
      [ENV.providerIdentity]: JSON.stringify(stage.provider),
      [ENV.evidenceRetentionYears]: String(stage.evidenceRetentionYears),
      POWERTOOLS_SERVICE_NAME: match.any(String),
      POWERTOOLS_METRICS_NAMESPACE: match.any(String),
      NODE_OPTIONS: '--enable-source-maps',
    };
    if (spec.grants.table) expected[ENV.tableName] = ref(logicalId(stack, stack.data.table));
    if (spec.grants.stateMachine?.includes('start')) {
      // The alias `live`: executions start on the newest published version.
      expected[ENV.stateMachineArn] = { 'Fn::GetAtt': [stack.getLogicalId(stack.workflow.alias), 'Arn'] };
    }
    if (spec.grants.email) {
      expected[ENV.senderAddress] = stage.senderAddress;
      expected[ENV.sesConfigurationSet] = stack.resolve(stack.email.configurationSet.configurationSetName) as CfnValue;
    }
    if (spec.grants.stuckAfterHours) expected[ENV.stuckAfterHours] = JSON.stringify(stage.stuckAfterHours);
    if (spec.grants.linkSigningKey) {
      expected[ENV.linkSigningSecretArn] = ref(logicalId(stack, stack.linkSigningKey.secret));
    }
    if (spec.grants.publicBaseUrl) expected[ENV.publicBaseUrl] = stack.resolve(stack.api.httpApi.apiEndpoint) as CfnValue;
    if (spec.grants.staffSignIn) {
      expected[ENV.staffClientId] = stack.resolve(stack.auth.client.userPoolClientId) as CfnValue;
      expected[ENV.staffSignInUrl] = stack.resolve(stack.auth.domainBaseUrl) as CfnValue;
    }

    const lambda = resource(template, logicalId(stack, catalogFunction(stack, name).function));
    expect((lambda.Properties?.Environment as { Variables: Record<string, CfnValue> }).Variables).toEqual(expected);
  });

  it('each one gets the stage default rate card, as JSON the domain can read back', () => {
    for (const spec of specs) {
      const variables = environmentOf(dev, spec.name);
      expect(JSON.parse(renderCfnString(variables[ENV.defaultRateCard] ?? '')), spec.name).toEqual(dev.stack.stage.defaultRateCard);
    }
  });

  it('puts the link-signing secret ARN exactly on the functions that build client links', () => {
    const linkBuilders = ['AwaitClientDecision', 'RemindClient', 'StartMonitoring', 'SendFollowUpReport'];
    expect(holders(dev, ENV.linkSigningSecretArn).sort()).toEqual([...linkBuilders].sort());
  });

  it('puts the public base URL exactly on the functions that send e-mail: client links, and the API calls staff e-mails name', () => {
    const mailers = specs.filter((spec) => spec.grants.email).map((spec) => spec.name);
    expect(mailers).toEqual(
      expect.arrayContaining(['RegisterOnboarding', 'RemindAnalysts', 'ExpireAgreement', 'ApplyClientDecision', 'AssignTechnician', 'PlanTechnicianWait', 'SweepSla', 'HandleFailure']),
    );
    // And the API description, whose servers URL is the API's own.
    expect(holders(dev, ENV.publicBaseUrl).sort()).toEqual([...mailers, 'ApiDescription'].sort());
  });

  it("gives PUBLIC_BASE_URL as this API's endpoint (https://<id>.execute-api.<region>.amazonaws.com, no trailing slash)", () => {
    const apiId = logicalId(dev.stack, dev.stack.api.httpApi);
    for (const name of holders(dev, ENV.publicBaseUrl)) {
      expect(environmentOf(dev, name)[ENV.publicBaseUrl], name).toEqual({ 'Fn::GetAtt': [apiId, 'ApiEndpoint'] });
    }
    // Not the stage URL, which for $default ends in "/".
    expect(renderCfnString(dev.stack.resolve(dev.stack.api.defaultStage.url) as CfnValue)).toMatch(/\/$/);
  });
});

/** The functions whose environment holds `variable`. */
function holders(stage: SynthesizedStage, variable: string): string[] {
  return specs.filter((spec) => variable in environmentOf(stage, spec.name)).map((spec) => spec.name);
}

function environmentOf(stage: SynthesizedStage, name: string): Record<string, CfnValue> {
  const lambda = resource(stage.template, logicalId(stage.stack, catalogFunction(stage.stack, name).function));
  return (lambda.Properties?.Environment as { Variables: Record<string, CfnValue> }).Variables;
}
