import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { formatJson, isJsonObject, parseJson, type JsonObject, type JsonValue } from './json';
import { refuseKnownDifferences } from './known-differences';

/**
 * Turns the ASL (written for AWS) into the definition aws-local-stepfunctions runs, fixing engine
 * differences without patching node_modules. The ASL itself is never edited; DescribeStateMachine
 * returns it as given.
 *
 * 1. TimeoutSecondsPath. The engine resolves it against the Parameters output; AWS resolves it against
 *    the state's input (after InputPath, before Parameters). We move the path *into* Parameters, which
 *    the engine evaluates against exactly that input, and point TimeoutSecondsPath at the result:
 *      Parameters: { localTwinParameters: <original Parameters>, "localTwinTimeoutSeconds.$": <path> }
 *      TimeoutSecondsPath: "$.localTwinTimeoutSeconds"
 *    The task override unwraps the envelope, so the Lambda sees the original Parameters output. The
 *    engine's own timer still fires, so a timeout stays its genuine States.Timeout (which
 *    `States.TaskFailed` does not match, as on AWS). A fixed TimeoutSeconds goes the same way, so the
 *    override always knows the timeout too. This holds across reinstalls, unlike a node_modules patch.
 *    A Task without Parameters is left as is: there the engine's reading is already AWS's, and an
 *    envelope would need `"$"`, which the engine's JSONPath cannot select when the input is 0, false,
 *    "" or null.
 * 2. Default task timeout. The engine defaults to 60 s; AWS to 99999999 s. Node timers overflow above
 *    2^31-1 ms (and then fire after 1 ms), so "no timeout" and any larger value become MAX_TIMER_SECONDS.
 * 3. `$$.Execution.Input` / `$$.Execution.StartTime`. Inside Map iterations and Parallel branches the
 *    engine rebinds them to the iteration's input and start; AWS keeps the execution's. Paths naming
 *    them are redirected to a context entry the runner fills with the execution's own values.
 * 4. Choice `IsNull`, `IsPresent`, `IsString`, `IsNumeric`, `IsBoolean`, `IsTimestamp` with `false`.
 *    The engine evaluates `IsX: false` as false whatever the value. `{Variable, IsX: false}` becomes
 *    `{Not: {Variable, IsX: true}}`, in And/Or/Not too (Next stays on the outermost rule). An absent
 *    Variable still fails the state with States.Runtime, as on AWS, except for IsPresent.
 * 5. Comparisons of mismatched types. AWS: "if the values are not both of the appropriate type the
 *    comparison will return false" (the States Language spec). The engine compares with JavaScript's
 *    `<`/`>` ("5" < 9 is true), fails on StringMatches of a non-string, reads a number as a date in
 *    Timestamp*, and fails the state when the value a *Path names has the wrong type. Such a rule
 *    becomes `{And: [{Variable, IsString|IsNumeric|IsTimestamp: true}, ..., <rule>]}`.
 * 6. `ResultPath: "$"` (in a state or a Catch). The engine writes the result under a key named "$";
 *    AWS replaces the input with it, which is what no ResultPath does, so the field is dropped.
 *
 * Constructs the engine runs differently and the twin does not fix are refused when the definition is
 * loaded (known-differences.ts). `$$.State`, States.Format with objects/arrays, backslashes in
 * intrinsic results and States.JsonMerge are fixed in the engine itself, by
 * patches/aws-local-stepfunctions+3.0.0.patch (applied by patch-package on npm install).
 */
export const ENVELOPE_PARAMETERS = 'localTwinParameters';
export const ENVELOPE_TIMEOUT_SECONDS = 'localTwinTimeoutSeconds';
export const EXECUTION_CONTEXT_KEY = 'localTwinExecution';
/** The largest delay a Node timer honours: 2^31-1 ms, about 24.8 days. */
export const MAX_TIMER_SECONDS = 2_147_483;

export type LambdaIntegration = 'invoke' | 'invoke.waitForTaskToken' | 'function';

export interface LambdaTaskSpec {
  stateName: string;
  integration: LambdaIntegration;
  /** The Resource when it is a plain Lambda function ARN. */
  functionArn?: string;
  /** Whether the ASL sets TimeoutSeconds(Path): AWS then reports `timeoutInSeconds` when scheduling. */
  declaresTimeout: boolean;
  /**
   * Where the override finds its input and timeout: in the envelope (Tasks with Parameters), or in the
   * plain state input with the timeout given here (Tasks without Parameters).
   */
  input: { kind: 'envelope' } | { kind: 'plain'; timeoutSeconds: number } | { kind: 'plain'; timeoutSecondsPath: string };
}

export interface StateInfo {
  type: string;
  /** The ASL of the state, as written. */
  definition: JsonObject;
  /** Names of the Map/Parallel states enclosing it, outermost first. */
  containers: string[];
}

export interface PreparedDefinition {
  engineDefinition: StateMachineDefinition;
  states: ReadonlyMap<string, StateInfo>;
  tasks: ReadonlyMap<string, LambdaTaskSpec>;
}

