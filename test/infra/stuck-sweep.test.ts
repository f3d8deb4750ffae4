import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/runtime/env';
import { STAGE_DEFAULTS } from '../../infra/stage-config';
import { type SynthesizedStage, synthesizeStage } from './synth-stage';
import { catalogFunction, logicalId, resource, resourcesOfType, statementsOfRole } from './template-queries';

const SWEEP = 'SweepStuckOnboardings';

describe('the stuck-onboarding sweep in the template', () => {
  let dev: SynthesizedStage;
  const functionId = () => logicalId(dev.stack, catalogFunction(dev.stack, SWEEP).function);
  const variablesOf = (id: string) => ((resource(dev.template, id).Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {});

  beforeAll(() => {
    dev = synthesizeStage('dev');
  }, 120_000);

  it('gets the stage\'s stuckAfterHours, and no other function does', () => {
    expect(variablesOf(functionId())[ENV.stuckAfterHours]).toBe(JSON.stringify(STAGE_DEFAULTS.dev.stuckAfterHours));
    const others = resourcesOfType(dev.template, 'AWS::Lambda::Function').filter(([id]) => id !== functionId());
    expect(others.filter(([id]) => ENV.stuckAfterHours in variablesOf(id)).map(([id]) => id)).toEqual([]);
  });

  it('runs hourly from an EventBridge rule', () => {
    const rule = dev.stack.schedules.rules.get(SWEEP);
    expect(rule).toBeDefined();
    const properties = resource(dev.template, logicalId(dev.stack, rule!)).Properties as { ScheduleExpression?: string; State?: string };
    expect(properties).toMatchObject({ State: 'ENABLED' });
    expect(properties.ScheduleExpression).toMatch(/^rate\((60 minutes|1 hour)\)$/);
  });

  it('may only read the table: no write, no Scan', () => {
    const role = logicalId(dev.stack, catalogFunction(dev.stack, SWEEP).role);
    const actions = statementsOfRole(dev.template, role).flatMap((statement) => statement.Action);
    expect(actions).toContain('dynamodb:Query');
    for (const write of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Scan', 'dynamodb:BatchWriteItem']) expect(actions).not.toContain(write);
  });
});
