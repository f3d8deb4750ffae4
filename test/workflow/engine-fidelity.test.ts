import {
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
  type DescribeExecutionCommandOutput,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { match } from '../support/matchers';
import { LOCAL_ACCOUNT_ID, LOCAL_CREDENTIALS } from '../../infra/local/local-aws';
import { substitutedDefinition } from '../../infra/local/state-machine-definition';
import type { JsonObject } from '../../infra/local/stepfunctions/json';
import { findKnownDifferences } from '../../infra/local/stepfunctions/known-differences';
import { startStepFunctionsTwin, type StepFunctionsTwin } from '../../infra/local/stepfunctions/server';
import { finished } from '../support/sfn';

/**
 * The engine differences the twin fixes (prepared-definition.ts and
 * patches/aws-local-stepfunctions+3.0.0.patch), each run on the twin's server through the SDK. Every
 * expected value is AWS's behaviour; the comment above it says where that was recorded:
 * - "recorded": LocalStack's Step Functions snapshot tests, which are recorded against real AWS
 *   (tests/aws/services/stepfunctions/v2/... *.snapshot.json in localstack/localstack);
 * - "spec": the Amazon States Language specification (awslabs/states-language, spec/States.html);
 * - "docs": the AWS Step Functions developer guide.
 */
const REGION = 'eu-west-1';
const FLAKY_FN = `arn:aws:lambda:${REGION}:${LOCAL_ACCOUNT_ID}:function:flaky`;
const FAILING_FN = `arn:aws:lambda:${REGION}:${LOCAL_ACCOUNT_ID}:function:failing`;
const IS_OPERATORS = ['IsNull', 'IsPresent', 'IsString', 'IsNumeric', 'IsBoolean', 'IsTimestamp'] as const;
type IsOperator = (typeof IS_OPERATORS)[number];
const ISO_MILLIS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

const branches = {
  Matched: { Type: 'Pass', Result: 'Matched', End: true },
  NotMatched: { Type: 'Pass', Result: 'NotMatched', End: true },
};

/** `{Variable: "$.field", IsX: false}`, the rule the engine used to evaluate as false whatever the value. */
const isFalseMachine = (operator: IsOperator) => ({
  StartAt: 'Check',
  States: { Check: { Type: 'Choice', Choices: [{ Variable: '$.field', [operator]: false, Next: 'Matched' }], Default: 'NotMatched' }, ...branches },
});

const MACHINES: Record<string, object> = {
  ...Object.fromEntries(IS_OPERATORS.map((operator) => [`is-false-${operator}`, isFalseMachine(operator)])),
  'is-false-nested-in-map': {
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: 'Classify',
          States: {
            Classify: {
              Type: 'Choice',
              Choices: [
                { And: [{ Variable: '$.v', IsPresent: true }, { Variable: '$.v', IsNull: false }], Next: 'HasValue' },
                { Or: [{ Variable: '$.v', IsPresent: false }, { Not: { Variable: '$.v', IsString: false } }], Next: 'MissingOrString' },
              ],
              Default: 'Null',
            },
            HasValue: { Type: 'Pass', Result: 'HasValue', End: true },
            MissingOrString: { Type: 'Pass', Result: 'MissingOrString', End: true },
            Null: { Type: 'Pass', Result: 'Null', End: true },
          },
        },
        End: true,
      },
    },
  },
  comparisons: {
    StartAt: 'Compare',
    States: {
      Compare: {
        Type: 'Choice',
        Choices: [
          { Variable: '$.v', StringEqualsPath: '$.other', Next: 'SameString' },
          { Variable: '$.v', TimestampLessThan: '2000-01-01T00:00:00Z', Next: 'Timestamp' },
          { Variable: '$.v', NumericLessThan: 9, Next: 'Numeric' },
          { Variable: '$.v', StringMatches: '*', Next: 'String' },
        ],
        Default: 'Other',
      },
      SameString: { Type: 'Pass', Result: 'SameString', End: true },
      Timestamp: { Type: 'Pass', Result: 'Timestamp', End: true },
      Numeric: { Type: 'Pass', Result: 'Numeric', End: true },
      String: { Type: 'Pass', Result: 'String', End: true },
      Other: { Type: 'Pass', Result: 'Other', End: true },
    },
  },
  'result-path-whole': {
    StartAt: 'Replace',
    States: {
      Replace: { Type: 'Pass', Result: { replaced: true }, ResultPath: '$', Next: 'Fail' },
      Fail: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: FAILING_FN, Payload: {} },
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$', Next: 'Caught' }],
        End: true,
      },
      Caught: { Type: 'Pass', End: true },
    },
  },
  'state-context': {
    StartAt: 'Describe',
    States: {
      Describe: {
        Type: 'Pass',
        Parameters: { 'entered.$': '$$.State.EnteredTime', 'name.$': '$$.State.Name', 'retry.$': '$$.State.RetryCount' },
        ResultPath: '$.pass',
        Next: 'Work',
      },
      Work: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: {
          FunctionName: FLAKY_FN,
          Payload: { 'entered.$': '$$.State.EnteredTime', 'name.$': '$$.State.Name', 'retry.$': '$$.State.RetryCount' },
        },
        Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 1, MaxAttempts: 2 }],
        ResultSelector: { 'payload.$': '$.Payload' },
        ResultPath: '$.work',
        Next: 'Each',
      },
      Each: {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemProcessor: {
          StartAt: 'Inner',
          States: {
            Inner: {
              Type: 'Pass',
              Parameters: { 'entered.$': '$$.State.EnteredTime', 'name.$': '$$.State.Name', 'retry.$': '$$.State.RetryCount' },
              End: true,
            },
          },
        },
        ResultPath: '$.each',
        End: true,
      },
    },
  },
  'format-objects': {
    StartAt: 'Format',
    States: {
      Format: {
        Type: 'Pass',
        Parameters: {
          'objects.$': "States.Format('Formatting arguments fst={} and snd={}.', $.fst, $.snd)",
          'context.$': "States.Format('Formatting arguments fst={} and snd={}.', $$.Execution.Name, $$.StateMachine)",
          'scalars.$': "States.Format('Formatting arguments fst={} and snd={}.', $.number, $.nothing)",
        },
        End: true,
      },
    },
  },
  backslashes: {
    StartAt: 'Escape',
    States: {
      Escape: {
        Type: 'Pass',
        Parameters: {
          'fromPath.$': "States.Format('{}', $.path)",
          'json.$': 'States.JsonToString($.obj)',
          'literal.$': "States.Format('\\{\\} {} \\'quoted\\'', $.x)",
        },
        End: true,
      },
    },
  },
  'json-merge': {
    StartAt: 'Merge',
    States: {
      Merge: { Type: 'Pass', Parameters: { 'merged.$': 'States.JsonMerge($$.Execution.Input, $.extra, false)' }, ResultPath: '$.merge', Next: 'Read' },
      Read: { Type: 'Pass', Parameters: { 'input.$': '$$.Execution.Input', 'merged.$': '$.merge.merged' }, End: true },
    },
  },
};

