import type { StateMachine } from 'aws-local-stepfunctions';
import type { Execution } from './execution';
import type { HistoryEventType } from './history';
import type { JsonObject, JsonValue } from './json';
import type { PreparedDefinition } from './prepared-definition';
import { resolveReferencePath } from './reference-path';

/** The engine's own event log entries (its type is not exported). */
export type EngineEvent = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer Event> ? Event : never;
type EngineState = Extract<EngineEvent, { type: 'StateEntered' }>['state'];

/**
 * Maps the engine's event log (StateEntered, StateExited, StateFailed, MapIteration*…) to AWS history
 * events. Task* events come from the task overrides; Execution* events from the runner. Retries and
 * catches have no AWS event of their own (a retry shows as TaskFailed then a new TaskScheduled).
 */
export class EngineEventRecorder {
  /** Map/Parallel states that failed: a Catch then exits them without a *StateSucceeded. */
  private readonly failedContainers = new Set<string>();
  /** Started, unfinished iterations per Map state, to report them aborted when the Map fails. */
  private readonly openIterations = new Map<string, Set<number>>();
  /** The instant of the engine event being recorded: the history events it yields carry it. */
  private eventTime = Date.now();

  constructor(
    private readonly execution: Execution,
    private readonly definition: PreparedDefinition,
    private readonly executionInput: JsonValue,
  ) {}

  record(event: EngineEvent): void {
    this.eventTime = event.timestamp;
    switch (event.type) {
      case 'StateEntered':
        return this.entered(event.state);
      case 'StateExited':
        return this.exited(event.state);
      case 'StateFailed':
        return this.failed(event.state);
      case 'StateRetried':
        // A retried Map/Parallel runs again: its eventual exit is a success again.
        this.failedContainers.delete(event.state.name);
        return;
      case 'MapIterationStarted':
        this.iterationsOf(event.parentState.name).add(event.index);
        return this.append('MapIterationStarted', { name: event.parentState.name, index: event.index });
      case 'MapIterationSucceeded':
        this.iterationsOf(event.parentState.name).delete(event.index);
        return this.append('MapIterationSucceeded', { name: event.parentState.name, index: event.index });
      case 'MapIterationFailed':
        this.iterationsOf(event.parentState.name).delete(event.index);
        return this.append('MapIterationFailed', { name: event.parentState.name, index: event.index });
      default:
        return;
    }
  }

  private entered(state: EngineState): void {
    this.failedContainers.delete(state.name);
    this.append(`${state.type}StateEntered`, { name: state.name, input: JSON.stringify(state.input), inputDetails: { truncated: false } });
    if (state.type === 'Map') {
      const length = this.mapLength(state);
      this.append('MapStateStarted', length === undefined ? undefined : { length });
    }
    if (state.type === 'Parallel') this.append('ParallelStateStarted');
  }

  private exited(state: EngineState): void {
    if (state.type === 'Fail') return;
    if ((state.type === 'Map' || state.type === 'Parallel') && !this.failedContainers.delete(state.name)) {
      this.append(`${state.type}StateSucceeded`);
    }
    const output = JSON.stringify(state.output ?? null);
    this.append(`${state.type}StateExited`, { name: state.name, output, outputDetails: { truncated: false } });
  }

  /** A failing Map/Parallel aborts its other branches: end their tasks too, as AWS does. */
  private failed(state: EngineState): void {
    if (state.type !== 'Map' && state.type !== 'Parallel') return;
    const inside = new Set([...this.definition.states].filter(([, info]) => info.containers.includes(state.name)).map(([name]) => name));
    this.execution.abandonTasksIn(inside).forEach(() => this.append('TaskStateAborted'));
    for (const index of this.openIterations.get(state.name) ?? []) this.append('MapIterationAborted', { name: state.name, index });
    this.openIterations.delete(state.name);
    this.failedContainers.add(state.name);
    this.append(`${state.type}StateFailed`);
  }

  /** MapStateStarted reports the item count: InputPath then ItemsPath over the state's input. */
  private mapLength(state: EngineState): number | undefined {
    const asl = this.definition.states.get(state.name)?.definition;
    const context: JsonObject = { Execution: { Input: this.executionInput } };
    const input = state.input;
    const effective = typeof asl?.InputPath === 'string' ? resolveReferencePath(asl.InputPath, input, context) : input;
    const items =
      effective !== undefined && typeof asl?.ItemsPath === 'string' ? resolveReferencePath(asl.ItemsPath, effective, context) : effective;
    return Array.isArray(items) ? items.length : undefined;
  }

  private iterationsOf(mapName: string): Set<number> {
    const open = this.openIterations.get(mapName) ?? new Set<number>();
    this.openIterations.set(mapName, open);
    return open;
  }

  private append(type: HistoryEventType, details?: JsonObject): void {
    this.execution.history.append(type, details, this.eventTime);
  }
}
