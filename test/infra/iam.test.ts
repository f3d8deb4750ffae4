import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, type FunctionSpec, workflowFunctions } from '../../functions/catalog';
import { CatalogFunction, TABLE_GRANT_ACTIONS } from '../../infra/constructs/catalog-function';
import { type SynthesizedStage, synthesizeStage } from './synth-stage';
import {
  type CfnValue,
  logicalId,
  type PolicyStatement,
  ref,
  renderCfnString,
  resourcesOfType,
  catalogFunction,
  statementsOfRole,
  acknowledgementsUnder,
} from './template-queries';

const specs: readonly FunctionSpec[] = FUNCTIONS;
const DYNAMODB_READ_ACTIONS = ['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:Query'];
const DYNAMODB_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem'];
const XRAY_WRITE_ACTIONS = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'];
const TASK_RESPONSE_ACTIONS = ['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess'];
const SECRET_READ_ACTIONS = ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'];
const SUPPRESSION_ACTIONS: string[] = ['ses:GetSuppressedDestination', 'ses:PutSuppressedDestination'];

const withActionPrefix = (statements: PolicyStatement[], prefix: string) =>
  statements.filter((statement) => statement.Action.some((action) => action.startsWith(prefix)));
const actionsOf = (statements: PolicyStatement[]) => [...new Set(statements.flatMap((s) => s.Action))].sort();
const resourcesOf = (statements: PolicyStatement[]) => [...new Set(statements.flatMap((s) => s.Resource.map(renderCfnString)))].sort();

