import { invokedFunction } from '../../infra/local/invocation-probe';

/**
 * Counts every DynamoDB request the handlers make, per function and operation, with the capacity
 * DynamoDB reports for it. It sits in the shared document client's middleware stack (the one every
 * adapter sends through) and asks each request for `ReturnConsumedCapacity: TOTAL`; handler code is
 * unchanged. DynamoDB Local reports units as DynamoDB does: 1 per 4 KB read strongly consistent
 * (0.5 eventually), 1 per 1 KB written, twice that inside a transaction.
 */
export interface DynamoDbRequest {
  functionName: string;
  operation: string;
  readUnits: number;
  writeUnits: number;
}

const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);

interface Capacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

interface MiddlewareHost {
  middlewareStack: {
    add(
      middleware: (next: (args: { input: object }) => Promise<{ output: object }>, context: { commandName?: string }) => (args: { input: object }) => Promise<{ output: object }>,
      options: { step: 'initialize'; name: string },
    ): void;
    remove(name: string): boolean;
  };
}

const NAME = 'benchDynamoDbMeter';

export class DynamoDbMeter {
  readonly requests: DynamoDbRequest[] = [];

  private constructor(private readonly client: MiddlewareHost) {}

  /** Starts counting on `client` (the adapters' `documentClient`) until `stop()`. */
  static attach(client: MiddlewareHost): DynamoDbMeter {
    const meter = new DynamoDbMeter(client);
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { ReturnConsumedCapacity?: string };
        input.ReturnConsumedCapacity ??= 'TOTAL';
        const result = await next(args);
        meter.record(operationOf(context.commandName), (result.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity);
        return result;
      },
      { step: 'initialize', name: NAME },
    );
    return meter;
  }

  stop(): void {
    this.client.middlewareStack.remove(NAME);
  }

  /** Forgets what was counted so far. */
  reset(): void {
    this.requests.length = 0;
  }

  private record(operation: string, consumed: Capacity | Capacity[] | undefined): void {
    const units = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce((sum, entry) => sum + (entry.CapacityUnits ?? (entry.ReadCapacityUnits ?? 0) + (entry.WriteCapacityUnits ?? 0)), 0);
    const read = READS.has(operation);
    this.requests.push({ functionName: invokedFunction() ?? '(outside a function)', operation, readUnits: read ? units : 0, writeUnits: read ? 0 : units });
  }
}

/** "PutCommand" (document client) and "PutItemCommand" (low level) are both PutItem. */
function operationOf(commandName: string | undefined): string {
  const name = (commandName ?? 'Unknown').replace(/Command$/, '');
  const documentNames: Record<string, string> = { Put: 'PutItem', Get: 'GetItem', Update: 'UpdateItem', Delete: 'DeleteItem', BatchGet: 'BatchGetItem', BatchWrite: 'BatchWriteItem', TransactGet: 'TransactGetItems', TransactWrite: 'TransactWriteItems' };
  return documentNames[name] ?? name;
}

export const isRead = (operation: string): boolean => READS.has(operation);
