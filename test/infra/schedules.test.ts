import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, scheduledFunctions, type FunctionSpec } from '../../functions/catalog';
import { type SynthesizedStage, synthesizeStage } from './synth-stage';
import { type CfnValue, catalogFunction, getAtt, logicalId, resourcesOfType } from './template-queries';

interface RuleProperties {
  ScheduleExpression?: string;
  State?: string;
  Targets: { Arn: CfnValue; Id: string; Input?: unknown; RetryPolicy?: { MaximumRetryAttempts: number; MaximumEventAgeInSeconds: number } }[];
}

describe('schedules', () => {
  let dev: SynthesizedStage;
  const rules = () => resourcesOfType(dev.template, 'AWS::Events::Rule').map(([, rule]) => rule.Properties as unknown as RuleProperties);
  const functionArn = (name: string) => getAtt(logicalId(dev.stack, catalogFunction(dev.stack, name).function));

  beforeAll(() => {
    dev = synthesizeStage('dev');
  });

  it('the catalog schedules SweepSla every 5 minutes', () => {
    expect(scheduledFunctions().map((spec) => [spec.name, spec.schedule])).toEqual([['SweepSla', { everyMinutes: 5 }]]);
  });

  it('runs SweepSla with a rate(5 minutes) rule that hands it the scheduled event itself', () => {
    const sweep = rules().filter((rule) => rule.Targets.some((target) => JSON.stringify(target.Arn) === JSON.stringify(functionArn('SweepSla'))));
    expect(sweep).toHaveLength(1);
    const [rule] = sweep;
    expect(rule).toMatchObject({ ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED' });
    expect(rule!.Targets).toHaveLength(1);
    const [target] = rule!.Targets;
    // No Input: the function gets the EventBridge event, whose `time` is its clock.
    expect(target!.Input).toBeUndefined();
    // A run is worth delivering until the next one is due, no longer.
    expect(target!.RetryPolicy).toEqual({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 300 });
  });

  it('lets EventBridge invoke SweepSla from that rule only', () => {
    const rule = dev.stack.schedules.rules.get('SweepSla');
    expect(rule).toBeDefined();
    const permissions = resourcesOfType(dev.template, 'AWS::Lambda::Permission')
      .map(([, permission]) => permission.Properties ?? {})
      .filter((permission) => permission.Principal === 'events.amazonaws.com');
    expect(permissions).toEqual([expect.objectContaining({ Action: 'lambda:InvokeFunction', FunctionName: functionArn('SweepSla'), SourceArn: getAtt(logicalId(dev.stack, rule!)) })]);
  });

  it('retries a failed run once, and not after the next one is due', () => {
    const configs = resourcesOfType(dev.template, 'AWS::Lambda::EventInvokeConfig').map(([, config]) => config.Properties ?? {});
    expect(configs).toEqual([
      expect.objectContaining({
        FunctionName: { Ref: logicalId(dev.stack, catalogFunction(dev.stack, 'SweepSla').function) },
        MaximumRetryAttempts: 1,
        MaximumEventAgeInSeconds: 300,
      }),
    ]);
  });

  it('schedules no other function', () => {
    const scheduled = new Set(scheduledFunctions().map((spec) => spec.name));
    const unscheduled = (FUNCTIONS as readonly FunctionSpec[]).filter((spec) => !scheduled.has(spec.name));
    expect(unscheduled.length).toBeGreaterThan(0);
    const targets = rules().flatMap((rule) => rule.Targets.map((target) => JSON.stringify(target.Arn)));
    for (const spec of unscheduled) expect(targets, spec.name).not.toContain(JSON.stringify(functionArn(spec.name)));
    expect(rules().filter((rule) => rule.ScheduleExpression !== undefined)).toHaveLength(scheduled.size);
    expect([...dev.stack.schedules.rules.keys()]).toEqual([...scheduled]);
  });
});
