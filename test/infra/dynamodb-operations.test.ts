import { describe, expect, it } from 'vitest';
import { DYNAMODB_OPERATIONS } from '../../infra/constructs/dynamodb-metrics';
import { commandsConstructed, sourceFiles } from '../support/source-scan';

/** SDK command class (document client or low-level client) → the DynamoDB operation CloudWatch names. */
const OPERATION_OF: Record<string, string> = {
  GetCommand: 'GetItem',
  GetItemCommand: 'GetItem',
  PutCommand: 'PutItem',
  PutItemCommand: 'PutItem',
  UpdateCommand: 'UpdateItem',
  UpdateItemCommand: 'UpdateItem',
  DeleteCommand: 'DeleteItem',
  DeleteItemCommand: 'DeleteItem',
  QueryCommand: 'Query',
  ScanCommand: 'Scan',
  BatchGetCommand: 'BatchGetItem',
  BatchGetItemCommand: 'BatchGetItem',
  BatchWriteCommand: 'BatchWriteItem',
  BatchWriteItemCommand: 'BatchWriteItem',
  TransactWriteCommand: 'TransactWriteItems',
  TransactWriteItemsCommand: 'TransactWriteItems',
  TransactGetCommand: 'TransactGetItems',
  TransactGetItemsCommand: 'TransactGetItems',
  ExecuteStatementCommand: 'ExecuteStatement',
  BatchExecuteStatementCommand: 'BatchExecuteStatement',
  ExecuteTransactionCommand: 'ExecuteTransaction',
};

describe('the DynamoDB operations the alarms add up', () => {
  // Read at test time: code that starts calling another operation fails here, not silently on AWS.
  const files = sourceFiles('functions');
  const used = commandsConstructed(files).filter(({ command }) => command in OPERATION_OF);

  it('finds the commands the adapters send (so the check below means something)', () => {
    expect(used.map(({ command }) => command)).toEqual(expect.arrayContaining(['GetCommand', 'QueryCommand', 'TransactWriteCommand']));
  });

  it('covers every operation the code calls', () => {
    const missing = used.filter(({ command }) => !(DYNAMODB_OPERATIONS as readonly string[]).includes(OPERATION_OF[command] ?? command));
    expect(missing.map(({ file, command }) => `${file}: ${command} (${OPERATION_OF[command]})`)).toEqual([]);
  });
});