describe('IAM', () => {
  let dev: SynthesizedStage;
  let tableArn: string;
  let stateMachineArn: string;
  let aliasArn: string;
  /** The ARN formatted from the state machine's fixed name, which callback grants use (no cycle). */
  let stateMachineNamedArn: string;
  let secretArn: string;
  let senderIdentityArn: string;
  let configurationSetArn: string;
  const statementsOf = (name: string) =>
    statementsOfRole(dev.template, logicalId(dev.stack, catalogFunction(dev.stack, name).role));

  beforeAll(() => {
    dev = synthesizeStage('dev');
    const { stack } = dev;
    tableArn = `<${logicalId(stack, stack.data.table)}.Arn>`;
    stateMachineArn = `<${logicalId(stack, stack.workflow.stateMachine)}>`;
    aliasArn = `<${stack.getLogicalId(stack.workflow.alias)}.Arn>`;
    const render = (value: string) => renderCfnString(stack.resolve(value) as CfnValue);
    stateMachineNamedArn =
      `arn:${render(stack.partition)}:states:${stack.stage.region}:${render(stack.account)}` +
      `:stateMachine:onboarding-${stack.stage.stage}`;
    secretArn = `<${logicalId(stack, stack.linkSigningKey.secret)}>`;
    senderIdentityArn = renderCfnString(stack.resolve(stack.email.identity.emailIdentityArn) as CfnValue);
    configurationSetArn = renderCfnString(stack.resolve(stack.email.configurationSetArn) as CfnValue);
  });

  describe.each(specs.map((spec) => [spec.name, spec] as const))('%s', (name, spec) => {
    it('only allows statements, and uses "*" only for X-Ray and the suppression list, which have no resource-level permissions', () => {
      const statements = statementsOf(name);
      expect(statements.every((statement) => statement.Effect === 'Allow')).toBe(true);
      const starred = statements.filter((statement) => statement.Resource.includes('*'));
      expect(actionsOf(starred)).toEqual([...XRAY_WRITE_ACTIONS, ...(spec.grants.suppression ? SUPPRESSION_ACTIONS : [])].sort());
    });

    it('reaches DynamoDB only as its table grant says, on the table and its indexes', () => {
      const dynamodb = withActionPrefix(statementsOf(name), 'dynamodb:');
      if (!spec.grants.table) {
        expect(dynamodb).toEqual([]);
        return;
      }
      expect(resourcesOf(dynamodb)).toEqual([tableArn, `${tableArn}/index/*`]);
      const actions = actionsOf(dynamodb);
      const expected = {
        read: DYNAMODB_READ_ACTIONS,
        readWrite: [...DYNAMODB_READ_ACTIONS, ...DYNAMODB_WRITE_ACTIONS],
        readWriteDelete: [...DYNAMODB_READ_ACTIONS, ...DYNAMODB_WRITE_ACTIONS, 'dynamodb:DeleteItem'],
      }[spec.grants.table];
      expect(actions).toEqual([...expected].sort());
      expect(actions).toEqual([...TABLE_GRANT_ACTIONS[spec.grants.table]].sort());
    });

    it('sends e-mail only with the email grant, and only as the stage sender identity with its configuration set', () => {
      const ses = withActionPrefix(statementsOf(name), 'ses:').filter((statement) => !statement.Action.some((action) => SUPPRESSION_ACTIONS.includes(action)));
      if (!spec.grants.email) {
        expect(ses).toEqual([]);
        return;
      }
      expect(actionsOf(ses)).toEqual(['ses:SendEmail']);
      expect(resourcesOf(ses)).toEqual([senderIdentityArn, configurationSetArn].sort());
    });

    it('touches the state machine only as its stateMachine grants say, and only that state machine', () => {
      const states = withActionPrefix(statementsOf(name), 'states:');
      const grants = spec.grants.stateMachine ?? [];
      const start = states.filter((statement) => statement.Action.includes('states:StartExecution'));
      const callback = states.filter((statement) => statement.Action.some((action) => TASK_RESPONSE_ACTIONS.includes(action)));
      const history = states.filter((statement) => statement.Action.includes('states:GetExecutionHistory'));
      expect(start.length + callback.length + history.length).toBe(states.length);
      if (spec.grants.executionHistory) {
        expect(actionsOf(history)).toEqual(['states:GetExecutionHistory']);
        expect(resourcesOf(history)).toEqual([`${stateMachineNamedArn.replace(':stateMachine:', ':execution:')}:*`]);
      } else {
        expect(history).toEqual([]);
      }
      if (grants.includes('start')) {
        // The alias it starts through, and the state machine's own ARN, which IAM checks for a start through an alias.
        expect(actionsOf(start)).toEqual(['states:StartExecution']);
        expect(resourcesOf(start)).toEqual([stateMachineArn, aliasArn].sort());
      } else {
        expect(start).toEqual([]);
      }
      if (grants.includes('callback')) {
        // Never "*": task tokens of any other state machine stay out of reach.
        expect(actionsOf(callback)).toEqual(TASK_RESPONSE_ACTIONS);
        expect(resourcesOf(callback)).toEqual([stateMachineNamedArn]);
      } else {
        expect(callback).toEqual([]);
      }
    });

    it('reads the link-signing secret only with the linkSigningKey grant, and no other secret', () => {
      const secrets = withActionPrefix(statementsOf(name), 'secretsmanager:');
      if (!spec.grants.linkSigningKey) {
        expect(secrets).toEqual([]);
        return;
      }
      expect(actionsOf(secrets)).toEqual(SECRET_READ_ACTIONS);
      expect(resourcesOf(secrets)).toEqual([secretArn]);
    });
  });

  it('lets exactly AwaitClientDecision and RemindClient read the link-signing secret, and no other role or policy', () => {
    const { stack, template } = dev;
    const readers = resourcesOfType(template, 'AWS::IAM::Policy')
      .filter(([, policy]) => JSON.stringify(policy.Properties?.PolicyDocument).includes('secretsmanager:'))
      .flatMap(([, policy]) => policy.Properties?.Roles as CfnValue[]);
    const readerOf = (spec: FunctionSpec) => ref(logicalId(stack, catalogFunction(stack, spec.name).role));
    const expected = specs.filter((spec) => spec.grants.linkSigningKey);
    // The functions that put client links (agreement, problem report, feedback) into e-mails.
    expect(expected.map((spec) => spec.name).sort()).toEqual(['AwaitClientDecision', 'RemindClient', 'SendFollowUpReport', 'StartMonitoring']);
    expect(readers).toHaveLength(expected.length);
    expect(readers).toEqual(expect.arrayContaining(expected.map(readerOf)));
    // No managed policy or resource policy opens it to anyone else.
    expect(resourcesOfType(template, 'AWS::IAM::ManagedPolicy')).toEqual([]);
    expect(resourcesOfType(template, 'AWS::SecretsManager::ResourcePolicy')).toEqual([]);
  });

  it('lets exactly the functions with the email grant send e-mail', () => {
    const senders = specs.filter((spec) => withActionPrefix(statementsOf(spec.name), 'ses:SendEmail').length > 0);
    expect(senders.map((spec) => spec.name)).toEqual(specs.filter((spec) => spec.grants.email).map((spec) => spec.name));
    expect(senders.map((spec) => spec.name)).toEqual(
      expect.arrayContaining(['RegisterOnboarding', 'AwaitClientDecision', 'RemindClient', 'HandleFailure']),
    );
  });

  it('lets exactly the functions with the callback grant answer task tokens', () => {
    const answering = specs.filter((spec) =>
      statementsOf(spec.name).some((statement) => statement.Action.includes('states:SendTaskSuccess')),
    );
    expect(answering.map((spec) => spec.name)).toEqual(
      specs.filter((spec) => spec.grants.stateMachine?.includes('callback')).map((spec) => spec.name),
    );
    expect(answering.map((spec) => spec.name)).toEqual(
      expect.arrayContaining(['SubmitAnalysis', 'DecideAgreement', 'AwaitAnalysis', 'AwaitClientDecision']),
    );
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

  it("lets the state machine invoke exactly the workflow functions' published versions, never $LATEST", () => {
    const { stack, template } = dev;
    const statements = statementsOfRole(template, logicalId(stack, stack.workflow.stateMachine.role));
    const lambda = withActionPrefix(statements, 'lambda:');
    expect(actionsOf(lambda)).toEqual(['lambda:InvokeFunction']);
    // Every version (`:*`): executions still running on an older state-machine version invoke older function versions.
    expect(resourcesOf(lambda)).toEqual(
      workflowFunctions()
        .map((spec) => `<${logicalId(stack, catalogFunction(stack, spec.name).function)}.Arn>:*`)
        .sort(),
    );
    const acknowledged = acknowledgementsUnder(stack.workflow).filter(({ rule }) => rule.endsWith('.Arn>:*]'));
    expect(acknowledged).toHaveLength(workflowFunctions().length);
    for (const { reason } of acknowledged) expect(String(reason)).toMatch(/shared by all state-machine versions/);
  });

  it('grants Scan to no role, and DeleteItem only to the functions whose table grant is readWriteDelete', () => {
    const { template } = dev;
    const allActions = resourcesOfType(template, 'AWS::IAM::Policy').flatMap(([, policy]) =>
      JSON.stringify(policy.Properties?.PolicyDocument).match(/dynamodb:[A-Za-z*]+/g) ?? [],
    );
    expect(allActions.length).toBeGreaterThan(0);
    expect(allActions.filter((action) => action === 'dynamodb:Scan' || action === 'dynamodb:*')).toEqual([]);
    const deleters = specs.filter((spec) => withActionPrefix(statementsOf(spec.name), 'dynamodb:').some((s) => s.Action.includes('dynamodb:DeleteItem')));
    expect(deleters.map((spec) => spec.name)).toEqual(specs.filter((spec) => spec.grants.table === 'readWriteDelete').map((spec) => spec.name));
    // Technicians removes the old address's claim when an e-mail address changes.
    expect(deleters.map((spec) => spec.name)).toContain('Technicians');
  });

  it('refuses the start grant on a workflow function (it would need the state machine that needs it)', () => {
    const { stack } = synthesizeStage('dev', {
      beforeSynth: (stack) => {
        const spec: FunctionSpec = {
          name: 'StartingStage',
          entry: 'functions/handle-failure/handler.ts',
          description: 'A workflow step asking to start executions',
          aslKey: 'StartingStepFunctionArn',
          grants: { stateMachine: ['start'] },
        };
        const fn = new CatalogFunction(stack, spec.name, {
          spec,
          stage: stack.stage,
          table: stack.data.table,
          email: stack.email,
          linkSigningKey: stack.linkSigningKey,
        });
        expect(() => fn.connectStateMachine(stack.workflow)).toThrow(/cannot also hold the stateMachine start grant/);
      },
    });
    expect(stack.functions.has('StartingStage')).toBe(false);
  });
});
