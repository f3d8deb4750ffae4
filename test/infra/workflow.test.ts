import { readFileSync } from 'node:fs';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { match } from '../support/matchers';
import { workflowFunctions } from '../../functions/catalog';
import { ASL_FILE } from '../../infra/constructs/workflow';
import { type SynthesizedStage, synthesizeStage } from './synth-stage';
import { ENV } from '../../functions/runtime/env';
import {
  type CfnValue,
  catalogFunction,
  getAtt,
  logicalId,
  ref,
  renderCfnString,
  resource,
  resourcesOfType,
  statementsOfRole,
} from './template-queries';

describe('the onboarding state machine', () => {
  let dev: SynthesizedStage;
  let properties: Record<string, CfnValue>;
  const asl = readFileSync(ASL_FILE, 'utf8');

  beforeAll(() => {
    dev = synthesizeStage('dev');
    properties = resource(dev.template, logicalId(dev.stack, dev.stack.workflow.stateMachine)).Properties ?? {};
  });

  /** A version's logical id ends in a hash of the function's configuration, added at synthesis: read it from the resolved ARN. */
  const versionIdOf = (name: string): string => (dev.stack.resolve(catalogFunction(dev.stack, name).version.functionArn) as { Ref: string }).Ref;

  /** The definition as Step Functions will see it: substitutions applied, ARNs as `<LogicalId.Arn>`. */
  function deployedDefinition(): string {
    const substitutions = (properties.DefinitionSubstitutions ?? {}) as Record<string, CfnValue>;
    return Object.entries(substitutions).reduce(
      (text, [key, value]) => text.replaceAll(`\${${key}}`, renderCfnString(value)),
      renderCfnString(properties.DefinitionString ?? ''),
    );
  }

  it("is the ASL file with each aslKey replaced by its function's published version ARN", () => {
    const expected = workflowFunctions().reduce(
      (text, spec) => text.replaceAll(`\${${spec.aslKey}}`, `<${versionIdOf(spec.name)}>`),
      asl,
    );
    expect(JSON.parse(deployedDefinition())).toEqual(JSON.parse(expected));
  });

  it('invokes only published function versions: every FunctionName is a Ref to an AWS::Lambda::Version of that function', () => {
    const functionNames = [...deployedDefinition().matchAll(/"FunctionName":\s*"([^"]*)"/g)].map((found) => found[1] ?? '');
    expect(functionNames.length).toBeGreaterThanOrEqual(workflowFunctions().length);
    for (const name of functionNames) {
      const versionId = /^<([A-Za-z0-9]+)>$/.exec(name)?.[1];
      expect(versionId, name).toBeDefined();
      const version = resource(dev.template, versionId!);
      expect(version.Type, name).toBe('AWS::Lambda::Version');
      // Kept when a deploy publishes the next one: executions on older state-machine versions still invoke it.
      expect(version.DeletionPolicy, name).toBe('Retain');
      expect(version.UpdateReplacePolicy, name).toBe('Retain');
    }
    for (const spec of workflowFunctions()) {
      const version = resource(dev.template, versionIdOf(spec.name));
      expect(version.Properties?.FunctionName, spec.name).toEqual(ref(logicalId(dev.stack, catalogFunction(dev.stack, spec.name).function)));
    }
  });

  it('publishes a retained state-machine version of each definition revision, and the alias live routes 100 % to it', () => {
    const { stack, template } = dev;
    const stateMachineId = logicalId(stack, stack.workflow.stateMachine);
    const versions = resourcesOfType(template, 'AWS::StepFunctions::StateMachineVersion');
    expect(versions).toHaveLength(1);
    const [versionId, version] = versions[0]!;
    expect(version.Properties).toMatchObject({
      StateMachineArn: ref(stateMachineId),
      StateMachineRevisionId: getAtt(stateMachineId, 'StateMachineRevisionId'),
    });
    expect(version.DeletionPolicy).toBe('Retain');
    expect(version.UpdateReplacePolicy).toBe('Retain');

    const aliases = resourcesOfType(template, 'AWS::StepFunctions::StateMachineAlias');
    expect(aliases).toHaveLength(1);
    const [aliasId, alias] = aliases[0]!;
    expect(alias.Properties?.Name).toBe('live');
    expect(alias.Properties?.RoutingConfiguration).toEqual([{ StateMachineVersionArn: getAtt(versionId, 'Arn'), Weight: 100 }]);
    expect(stack.resolve(stack.workflow.aliasArn)).toEqual(getAtt(aliasId, 'Arn'));
  });

  it('starts executions through the alias: CreateOnboarding gets the alias ARN as STATE_MACHINE_ARN, and it is an output', () => {
    const { stack, template } = dev;
    const aliasArn = getAtt(stack.getLogicalId(stack.workflow.alias), 'Arn');
    const lambda = resource(template, logicalId(stack, catalogFunction(stack, 'CreateOnboarding').function));
    const variables = (lambda.Properties?.Environment as { Variables: Record<string, CfnValue> }).Variables;
    expect(variables[ENV.stateMachineArn]).toEqual(aliasArn);
    const outputs = template.toJSON().Outputs as Record<string, { Value: CfnValue }>;
    expect(outputs.StateMachineAliasArn?.Value).toEqual(aliasArn);
    expect(outputs.StateMachineArn?.Value).toEqual(ref(logicalId(stack, stack.workflow.stateMachine)));
  });

  it('substitutes every catalog aslKey and nothing else', () => {
    const keys = Object.keys((properties.DefinitionSubstitutions ?? {}) as object).sort();
    expect(keys).toEqual(workflowFunctions().map((spec) => spec.aslKey).sort());
    for (const key of keys) expect(asl).toContain(`\${${key}}`);
  });

  it('leaves no ${...} in the deployed definition (CloudFormation would read it as a substitution)', () => {
    expect(deployedDefinition().match(/\$\{[^}]*\}/g) ?? []).toEqual([]);
  });

  it('is a STANDARD state machine that logs errors without execution data (no task tokens, no personal data) and traces with X-Ray', () => {
    expect(properties.StateMachineType).toBe('STANDARD');
    expect(properties.LoggingConfiguration).toEqual({
      Level: 'ERROR',
      IncludeExecutionData: false,
      Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: match.anything() } }],
    });
    type Logging = { Destinations: { CloudWatchLogsLogGroup: { LogGroupArn: CfnValue } }[] };
    const [destination] = (properties.LoggingConfiguration as Logging).Destinations;
    const logGroupId = renderCfnString(destination?.CloudWatchLogsLogGroup.LogGroupArn ?? '').replace(/^<(.+)\.Arn>$/, '$1');
    expect(resource(dev.template, logGroupId)).toMatchObject({
      Type: 'AWS::Logs::LogGroup',
      Properties: { RetentionInDays: dev.stack.stage.logRetentionDays },
    });
    expect(properties.TracingConfiguration).toEqual({ Enabled: true });
  });

  it('gives its log group a vended-logs name unique to the stack, not a fixed one a retained group would collide with', () => {
    type Logging = { Destinations: { CloudWatchLogsLogGroup: { LogGroupArn: CfnValue } }[] };
    const [destination] = (properties.LoggingConfiguration as Logging).Destinations;
    const logGroupId = renderCfnString(destination?.CloudWatchLogsLogGroup.LogGroupArn ?? '').replace(/^<(.+)\.Arn>$/, '$1');
    const name = resource(dev.template, logGroupId).Properties?.LogGroupName;
    expect(typeof name).not.toBe('string');
    expect(JSON.stringify(name)).toContain('/aws/vendedlogs/states/onboarding-dev-');
    // The UUID part of the stack id: `arn:…:stack/<name>/<uuid>`.
    expect(JSON.stringify(name)).toContain(JSON.stringify({ 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }));
  });

  it('is named onboarding-<stage>, the name the callback grants are built from', () => {
    expect(properties.StateMachineName).toBe('onboarding-dev');
    const prod = synthesizeStage('prod');
    const prodProperties = resource(prod.template, logicalId(prod.stack, prod.stack.workflow.stateMachine)).Properties ?? {};
    expect(prodProperties.StateMachineName).toBe('onboarding-prod');
  });

  it('leaves no dependency cycle (workflow functions answer their own tasks and link to the API)', () => {
    // Template refuses a template with a cycle, as CloudFormation would at deploy time; `cdk synth` does not look.
    expect(() => Template.fromJSON(dev.template.toJSON())).not.toThrow();
    const cyclic = {
      Resources: {
        A: { Type: 'Test::A', Properties: { Target: { 'Fn::GetAtt': ['B', 'Arn'] } } },
        B: { Type: 'Test::B', DependsOn: ['A'] },
      },
    };
    expect(() => Template.fromJSON(cyclic)).toThrow(/dependency cycle/);
  });

  it('is not referenced by the functions that answer its tasks (they use the ARN built from its name)', () => {
    const stateMachineId = logicalId(dev.stack, dev.stack.workflow.stateMachine);
    for (const spec of workflowFunctions()) {
      const fn = catalogFunction(dev.stack, spec.name);
      const lambda = JSON.stringify(resource(dev.template, logicalId(dev.stack, fn.function)));
      const policies = JSON.stringify(statementsOfRole(dev.template, logicalId(dev.stack, fn.role)));
      expect(lambda, spec.name).not.toContain(`"${stateMachineId}"`);
      expect(policies, spec.name).not.toContain(`"${stateMachineId}"`);
    }
  });
});
