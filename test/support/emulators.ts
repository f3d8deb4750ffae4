import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createTable, deleteTable } from '../../infra/local/dynamodb';
import { LOCAL_CREDENTIALS } from '../../infra/local/local-aws';
import { startSes } from '../../infra/local/ses';

export const REGION = 'eu-west-1';

/** Points the SDK's standard variables at the twin, exactly as a Lambda's environment would. */
export function useLocalAws(endpoints: { dynamodb?: string; ses?: string; sfn?: string }): void {
  process.env.AWS_REGION = REGION;
  process.env.AWS_ACCESS_KEY_ID = LOCAL_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = LOCAL_CREDENTIALS.secretAccessKey;
  if (endpoints.dynamodb) process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoints.dynamodb;
  if (endpoints.ses) process.env.AWS_ENDPOINT_URL_SESV2 = endpoints.ses;
  if (endpoints.sfn) process.env.AWS_ENDPOINT_URL_SFN = endpoints.sfn;
}

/** The run's one DynamoDB Local, started by test/support/global-setup.ts. */
export function sharedDynamoDbUrl(): string {
  const url = inject('dynamodbUrl');
  if (!url) throw new Error('no shared DynamoDB Local: run the tests with vitest (test/support/global-setup.ts starts it)');
  return url;
}

/** `base` plus a random suffix: test files share one DynamoDB Local, each with tables of its own. */
export function uniqueTableName(base: string): string {
  return `${base}-${randomBytes(6).toString('hex')}`;
}

/**
 * A table of this file's own (`tableName` plus a random suffix) in the run's shared DynamoDB Local;
 * TABLE_NAME and AWS_ENDPOINT_URL_DYNAMODB point at it. close() deletes the table, not the server.
 */
export async function startTestDynamoDb(tableName = 'onboarding-test') {
  const url = sharedDynamoDbUrl();
  const table = { endpoint: url, region: REGION, tableName: uniqueTableName(tableName) };
  await createTable(table);
  process.env.TABLE_NAME = table.tableName;
  useLocalAws({ dynamodb: url });
  return { url, tableName: table.tableName, close: () => deleteTable(table) };
}

export async function startTestSes() {
  const ses = await startSes({ port: 0 });
  useLocalAws({ ses: ses.url });
  return ses;
}

export interface StoredEmail {
  messageId: string;
  from: string;
  replyTo?: string[];
  destination: { to: string[]; cc?: string[]; bcc?: string[] };
  subject: string;
  body: { html?: string; text?: string };
  /** Simple content's attachments, kept byte for byte: `content` is their base64. */
  attachments?: StoredAttachment[];
  at: number;
}

export interface StoredAttachment {
  filename?: string;
  contentType: string;
  contentDisposition?: string;
  /** The attachment's bytes, base64. */
  content: string;
  size: number;
}

/** An attachment's bytes as the recipient gets them. */
export const attachmentBytes = (attachment: StoredAttachment): Buffer => Buffer.from(attachment.content, 'base64');

export async function sesInbox(sesUrl: string): Promise<StoredEmail[]> {
  const response = await fetch(`${sesUrl}/store`);
  return ((await response.json()) as { emails: StoredEmail[] }).emails;
}
