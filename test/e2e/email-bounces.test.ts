import { GetSuppressedDestinationCommand, NotFoundException, SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { match } from '../support/matchers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLambdaContext } from '../../infra/local/lambda-context';
import { LOCAL_ACCOUNT_ID, LOCAL_CREDENTIALS } from '../../infra/local/local-aws';
import type { StoredEmail } from '../support/emulators';
import { validIntake } from '../support/fixtures';
import { sesEvent } from '../support/ses-events';
import { eventually, startTestTwin, type TestTwin } from '../support/twin';

type Handler = (event: unknown, context: unknown) => Promise<{ suppressed: number; outcomes: string[] }>;

const PRIMARY = 'sanne@korenschoof.example';
const BILLING = 'administratie@korenschoof.example';
const OPERATIONS = 'ops@breakfix.example';

interface Detail {
  status: string;
  deliverability?: Array<{ email: string; contactRole: string; status: string; reason: string; at: string; messageId: string }>;
  timeline: Array<{ type: string; detail?: string; actor: { kind: string; step?: string } }>;
}

let twin: TestTwin;
let ses: SESv2Client;
let handler: Handler;
beforeAll(async () => {
  twin = await startTestTwin();
  ses = new SESv2Client({ endpoint: twin.twin.urls.ses, region: twin.twin.region, credentials: LOCAL_CREDENTIALS });
  // Loaded once the twin has set the environment, as a Lambda container reads it when it starts.
  handler = (await import('../../functions/handle-email-event/handler')).handler as unknown as Handler;
});
afterAll(async () => {
  ses?.destroy();
  await twin?.close();
});

function deliver(event: unknown) {
  const context = createLambdaContext({ functionName: 'HandleEmailEvent', timeoutSeconds: 15, memoryMb: 512, region: twin.twin.region, accountId: LOCAL_ACCOUNT_ID });
  return handler(event, context);
}

async function suppression(address: string) {
  try {
    return (await ses.send(new GetSuppressedDestinationCommand({ EmailAddress: address }))).SuppressedDestination;
  } catch (error) {
    if (error instanceof NotFoundException) return undefined;
    throw error;
  }
}

/** An intake by `manager`, registered (the client's confirmation and the analysts' mail went out). */
async function registeredOnboarding(manager: string): Promise<{ id: string; token: string }> {
  const token = await twin.token('account-manager', manager);
  const accepted = await twin.request<{ onboardingId: string }>('POST', '/onboardings', { token, json: validIntake() });
  expect(accepted.status, accepted.text).toBe(202);
  const id = accepted.body.onboardingId;
  await eventually(async () => {
    const { body } = await twin.request<Detail>('GET', `/onboardings/${id}`, { token });
    return body.timeline.some((event) => event.type === 'ANALYSTS_NOTIFIED') ? true : undefined;
  });
  return { id, token };
}

const detailOf = async (onboarding: { id: string; token: string }) => (await twin.request<Detail>('GET', `/onboardings/${onboarding.id}`, { token: onboarding.token })).body;
const mailTo = (inbox: StoredEmail[], address: string) => inbox.filter((mail) => mail.destination.to.includes(address));

describe('a recorded permanent bounce of the primary contact, fed to HandleEmailEvent on the twin', () => {
  const MANAGER = 'am-bounce@breakfix.example';
  let onboarding: { id: string; token: string };
  let first: Awaited<ReturnType<Handler>>;
  beforeAll(async () => {
    onboarding = await registeredOnboarding(MANAGER);
    expect(await suppression(PRIMARY)).toBeUndefined();
    first = await deliver(sesEvent('bounce-permanent', { onboardingId: onboarding.id }));
  });

  it('puts the address on the suppression list, as GetSuppressedDestination reads it back', async () => {
    expect(first).toEqual({ suppressed: 1, outcomes: ['told-account-manager'] });
    expect(await suppression(PRIMARY)).toMatchObject({ EmailAddress: PRIMARY, Reason: 'BOUNCE', LastUpdateTime: match.any(Date) });
  });

  it('marks the contact on the onboarding, with a timeline event that names no address', async () => {
    const detail = await detailOf(onboarding);
    expect(detail.deliverability).toEqual([
      {
        email: PRIMARY,
        contactRole: 'primary',
        status: 'suppressed',
        reason: 'BOUNCE',
        at: '2026-11-26T13:06:02.417Z',
        messageId: '0102019a1b2c3d40-7e8f9a0b-1c2d-4e3f-a4b5-c6d7e8f9a0b1-000000',
      },
    ]);
    const event = detail.timeline.find((entry) => entry.type === 'CONTACT_EMAIL_SUPPRESSED_C1_BOUNCE');
    expect(event).toMatchObject({ actor: { kind: 'system', step: 'HandleEmailEvent' } });
    expect(event?.detail).not.toContain('@');
  });

  it('e-mails the account manager in Dutch, with the contact and the onboarding', async () => {
    const mails = mailTo(await twin.inbox(), MANAGER).filter((mail) => mail.subject.includes('komt niet aan'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('E-mail aan Bakkerij De Korenschoof B.V. komt niet aan: adres van Sanne de Vries geweigerd');
    expect(mails[0]!.body.text).toContain('blijvend geweigerd');
    expect(mails[0]!.body.text).toContain(PRIMARY);
    expect(mails[0]!.body.text).toContain(onboarding.id);
  });

  it('changes nothing and sends nothing twice when SES delivers the same event again', async () => {
    const before = { detail: await detailOf(onboarding), mails: (await twin.inbox()).length };
    const again = await deliver(sesEvent('bounce-permanent', { onboardingId: onboarding.id }));
    expect(again).toEqual({ suppressed: 0, outcomes: ['duplicate'] });
    const after = await detailOf(onboarding);
    expect(after.deliverability).toEqual(before.detail.deliverability);
    expect(after.timeline).toHaveLength(before.detail.timeline.length);
    expect((await twin.inbox()).length).toBe(before.mails);
  });

  it('accepts a send to the suppressed address with a MessageId and delivers it nowhere', async () => {
    const { MessageId } = await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'onboarding@breakfix.example',
        Destination: { ToAddresses: [PRIMARY] },
        Content: { Simple: { Subject: { Data: 'Nooit bezorgd' }, Body: { Text: { Data: 'x' } } } },
      }),
    );
    expect(MessageId).toEqual(expect.any(String));
    const inbox = await twin.inbox();
    expect(inbox.some((mail) => mail.messageId === MessageId || mail.subject === 'Nooit bezorgd')).toBe(false);
  });

  it('delivers a send to the other recipients without the suppressed one', async () => {
    const { MessageId } = await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'onboarding@breakfix.example',
        Destination: { ToAddresses: [PRIMARY, BILLING] },
        Content: { Simple: { Subject: { Data: 'Half bezorgd' }, Body: { Text: { Data: 'x' } } } },
      }),
    );
    const stored = (await twin.inbox()).find((mail) => mail.messageId === MessageId);
    expect(stored?.destination.to).toEqual([BILLING]);
  });
});

