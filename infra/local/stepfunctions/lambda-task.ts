import { executedVersionOf, lambdaFunctionArn, type ServiceLocation } from './arns';
import type { ExecutionHistory, HistoryEventType } from './history';
import { deferred } from './deferred';
import { isJsonObject, toJsonValue, type JsonObject, type JsonValue } from './json';
import { ENVELOPE_PARAMETERS, ENVELOPE_TIMEOUT_SECONDS, MAX_TIMER_SECONDS, type LambdaTaskSpec } from './prepared-definition';
import { resolveReferencePath } from './reference-path';
import { AbandonedTask, TaskFailure } from './task-failure';
import type { TaskTokenRegistry } from './task-tokens';

/** What a task attempt needs from its execution. */
export interface TaskEnvironment {
  location: ServiceLocation;
  executionArn: string;
  history: ExecutionHistory;
  tokens: TaskTokenRegistry;
  /** `$$` as reference paths see it, for timeouts the override resolves itself. */
  pathContext: JsonObject;
  invokeLambda(functionArn: string, payload: unknown): Promise<unknown>;
  isRunning(): boolean;
  /** Registers an attempt an abort must reach; returns its deregistration. */
  track(task: PendingTask): () => void;
}

export interface PendingTask {
  readonly stateName: string;
  /** Ends the attempt without a result; false when it had already ended. */
  abandon(): boolean;
}

export type TaskHandler = (input: JsonValue) => Promise<JsonValue>;

/**
 * The engine override for one Lambda Task state of one execution. It receives the envelope built by
 * prepareDefinition (original Parameters output + resolved timeout), or for a Task without Parameters
 * the state input, and records AWS's Task* (or LambdaFunction*) events.
 */
export function lambdaTaskHandler(spec: LambdaTaskSpec, env: TaskEnvironment): TaskHandler {
  return (input) => {
    if (!env.isRunning()) return Promise.reject(new AbandonedTask());
    const opened = spec.input.kind === 'envelope' ? openEnvelope(input) : openPlainInput(spec.input, input, env.pathContext);
    // A timeout that is not a positive integer: the engine fails the state with States.Runtime right
    // after this call, before awaiting us, so the Lambda must not be invoked (as on AWS).
    if (!opened) return new Promise<JsonValue>(() => undefined);
    return new LambdaTaskAttempt(spec, env, opened.parameters, opened.timeoutSeconds).start();
  };
}

interface OpenedInput {
  parameters: JsonValue;
  timeoutSeconds: number;
}

function openEnvelope(input: JsonValue): OpenedInput | undefined {
  if (!isJsonObject(input) || !(ENVELOPE_PARAMETERS in input)) throw new Error('Task input lacks the twin envelope');
  const timeoutSeconds = input[ENVELOPE_TIMEOUT_SECONDS];
  if (!isValidTimeout(timeoutSeconds)) return undefined;
  // The engine reads its timeout from this same object right after calling us: clamp it so Node's
  // timer does not overflow (it would fire after 1 ms).
  const clamped = Math.min(timeoutSeconds, MAX_TIMER_SECONDS);
  input[ENVELOPE_TIMEOUT_SECONDS] = clamped;
  return { parameters: input[ENVELOPE_PARAMETERS] ?? null, timeoutSeconds: clamped };
}

/** A Task without Parameters: the engine resolves its timeout as we do here, from the same input. */
function openPlainInput(how: Exclude<LambdaTaskSpec['input'], { kind: 'envelope' }>, input: JsonValue, pathContext: JsonObject): OpenedInput | undefined {
  const timeoutSeconds = 'timeoutSeconds' in how ? how.timeoutSeconds : resolveReferencePath(how.timeoutSecondsPath, input, pathContext);
  if (!isValidTimeout(timeoutSeconds)) return undefined;
  // Known gap: a path value above MAX_TIMER_SECONDS overflows the engine's timer here (no envelope to clamp).
  return { parameters: input, timeoutSeconds: Math.min(timeoutSeconds, MAX_TIMER_SECONDS) };
}

