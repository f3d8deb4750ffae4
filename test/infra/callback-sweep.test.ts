import { beforeAll, describe, expect, it } from 'vitest';
import { type SynthesizedStage, synthesizeStage } from './synth-stage';
import { type CfnValue, catalogFunction, logicalId, resource, statementsOfRole } from './template-queries';

/**
 * What AWS alone would show of the undelivered-callback sweep and the decision window, on the
 * synthesized dev template: the rule that runs SweepCallbacks, what its role may do, and the
 * policy cap that leaves the client's wait to each agreement's own window.
 */
describe('callback sweep and decision window', () => {
  let dev: SynthesizedStage;
  const roleActions = (name: string) => statementsOfRole(dev.template, logicalId(dev.stack, catalogFunction(dev.stack, name).role)).flatMap((s) => s.Action);

  beforeAll(() => {
    dev = synthesizeStage('dev');
  });

  it('runs SweepCallbacks every 5 minutes with the scheduled event itself', () => {
    const rule = dev.stack.schedules.rules.get('SweepCallbacks');
    expect(rule).toBeDefined();
    const properties = resource(dev.template, logicalId(dev.stack, rule!)).Properties as { ScheduleExpression?: string; State?: string; Targets: { Arn: CfnValue; Input?: unknown }[] };
    expect(properties).toMatchObject({ ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED' });
    // Its one target is the sweep's function (its ARN, or a published version of it).
    expect(properties.Targets).toHaveLength(1);
    expect(JSON.stringify(properties.Targets[0]!.Arn)).toMatch(/"SweepCallbacksFunction/);
    expect(properties.Targets[0]!.Input).toBeUndefined();
  });

  it('may read its partition, remove settled callbacks and send them, but never Scan', () => {
    const actions = roleActions('SweepCallbacks');
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'states:SendTaskSuccess']));
    expect(actions).not.toContain('dynamodb:Scan');
  });

  it('a route that records callbacks needs no DeleteItem: it marks them settled', () => {
    for (const name of ['DecideAgreement', 'SubmitAnalysis', 'ReleaseAgreement']) {
      const actions = roleActions(name);
      expect(actions, name).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'states:SendTaskSuccess']));
      expect(actions, name).not.toContain('dynamodb:DeleteItem');
    }
  });

  it('the deployed policy caps the decision wait at the schema maximum, so only the agreement’s window binds', () => {
    const fn = resource(dev.template, logicalId(dev.stack, catalogFunction(dev.stack, 'CreateOnboarding').function));
    const variables = (fn.Properties?.Environment as { Variables: Record<string, string> }).Variables;
    expect(JSON.parse(variables.WORKFLOW_POLICY!)).toMatchObject({ decisionReminderSeconds: 31_536_000 });
  });
});
