import { isJsonObject, type JsonObject, type JsonValue } from './json';
import { callsIn, isIntrinsicInvocation, parseIntrinsic } from './intrinsic-expression';

/**
 * The constructs the twin's engine (aws-local-stepfunctions 3.0.0, as patched by
 * patches/aws-local-stepfunctions+3.0.0.patch and prepared by prepared-definition.ts) runs
 * differently from AWS, or does not run at all. The twin refuses, when a definition is loaded, any
 * ASL that uses one of them, naming it and its state, so that it never silently runs the ASL
 * differently from AWS. Fix a construct in the twin, then take it off this list.
 *
 * The differences the twin fixes instead (Choice `Is*: false`, `$$.State`, type-mismatched
 * comparisons, `ResultPath: "$"`, States.Format with objects/arrays, backslashes in intrinsic
 * results, States.JsonMerge mutating its argument) are described in prepared-definition.ts and in
 * the patch, and tested in test/workflow/engine-fidelity.test.ts.
 */
export const KNOWN_DIFFERENCES = {
  mathAdd: {
    construct: 'States.MathAdd',
    reason: 'AWS rounds each argument to the nearest integer before adding (1.49 + 1.5 is 3); the engine adds them as they are',
  },
  stringSplit: {
    construct: 'States.StringSplit',
    reason: 'AWS splits on each character of the delimiter and drops empty parts; the engine splits on the whole delimiter and keeps them',
  },
  stringToJson: {
    construct: 'States.StringToJson',
    reason: 'AWS returns null for an empty or blank string; the engine fails',
  },
  seededMathRandom: {
    construct: 'States.MathRandom with a seed',
    reason: "the engine's seeded numbers are not AWS's",
  },
  escapedBackslash: {
    construct: 'an escaped backslash (\\\\) in an intrinsic string literal',
    reason: "AWS reads it as one backslash; the engine's validator rejects the definition",
  },
  failPathIntrinsic: {
    construct: "an intrinsic function in a Fail state's ErrorPath/CausePath",
    reason: 'AWS evaluates the function; the engine reads it as a path and fails',
  },
  toleratedFailure: {
    construct: 'ToleratedFailurePercentage/ToleratedFailureCount (and their Path forms)',
    reason: 'the engine ignores them (any failed iteration fails the Map) and does not validate the Path values',
  },
  assign: {
    construct: 'Assign',
    reason: 'the engine has no workflow variables: it ignores Assign and cannot read $variables',
  },
  jsonata: {
    construct: 'QueryLanguage "JSONata"',
    reason: 'the engine evaluates JSONPath only and passes JSONata expressions on as text',
  },
  jsonataField: {
    construct: 'a JSONata-only field (Arguments, Output, Condition, Items)',
    reason: 'the engine ignores it',
  },
  heartbeat: {
    construct: 'HeartbeatSeconds/HeartbeatSecondsPath',
    reason: 'the engine ignores it: a task that stops sending heartbeats never fails with States.HeartbeatTimeout',
  },
  itemReader: { construct: 'ItemReader', reason: 'the engine ignores it: AWS reads the items from S3' },
  resultWriter: { construct: 'ResultWriter', reason: 'the engine ignores it: AWS writes the results to S3, not to the state output' },
  itemBatcher: { construct: 'ItemBatcher', reason: 'the engine ignores it: AWS gives each iteration a batch of items' },
  distributedMap: {
    construct: 'a Distributed Map (ProcessorConfig Mode "DISTRIBUTED", Label)',
    reason: 'the engine runs every Map inline; AWS runs child executions with histories of their own',
  },
  credentials: { construct: 'Credentials', reason: 'the engine ignores it: AWS runs the task under the role it names' },
  falsyPassResult: {
    construct: 'a Pass state Result of false, 0, "" or null',
    reason: 'the engine ignores such a Result and passes its input on',
  },
  resultPathForm: {
    construct: 'a ResultPath other than null, "$" or "$.field…"',
    reason: 'the engine writes the result under a key named "$"',
  },
} as const satisfies Record<string, { construct: string; reason: string }>;

