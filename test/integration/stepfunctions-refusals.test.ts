import { describe, expect, it } from 'vitest';
import { LOCAL_ACCOUNT_ID } from '../../infra/local/local-aws';
import { KNOWN_DIFFERENCES, type KnownDifferenceId } from '../../infra/local/stepfunctions/known-differences';
import { startStepFunctionsTwin } from '../../infra/local/stepfunctions/server';

/**
 * The twin refuses, when it is given a definition, any ASL that uses a construct its engine runs
 * differently from AWS (infra/local/stepfunctions/known-differences.ts), naming the construct and
 * its state. One case (or more) per construct on the list.
 */
const REGION = 'eu-west-1';
const FN = `arn:aws:lambda:${REGION}:${LOCAL_ACCOUNT_ID}:function:work`;
const INVOKE = 'arn:aws:states:::lambda:invoke';

function load(definition: object) {
  return startStepFunctionsTwin({
    port: 0,
    region: REGION,
    accountId: LOCAL_ACCOUNT_ID,
    stateMachines: [{ name: 'refused', definition: JSON.stringify(definition) }],
    invokeLambda: () => Promise.reject(new Error('not invoked')),
  });
}

const single = (name: string, state: object) => ({ StartAt: name, States: { [name]: state } });
const pass = (fields: object) => ({ Type: 'Pass', ...fields, End: true });
const task = (fields: object = {}) => ({ Type: 'Task', Resource: INVOKE, Parameters: { FunctionName: FN, Payload: {} }, ...fields, End: true });
const map = (fields: object, processor: object = { StartAt: 'Item', States: { Item: pass({}) } }) => ({
  Type: 'Map',
  ItemsPath: '$.items',
  ItemProcessor: processor,
  ...fields,
  End: true,
});

interface Case {
  title: string;
  id: KnownDifferenceId;
  /** The state named in the message; undefined for the top level. */
  state: string | undefined;
  definition: object;
}

