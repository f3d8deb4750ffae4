import { ExecutionHistory, MAX_HISTORY_EVENTS, type HistoryEventType } from './history';
import { HISTORY_LIMIT_FAILURE } from './known-differences';
import { epochSeconds, type JsonObject } from './json';
import type { PendingTask } from './lambda-task';
import type { TaskTokenRegistry } from './task-tokens';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
export const EXECUTION_STATUSES: readonly ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

export type ExecutionOutcome =
  | { status: 'SUCCEEDED'; output: string }
  | { status: 'FAILED' | 'TIMED_OUT' | 'ABORTED'; error?: string; cause?: string };

export interface ExecutionIdentity {
  executionArn: string;
  /** Unqualified, whichever ARN started it. */
  stateMachineArn: string;
  /** The version it runs on: set when started through a version or an alias, as AWS reports it. */
  stateMachineVersionArn?: string;
  /** Set only when started through an alias. */
  stateMachineAliasArn?: string;
  stateMachineName: string;
  name: string;
  /** The input exactly as StartExecution received it (idempotent starts compare this text). */
  input: string;
  roleArn: string;
}

const FINAL_EVENT: Record<ExecutionOutcome['status'], HistoryEventType> = {
  SUCCEEDED: 'ExecutionSucceeded',
  FAILED: 'ExecutionFailed',
  TIMED_OUT: 'ExecutionTimedOut',
  ABORTED: 'ExecutionAborted',
};

/** One execution: its status, history and the task attempts still in flight. */
export class Execution {
  readonly startDate = Date.now();
  readonly history: ExecutionHistory;
  private outcome: ExecutionOutcome | undefined;
  private stopDate: number | undefined;
  private readonly pendingTasks = new Set<PendingTask>();
  private stopEngine: () => void = () => undefined;

  constructor(
    readonly identity: ExecutionIdentity,
    /** Start order, newest highest: ListExecutions sorts and pages on it. */
    readonly sequence: number,
    private readonly tokens: TaskTokenRegistry,
    maxHistoryEvents = MAX_HISTORY_EVENTS,
  ) {
    this.history = new ExecutionHistory(maxHistoryEvents, () => this.close({ status: 'FAILED', ...HISTORY_LIMIT_FAILURE(maxHistoryEvents) }));
    this.history.append('ExecutionStarted', { input: identity.input, inputDetails: { truncated: false }, roleArn: identity.roleArn });
  }

  get status(): ExecutionStatus {
    return this.outcome?.status ?? 'RUNNING';
  }

  get isRunning(): boolean {
    return this.outcome === undefined;
  }

  attachEngine(abort: () => void): void {
    this.stopEngine = abort;
  }

  track(task: PendingTask): () => void {
    this.pendingTasks.add(task);
    return () => this.pendingTasks.delete(task);
  }

  /** Abandons the attempts in flight in the given states; returns the states of those it ended. */
  abandonTasksIn(stateNames: ReadonlySet<string>): string[] {
    return [...this.pendingTasks].filter((task) => stateNames.has(task.stateName) && task.abandon()).map((task) => task.stateName);
  }

  /** Ends the execution once (later calls are ignored): records the final event, retires its tokens, stops the engine. */
  close(outcome: ExecutionOutcome): boolean {
    if (this.outcome) return false;
    this.outcome = outcome;
    this.stopDate = Date.now();
    const details: JsonObject =
      outcome.status === 'SUCCEEDED'
        ? { output: outcome.output, outputDetails: { truncated: false } }
        : { ...(outcome.error !== undefined ? { error: outcome.error } : {}), ...(outcome.cause !== undefined ? { cause: outcome.cause } : {}) };
    this.history.appendFinal(FINAL_EVENT[outcome.status], details);
    for (const task of [...this.pendingTasks]) task.abandon();
    this.tokens.closeExecution(this.identity.executionArn);
    this.stopEngine();
    return true;
  }

  /** DescribeExecution's answer. */
  describe(): JsonObject {
    const outcome = this.outcome;
    return {
      ...this.listItem(),
      input: this.identity.input,
      inputDetails: { included: true },
      ...(outcome?.status === 'SUCCEEDED' ? { output: outcome.output, outputDetails: { included: true } } : {}),
      ...(outcome && outcome.status !== 'SUCCEEDED' && outcome.error !== undefined ? { error: outcome.error } : {}),
      ...(outcome && outcome.status !== 'SUCCEEDED' && outcome.cause !== undefined ? { cause: outcome.cause } : {}),
      redriveCount: 0,
      redriveStatus: 'NOT_REDRIVABLE',
    };
  }

  /** An item of ListExecutions. */
  listItem(): JsonObject {
    return {
      executionArn: this.identity.executionArn,
      stateMachineArn: this.identity.stateMachineArn,
      ...(this.identity.stateMachineVersionArn !== undefined ? { stateMachineVersionArn: this.identity.stateMachineVersionArn } : {}),
      ...(this.identity.stateMachineAliasArn !== undefined ? { stateMachineAliasArn: this.identity.stateMachineAliasArn } : {}),
      name: this.identity.name,
      status: this.status,
      startDate: epochSeconds(this.startDate),
      ...(this.stopDate !== undefined ? { stopDate: epochSeconds(this.stopDate) } : {}),
    };
  }

  get stoppedAt(): number | undefined {
    return this.stopDate;
  }
}
