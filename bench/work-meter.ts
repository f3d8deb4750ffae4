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
}
