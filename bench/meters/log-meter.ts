import { invokedFunction } from '../../infra/local/invocation-probe';

/**
 * Counts the bytes the handlers write to stdout and stderr, per function: what CloudWatch Logs
 * would ingest from their log groups (Lambda sends a function's stdout and stderr there). Lines
 * written outside an invocation (the twin's own) are not counted. Nothing is printed while it is on.
 */
export class LogMeter {
  readonly bytesByFunction = new Map<string, number>();
  private readonly restore: Array<() => void> = [];

  static attach(): LogMeter {
    const meter = new LogMeter();
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = (chunk: string | Uint8Array, ...rest: unknown[]) => {
        const functionName = invokedFunction();
        if (functionName === undefined) return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
        meter.bytesByFunction.set(functionName, (meter.bytesByFunction.get(functionName) ?? 0) + Buffer.byteLength(chunk));
        const callback = rest.find((arg): arg is () => void => typeof arg === 'function');
        callback?.();
        return true;
      };
      meter.restore.push(() => {
        stream.write = original;
      });
    }
    return meter;
  }

  stop(): void {
    for (const restore of this.restore) restore();
  }

  reset(): void {
    this.bytesByFunction.clear();
  }

  total(): number {
    return [...this.bytesByFunction.values()].reduce((sum, bytes) => sum + bytes, 0);
  }
}
