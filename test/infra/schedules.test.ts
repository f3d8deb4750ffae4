import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, scheduledFunctions, type FunctionSpec } from '../../functions/catalog';
import { type SynthesizedStage, synthesizeStage } from './synth-stage';
import { type CfnValue, catalogFunction, getAtt, logicalId, resourcesOfType } from './template-queries';

interface RuleProperties {
  ScheduleExpression?: string;
  State?: string;
  Targets: { Arn: CfnValue; Id: string; Input?: unknown; RetryPolicy?: { MaximumRetryAttempts: number; MaximumEventAgeInSeconds: number } }[];
}

/** Every sweep of the product and how often it runs. */
const EXPECTED_SCHEDULES = [
  ['StartStrandedIntakes', { everyMinutes: 10 }],
  ['SweepSla', { everyMinutes: 5 }],
  ['SweepCallbacks', { everyMinutes: 5 }],
  ['SweepStuckOnboardings', { everyMinutes: 60 }],
] as const;

describe('schedules', () => {
  let dev: SynthesizedStage;
  const rules = () => resourcesOfType(dev.template, 'AWS::Events::Rule').map(([, rule]) => rule.Properties as unknown as RuleProperties);
  // Rules invoke the published version (a Ref to the AWS::Lambda::Version), as every trigger does.
  // (the version's logical id carries a hash of its code, so it is read through resolve).
  const versionRef = (name: string): CfnValue => dev.stack.resolve(catalogFunction(dev.stack, name).version.functionArn) as CfnValue;
  const versionLogicalId = (name: string): string => (versionRef(name) as { Ref: string }).Ref;

  beforeAll(() => {
    dev = synthesizeStage('dev');
  });

  it('the catalog schedules the sweeps', () => {
    expect(scheduledFunctions().map((spec) => [spec.name, spec.schedule])).toEqual(EXPECTED_SCHEDULES);
  });

  it.each(EXPECTED_SCHEDULES)('runs %s with a rate rule that hands its version the scheduled event itself', (name, { everyMinutes }) => {
    const matching = rules().filter((rule) => rule.Targets.some((target) => JSON.stringify(target.Arn) === JSON.stringify(versionRef(name))));
    expect(matching).toHaveLength(1);
    const [rule] = matching;
    const expression = everyMinutes % 60 === 0 ? `rate(${everyMinutes / 60} hour${everyMinutes === 60 ? '' : 's'})` : `rate(${everyMinutes} minutes)`;
    expect(rule).toMatchObject({ ScheduleExpression: expression, State: 'ENABLED' });
    expect(rule!.Targets).toHaveLength(1);
    const [target] = rule!.Targets;
    // No Input: the function gets the EventBridge event, whose `time` is its clock.
    expect(target!.Input).toBeUndefined();
    // A run is worth delivering until the next one is due, no longer.
    expect(target!.RetryPolicy).toEqual({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: everyMinutes * 60 });
  });

  it.each(EXPECTED_SCHEDULES)('lets EventBridge invoke %s from its rule only', (name) => {
    const rule = dev.stack.schedules.rules.get(name);
    expect(rule).toBeDefined();
    const permissions = resourcesOfType(dev.template, 'AWS::Lambda::Permission')
      .map(([, permission]) => permission.Properties ?? {})
      .filter((permission) => permission.Principal === 'events.amazonaws.com' && JSON.stringify(permission.FunctionName) === JSON.stringify(versionRef(name)));
    expect(permissions).toEqual([expect.objectContaining({ Action: 'lambda:InvokeFunction', SourceArn: getAtt(logicalId(dev.stack, rule!)) })]);
  });

  it.each(EXPECTED_SCHEDULES)('retries a failed run of %s once, and not after the next one is due', (name, { everyMinutes }) => {
    const fn = catalogFunction(dev.stack, name);
    const configs = resourcesOfType(dev.template, 'AWS::Lambda::EventInvokeConfig')
      .map(([, config]) => config.Properties ?? {})
      .filter((config) => JSON.stringify(config.FunctionName) === JSON.stringify({ Ref: logicalId(dev.stack, fn.function) }));
    expect(configs).toEqual([
      expect.objectContaining({
        MaximumRetryAttempts: 1,
        MaximumEventAgeInSeconds: everyMinutes * 60,
        Qualifier: getAtt(versionLogicalId(name), 'Version'),
      }),
    ]);
  });

  it('schedules no other function', () => {
    const scheduled = new Set(scheduledFunctions().map((spec) => spec.name));
    const unscheduled = (FUNCTIONS as readonly FunctionSpec[]).filter((spec) => !scheduled.has(spec.name));
    expect(unscheduled.length).toBeGreaterThan(0);
    // Scheduled rules only (HandleEmailEvent has an event-pattern rule of its own).
    const targets = rules()
      .filter((rule) => rule.ScheduleExpression !== undefined)
      .flatMap((rule) => rule.Targets.map((target) => JSON.stringify(target.Arn)));
    for (const spec of unscheduled) expect(targets, spec.name).not.toContain(JSON.stringify(versionRef(spec.name)));
    expect(rules().filter((rule) => rule.ScheduleExpression !== undefined)).toHaveLength(scheduled.size);
    expect([...dev.stack.schedules.rules.keys()].sort()).toEqual([...scheduled].sort());
  });
});
