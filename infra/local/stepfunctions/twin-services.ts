import type { ServiceLocation } from './arns';
import type { ServedStateMachine } from './engine-runner';
import type { Execution } from './execution';
import type { ExecutionStore } from './execution-store';
import type { TaskTokenRegistry } from './task-tokens';

/** What the operations work on. */
export interface TwinServices {
  location: ServiceLocation;
  /** By state machine ARN. */
  machines: ReadonlyMap<string, ServedStateMachine>;
  executions: ExecutionStore;
  tokens: TaskTokenRegistry;
  start(execution: Execution, machine: ServedStateMachine): void;
}

export type { Operation } from './json-protocol';