describe('a recorded complaint of the billing contact', () => {
  const MANAGER = 'am-complaint@breakfix.example';
  let onboarding: { id: string; token: string };
  beforeAll(async () => {
    onboarding = await registeredOnboarding(MANAGER);
  });

  it('suppresses the address as a complaint, marks the contact and tells the account manager once', async () => {
    const complaint = sesEvent('complaint', { onboardingId: onboarding.id, recipients: ['ADMINISTRATIE@korenschoof.example'] });
    expect(await deliver(complaint)).toEqual({ suppressed: 1, outcomes: ['told-account-manager'] });
    expect(await deliver(complaint)).toEqual({ suppressed: 0, outcomes: ['duplicate'] });
    expect(await suppression(BILLING)).toMatchObject({ Reason: 'COMPLAINT' });
    const detail = await detailOf(onboarding);
    expect(detail.deliverability).toEqual([expect.objectContaining({ email: BILLING, contactRole: 'billing', reason: 'COMPLAINT' })]);
    const mails = mailTo(await twin.inbox(), MANAGER).filter((mail) => mail.subject.includes('spam'));
    expect(mails.map((mail) => mail.subject)).toEqual(['Pieter Bakker van Bakkerij De Korenschoof B.V. heeft onze e-mail als spam gemeld']);
  });
});