const RESOURCE_INVOKE = 'arn:aws:states:::lambda:invoke';
const RESOURCE_WAIT_FOR_TOKEN = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
const FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/;
const EXECUTION_CONTEXT_PATH = /\$\$\.Execution\.(Input|StartTime)(?![A-Za-z0-9_])/g;

export function prepareDefinition(asl: string): PreparedDefinition {
  const parsed = parseJson(asl);
  if (!parsed.ok || !isJsonObject(parsed.value)) throw new Error(`State machine definition is not a JSON object: ${parsed.ok ? 'wrong type' : parsed.reason}`);
  refuseKnownDifferences(parsed.value);
  const engineDefinition = structuredClone(parsed.value);
  const states = new Map<string, StateInfo>();
  const tasks = new Map<string, LambdaTaskSpec>();
  if (typeof engineDefinition.TimeoutSeconds === 'number') {
    engineDefinition.TimeoutSeconds = Math.min(engineDefinition.TimeoutSeconds, MAX_TIMER_SECONDS);
  }
  prepareStates(engineDefinition, [], states, tasks);
  // The engine validates the result itself (asl-validator) when it is constructed.
  return { engineDefinition: engineDefinition as unknown as StateMachineDefinition, states, tasks };
}

function prepareStates(machine: JsonObject, containers: string[], states: Map<string, StateInfo>, tasks: Map<string, LambdaTaskSpec>): void {
  const stateMap = machine.States;
  if (!isJsonObject(stateMap)) throw new Error('State machine definition has no States object');
  for (const [name, state] of Object.entries(stateMap)) {
    if (!isJsonObject(state)) throw new Error(`State "${name}" is not an object`);
    if (states.has(name)) throw new Error(`State name "${name}" is used twice; Step Functions requires unique names`);
    states.set(name, { type: formatJson(state.Type), definition: structuredClone(state), containers });
    redirectExecutionContextPaths(state);
    if (Array.isArray(state.Choices)) state.Choices = state.Choices.map((rule) => rewriteChoiceRule(rule));
    dropWholeResultPaths(state);
    if (state.Type === 'Task') tasks.set(name, prepareTask(name, state));
    if (state.Type === 'Wait' && typeof state.Seconds === 'number') state.Seconds = Math.min(state.Seconds, MAX_TIMER_SECONDS);
    for (const nested of nestedMachines(state)) prepareStates(nested, [...containers, name], states, tasks);
  }
}

function nestedMachines(state: JsonObject): JsonObject[] {
  if (state.Type === 'Map') {
    const processor = state.ItemProcessor ?? state.Iterator;
    return isJsonObject(processor) ? [processor] : [];
  }
  if (state.Type === 'Parallel' && Array.isArray(state.Branches)) return state.Branches.filter(isJsonObject);
  return [];
}

function prepareTask(name: string, state: JsonObject): LambdaTaskSpec {
  const resource = formatJson(state.Resource);
  const integration = integrationOf(resource);
  if (!integration) {
    throw new Error(`State "${name}": Resource ${resource} is not supported by the local twin (only Lambda integrations are)`);
  }
  const declaresTimeout = state.TimeoutSeconds !== undefined || state.TimeoutSecondsPath !== undefined;
  const spec = { stateName: name, integration, declaresTimeout, ...(integration === 'function' ? { functionArn: resource } : {}) };
  const fixedTimeout = Math.min(typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds : MAX_TIMER_SECONDS, MAX_TIMER_SECONDS);
  if (state.Parameters === undefined) {
    if (typeof state.TimeoutSecondsPath === 'string') return { ...spec, input: { kind: 'plain', timeoutSecondsPath: state.TimeoutSecondsPath } };
    state.TimeoutSeconds = fixedTimeout;
    return { ...spec, input: { kind: 'plain', timeoutSeconds: fixedTimeout } };
  }
  const envelope: JsonObject = { [ENVELOPE_PARAMETERS]: state.Parameters };
  if (typeof state.TimeoutSecondsPath === 'string') envelope[`${ENVELOPE_TIMEOUT_SECONDS}.$`] = state.TimeoutSecondsPath;
  else envelope[ENVELOPE_TIMEOUT_SECONDS] = fixedTimeout;
  delete state.TimeoutSeconds;
  state.Parameters = envelope;
  state.TimeoutSecondsPath = `$.${ENVELOPE_TIMEOUT_SECONDS}`;
  return { ...spec, input: { kind: 'envelope' } };
}

function integrationOf(resource: string): LambdaIntegration | undefined {
  if (resource === RESOURCE_INVOKE) return 'invoke';
  if (resource === RESOURCE_WAIT_FOR_TOKEN) return 'invoke.waitForTaskToken';
  if (FUNCTION_ARN.test(resource)) return 'function';
  return undefined;
}

