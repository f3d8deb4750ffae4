import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { SESv2Client, type SendEmailCommand } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { startTestTwin, type TestTwin } from '../support/twin';
import { detailOf, startIntake, untilStatus } from '../support/agreement-flow';
import { historyWhen, statesEntered, waitingIn } from '../support/history';

/**
 * Crashes that the emulators cannot produce on cue, injected at the SDK clients, on the ASL and
 * the real handlers: every status change is one transaction, so a step retried after its
 * transaction committed finds its change applied, and a notification goes out once.
 */
let twin: TestTwin;
let accountManager: string;
beforeAll(async () => {
  twin = await startTestTwin();
  accountManager = await twin.token('account-manager', 'am@breakfix.example');
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(async () => {
  await twin?.close();
});

const lostResponse = () => Object.assign(new Error('socket hang up after the request was sent'), { name: 'TimeoutError' });

/** True for the transaction that moves an onboarding to `status`. */
function movesTo(command: unknown, status: string): boolean {
  if (!(command instanceof TransactWriteCommand)) return false;
  return (command.input.TransactItems ?? []).some((item) => item.Update?.ExpressionAttributeValues?.[':to'] === status);
}

describe('transactions under crashes', () => {
  it('a step that crashes after its transaction committed is retried: one status change, one event', async () => {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be called with .call(this, …) from the spy, which replaces it on the prototype
    const original = DynamoDBDocumentClient.prototype.send;
    let crashed = 0;
    vi.spyOn(DynamoDBDocumentClient.prototype, 'send').mockImplementation(async function (this: DynamoDBDocumentClient, command: never) {
      const result = await (original as (command: never) => Promise<unknown>).call(this, command);
      // The transaction commits; the Lambda dies before it hears so.
      if (crashed === 0 && movesTo(command, 'REGISTERED')) {
        crashed += 1;
        throw lostResponse();
      }
      return result;
    } as never);

    const { onboardingId, executionArn } = await startIntake(twin, accountManager, 'Herstart B.V.');
    const events = await historyWhen(twin, executionArn, waitingIn('AwaitAnalysis'));
    expect(crashed).toBe(1);
    expect(events.filter((e) => e.type === 'TaskFailed').map((e) => e.taskFailedEventDetails?.error)).toEqual(['TransientDependencyError']);
    expect(statesEntered(events)).toEqual(['ResumeOrStart', 'RegisterOnboarding', 'AwaitAnalysis']);

    const detail = await untilStatus(twin, accountManager, onboardingId, 'AWAITING_ANALYSIS');
    const statusEvents = detail.timeline.filter((e) => e.status).map((e) => e.type);
    expect(statusEvents).toEqual(['INTAKE_RECEIVED', 'REGISTERED', 'AWAITING_ANALYSIS']);
    expect(detail).toMatchObject({ version: 3 });
    const mails = (await twin.inbox()).filter((m) => m.subject.includes('Herstart B.V.'));
    expect(mails.filter((m) => m.destination.to.includes('sanne@korenschoof.example'))).toHaveLength(1);
  });

  it('a notification mark that meets a newer aggregate version: the retried step sends no second e-mail', async () => {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be called with .call(this, …) from the spy, which replaces it on the prototype
    const originalSend = SESv2Client.prototype.send;
    let throttled = false;
    vi.spyOn(SESv2Client.prototype, 'send').mockImplementation(async function (this: SESv2Client, command: never) {
      const input = (command as SendEmailCommand).input;
      if (input.Destination?.ToAddresses?.includes('analysts@breakfix.example') && !throttled) {
        throttled = true;
        // After the client's e-mail went out, someone else changes the aggregate (a newer version)…
        const onboardingId = input.Content?.Simple?.Body?.Text?.Data?.match(/onb-[0-9A-Z]{26}/)?.[0];
        await twin.dynamodb.send(
          new UpdateItemCommand({
            TableName: twin.twin.tableName,
            Key: { pk: { S: `ONBOARDING#${onboardingId}` }, sk: { S: 'AGGREGATE' } },
            UpdateExpression: 'SET #v = #v + :one',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#v': 'version' },
            ExpressionAttributeValues: { ':one': { N: '1' } },
          }),
        );
        // …and the analysts' e-mail is throttled, so the whole step is retried.
        throw Object.assign(new Error('Maximum sending rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } });
      }
      return (originalSend as (command: never) => Promise<unknown>).call(this, command);
    } as never);

    const started = await startIntake(twin, accountManager, 'Tussendoor B.V.');
    const events = await historyWhen(twin, started.executionArn, waitingIn('AwaitAnalysis'));
    expect(throttled).toBe(true);
    expect(events.filter((e) => e.type === 'TaskFailed').map((e) => e.taskFailedEventDetails?.error)).toEqual(['TransientDependencyError']);

    const mails = (await twin.inbox()).filter((m) => m.subject.includes('Tussendoor B.V.'));
    expect(mails.filter((m) => m.destination.to.includes('sanne@korenschoof.example'))).toHaveLength(1);
    expect(mails.filter((m) => m.destination.to.includes('analysts@breakfix.example'))).toHaveLength(1);
    const detail = await detailOf(twin, accountManager, started.onboardingId);
    expect(detail.timeline.filter((e) => e.type === 'CLIENT_CONFIRMATION_SENT')).toHaveLength(1);
    expect(detail.timeline.filter((e) => e.type === 'ANALYSTS_NOTIFIED')).toHaveLength(1);
    expect(detail).toMatchObject({ version: 4 }); // RECEIVED 1, REGISTERED 2, the bump 3, AWAITING_ANALYSIS 4
  });
});
