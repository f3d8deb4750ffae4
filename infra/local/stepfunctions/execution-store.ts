import { Execution, type ExecutionIdentity, type ExecutionStatus } from './execution';
import type { TaskTokenRegistry } from './task-tokens';

/** All executions of the twin, in memory: like everything the twin holds, they are gone when it stops (docs/architecture.md §5). */
export class ExecutionStore {
  private readonly byArn = new Map<string, Execution>();
  private lastSequence = 0;

  constructor(
    private readonly tokens: TaskTokenRegistry,
    /** Step Functions' history quota; tests lower it. */
    private readonly maxHistoryEvents?: number,
  ) {}

  get(executionArn: string): Execution | undefined {
    return this.byArn.get(executionArn);
  }

  create(identity: ExecutionIdentity): Execution {
    const execution = new Execution(identity, ++this.lastSequence, this.tokens, this.maxHistoryEvents);
    this.byArn.set(identity.executionArn, execution);
    return execution;
  }

  /**
   * Newest first, as AWS lists them; `beforeSequence` continues a previous page. `of` is the
   * state machine (all its executions), or one of its versions or aliases (those started on it).
   */
  list(of: ExecutionsOf, status: ExecutionStatus | undefined, beforeSequence: number): Execution[] {
    return [...this.byArn.values()]
      .filter((e) => belongsTo(e, of) && (!status || e.status === status) && e.sequence < beforeSequence)
      .sort((a, b) => b.sequence - a.sequence);
  }

  running(): Execution[] {
    return [...this.byArn.values()].filter((e) => e.isRunning);
  }
}

export type ExecutionsOf = { stateMachineArn: string } | { stateMachineVersionArn: string } | { stateMachineAliasArn: string };

function belongsTo(execution: Execution, of: ExecutionsOf): boolean {
  if ('stateMachineVersionArn' in of) return execution.identity.stateMachineVersionArn === of.stateMachineVersionArn;
  if ('stateMachineAliasArn' in of) return execution.identity.stateMachineAliasArn === of.stateMachineAliasArn;
  return execution.identity.stateMachineArn === of.stateMachineArn;
}
