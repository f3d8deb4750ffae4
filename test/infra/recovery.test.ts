import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, type FunctionSpec } from '../../functions/catalog';
import { type SynthesizedStage, synthesizeStage } from './synth-stage';
import { catalogFunction, logicalId, renderCfnString, resource, statementsOfRole } from './template-queries';

/** What only AWS can show of recovery, asserted on the synthesized template: who may read an execution's history and start a retry. */
describe('recovery in the template', () => {
  let dev: SynthesizedStage;
  let prod: SynthesizedStage;
  const roleOf = (stage: SynthesizedStage, name: string) => logicalId(stage.stack, catalogFunction(stage.stack, name).role);
  const actionsOf = (stage: SynthesizedStage, name: string) => statementsOfRole(stage.template, roleOf(stage, name)).flatMap((s) => s.Action);

  beforeAll(() => {
    dev = synthesizeStage('dev');
    prod = synthesizeStage('prod');
  }, 240_000);

  it('HandleFailure reads the history of this stage\'s onboarding executions only, on the ARN built from the fixed name', () => {
    for (const [stage, name] of [[dev, 'onboarding-dev'], [prod, 'onboarding-prod']] as const) {
      const reads = statementsOfRole(stage.template, roleOf(stage, 'HandleFailure')).filter((s) => s.Action.includes('states:GetExecutionHistory'));
      expect(reads).toHaveLength(1);
      expect(reads[0]!.Action).toEqual(['states:GetExecutionHistory']);
      expect(reads[0]!.Resource.map(renderCfnString)).toEqual([expect.stringMatching(new RegExp(`^arn:<AWS::Partition>:states:[^:]+:<AWS::AccountId>:execution:${name}:\\*$`))]);
    }
  });

  it('no other function reads execution histories', () => {
    const readers = (FUNCTIONS as readonly FunctionSpec[]).filter((spec) => actionsOf(dev, spec.name).includes('states:GetExecutionHistory')).map((spec) => spec.name);
    expect(readers).toEqual(['HandleFailure']);
  });

  it('RetryOnboarding and StartStrandedIntakes may start executions; ResumeOnboarding, a workflow step, may not', () => {
    expect(actionsOf(dev, 'RetryOnboarding')).toContain('states:StartExecution');
    expect(actionsOf(dev, 'StartStrandedIntakes')).toContain('states:StartExecution');
    expect(actionsOf(dev, 'ResumeOnboarding')).not.toContain('states:StartExecution');
  });

  it('runs StartStrandedIntakes every 10 minutes', () => {
    const rule = dev.stack.schedules.rules.get('StartStrandedIntakes');
    expect(rule).toBeDefined();
    const properties = resource(dev.template, logicalId(dev.stack, rule!)).Properties as { ScheduleExpression?: string; State?: string };
    expect(properties).toMatchObject({ ScheduleExpression: 'rate(10 minutes)', State: 'ENABLED' });
  });
});
