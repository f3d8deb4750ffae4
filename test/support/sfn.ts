import { DescribeExecutionCommand, type DescribeExecutionCommandOutput, type SFNClient } from '@aws-sdk/client-sfn';
import { eventually } from './twin';

/** Polls until `probe` yields a value (sync or async); for the Step Functions server's own tests. */
export function until<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  return eventually(async () => probe(), timeoutMs, 20);
}

/** The execution's description once it is no longer RUNNING. */
export function finished(sfn: SFNClient, executionArn: string): Promise<DescribeExecutionCommandOutput> {
  return until(async () => {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    return described.status === 'RUNNING' ? undefined : described;
  });
}