function isValidTimeout(value: JsonValue | undefined): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

/** One attempt (the first run or a retry) of a Lambda task. */
class LambdaTaskAttempt implements PendingTask {
  private ended = false;
  private timer: NodeJS.Timeout | undefined;
  private untrack: () => void = () => undefined;
  private readonly claimedTokens: string[] = [];
  private readonly abandonment = deferred<never>();
  private readonly tokenOutcome = deferred<JsonValue>();

  constructor(
    private readonly spec: LambdaTaskSpec,
    private readonly env: TaskEnvironment,
    private readonly parameters: JsonValue,
    private readonly timeoutSeconds: number,
  ) {
    this.abandonment.promise.catch(() => undefined);
    this.tokenOutcome.promise.catch(() => undefined);
  }

  get stateName(): string {
    return this.spec.stateName;
  }

  /** Runs synchronously up to the first await, while the engine is still inside the state. */
  start(): Promise<JsonValue> {
    // Created before the engine's own timer for the same delay, so it fires first and TaskTimedOut
    // precedes whatever the engine does about the timeout.
    this.timer = setTimeout(() => this.timeOut(), this.timeoutSeconds * 1000);
    this.untrack = this.env.track(this);
    if (this.spec.integration === 'invoke.waitForTaskToken') this.claimTokens();
    return this.run();
  }

  abandon(): boolean {
    if (this.ended) return false;
    this.end();
    return true;
  }

  private async run(): Promise<JsonValue> {
    // The engine's StateEntered event reaches the history through an async iterator; yielding one
    // macrotask lets it land before our TaskScheduled.
    await this.unlessEnded(new Promise<void>((resolve) => setImmediate(resolve)));
    this.record(this.eventType('Scheduled'), this.scheduledDetails());
    this.record(this.eventType('Started'), this.spec.integration === 'function' ? undefined : this.resourceDetails());
    let output: JsonValue;
    try {
      output = await this.unlessEnded(this.spec.integration === 'invoke.waitForTaskToken' ? this.invokeAndWait() : this.invoke());
    } catch (error) {
      throw this.fail(TaskFailure.fromLambdaRejection(error));
    }
    if (this.ended) throw new AbandonedTask();
    this.record(this.eventType('Succeeded'), { ...this.resourceDetails(), output: JSON.stringify(output), outputDetails: { truncated: false } });
    this.end();
    return output;
  }

  private async invoke(): Promise<JsonValue> {
    const arn = this.functionArn();
    const response = await this.env.invokeLambda(arn, this.payload());
    return this.spec.integration === 'function' ? toJsonValue(response) : invokeResult(response, arn);
  }

  /** Invokes the Lambda, then waits for SendTaskSuccess/SendTaskFailure on the claimed token. */
  private invokeAndWait(): Promise<JsonValue> {
    if (this.claimedTokens.length === 0) {
      throw TaskFailure.runtime('A waitForTaskToken task must pass $$.Task.Token in its Parameters');
    }
    const arn = this.functionArn();
    this.env.invokeLambda(arn, this.payload()).then(
      (response) => {
        if (!this.ended) {
          this.record('TaskSubmitted', { ...this.resourceDetails(), output: JSON.stringify(invokeResult(response, arn)), outputDetails: { truncated: false } });
        }
      },
      (reason: unknown) => this.tokenOutcome.reject(reason),
    );
    return this.tokenOutcome.promise;
  }

  /** The tokens `$$.Task.Token` minted while the engine evaluated these Parameters. */
  private claimTokens(): void {
    const waiter = {
      succeed: (output: JsonValue) => this.tokenOutcome.resolve(output),
      fail: (error: string | undefined, cause: string | undefined) => this.tokenOutcome.reject(new TaskFailure(error ?? '', cause ?? '')),
    };
    for (const value of stringsIn(this.parameters)) {
      if (this.env.tokens.isUnclaimed(value, this.env.executionArn)) {
        this.env.tokens.claim(value, waiter);
        this.claimedTokens.push(value);
      }
    }
  }

