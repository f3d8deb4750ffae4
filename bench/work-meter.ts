import { onInvocation, type Invocation } from '../infra/local/invocation-probe';
import { DynamoDbMeter } from './meters/dynamodb-meter';
import { LogMeter } from './meters/log-meter';

/**
 * The work the twin's handlers do, counted while it runs: every Lambda invocation (the probe), every
 * DynamoDB request with its capacity units (the meter on the shared document client) and the bytes
 * handlers log. `documentClient` must be the adapters' client, imported after startTwin set the
 * environment. `reset()` starts a new window.
 */
export class WorkMeter {
  readonly invocations: Invocation[] = [];
  private readonly stopProbe: () => void;

  private constructor(
    readonly dynamodb: DynamoDbMeter,
    readonly logs: LogMeter,
  ) {
    this.stopProbe = onInvocation((invocation) => this.invocations.push(invocation));
  }

  static attach(documentClient: Parameters<typeof DynamoDbMeter.attach>[0]): WorkMeter {
    return new WorkMeter(DynamoDbMeter.attach(documentClient), LogMeter.attach());
  }

  reset(): void {
    this.invocations.length = 0;
    this.dynamodb.reset();
    this.logs.reset();
  }

  stop(): void {
    this.stopProbe();
    this.dynamodb.stop();
    this.logs.stop();
  }

  /** Billed GB-s of the window: per invocation ceil(duration + init) ms × memory GB. */
  gbSeconds(initMs: (functionName: string) => number): number {
    return this.invocations.reduce((sum, i) => sum + (Math.ceil(i.durationMs + initMs(i.functionName)) / 1000) * (i.memoryMb / 1024), 0);
  }

  durationMs(): number {
    return this.invocations.reduce((sum, i) => sum + Math.ceil(i.durationMs), 0);
  }

  failedInvocations(): Invocation[] {
    return this.invocations.filter((i) => i.failed);
  }

  units(): { requests: number; read: number; write: number } {
    return this.dynamodb.requests.reduce((sum, r) => ({ requests: sum.requests + 1, read: sum.read + r.readUnits, write: sum.write + r.writeUnits }), { requests: 0, read: 0, write: 0 });
  }
}
