/*
 * The cold-start reference: a bundle that only creates a DynamoDB document client, as every
 * function's data adapter does. `npm run bench` states each function's init time as a multiple of
 * this one's, both built with CDK's esbuild settings and loaded the same way.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = (): Promise<string> => Promise.resolve(documentClient.config.serviceId);
