import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient, GetItemCommand, PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS } from '../../infra/local/local-aws';
import { startDynamoDbLocal } from '../../infra/local/dynamodb';
import { REGION, startTestDynamoDb } from '../support/emulators';

const run = promisify(execFile);
const AWS_CLI = '/usr/bin/aws';

/**
 * The twin's DynamoDB is AWS's DynamoDB Local: these are AWS behaviours the repository relies on or
 * may come to rely on, checked on the run's shared instance (test/support/global-setup.ts).
 */
let dynamodb: Awaited<ReturnType<typeof startTestDynamoDb>>;
let client: DynamoDBClient;
beforeAll(async () => {
  dynamodb = await startTestDynamoDb('dynamodb-local');
  client = new DynamoDBClient({ endpoint: dynamodb.url, region: REGION, credentials: LOCAL_CREDENTIALS });
});
afterAll(async () => {
  client?.destroy();
  await dynamodb?.close();
});

const getItem = async (pk: string, sk = 'ITEM') =>
  (await client.send(new GetItemCommand({ TableName: dynamodb.tableName, Key: { pk: { S: pk }, sk: { S: sk } }, ConsistentRead: true }))).Item;

const put = (item: Record<string, AttributeValue>) => ({
  Put: { TableName: dynamodb.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
});

describe('DynamoDB Local through the AWS CLI (other dummy credentials than the SDK: -sharedDb)', () => {
  // Debian's AWS CLI 2.9 predates AWS_ENDPOINT_URL_*: --endpoint-url. Access key "cli", not the SDK's "local".
  const cli = (...args: string[]) =>
    run(AWS_CLI, ['dynamodb', ...args, '--endpoint-url', dynamodb.url, '--output', 'json'], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        AWS_ACCESS_KEY_ID: 'cli',
        AWS_SECRET_ACCESS_KEY: 'cli',
        AWS_DEFAULT_REGION: 'eu-west-1',
        AWS_PAGER: '',
      },
    });
  const transactWrite = (items: unknown[]) => cli('transact-write-items', '--transact-items', JSON.stringify(items));

  it('sees the table the SDK created', async () => {
    const { stdout } = await cli('list-tables');
    expect((JSON.parse(stdout) as { TableNames: string[] }).TableNames).toContain(dynamodb.tableName);
  });

  it('TransactWriteItems writes both items, or none when one condition fails', async () => {
    await transactWrite([put({ pk: { S: 'TX#a' }, sk: { S: 'ITEM' }, n: { N: '1' } }), put({ pk: { S: 'TX#b' }, sk: { S: 'ITEM' }, n: { N: '2' } })]);
    expect(await getItem('TX#a')).toEqual({ pk: { S: 'TX#a' }, sk: { S: 'ITEM' }, n: { N: '1' } });
    expect(await getItem('TX#b')).toEqual({ pk: { S: 'TX#b' }, sk: { S: 'ITEM' }, n: { N: '2' } });

    // TX#a exists, so its condition fails: the new TX#c must not be written either.
    const failed = await transactWrite([put({ pk: { S: 'TX#c' }, sk: { S: 'ITEM' } }), put({ pk: { S: 'TX#a' }, sk: { S: 'ITEM' }, n: { N: '99' } })]).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failed?.code).not.toBe(0);
    expect(failed?.stderr).toContain('TransactionCanceledException');
    expect(failed?.stderr).toContain('ConditionalCheckFailed');
    expect(await getItem('TX#c')).toBeUndefined();
    expect((await getItem('TX#a'))?.n).toEqual({ N: '1' });
  }, 30_000);
});

describe("DynamoDB Local enforces DynamoDB's item rules", () => {
  const putError = (item: Record<string, AttributeValue>) =>
    client.send(new PutItemCommand({ TableName: dynamodb.tableName, Item: item })).then(
      () => undefined,
      (error: Error) => error,
    );

  it('refuses an item over 400 KB, counted in UTF-8 bytes, and takes one under it', async () => {
    // 'é' is two bytes in UTF-8: 210 000 characters are 420 000 bytes (> 400 KB = 409 600 bytes).
    const tooBig = 'é'.repeat(210_000);
    expect(Buffer.byteLength(tooBig, 'utf8')).toBeGreaterThan(400 * 1024);
    const error = await putError({ pk: { S: 'SIZE#big' }, sk: { S: 'ITEM' }, body: { S: tooBig } });
    expect(error?.name).toBe('ValidationException');
    expect(error?.message).toMatch(/size/i);
    expect(await getItem('SIZE#big')).toBeUndefined();

    const fits = 'é'.repeat(190_000); // 380 000 bytes
    expect(await putError({ pk: { S: 'SIZE#fits' }, sk: { S: 'ITEM' }, body: { S: fits } })).toBeUndefined();
    expect((await getItem('SIZE#fits'))?.body).toEqual({ S: fits });
  });

  it('refuses an empty string in a GSI key attribute (and allows one elsewhere)', async () => {
    const error = await putError({ pk: { S: 'GSI#empty' }, sk: { S: 'ITEM' }, byStatusPk: { S: '' }, byStatusSk: { S: '2026-11-02' } });
    expect(error?.name).toBe('ValidationException');
    expect(error?.message).toMatch(/empty string/i);
    expect(await getItem('GSI#empty')).toBeUndefined();

    // A non-key attribute may be an empty string (DynamoDB allows that since 2020).
    expect(await putError({ pk: { S: 'GSI#note' }, sk: { S: 'ITEM' }, note: { S: '' } })).toBeUndefined();
  });
});

describe('startDynamoDbLocal', () => {
  it('explains a missing java', async () => {
    await expect(startDynamoDbLocal({ java: '/nonexistent/bin/java' })).rejects.toThrow(/Java 17 or later.*not found/);
  });

  it("reports the JVM's stderr when it dies before it is ready", async () => {
    const directory = await mkdtemp(join(tmpdir(), 'fake-java-'));
    try {
      const java = join(directory, 'java');
      await writeFile(java, '#!/bin/sh\necho "Error: could not reserve enough space for object heap" >&2\nexit 3\n');
      await chmod(java, 0o755);
      await expect(startDynamoDbLocal({ java })).rejects.toThrow(/exited with code 3 before it was ready:\nError: could not reserve enough space/);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('stops its JVM on close and removes its process listeners', async () => {
    const listeners = () => ['exit', 'SIGINT', 'SIGTERM'].map((event) => process.listenerCount(event));
    const before = listeners();
    const server = await startDynamoDbLocal();
    expect(() => process.kill(server.pid, 0)).not.toThrow();
    expect(listeners()).toEqual(before.map((count) => count + 1));
    await server.close();
    expect(() => process.kill(server.pid, 0)).toThrow();
    expect(listeners()).toEqual(before);
    await server.close(); // idempotent
  }, 30_000);
});