describe('a bounce of the account manager, then of a client contact', () => {
  const MANAGER = 'am-gone@breakfix.example';
  let onboarding: { id: string; token: string };
  beforeAll(async () => {
    onboarding = await registeredOnboarding(MANAGER);
  });

  it('alerts operations about the staff address, and sends the account manager nothing', async () => {
    const result = await deliver(sesEvent('bounce-permanent', { onboardingId: onboarding.id, recipients: [MANAGER], messageId: 'am-bounce-1' }));
    expect(result).toEqual({ suppressed: 1, outcomes: ['told-operations'] });
    expect(await suppression(MANAGER)).toMatchObject({ Reason: 'BOUNCE' });
    const alerts = mailTo(await twin.inbox(), OPERATIONS).filter((mail) => mail.subject.includes(MANAGER));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.body.text).toContain(`onboarding ${onboarding.id}`);
    expect((await detailOf(onboarding)).deliverability).toBeUndefined();
  });

  it('tells operations, not the suppressed account manager, about the client contact that bounced next', async () => {
    const result = await deliver(sesEvent('bounce-permanent', { onboardingId: onboarding.id, recipients: [BILLING], messageId: 'client-bounce-2' }));
    expect(result).toEqual({ suppressed: 1, outcomes: ['told-operations'] });
    const toOps = mailTo(await twin.inbox(), OPERATIONS).filter((mail) => mail.subject.startsWith('E-mail aan Bakkerij De Korenschoof B.V. komt niet aan'));
    expect(toOps).toHaveLength(1);
    expect(toOps[0]!.body.text).toContain('Voor operations');
    // The proxy saw no send to the account manager after the bounce: nothing was even tried.
    const sends = (await (await fetch(`${twin.twin.urls.ses}/local/send-requests`)).json()) as { requests: Array<{ Destination?: { ToAddresses?: string[] }; Content: { Simple: { Subject: { Data: string } } } }> };
    expect(sends.requests.filter((send) => send.Destination?.ToAddresses?.includes(MANAGER) && send.Content.Simple.Subject.Data.includes('komt niet aan'))).toEqual([]);
  });
});

describe('the same bounce delivered twice at once (EventBridge and Lambda deliver at least once)', () => {
  it('suppresses the address, and tells the account manager once', async () => {
    const manager = 'am-twice@breakfix.example';
    const onboarding = await registeredOnboarding(manager);
    const event = sesEvent('bounce-permanent', { onboardingId: onboarding.id, messageId: 'ses-message-delivered-twice' });
    const results = await Promise.all([deliver(event), deliver(structuredClone(event))]);
    expect(results.flatMap((result) => result.outcomes).sort()).toEqual(['duplicate', 'told-account-manager']);
    expect(mailTo(await twin.inbox(), manager).filter((mail) => mail.subject.includes('komt niet aan'))).toHaveLength(1);
    expect((await detailOf(onboarding)).timeline.filter((entry) => entry.type === 'CONTACT_EMAIL_SUPPRESSED_C1_BOUNCE')).toHaveLength(1);
  });
});

describe('a transient bounce and a reject', () => {
  it('suppress nobody and send nothing', async () => {
    const onboardingId = 'onb-01JTEST00000000000000000001';
    const before = (await twin.inbox()).length;
    const recipient = 'vol@postvak.example';
    expect(await deliver(sesEvent('bounce-transient', { onboardingId, recipients: [recipient] }))).toEqual({ suppressed: 0, outcomes: [] });
    expect(await deliver(sesEvent('reject', { onboardingId }))).toEqual({ suppressed: 0, outcomes: [] });
    expect(await suppression(recipient)).toBeUndefined();
    expect((await twin.inbox()).length).toBe(before);
  });

  it('refuses an event that is not one of SES\'s, naming what is wrong', async () => {
    const event = sesEvent('bounce-permanent', {});
    (event as unknown as { source: string }).source = 'aws.events';
    await expect(deliver(event)).rejects.toMatchObject({ name: 'ParseError' });
  });
});
