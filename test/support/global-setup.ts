import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../infra/local/dynamodb';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's one DynamoDB Local (http://127.0.0.1:<port>); each test file makes its own table in it. */
    dynamodbUrl: string;
  }
}

/**
 * One DynamoDB Local (a JVM, about 2 s to start) for the whole vitest run, instead of one per test
 * file; test/support/emulators.ts and twin.ts give every file a uniquely named table in it.
 */
export default async function setup(project: TestProject) {
  const dynamodb = await startDynamoDbLocal();
  project.provide('dynamodbUrl', dynamodb.url);
  return () => dynamodb.close();
}
