import type { ServiceLocation } from './arns';
import type { ServedStateMachine } from './engine-runner';
import type { Execution } from './execution';
import type { ExecutionStore } from './execution-store';
import type { JsonObject } from './json';
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

/** One API operation: the JSON request body in, the JSON response body out (or a ServiceError). */
export type Operation = (body: JsonObject) => JsonObject;