const CASES: Case[] = [
  { title: 'States.MathAdd', id: 'mathAdd', state: 'Add', definition: single('Add', pass({ Parameters: { 'n.$': 'States.MathAdd($.a, 1)' } })) },
  {
    title: 'States.StringSplit nested in States.Format, inside a Map iteration',
    id: 'stringSplit',
    state: 'Split',
    definition: single(
      'Each',
      map({}, { StartAt: 'Split', States: { Split: pass({ Parameters: { 's.$': "States.Format('{}', States.StringSplit($.csv, ','))" } }) } }),
    ),
  },
  {
    title: 'States.StringToJson in a ResultSelector',
    id: 'stringToJson',
    state: 'Parse',
    definition: single('Parse', task({ ResultSelector: { 'parsed.$': 'States.StringToJson($.Payload)' } })),
  },
  {
    title: 'States.MathRandom with a seed',
    id: 'seededMathRandom',
    state: 'Roll',
    definition: single('Roll', pass({ Parameters: { 'n.$': 'States.MathRandom(1, 10, 42)' } })),
  },
  {
    title: 'an escaped backslash in an intrinsic literal',
    id: 'escapedBackslash',
    state: 'Path',
    definition: single('Path', pass({ Parameters: { 'p.$': "States.Format('C:\\\\{}', $.dir)" } })),
  },
  {
    title: "an intrinsic function in a Fail state's CausePath",
    id: 'failPathIntrinsic',
    state: 'Stop',
    definition: single('Stop', { Type: 'Fail', Error: 'Stopped', CausePath: "States.Format('stopped at {}', $.step)" }),
  },
  {
    title: "an intrinsic function in a Fail state's ErrorPath",
    id: 'failPathIntrinsic',
    state: 'Stop',
    definition: single('Stop', { Type: 'Fail', ErrorPath: "States.Format('{}', $.code)", Cause: 'stopped' }),
  },
  ...['ToleratedFailurePercentage', 'ToleratedFailureCount'].flatMap((field): Case[] => [
    { title: field, id: 'toleratedFailure', state: 'Each', definition: single('Each', map({ [field]: 1 })) },
    { title: `${field}Path`, id: 'toleratedFailure', state: 'Each', definition: single('Each', map({ [`${field}Path`]: '$.tolerated' })) },
  ]),
  { title: 'Assign on a state', id: 'assign', state: 'Remember', definition: single('Remember', pass({ Assign: { count: 1 } })) },
  {
    title: 'Assign in a Choice rule',
    id: 'assign',
    state: 'Route',
    definition: {
      StartAt: 'Route',
      States: { Route: { Type: 'Choice', Choices: [{ Variable: '$.a', IsPresent: true, Assign: { seen: true }, Next: 'Done' }], Default: 'Done' }, Done: pass({}) },
    },
  },
  {
    title: 'QueryLanguage "JSONata" at the top level',
    id: 'jsonata',
    state: undefined,
    definition: { QueryLanguage: 'JSONata', StartAt: 'Shape', States: { Shape: { Type: 'Pass', Output: '{% $states.input.a %}', End: true } } },
  },
  { title: 'QueryLanguage "JSONata" on a state', id: 'jsonata', state: 'Shape', definition: single('Shape', pass({ QueryLanguage: 'JSONata' })) },
  { title: 'Arguments', id: 'jsonataField', state: 'Call', definition: single('Call', { Type: 'Task', Resource: INVOKE, Arguments: { FunctionName: FN }, End: true }) },
  { title: 'Output', id: 'jsonataField', state: 'Shape', definition: single('Shape', pass({ Output: { a: 1 } })) },
  {
    title: 'Condition',
    id: 'jsonataField',
    state: 'Route',
    definition: { StartAt: 'Route', States: { Route: { Type: 'Choice', Choices: [{ Condition: '{% true %}', Next: 'Done' }], Default: 'Done' }, Done: pass({}) } },
  },
  { title: 'Items', id: 'jsonataField', state: 'Each', definition: single('Each', { ...map({}), ItemsPath: undefined, Items: '{% [1, 2] %}' }) },
  { title: 'HeartbeatSeconds', id: 'heartbeat', state: 'Work', definition: single('Work', task({ HeartbeatSeconds: 60 })) },
  { title: 'HeartbeatSecondsPath', id: 'heartbeat', state: 'Work', definition: single('Work', task({ HeartbeatSecondsPath: '$.heartbeat' })) },
  {
    title: 'ItemReader',
    id: 'itemReader',
    state: 'Each',
    definition: single('Each', map({ ItemReader: { Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b', Key: 'k' } } })),
  },
  { title: 'ResultWriter', id: 'resultWriter', state: 'Each', definition: single('Each', map({ ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b', Prefix: 'p' } } })) },
  { title: 'ItemBatcher', id: 'itemBatcher', state: 'Each', definition: single('Each', map({ ItemBatcher: { MaxItemsPerBatch: 10 } })) },
  {
    title: 'a Distributed Map',
    id: 'distributedMap',
    state: 'Each',
    definition: single('Each', map({}, { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'Item', States: { Item: pass({}) } })),
  },
  { title: 'a Map Label', id: 'distributedMap', state: 'Each', definition: single('Each', map({ Label: 'Each' })) },
  { title: 'Credentials', id: 'credentials', state: 'Work', definition: single('Work', task({ Credentials: { RoleArn: `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/other` } })) },
  ...[false, 0, '', null].map((result): Case => ({
    title: `a Pass Result of ${JSON.stringify(result)}`,
    id: 'falsyPassResult',
    state: 'Constant',
    definition: single('Constant', pass({ Result: result })),
  })),
  { title: "ResultPath \"$['a']\"", id: 'resultPathForm', state: 'Keep', definition: single('Keep', pass({ Result: 1, ResultPath: "$['a']" })) },
  {
    title: "a Catch ResultPath \"$['failure']\"",
    id: 'resultPathForm',
    state: 'Work',
    definition: {
      StartAt: 'Work',
      States: { Work: { ...task(), End: undefined, Next: 'Done', Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: "$['failure']", Next: 'Done' }] }, Done: pass({}) },
    },
  },
];

describe('Step Functions twin: constructs it refuses at load', () => {
  it('has a case for every construct on the list', () => {
    expect(new Set(CASES.map((c) => c.id))).toEqual(new Set(Object.keys(KNOWN_DIFFERENCES)));
  });

  it.each(CASES)('refuses $title, naming it and its state', async ({ id, state, definition }) => {
    const where = state === undefined ? 'at the top level' : `state "${state}"`;
    const expected = `The twin's Step Functions engine runs ${KNOWN_DIFFERENCES[id].construct} differently from AWS (${where}); refusing the definition`;
    await expect(load(definition)).rejects.toThrow(expected);
  });

  it('says which state machine, construct, state and reason', async () => {
    await expect(load(single('Split', pass({ Parameters: { 'parts.$': "States.StringSplit($.csv, ',')" } })))).rejects.toThrow(
      'State machine refused: The twin\'s Step Functions engine runs States.StringSplit differently from AWS (state "Split"); refusing the definition: ' +
        'AWS splits on each character of the delimiter and drops empty parts; the engine splits on the whole delimiter and keeps them',
    );
  });

  it('lists every refused construct of a definition, one per line', async () => {
    const definition = {
      StartAt: 'Add',
      States: {
        Add: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.a, 1)' }, Next: 'Remember' },
        Remember: pass({ Assign: { n: 1 } }),
      },
    };
    const error = await load(definition).then(
      () => undefined,
      (reason: unknown) => reason as Error,
    );
    expect(error?.message.split('\n')).toEqual([
      expect.stringContaining('States.MathAdd differently from AWS (state "Add")'),
      expect.stringContaining('Assign differently from AWS (state "Remember")'),
    ]);
  });

  it('accepts what it runs as AWS does: explicit JSONPath, ResultPath "$", States.Format with a path', async () => {
    const twin = await load({
      QueryLanguage: 'JSONPath',
      StartAt: 'Say',
      States: { Say: pass({ Parameters: { 'text.$': "States.Format('Outcome {} is not routed', $.outcome)" }, ResultPath: '$' }) },
    });
    await twin.close();
  });
});
