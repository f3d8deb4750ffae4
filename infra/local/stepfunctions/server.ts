import '../polyfills';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stateMachineArn, stateMachineRoleArn, type ServiceLocation } from './arns';
import { assertEnginePatched, runExecution, serveStateMachine, type ServedStateMachine } from './engine-runner';
import { executionOperations } from './execution-operations';
import { ExecutionStore } from './execution-store';
import { closeServer, listenOnLoopback } from './http-server';
import { jsonProtocolListener } from './json-protocol';
import { stateMachineOperations } from './state-machine-operations';
import { taskOperations } from './task-operations';
import { TaskTokenRegistry } from './task-tokens';
import type { Operation, TwinServices } from './twin-services';

export interface StepFunctionsTwinOptions {
  /** 0 picks a free port. */
  port: number;
  /** e.g. eu-west-1 */
  region: string;
  /** e.g. 000000000000 */
  accountId: string;
  /**
   * Standard state machines; each definition is ASL JSON with its substitutions already made. A
   * definition that uses a construct the engine runs differently from AWS (known-differences.ts) is
   * refused: startStepFunctionsTwin rejects with a message naming the construct and its state.
   */
  stateMachines: Array<{ name: string; definition: string }>;
  /**
   * Invokes a Lambda by its ARN with a payload; resolves to its return value. Rejects with an Error whose
   * `name` is the Step Functions error name (e.g. the Lambda's errorType, or 'Lambda.ServiceException')
   * and whose `message` is the Cause string.
   */
  invokeLambda: (functionArn: string, payload: unknown) => Promise<unknown>;
  /** Receives one line per request and per finished execution, and internal failures. Default: silent. */
  log?: (line: string) => void;
  /** Events an execution's history may hold before the execution fails: AWS's 25,000 unless a test lowers it. */
  maxHistoryEvents?: number;
}

export interface StepFunctionsTwin {
  /** e.g. "http://127.0.0.1:8083", no trailing slash. */
  url: string;
  /** The unqualified ARN (DescribeStateMachine, ListExecutions of every execution). */
  stateMachineArn(name: string): string;
  /** `…:stateMachine:<name>:1`, the one version the twin publishes. */
  stateMachineVersionArn(name: string): string;
  /** `…:stateMachine:<name>:live`, the alias executions start through, routing 100 % to version 1. */
  stateMachineAliasArn(name: string): string;
  /** Aborts running executions and stops the server. */
  close(): Promise<void>;
}

/** Step Functions (AWS JSON 1.0 protocol) over aws-local-stepfunctions, on 127.0.0.1. */
export async function startStepFunctionsTwin(options: StepFunctionsTwinOptions): Promise<StepFunctionsTwin> {
  const location: ServiceLocation = { region: options.region, accountId: options.accountId };
  const log = options.log ?? (() => undefined);
  await assertEnginePatched();
  const tokens = new TaskTokenRegistry();
  const executions = new ExecutionStore(tokens, options.maxHistoryEvents);
  const machines = serveStateMachines(location, options.stateMachines);
  const runs = new Set<Promise<void>>();
  const services: TwinServices = {
    location,
    machines,
    executions,
    tokens,
    start(execution, machine) {
      const run = runExecution(execution, machine, { location, tokens, invokeLambda: options.invokeLambda, log });
      runs.add(run);
      void run.finally(() => runs.delete(run));
    },
  };
  const operations = new Map<string, Operation>(
    Object.entries({ ...stateMachineOperations(services), ...executionOperations(services), ...taskOperations(services) }),
  );
  const server = createServer(jsonProtocolListener(operations, log));
  await listenOnLoopback(server, options.port);
  const { port } = server.address() as AddressInfo;

  const served = (name: string): ServedStateMachine => {
    const machine = machines.get(stateMachineArn(location, name));
    if (!machine) throw new Error(`The Step Functions twin serves no state machine named ${name}`);
    return machine;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    stateMachineArn: (name) => served(name).arn,
    stateMachineVersionArn: (name) => served(name).versionArn,
    stateMachineAliasArn: (name) => served(name).aliasArn,
    async close() {
      for (const execution of executions.running()) execution.close({ status: 'ABORTED', cause: 'The local Step Functions twin was closed' });
      await Promise.allSettled(runs);
      await closeServer(server);
    },
  };
}

function serveStateMachines(location: ServiceLocation, stateMachines: StepFunctionsTwinOptions['stateMachines']): Map<string, ServedStateMachine> {
  const machines = new Map<string, ServedStateMachine>();
  for (const { name, definition } of stateMachines) {
    const arn = stateMachineArn(location, name);
    if (machines.has(arn)) throw new Error(`State machine ${name} is given twice`);
    try {
      machines.set(arn, serveStateMachine(name, arn, stateMachineRoleArn(location, name), definition));
    } catch (error) {
      throw new Error(`State machine ${name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  return machines;
}
