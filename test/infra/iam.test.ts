import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, type FunctionSpec, workflowFunctions } from '../../functions/catalog';
import { type SynthesizedStage, synthesizeStage } from './synth-stage';
import { type CfnValue, logicalId, type PolicyStatement, renderCfnString, stageFunction, statementsOfRole } from './template-queries';

const specs: readonly FunctionSpec[] = FUNCTIONS;
const DYNAMODB_READ_ACTIONS = new Set([
  'dynamodb:BatchGetItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
  'dynamodb:GetItem',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  'dynamodb:Query',
  'dynamodb:Scan',
]);
const XRAY_WRITE_ACTIONS = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'];
const TASK_RESPONSE_ACTIONS = ['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess'];

const withActionPrefix = (statements: PolicyStatement[], prefix: string) =>
  statements.filter((statement) => statement.Action.some((action) => action.startsWith(prefix)));
const actionsOf = (statements: PolicyStatement[]) => [...new Set(statements.flatMap((s) => s.Action))].sort();
const resourcesOf = (statements: PolicyStatement[]) => [...new Set(statements.flatMap((s) => s.Resource.map(renderCfnString)))].sort();

describe('IAM', () => {
  let dev: SynthesizedStage;
  let tableArn: string;
  let stateMachineArn: string;
  let senderIdentityArn: string;
  const statementsOf = (name: string) =>
    statementsOfRole(dev.template, logicalId(dev.stack, stageFunction(dev.stack, name).role));

  beforeAll(() => {
    dev = synthesizeStage('dev');
    const { stack } = dev;
    tableArn = `<${logicalId(stack, stack.data.table)}.Arn>`;
    stateMachineArn = `<${logicalId(stack, stack.workflow.stateMachine)}>`;
    senderIdentityArn = renderCfnString(stack.resolve(stack.email.identity.emailIdentityArn) as CfnValue);
  });

  describe.each(specs.map((spec) => [spec.name, spec] as const))('%s', (name, spec) => {
    it('only allows statements, and uses "*" only for X-Ray, which has no resource-level permissions', () => {
      const statements = statementsOf(name);
      expect(statements.every((statement) => statement.Effect === 'Allow')).toBe(true);
      const starred = statements.filter((statement) => statement.Resource.includes('*'));
      expect(actionsOf(starred)).toEqual(XRAY_WRITE_ACTIONS);
    });

    it('reaches DynamoDB only as its table grant says, on the table and its indexes', () => {
      const dynamodb = withActionPrefix(statementsOf(name), 'dynamodb:');
      if (!spec.grants.table) {
        expect(dynamodb).toEqual([]);
        return;
      }
      expect(resourcesOf(dynamodb)).toEqual([tableArn, `${tableArn}/index/*`]);
      const actions = actionsOf(dynamodb);
      if (spec.grants.table === 'read') {
        expect(actions.filter((action) => !DYNAMODB_READ_ACTIONS.has(action))).toEqual([]);
      } else {
        expect(actions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query']));
      }
    });

    it('sends e-mail only with the email grant, and only as the stage sender identity', () => {
      const ses = withActionPrefix(statementsOf(name), 'ses:');
      if (!spec.grants.email) {
        expect(ses).toEqual([]);
        return;
      }
      expect(actionsOf(ses)).toEqual(['ses:SendEmail']);
      expect(resourcesOf(ses)).toEqual([senderIdentityArn]);
    });

    it('touches the state machine only as its stateMachine grants say, and only that state machine', () => {
      const states = withActionPrefix(statementsOf(name), 'states:');
      const grants = spec.grants.stateMachine ?? [];
      const expected = [
        ...(grants.includes('start') ? ['states:StartExecution'] : []),
        ...(grants.includes('callback') ? TASK_RESPONSE_ACTIONS : []),
      ].sort();
      expect(actionsOf(states)).toEqual(expected);
      if (expected.length > 0) expect(resourcesOf(states)).toEqual([stateMachineArn]);
    });
  });

  it('lets only the catalog functions with the start grant start executions', () => {
    const starters = specs.filter((spec) =>
      statementsOf(spec.name).some((statement) => statement.Action.includes('states:StartExecution')),
    );
    expect(starters.map((spec) => spec.name)).toEqual(
      specs.filter((spec) => spec.grants.stateMachine?.includes('start')).map((spec) => spec.name),
    );
    expect(starters.map((spec) => spec.name)).toContain('CreateOnboarding');
  });

  it('lets the state machine invoke exactly the workflow functions', () => {
    const { stack, template } = dev;
    const statements = statementsOfRole(template, logicalId(stack, stack.workflow.stateMachine.role));
    const lambda = withActionPrefix(statements, 'lambda:');
    expect(actionsOf(lambda)).toEqual(['lambda:InvokeFunction']);
    expect(resourcesOf(lambda)).toEqual(
      workflowFunctions()
        .map((spec) => `<${logicalId(stack, stageFunction(stack, spec.name).function)}.Arn>`)
        .sort(),
    );
  });
});