let twin: StepFunctionsTwin;
let sfn: SFNClient;
const flakyPayloads: unknown[] = [];

beforeAll(async () => {
  twin = await startStepFunctionsTwin({
    port: 0,
    region: REGION,
    accountId: LOCAL_ACCOUNT_ID,
    stateMachines: Object.entries(MACHINES).map(([name, definition]) => ({ name, definition: JSON.stringify(definition) })),
    invokeLambda(functionArn, payload) {
      if (functionArn === FAILING_FN) return Promise.reject(Object.assign(new Error('it broke'), { name: 'Broken' }));
      flakyPayloads.push(payload);
      if (flakyPayloads.length === 1) return Promise.reject(Object.assign(new Error('first attempt fails'), { name: 'Flaky' }));
      return Promise.resolve({ ok: true });
    },
  });
  sfn = new SFNClient({ endpoint: twin.url, region: REGION, credentials: LOCAL_CREDENTIALS });
});
afterAll(async () => {
  await twin?.close();
});

async function run(machine: string, input: unknown): Promise<{ described: DescribeExecutionCommandOutput; events: HistoryEvent[] }> {
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: twin.stateMachineArn(machine), input: JSON.stringify(input) }));
  const described = await finished(sfn, executionArn!);
  const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
  return { described, events };
}

async function output(machine: string, input: unknown): Promise<unknown> {
  const { described } = await run(machine, input);
  expect(described.status, described.cause).toBe('SUCCEEDED');
  return JSON.parse(described.output!);
}

