import { DescribeExecutionCommand, SFNClient, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { startStepFunctionsTwin, type StepFunctionsTwin } from '../../infra/local/stepfunctions/server';
import { LOCAL_ACCOUNT_ID, LOCAL_CREDENTIALS } from '../../infra/local/local-aws';
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

/** The Step Functions server running one fixture definition, and an SDK client for it. */
export async function startFixtureMachine(
  definition: object,
  invokeLambda: (functionArn: string, payload: unknown) => Promise<unknown>,
  region = 'eu-west-1',
): Promise<{ twin: StepFunctionsTwin; sfn: SFNClient; machineArn: string }> {
  const twin = await startStepFunctionsTwin({
    port: 0,
    region,
    accountId: LOCAL_ACCOUNT_ID,
    stateMachines: [{ name: 'fixture', definition: JSON.stringify(definition) }],
    invokeLambda,
  });
  const sfn = new SFNClient({ endpoint: twin.url, region, credentials: LOCAL_CREDENTIALS });
  return { twin, sfn, machineArn: twin.stateMachineArn('fixture') };
}
