import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '../../functions/adapters/dynamodb/table-design';
import { LOCAL_CREDENTIALS } from './local-aws';

const require = createRequire(import.meta.url);
const dynalite = require('dynalite') as (options: Record<string, unknown>) => Server;

/** dynalite in memory, with the table created from the same design CDK deploys. */
export async function startDynamoDb(options: { port: number; region: string; tableName: string }) {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ endpoint: url, region: options.region, credentials: LOCAL_CREDENTIALS });
  await client.send(new CreateTableCommand(createTableInput(options.tableName)));
  // The SDK waiter polls at whole seconds; dynalite is ACTIVE within milliseconds.
  for (let attempt = 0; attempt < 100; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: options.tableName }));
    if (Table?.TableStatus === 'ACTIVE') break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  client.destroy();
  return {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