/** The instants of the named state's StateEntered events, as ISO strings. */
function enteredAt(events: HistoryEvent[], state: string): string[] {
  return events.filter((e) => e.type?.endsWith('StateEntered') && e.stateEnteredEventDetails?.name === state).map((e) => e.timestamp!.toISOString());
}

describe('Choice Is* operators with false', () => {
  // The branch AWS takes for {Variable: "$.field", IsX: false}. Present values: recorded
  // (test_is_operators.snapshot.json, cases with "Value": false: ConditionTrue means Matched);
  // IsTimestamp has no AWS recording there (LocalStack skips it), its expectation follows the spec's
  // definition of a timestamp.
  const present: Array<[IsOperator, unknown, 'Matched' | 'NotMatched']> = [
    ['IsNull', 'HelloWorld', 'Matched'],
    ['IsNull', null, 'NotMatched'],
    ['IsPresent', 'HelloWorld', 'NotMatched'],
    ['IsPresent', null, 'NotMatched'],
    ['IsString', 1, 'Matched'],
    ['IsString', 'HelloWorld', 'NotMatched'],
    ['IsNumeric', 'HelloWorld', 'Matched'],
    ['IsNumeric', 1.1, 'NotMatched'],
    ['IsBoolean', 'HelloWorld', 'Matched'],
    ['IsBoolean', false, 'NotMatched'],
    ['IsTimestamp', 'HelloWorld', 'Matched'],
    ['IsTimestamp', '2016-03-14T01:59:00Z', 'NotMatched'],
  ];
  it.each(present)('%s: false on a present field %j takes %s', async (operator, value, branch) => {
    expect(await output(`is-false-${operator}`, { field: value })).toBe(branch);
  });

  // Spec, IsPresent: "if the Variable-field Path fails to match anything in the input no exception is
  // thrown and the Choice Rule just returns false", so IsPresent: false matches an absent field.
  it('IsPresent: false on an absent field takes the branch', async () => {
    expect(await output('is-false-IsPresent', { other: 1 })).toBe('Matched');
  });

  // Spec: only IsPresent is exempt; for the other operators an absent Variable is an error, and AWS
  // fails the execution with States.Runtime ("Invalid path '$.field': The choice state's condition
  // path references an invalid value."). The twin's cause wording differs; the error is the same.
  it.each(IS_OPERATORS.filter((op) => op !== 'IsPresent'))('%s: false on an absent field fails with States.Runtime', async (operator) => {
    const { described } = await run(`is-false-${operator}`, { other: 1 });
    expect(described.status).toBe('FAILED');
    expect(described.error).toBe('States.Runtime');
  });

  it('inside And/Or/Not, in a Map iteration', async () => {
    // Spec: And/Or stop "when the boolean value has been unambiguously determined", so the absent
    // field's IsNull is never evaluated; Not inverts.
    expect(await output('is-false-nested-in-map', { items: [{ v: null }, { v: 1 }, {}] })).toEqual(['Null', 'HasValue', 'MissingOrString']);
  });

  it('DescribeStateMachine still returns the ASL as written', async () => {
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: twin.stateMachineArn('is-false-IsNull') }));
    expect(described.definition).toBe(JSON.stringify(MACHINES['is-false-IsNull']));
  });
});

describe('comparisons of mismatched types', () => {
  // Spec: "For each operator which compares values, if the values are not both of the appropriate type
  // (String, number, boolean, or Timestamp) the comparison will return false." Here $.other is a
  // number, so StringEqualsPath is false rather than an error; "5" < 9 and 5 < a date are false.
  it.each([
    ['5', 'String'],
    [5, 'Numeric'],
    [null, 'Other'],
    [true, 'Other'],
    ['1999-01-01T00:00:00Z', 'Timestamp'],
  ])('$.v = %j takes %s', async (v, branch) => {
    expect(await output('comparisons', { v, other: 5 })).toBe(branch);
  });
});

describe('ResultPath "$"', () => {
  it('replaces the input with the result, in a state and in a Catch', async () => {
    // Docs (Input and output processing, ResultPath): "$" means the result replaces the whole input,
    // which is also what happens without ResultPath. The Catch passes on {Error, Cause}.
    expect(await output('result-path-whole', { x: 1 })).toEqual({ Error: 'Broken', Cause: 'it broke' });
  });
});

