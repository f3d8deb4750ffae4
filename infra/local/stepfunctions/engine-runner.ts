import '../polyfills';
import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError, StateMachine } from 'aws-local-stepfunctions';
import { LIVE_ALIAS, TWIN_VERSION, type ServiceLocation } from './arns';
import { EngineEventRecorder } from './engine-events';
import type { Execution, ExecutionOutcome } from './execution';
import { isJsonObject, type JsonObject, type JsonValue } from './json';
import { lambdaTaskHandler, type TaskEnvironment, type TaskHandler } from './lambda-task';
import { EXECUTION_CONTEXT_KEY, prepareDefinition, type PreparedDefinition } from './prepared-definition';
import type { TaskTokenRegistry } from './task-tokens';

/** A state machine the twin serves: its ASL as given, and the engine built from the prepared definition. */
export interface ServedStateMachine {
  name: string;
  /** Unqualified. */
  arn: string;
  /** `<arn>:1`, the one version the twin publishes. */
  versionArn: string;
  /** `<arn>:live`, routing 100 % to version 1. */
  aliasArn: string;
  roleArn: string;
  /** The ASL as given (DescribeStateMachine returns it). */
  definition: string;
  creationDate: number;
  prepared: PreparedDefinition;
  engine: StateMachine;
}

export interface RunnerDependencies {
  location: ServiceLocation;
  tokens: TaskTokenRegistry;
  invokeLambda: (functionArn: string, payload: unknown) => Promise<unknown>;
  log(line: string): void;
}

const ENGINE_PATCH = 'patches/aws-local-stepfunctions+3.0.0.patch';
let enginePatchCheck: Promise<void> | undefined;

/**
 * Resolves once the engine is known to carry the twin's patch (`$$.State` is its probe); rejects
 * otherwise, so that an install that skipped patch-package (e.g. `npm ci --ignore-scripts`) cannot
 * run ASL differently from AWS without saying so.
 */
export function assertEnginePatched(): Promise<void> {
  enginePatchCheck ??= (async () => {
    const probe = new StateMachine({ StartAt: 'Probe', States: { Probe: { Type: 'Pass', Parameters: { 'name.$': '$$.State.Name' }, End: true } } });
    const result: unknown = await probe.run({}).result.catch(() => undefined);
    if (!isJsonObject(result) || result.name !== 'Probe') {
      throw new Error(`aws-local-stepfunctions runs without the twin's ${ENGINE_PATCH}: run npm install (its postinstall applies it) or npx patch-package`);
    }
  })();
  return enginePatchCheck;
}

/** Prepares an ASL and builds its engine once; the engine validates the definition here. */
export function serveStateMachine(name: string, arn: string, roleArn: string, definition: string): ServedStateMachine {
  const prepared = prepareDefinition(definition);
  const engine = new StateMachine(prepared.engineDefinition);
  return { name, arn, versionArn: `${arn}:${TWIN_VERSION}`, aliasArn: `${arn}:${LIVE_ALIAS}`, roleArn, definition, creationDate: Date.now(), prepared, engine };
}

/** Runs one execution on the engine; resolves once it has ended and its history is complete. */
export function runExecution(execution: Execution, machine: ServedStateMachine, deps: RunnerDependencies): Promise<void> {
  const input = JSON.parse(execution.identity.input) as JsonValue;
  const environment: TaskEnvironment = {
    location: deps.location,
    executionArn: execution.identity.executionArn,
    history: execution.history,
    tokens: deps.tokens,
    pathContext: pathContext(execution, machine, input),
    invokeLambda: deps.invokeLambda,
    isRunning: () => execution.isRunning,
    track: (task) => execution.track(task),
  };
  const handlers: Record<string, TaskHandler> = {};
  for (const spec of machine.prepared.tasks.values()) handlers[spec.stateName] = lambdaTaskHandler(spec, environment);

  const run = machine.engine.run(input, {
    overrides: { taskResourceLocalHandlers: handlers },
    context: contextObject(execution, machine, deps.tokens, input),
  });
  execution.attachEngine(run.abort);
  const recorder = new EngineEventRecorder(execution, machine.prepared, input);
  const historyComplete = (async () => {
    for await (const event of run.eventLogs) recorder.record(event);
  })();
  // The engine settles `result` before its last events reach the iterator: close after both.
  return Promise.allSettled([run.result, historyComplete]).then(([result, history]) => {
    if (history.status === 'rejected') deps.log(`history of ${execution.identity.executionArn} is incomplete: ${String(history.reason)}`);
    if (execution.close(outcomeOf(result))) deps.log(`execution ${execution.identity.executionArn} ${execution.status}`);
  });
}

/**
 * AWS's Context object, as far as the engine lets us: it copies this object shallowly into every
 * (nested) run, so the `Task.Token` getter mints a fresh token at each evaluation, retries included.
 * The engine overwrites Execution.Input/StartTime per Map iteration; prepareDefinition points such
 * paths at EXECUTION_CONTEXT_KEY instead.
 */
function contextObject(execution: Execution, machine: ServedStateMachine, tokens: TaskTokenRegistry, input: JsonValue) {
  return {
    ...pathContext(execution, machine, input),
    Task: {
      get Token(): string {
        return tokens.mint(execution.identity.executionArn);
      },
    },
  };
}

/** The Context object without its task token. */
function pathContext(execution: Execution, machine: ServedStateMachine, input: JsonValue): JsonObject {
  const { executionArn, name, roleArn } = execution.identity;
  const startTime = new Date(execution.startDate).toISOString();
  return {
    Execution: { Id: executionArn, Name: name, RoleArn: roleArn, StartTime: startTime, Input: input, RedriveCount: 0 },
    StateMachine: { Id: machine.arn, Name: machine.name },
    [EXECUTION_CONTEXT_KEY]: { Input: input, StartTime: startTime },
  };
}

function outcomeOf(result: PromiseSettledResult<unknown>): ExecutionOutcome {
  if (result.status === 'fulfilled') return { status: 'SUCCEEDED', output: JSON.stringify(result.value ?? null) };
  const reason: unknown = result.reason;
  if (reason instanceof ExecutionAbortedError) return { status: 'ABORTED' };
  if (reason instanceof ExecutionTimeoutError) return { status: 'TIMED_OUT', error: 'States.Timeout' };
  if (reason instanceof ExecutionError && reason.cause instanceof Error) return failedOutcome(reason.cause);
  return { status: 'FAILED', error: 'States.Runtime', cause: reason instanceof Error ? reason.message : String(reason) };
}

const ENGINE_FAIL_STATE_ERROR = 'FailStateError';
const ENGINE_FAIL_STATE_CAUSE = 'Execution failed because of a Fail state';

function failedOutcome(error: Error): ExecutionOutcome {
  // A Fail state without Error/Cause gets engine placeholders; AWS reports neither.
  const fromFailState = error.constructor.name === ENGINE_FAIL_STATE_ERROR;
  const name = fromFailState && error.name === ENGINE_FAIL_STATE_ERROR ? undefined : error.name;
  const cause = fromFailState && error.message === ENGINE_FAIL_STATE_CAUSE ? undefined : error.message;
  // The engine's States.Timeout repeats its name as the cause; AWS gives no cause.
  if (name === 'States.Timeout' && cause === 'States.Timeout') return { status: 'FAILED', error: name };
  return { status: 'FAILED', ...(name !== undefined ? { error: name } : {}), ...(cause !== undefined ? { cause } : {}) };
}
