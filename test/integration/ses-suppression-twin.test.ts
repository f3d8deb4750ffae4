import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  DeleteSuppressedDestinationCommand,
  GetSuppressedDestinationCommand,
  ListSuppressedDestinationsCommand,
  NotFoundException,
  PutSuppressedDestinationCommand,
  SendEmailCommand,
  SESv2Client,
} from '@aws-sdk/client-sesv2';
import { match } from '../support/matchers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSes, type LocalSes } from '../../infra/local/ses';
import { LOCAL_CREDENTIALS } from '../../infra/local/local-aws';
import { sesInbox } from '../support/emulators';

const run = promisify(execFile);
const AWS_CLI = '/usr/bin/aws';

let ses: LocalSes;
let client: SESv2Client;
beforeAll(async () => {
  ses = await startSes({ port: 0 });
  client = new SESv2Client({ endpoint: ses.url, region: 'eu-west-1', credentials: LOCAL_CREDENTIALS });
});
afterAll(async () => {
  client?.destroy();
  await ses?.close();
});

const send = (to: string[], subject: string) =>
  client.send(
    new SendEmailCommand({
      FromEmailAddress: 'onboarding@breakfix.example',
      Destination: { ToAddresses: to },
      Content: { Simple: { Subject: { Data: subject }, Body: { Text: { Data: 'x' } } } },
    }),
  );

describe("the twin's SES suppression list (SES v2 API, through the SDK)", () => {
  it('answers GetSuppressedDestination with NotFoundException (404) for an address not on it', async () => {
    const refusal = client.send(new GetSuppressedDestinationCommand({ EmailAddress: 'nobody@klant.example' }));
    await expect(refusal).rejects.toBeInstanceOf(NotFoundException);
    await expect(refusal).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
  });

  it('keeps what PutSuppressedDestination puts, matching the address regardless of case', async () => {
    await client.send(new PutSuppressedDestinationCommand({ EmailAddress: 'Kees@Klant.example', Reason: 'COMPLAINT' }));
    const { SuppressedDestination } = await client.send(new GetSuppressedDestinationCommand({ EmailAddress: 'kees@klant.example' }));
    expect(SuppressedDestination).toMatchObject({ EmailAddress: 'Kees@Klant.example', Reason: 'COMPLAINT', LastUpdateTime: match.any(Date) });
    const { SuppressedDestinationSummaries } = await client.send(new ListSuppressedDestinationsCommand({}));
    expect(SuppressedDestinationSummaries?.map((entry) => entry.EmailAddress)).toContain('Kees@Klant.example');
  });

  it('refuses a reason SES does not know', async () => {
    await expect(client.send(new PutSuppressedDestinationCommand({ EmailAddress: 'a@klant.example', Reason: 'SPAM' as 'BOUNCE' }))).rejects.toMatchObject({
      name: 'BadRequestException',
    });
  });

  it('accepts a send to a suppressed address with a MessageId and stores it nowhere', async () => {
    await client.send(new PutSuppressedDestinationCommand({ EmailAddress: 'weg@klant.example', Reason: 'BOUNCE' }));
    const { MessageId } = await send(['weg@klant.example'], 'Onderdrukt');
    expect(MessageId).toEqual(expect.any(String));
    expect((await sesInbox(ses.url)).filter((mail) => mail.subject === 'Onderdrukt')).toEqual([]);
  });

  it('delivers again once DeleteSuppressedDestination took the address off', async () => {
    await client.send(new PutSuppressedDestinationCommand({ EmailAddress: 'terug@klant.example', Reason: 'BOUNCE' }));
    await client.send(new DeleteSuppressedDestinationCommand({ EmailAddress: 'terug@klant.example' }));
    const { MessageId } = await send(['terug@klant.example'], 'Weer bezorgd');
    expect((await sesInbox(ses.url)).find((mail) => mail.messageId === MessageId)?.destination.to).toEqual(['terug@klant.example']);
  });
});

describe("the twin's SES suppression list through the AWS CLI", () => {
  const cli = async (...args: string[]) => {
    const { stdout } = await run(AWS_CLI, ['sesv2', ...args, '--endpoint-url', ses.url, '--region', 'eu-west-1', '--output', 'json'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' },
    });
    return stdout.trim() ? (JSON.parse(stdout) as unknown) : undefined;
  };

  it('puts and gets a suppressed destination, and names NotFoundException for an absent one', async () => {
    await cli('put-suppressed-destination', '--email-address', 'cli@klant.example', '--reason', 'BOUNCE');
    expect(await cli('get-suppressed-destination', '--email-address', 'cli@klant.example')).toMatchObject({
      SuppressedDestination: { EmailAddress: 'cli@klant.example', Reason: 'BOUNCE' },
    });
    await expect(cli('get-suppressed-destination', '--email-address', 'absent@klant.example')).rejects.toMatchObject({
      stderr: match.stringContaining('NotFoundException'),
    });
  });
});
