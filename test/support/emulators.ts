import { startDynamoDb } from '../../infra/local/dynamodb';
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

export async function startTestDynamoDb(tableName = 'onboarding-test') {
  const dynamodb = await startDynamoDb({ port: 0, region: REGION, tableName });
  process.env.TABLE_NAME = tableName;
  useLocalAws({ dynamodb: dynamodb.url });
  return dynamodb;
}

export async function startTestSes() {
  const ses = await startSes({ port: 0 });
  useLocalAws({ ses: ses.url });
  return ses;
}

export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
  at: number;
}

export async function sesInbox(sesUrl: string): Promise<StoredEmail[]> {
  const response = await fetch(`${sesUrl}/store`);
  return ((await response.json()) as { emails: StoredEmail[] }).emails;
}
