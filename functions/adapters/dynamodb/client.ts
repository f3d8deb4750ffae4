import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requireEnv, ENV } from '../../runtime/env';

/** One client per container; the endpoint comes from AWS_ENDPOINT_URL_DYNAMODB on the twin. */
export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});

/** The stage's table (grant: table), read once when the container starts. */
export const TABLE_NAME = requireEnv(ENV.tableName);