describe('$$.State', () => {
  it('gives EnteredTime, Name and RetryCount in a Pass, a retried Task and a Map iteration', async () => {
    flakyPayloads.length = 0;
    const { described, events } = await run('state-context', { items: ['a'] });
    expect(described.status, described.cause).toBe('SUCCEEDED');
    const result = JSON.parse(described.output!) as {
      pass: { entered: string; name: string; retry: number };
      each: Array<{ entered: string; name: string; retry: number }>;
    };
    // Docs (Context object): State.EnteredTime is when the state was entered (ISO 8601 with
    // milliseconds), State.Name the state's name, State.RetryCount 0 on the first attempt and one
    // more at each retry. EnteredTime is the instant of the state's StateEntered event.
    expect(result.pass).toEqual({ entered: match.stringMatching(ISO_MILLIS), name: 'Describe', retry: 0 });
    expect(enteredAt(events, 'Describe')).toEqual([result.pass.entered]);

    const [workEntered] = enteredAt(events, 'Work');
    expect(flakyPayloads).toEqual([
      { entered: workEntered, name: 'Work', retry: 0 },
      { entered: workEntered, name: 'Work', retry: 1 },
    ]);

    expect(result.each).toEqual([{ entered: match.stringMatching(ISO_MILLIS), name: 'Inner', retry: 0 }]);
    expect(enteredAt(events, 'Inner')).toEqual([result.each[0]!.entered]);
  });
});

describe('States.Format with objects and arrays', () => {
  it('renders them as AWS does', async () => {
    const arg = { Arg1: 1, Arg2: [] };
    const { described } = await run('format-objects', { fst: arg, snd: arg, number: 1.1, nothing: null });
    expect(described.status, described.cause).toBe('SUCCEEDED');
    // Recorded: test_generic.snapshot.json, test_format_2 (object arguments) and test_context_json_path
    // ($$.StateMachine); test_format_1 for 1.1 and null.
    expect(JSON.parse(described.output!)).toEqual({
      objects: 'Formatting arguments fst={Arg1=1, Arg2=[]} and snd={Arg1=1, Arg2=[]}.',
      context: `Formatting arguments fst=${described.name} and snd={Id=${twin.stateMachineArn('format-objects')}, Name=format-objects}.`,
      scalars: 'Formatting arguments fst=1.1 and snd=null.',
    });
  });
});

describe('backslashes in intrinsic functions', () => {
  it('are escapes in string literals only; values keep theirs', async () => {
    // Docs (Intrinsic functions, reserved characters): in a literal \' \{ \} \\ stand for ' { } \; the
    // escapes belong to the invocation, so a value read from a path is used as it is, and
    // States.JsonToString returns JSON text (quotes inside strings stay escaped). (\\ itself the
    // engine's validator rejects: a refused construct, see stepfunctions-refusals.test.ts.)
    expect(await output('backslashes', { path: 'C:\\temp\\new', obj: { quote: 'say "hi"' }, x: 'x' })).toEqual({
      fromPath: 'C:\\temp\\new',
      json: '{"quote":"say \\"hi\\""}',
      literal: "{} x 'quoted'",
    });
  });
});

describe('States.JsonMerge', () => {
  it('leaves its arguments as they were', async () => {
    // Docs: the function returns the merged object (shallow merge, the second argument wins); the
    // Context object's Execution.Input is the execution's input throughout.
    expect(await output('json-merge', { a: 1, extra: { b: 2 } })).toEqual({ input: { a: 1, extra: { b: 2 } }, merged: { a: 1, extra: { b: 2 }, b: 2 } });
  });
});

describe('statemachines/onboarding.asl.json', () => {
  it('uses no construct the twin refuses, and loads', async () => {
    const definition = substitutedDefinition(REGION);
    expect(findKnownDifferences(JSON.parse(definition) as JsonObject)).toEqual([]);
    const onboarding = await startStepFunctionsTwin({
      port: 0,
      region: REGION,
      accountId: LOCAL_ACCOUNT_ID,
      stateMachines: [{ name: 'onboarding', definition }],
      invokeLambda: () => Promise.reject(new Error('not invoked')),
    });
    await onboarding.close();
  });
});