/** Rewrites the paths of one state (not its nested machines, which are visited as states themselves). */
function redirectExecutionContextPaths(state: JsonObject): void {
  for (const [key, value] of Object.entries(state)) {
    if (typeof value === 'string' && key.endsWith('Path') && key !== 'ResultPath') state[key] = redirect(value);
  }
  for (const template of ['Parameters', 'ItemSelector', 'ResultSelector']) {
    const value = state[template];
    if (value !== undefined) state[template] = redirectTemplate(value);
  }
  if (Array.isArray(state.Choices)) state.Choices = state.Choices.map(redirectChoiceRule);
}

/** In a payload template only `key.$` values are paths or intrinsic functions; other strings are literal. */
function redirectTemplate(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(redirectTemplate);
  if (!isJsonObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, key.endsWith('.$') && typeof inner === 'string' ? redirect(inner) : redirectTemplate(inner)]),
  );
}

function redirectChoiceRule(rule: JsonValue): JsonValue {
  if (Array.isArray(rule)) return rule.map(redirectChoiceRule);
  if (!isJsonObject(rule)) return rule;
  return Object.fromEntries(
    Object.entries(rule).map(([key, inner]) => {
      if (typeof inner === 'string' && (key === 'Variable' || key.endsWith('Path'))) return [key, redirect(inner)];
      if (key === 'And' || key === 'Or' || key === 'Not') return [key, redirectChoiceRule(inner)];
      return [key, inner];
    }),
  );
}

function redirect(path: string): string {
  return path.replace(EXECUTION_CONTEXT_PATH, (_match, field: string) => `$$.${EXECUTION_CONTEXT_KEY}.${field}`);
}

const IS_OPERATORS = new Set(['IsNull', 'IsPresent', 'IsString', 'IsNumeric', 'IsBoolean', 'IsTimestamp']);
type ValueType = 'String' | 'Numeric' | 'Boolean' | 'Timestamp';
/** The comparison operators (without their Path forms), with the type both sides must have. */
const COMPARISONS = new Map<string, { type: ValueType; guardVariable: boolean }>();
const compare = (type: ValueType, guardVariable: boolean, ...operators: string[]) =>
  operators.forEach((op) => COMPARISONS.set(op, { type, guardVariable }));
// Equality is strict in the engine already; only the Path operand's type needs a guard there.
compare('String', false, 'StringEquals');
compare('String', true, 'StringLessThan', 'StringGreaterThan', 'StringLessThanEquals', 'StringGreaterThanEquals', 'StringMatches');
compare('Numeric', false, 'NumericEquals');
compare('Numeric', true, 'NumericLessThan', 'NumericGreaterThan', 'NumericLessThanEquals', 'NumericGreaterThanEquals');
compare('Boolean', false, 'BooleanEquals');
compare('Timestamp', true, 'TimestampEquals', 'TimestampLessThan', 'TimestampGreaterThan', 'TimestampLessThanEquals', 'TimestampGreaterThanEquals');

/**
 * Rewrites one Choice rule (fixes 4 and 5 above). A data-test rule keeps only Variable and its
 * operator inside; Next, Comment and any other field stay on the rule the engine sees at the top.
 */
function rewriteChoiceRule(rule: JsonValue): JsonValue {
  if (!isJsonObject(rule)) return rule;
  if (Array.isArray(rule.And)) return { ...rule, And: rule.And.map(rewriteChoiceRule) };
  if (Array.isArray(rule.Or)) return { ...rule, Or: rule.Or.map(rewriteChoiceRule) };
  if (isJsonObject(rule.Not)) return { ...rule, Not: rewriteChoiceRule(rule.Not) };
  const operator = Object.keys(rule).find((key) => IS_OPERATORS.has(key) || COMPARISONS.has(key.replace(/Path$/, '')));
  const variable = rule.Variable;
  if (operator === undefined || typeof variable !== 'string') return rule;
  const { Variable: _variable, [operator]: operand = null, ...outer } = rule;
  const test: JsonObject = { Variable: variable, [operator]: operand };
  if (IS_OPERATORS.has(operator)) return operand === false ? { ...outer, Not: { ...test, [operator]: true } } : rule;

  const { type, guardVariable } = COMPARISONS.get(operator.replace(/Path$/, ''))!;
  const guards: JsonObject[] = [];
  if (guardVariable) guards.push({ Variable: variable, [`Is${type}`]: true });
  if (operator.endsWith('Path') && typeof operand === 'string') guards.push({ Variable: operand, [`Is${type}`]: true });
  return guards.length === 0 ? rule : { ...outer, And: [...guards, test] };
}

/** Fix 6: `ResultPath: "$"` means what no ResultPath means; the engine only gets the latter right. */
function dropWholeResultPaths(state: JsonObject): void {
  if (state.ResultPath === '$') delete state.ResultPath;
  if (Array.isArray(state.Catch)) {
    for (const catcher of state.Catch) if (isJsonObject(catcher) && catcher.ResultPath === '$') delete catcher.ResultPath;
  }
}
