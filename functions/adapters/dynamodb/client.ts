import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requireEnv, ENV } from '../../shared/env';
import { tracer } from '../../shared/observability';

/** One traced client per container; the endpoint comes from AWS_ENDPOINT_URL_DYNAMODB on the twin. */
export const documentClient = DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})), {
  marshallOptions: { removeUndefinedValues: true },
});

let cachedTableName: string | undefined;
export function tableName(): string {
  cachedTableName ??= requireEnv(ENV.tableName);
  return cachedTableName;
}
