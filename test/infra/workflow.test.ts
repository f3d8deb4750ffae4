import { readFileSync } from 'node:fs';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { match } from '../support/matchers';
import { workflowFunctions } from '../../functions/catalog';
import { ASL_FILE } from '../../infra/constructs/workflow';
import { type SynthesizedStage, synthesizeStage } from './synth-stage';
import { type CfnValue, logicalId, renderCfnString, resource, catalogFunction, statementsOfRole } from './template-queries';

describe('the onboarding state machine', () => {
  let dev: SynthesizedStage;
  let properties: Record<string, CfnValue>;
  const asl = readFileSync(ASL_FILE, 'utf8');

  beforeAll(() => {
    dev = synthesizeStage('dev');
    properties = resource(dev.template, logicalId(dev.stack, dev.stack.workflow.stateMachine)).Properties ?? {};
  });

  /** The definition as Step Functions will see it: substitutions applied, ARNs as `<LogicalId.Arn>`. */
  function deployedDefinition(): string {
    const substitutions = (properties.DefinitionSubstitutions ?? {}) as Record<string, CfnValue>;
    return Object.entries(substitutions).reduce(
      (text, [key, value]) => text.replaceAll(`\${${key}}`, renderCfnString(value)),
      renderCfnString(properties.DefinitionString ?? ''),
    );
  }

  it('is the ASL file with each aslKey replaced by its function ARN', () => {
    const expected = workflowFunctions().reduce(
      (text, spec) =>
        text.replaceAll(`\${${spec.aslKey}}`, `<${logicalId(dev.stack, catalogFunction(dev.stack, spec.name).function)}.Arn>`),
      asl,
    );
    expect(JSON.parse(deployedDefinition())).toEqual(JSON.parse(expected));
  });

  it('substitutes every catalog aslKey and nothing else', () => {
    const keys = Object.keys((properties.DefinitionSubstitutions ?? {}) as object).sort();
    expect(keys).toEqual(workflowFunctions().map((spec) => spec.aslKey).sort());
    for (const key of keys) expect(asl).toContain(`\${${key}}`);
  });

  it('leaves no ${...} in the deployed definition (CloudFormation would read it as a substitution)', () => {
    expect(deployedDefinition().match(/\$\{[^}]*\}/g) ?? []).toEqual([]);
  });

  it('is a STANDARD state machine that logs ALL events with execution data and traces with X-Ray', () => {
    expect(properties.StateMachineType).toBe('STANDARD');
    expect(properties.LoggingConfiguration).toEqual({
      Level: 'ALL',
      IncludeExecutionData: true,
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
