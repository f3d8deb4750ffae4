import { Execution, type ExecutionIdentity, type ExecutionStatus } from './execution';
import type { TaskTokenRegistry } from './task-tokens';

/** All executions of the twin, in memory: like everything the twin holds, they are gone when it stops (docs/architecture.md §5). */
export class ExecutionStore {
  private readonly byArn = new Map<string, Execution>();
  private lastSequence = 0;

  constructor(private readonly tokens: TaskTokenRegistry) {}

  get(executionArn: string): Execution | undefined {
    return this.byArn.get(executionArn);
  }

  create(identity: ExecutionIdentity): Execution {
    const execution = new Execution(identity, ++this.lastSequence, this.tokens);
    this.byArn.set(identity.executionArn, execution);
    return execution;
  }

  /** Newest first, as AWS lists them; `beforeSequence` continues a previous page. */
  list(stateMachineArn: string, status: ExecutionStatus | undefined, beforeSequence: number): Execution[] {
    return [...this.byArn.values()]
      .filter((e) => e.identity.stateMachineArn === stateMachineArn && (!status || e.status === status) && e.sequence < beforeSequence)
      .sort((a, b) => b.sequence - a.sequence);
  }

  running(): Execution[] {
    return [...this.byArn.values()].filter((e) => e.isRunning);
  }
}