export type KnownDifferenceId = keyof typeof KNOWN_DIFFERENCES;

/**
 * How the twin fails an execution whose history reaches Step Functions' quota of 25,000 events.
 * AWS documents the quota (the execution fails) but, in the documentation we could find, names no
 * error for it: the twin reports States.Runtime with a cause naming the limit. Code must not branch
 * on this error name; the history's last event is ExecutionFailed, as the 25,000th event.
 */
export const HISTORY_LIMIT_FAILURE = (maxEvents: number): { error: string; cause: string } => ({
  error: 'States.Runtime',
  cause: `The execution history reached the limit of ${maxEvents.toLocaleString('en-US')} events, so the execution failed. Long-running work should continue in a new execution.`,
});

/**
 * Other places where the twin runs what AWS runs, but not quite as AWS does (the ASL is not refused
 * for these):
 * - Versions and aliases: the twin serves one version (1) and the alias `live` of each state machine
 *   and maps every qualified function ARN to the current handler; an upgrade that keeps a running
 *   execution on its old code can only be shown on the deployed template.
 * - Function timeouts: an invocation past its timeout fails with Sandbox.Timedout, but the handler's
 *   code goes on in the background (one process: there is no sandbox to freeze); memory is reported
 *   in the context, not enforced.
 */

export interface KnownDifferenceFinding {
  id: KnownDifferenceId;
  /** The state that uses the construct; undefined for the state machine's top level. */
  stateName: string | undefined;
}

/** Throws when the ASL uses a construct on the list; the message names each one and its state. */
export function refuseKnownDifferences(definition: JsonObject): void {
  const findings = findKnownDifferences(definition);
  if (findings.length === 0) return;
  throw new Error(findings.map(describeFinding).join('\n'));
}

export function describeFinding({ id, stateName }: KnownDifferenceFinding): string {
  const { construct, reason } = KNOWN_DIFFERENCES[id];
  const where = stateName === undefined ? 'at the top level' : `state "${stateName}"`;
  return `The twin's Step Functions engine runs ${construct} differently from AWS (${where}); refusing the definition: ${reason}`;
}

/** The uses of listed constructs in an ASL as written, nested Map/Parallel machines included. */
export function findKnownDifferences(definition: JsonObject): KnownDifferenceFinding[] {
  const findings: KnownDifferenceFinding[] = [];
  const add = (id: KnownDifferenceId, stateName: string | undefined) => {
    if (!findings.some((f) => f.id === id && f.stateName === stateName)) findings.push({ id, stateName });
  };
  visitMachine(definition, undefined, add);
  return findings;
}

type Report = (id: KnownDifferenceId, stateName: string | undefined) => void;

const JSONATA_FIELDS = ['Arguments', 'Output', 'Condition', 'Items'];
const TOLERATED_FAILURE_FIELDS = ['ToleratedFailurePercentage', 'ToleratedFailureCount', 'ToleratedFailurePercentagePath', 'ToleratedFailureCountPath'];
const PAYLOAD_TEMPLATES = ['Parameters', 'ItemSelector', 'ResultSelector'];

function visitMachine(machine: JsonObject, container: string | undefined, report: Report): void {
  if (machine.QueryLanguage === 'JSONata') report('jsonata', container);
  if (!isJsonObject(machine.States)) return;
  for (const [name, state] of Object.entries(machine.States)) {
    if (isJsonObject(state)) visitState(name, state, report);
  }
}

