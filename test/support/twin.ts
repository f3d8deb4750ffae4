import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { Role } from '../../functions/catalog';
import { LOCAL_CREDENTIALS } from '../../infra/local/local-aws';
import { startTwin, type Twin, type TwinOptions } from '../../infra/local/twin';
import { sesInbox, sharedDynamoDbUrl, uniqueTableName } from './emulators';
import { contractFor } from './openapi-contract';

/**
 * The whole twin in this test process, on free ports, with a table of its own in the run's shared
 * DynamoDB Local (test/support/global-setup.ts), deleted on close. Scheduled functions are off
 * unless a test asks (`schedules: 'on'`): tests call their handlers at the instants they choose.
 */
export async function startTestTwin(options: TwinOptions = {}): Promise<TestTwin> {
  const twin = await startTwin({
    ports: { api: 0, stepFunctions: 0, dynamodb: 0, ses: 0, secretsManager: 0 },
    apiLog: () => undefined,
    dynamodb: { endpoint: sharedDynamoDbUrl(), tableName: uniqueTableName('onboarding-test') },
    schedules: 'off',
    ...options,
  });
  return new TestTwin(twin);
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export class TestTwin {
  readonly sfn: SFNClient;
  readonly dynamodb: DynamoDBClient;

  constructor(readonly twin: Twin) {
    this.sfn = new SFNClient({ endpoint: twin.urls.stepFunctions, region: twin.region, credentials: LOCAL_CREDENTIALS });
    this.dynamodb = new DynamoDBClient({ endpoint: twin.urls.dynamodb, region: twin.region, credentials: LOCAL_CREDENTIALS });
  }

  close(): Promise<void> {
    this.sfn.destroy();
    this.dynamodb.destroy();
    return this.twin.close();
  }

  /** A Cognito-shaped ID token from the twin's local issuer, as `npm run token` gets one. */
  async token(role: Role, email = `${role}@breakfix.example`): Promise<string> {
    const response = await fetch(`${this.twin.urls.api}/local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role, email }),
    });
    if (!response.ok) throw new Error(`local issuer answered ${response.status}`);
    return ((await response.json()) as { idToken: string }).idToken;
  }

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { token?: string; json?: unknown; body?: string | Buffer; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body = options.body;
    if (options.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(options.json);
    }
    const response = await fetch(`${this.twin.urls.api}${path}`, { method, headers, body });
    const text = await response.text();
    // Every answer a test sees is checked against the OpenAPI document (test/support/openapi-contract.ts).
    contractFor(this.twin.urls.api).check({ method, path, status: response.status, contentType: response.headers.get('content-type'), text });
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  inbox() {
    return sesInbox(this.twin.urls.ses);
  }

  /** Every item in this twin's own table; tests use it to prove a rejected request wrote nothing. */
  async tableItemCount(): Promise<number> {
    const { Count } = await this.dynamodb.send(new ScanCommand({ TableName: this.twin.tableName, Select: 'COUNT' }));
    return Count ?? 0;
  }
}

/** Polls until `probe` returns a value (not undefined) or the time is up. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: string | undefined;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}
