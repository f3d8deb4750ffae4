import { epochSeconds, type JsonObject } from './json';

/** Step Functions' hard quota: an execution's history holds at most 25,000 events; reaching it fails the execution. */
export const MAX_HISTORY_EVENTS = 25_000;

/** The AWS history event types the twin records. */
export type HistoryEventType =
  | 'ExecutionStarted'
  | 'ExecutionSucceeded'
  | 'ExecutionFailed'
  | 'ExecutionAborted'
  | 'ExecutionTimedOut'
  | `${'Task' | 'Pass' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Map' | 'Parallel'}StateEntered`
  | `${'Task' | 'Pass' | 'Choice' | 'Wait' | 'Succeed' | 'Map' | 'Parallel'}StateExited`
  | 'TaskStateAborted'
  | `Task${'Scheduled' | 'Started' | 'Submitted' | 'Succeeded' | 'Failed' | 'TimedOut'}`
  | `LambdaFunction${'Scheduled' | 'Started' | 'Succeeded' | 'Failed' | 'TimedOut'}`
  | `MapState${'Started' | 'Succeeded' | 'Failed'}`
  | `MapIteration${'Started' | 'Succeeded' | 'Failed' | 'Aborted'}`
  | `ParallelState${'Started' | 'Succeeded' | 'Failed'}`;

export interface HistoryEvent {
  /** Epoch milliseconds. */
  at: number;
  type: HistoryEventType;
  id: number;
  previousEventId: number;
  details?: JsonObject;
}

export interface HistoryPage {
  offset: number;
  limit: number;
  reverse: boolean;
  includeExecutionData: boolean;
}

/** Fields AWS leaves out when GetExecutionHistory is called with includeExecutionData=false. */
const EXECUTION_DATA_FIELDS = new Set(['input', 'inputDetails', 'output', 'outputDetails']);

/**
 * One execution's event history, with AWS's ids; closed to further events once the execution ends.
 * An event that would leave no room for the final one is not recorded: `onLimitReached` is told
 * instead (the execution then fails, and its ExecutionFailed is the last event the quota allows).
 */
export class ExecutionHistory {
  private readonly events: HistoryEvent[] = [];
  private closed = false;

  constructor(
    private readonly maxEvents = MAX_HISTORY_EVENTS,
    private readonly onLimitReached: () => void = () => undefined,
  ) {}

  get length(): number {
    return this.events.length;
  }

  /**
   * Records an event, unless the execution has already ended (late events of abandoned work are dropped).
   * `at` (epoch ms) defaults to now; events the engine reports carry the instant the engine gave them,
   * so a StateEntered event has the same instant as the state's `$$.State.EnteredTime`.
   */
  append(type: HistoryEventType, details?: JsonObject, at = Date.now()): void {
    if (this.closed) return;
    if (this.events.length >= this.maxEvents - 1) {
      this.onLimitReached();
      return;
    }
    this.push(type, details, at);
  }

  /** Records the execution's last event (the quota keeps room for it) and closes the history. */
  appendFinal(type: HistoryEventType, details?: JsonObject): void {
    if (this.closed) return;
    this.push(type, details, Date.now());
    this.closed = true;
  }

  private push(type: HistoryEventType, details: JsonObject | undefined, at: number): void {
    const id = this.events.length + 1;
    const previous = this.events.at(-1);
    // AWS links the first state's entry to event 0, not to ExecutionStarted; otherwise we chain linearly.
    const previousEventId = !previous || (previous.type === 'ExecutionStarted' && type.endsWith('StateEntered')) ? 0 : previous.id;
    this.events.push({ at, type, id, previousEventId, ...(details ? { details } : {}) });
  }

  page({ offset, limit, reverse, includeExecutionData }: HistoryPage): JsonObject[] {
    const ordered = reverse ? [...this.events].reverse() : this.events;
    return ordered.slice(offset, offset + limit).map((event) => toWire(event, includeExecutionData));
  }
}

function toWire(event: HistoryEvent, includeExecutionData: boolean): JsonObject {
  const wire: JsonObject = { timestamp: epochSeconds(event.at), type: event.type, id: event.id, previousEventId: event.previousEventId };
  if (event.details) {
    wire[detailsMemberOf(event.type)] = includeExecutionData
      ? event.details
      : Object.fromEntries(Object.entries(event.details).filter(([key]) => !EXECUTION_DATA_FIELDS.has(key)));
  }
  return wire;
}

/** AWS names the details member after the event type, except that all *StateEntered/*StateExited share one. */
function detailsMemberOf(type: HistoryEventType): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
}