function visitState(name: string, state: JsonObject, report: Report): void {
  if (state.QueryLanguage === 'JSONata') report('jsonata', name);
  if ('Assign' in state) report('assign', name);
  for (const field of JSONATA_FIELDS) if (field in state) report('jsonataField', name);
  if ('HeartbeatSeconds' in state || 'HeartbeatSecondsPath' in state) report('heartbeat', name);
  if ('Credentials' in state) report('credentials', name);
  if (TOLERATED_FAILURE_FIELDS.some((field) => field in state)) report('toleratedFailure', name);
  if ('ItemReader' in state) report('itemReader', name);
  if ('ResultWriter' in state) report('resultWriter', name);
  if ('ItemBatcher' in state) report('itemBatcher', name);
  if ('Label' in state || isDistributed(state)) report('distributedMap', name);
  if (state.Type === 'Pass' && 'Result' in state && (state.Result === false || state.Result === 0 || state.Result === '' || state.Result === null)) {
    report('falsyPassResult', name);
  }
  if (!isSupportedResultPath(state.ResultPath)) report('resultPathForm', name);

  for (const template of PAYLOAD_TEMPLATES) {
    for (const expression of intrinsicsInTemplate(state[template])) visitIntrinsic(expression, name, report);
  }
  if (state.Type === 'Fail') {
    for (const field of ['ErrorPath', 'CausePath']) {
      const value = state[field];
      if (typeof value === 'string' && isIntrinsicInvocation(value)) {
        report('failPathIntrinsic', name);
        visitIntrinsic(value, name, report);
      }
    }
  }
  if (Array.isArray(state.Choices)) for (const rule of state.Choices) visitChoiceRule(rule, name, report);
  if (Array.isArray(state.Catch)) {
    for (const catcher of state.Catch.filter(isJsonObject)) {
      if ('Assign' in catcher) report('assign', name);
      if ('Output' in catcher) report('jsonataField', name);
      if (!isSupportedResultPath(catcher.ResultPath)) report('resultPathForm', name);
    }
  }
  for (const nested of nestedMachines(state)) visitMachine(nested, name, report);
}

function visitChoiceRule(rule: JsonValue, stateName: string, report: Report): void {
  if (Array.isArray(rule)) {
    for (const inner of rule) visitChoiceRule(inner, stateName, report);
    return;
  }
  if (!isJsonObject(rule)) return;
  if ('Assign' in rule) report('assign', stateName);
  if ('Condition' in rule || 'Output' in rule) report('jsonataField', stateName);
  for (const key of ['And', 'Or', 'Not']) if (key in rule) visitChoiceRule(rule[key] ?? null, stateName, report);
}

function visitIntrinsic(expression: string, stateName: string, report: Report): void {
  const parsed = parseIntrinsic(expression);
  if (!parsed) return; // not an invocation the engine's validator accepts either
  for (const call of callsIn(parsed)) {
    if (call.name === 'States.MathAdd') report('mathAdd', stateName);
    if (call.name === 'States.StringSplit') report('stringSplit', stateName);
    if (call.name === 'States.StringToJson') report('stringToJson', stateName);
    if (call.name === 'States.MathRandom' && call.args.length >= 3) report('seededMathRandom', stateName);
    if (call.args.some((arg) => arg.kind === 'literal' && arg.escapes.includes('\\\\'))) report('escapedBackslash', stateName);
  }
}

/** The intrinsic invocations of a payload template: `key.$` values that are not paths. */
function* intrinsicsInTemplate(value: JsonValue | undefined): Generator<string> {
  if (Array.isArray(value)) {
    for (const item of value) yield* intrinsicsInTemplate(item);
  } else if (isJsonObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (key.endsWith('.$') && typeof inner === 'string') {
        if (isIntrinsicInvocation(inner)) yield inner;
      } else {
        yield* intrinsicsInTemplate(inner);
      }
    }
  }
}

/** null, "$" (rewritten by prepareDefinition) and "$.…" are what the engine applies as AWS does. */
function isSupportedResultPath(value: JsonValue | undefined): boolean {
  return value === undefined || value === null || value === '$' || (typeof value === 'string' && value.startsWith('$.'));
}

function isDistributed(state: JsonObject): boolean {
  const processor = state.ItemProcessor;
  return isJsonObject(processor) && isJsonObject(processor.ProcessorConfig) && processor.ProcessorConfig.Mode === 'DISTRIBUTED';
}

function nestedMachines(state: JsonObject): JsonObject[] {
  if (state.Type === 'Map') {
    const processor = state.ItemProcessor ?? state.Iterator;
    return isJsonObject(processor) ? [processor] : [];
  }
  if (state.Type === 'Parallel' && Array.isArray(state.Branches)) return state.Branches.filter(isJsonObject);
  return [];
}