  private fail(failure: TaskFailure): TaskFailure {
    if (this.ended) return new AbandonedTask();
    this.record(this.eventType('Failed'), {
      ...this.resourceDetails(),
      ...(failure.name ? { error: failure.name } : {}),
      ...(failure.message ? { cause: failure.message } : {}),
    });
    this.end();
    return failure;
  }

  /**
   * Records the timeout but leaves the attempt's promise pending: the engine's own timer (same delay,
   * started just after ours) must be what fails the state, so the error is its genuine States.Timeout.
   */
  private timeOut(): void {
    if (this.ended) return;
    this.record(this.eventType('TimedOut'), { ...this.resourceDetails(), error: 'States.Timeout' });
    this.end({ settle: false });
  }

  /** `settle` rejects the attempt's promise, so an aborted engine run can finish its state. */
  private end({ settle }: { settle: boolean } = { settle: true }): void {
    this.ended = true;
    clearTimeout(this.timer);
    this.untrack();
    for (const token of this.claimedTokens) this.env.tokens.close(token);
    if (settle) this.abandonment.reject(new AbandonedTask());
  }

  private unlessEnded<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.abandonment.promise]);
  }

  private record(type: HistoryEventType, details?: JsonObject): void {
    this.env.history.append(type, details);
  }

  private eventType(phase: 'Scheduled' | 'Started' | 'Succeeded' | 'Failed' | 'TimedOut'): HistoryEventType {
    return this.spec.integration === 'function' ? `LambdaFunction${phase}` : `Task${phase}`;
  }

  /** Plain Lambda ARN tasks report no resource fields (their events are LambdaFunction*). */
  private resourceDetails(): JsonObject {
    return this.spec.integration === 'function' ? {} : { resourceType: 'lambda', resource: this.spec.integration };
  }

  private scheduledDetails(): JsonObject {
    const timeout: JsonObject = this.spec.declaresTimeout ? { timeoutInSeconds: this.timeoutSeconds } : {};
    if (this.spec.integration === 'function') {
      return { resource: this.functionArn(), input: JSON.stringify(this.parameters), inputDetails: { truncated: false }, ...timeout };
    }
    return { ...this.resourceDetails(), region: this.env.location.region, parameters: JSON.stringify(this.parameters), ...timeout };
  }

  private functionArn(): string {
    if (this.spec.functionArn) return this.spec.functionArn;
    const name = isJsonObject(this.parameters) ? this.parameters.FunctionName : undefined;
    if (typeof name !== 'string') throw TaskFailure.runtime('The Parameters of a lambda:invoke task must give FunctionName');
    return name.startsWith('arn:') ? name : lambdaFunctionArn(this.env.location, name);
  }

  /**
   * lambda:invoke sends Parameters.Payload; a plain function ARN task its effective input. A copy, as
   * the JSON hop to Lambda would make: the engine's objects stay untouched whatever the handler does.
   */
  private payload(): JsonValue {
    if (this.spec.integration === 'function') return toJsonValue(this.parameters);
    return toJsonValue((isJsonObject(this.parameters) ? this.parameters.Payload : undefined) ?? {});
  }
}

/** The result of `arn:aws:states:::lambda:invoke`: the Lambda's return value wrapped as AWS wraps it, with the version that ran. */
function invokeResult(response: unknown, functionArn: string): JsonObject {
  return { ExecutedVersion: executedVersionOf(functionArn), Payload: toJsonValue(response), StatusCode: 200 };
}

function* stringsIn(value: JsonValue): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* stringsIn(item);
  else if (isJsonObject(value)) for (const item of Object.values(value)) yield* stringsIn(item);
}
