import { match } from '../support/matchers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSes, type LocalSes } from '../../infra/local/ses';
import { sesInbox, useLocalAws } from '../support/emulators';

type Mailer = typeof import('../../functions/adapters/ses/mailer');

const CONFIGURATION_SET = 'onboarding-test-set';
const VERIFIED_RECIPIENT = 'geverifieerd@klant.example';

/** The mailer reads sender and configuration set once, when its module loads (as a Lambda container does). */
async function loadMailer(sender: string): Promise<Mailer> {
  process.env.SENDER_ADDRESS = sender;
  process.env.SES_CONFIGURATION_SET = CONFIGURATION_SET;
  vi.resetModules();
  return import('../../functions/adapters/ses/mailer');
}

interface RecordedSend {
  ConfigurationSetName?: string;
  EmailTags?: Array<{ Name: string; Value: string }>;
  Destination?: { ToAddresses?: string[] };
}

async function lastSend(): Promise<RecordedSend | undefined> {
  const { requests } = (await (await fetch(`${ses.url}/local/send-requests`)).json()) as { requests: RecordedSend[] };
  return requests.at(-1);
}

// An account in the sandbox: only the sender's domain and one client address are verified.
let ses: LocalSes;
let mailer: Mailer;
beforeAll(async () => {
  ses = await startSes({ port: 0, sandbox: { region: 'eu-west-1', verifiedIdentities: ['breakfix.example', VERIFIED_RECIPIENT] } });
  useLocalAws({ ses: ses.url });
  mailer = await loadMailer('Break & Fix <onboarding@breakfix.example>');
});
afterAll(async () => {
  await ses?.close();
});

const message = { subject: 'Onderwerp', text: 'Tekst', html: '<p>Tekst</p>' };

describe('every send through the configuration set, tagged with its onboarding', () => {
  it('names the configuration set and sends the onboardingId tag', async () => {
    const messageId = await mailer.sendEmail({ onboardingId: 'onb-01JTEST00000000000000000000', to: [VERIFIED_RECIPIENT], ...message });
    expect(await lastSend()).toMatchObject({
      ConfigurationSetName: CONFIGURATION_SET,
      EmailTags: [{ Name: 'onboardingId', Value: 'onb-01JTEST00000000000000000000' }],
    });
    expect((await sesInbox(ses.url)).some((mail) => mail.messageId === messageId)).toBe(true);
  });

  it('keeps a tag value within the characters SES allows', async () => {
    await mailer.sendEmail({ onboardingId: 'onb 1/ä', to: [VERIFIED_RECIPIENT], ...message });
    expect((await lastSend())?.EmailTags).toEqual([{ Name: 'onboardingId', Value: 'onb_1__' }]);
  });
});

describe('a send the SES sandbox refuses', () => {
  it('is a SesSandboxRefusalError that says so, names no recipient and is not transient', async () => {
    const unverified = 'jan@nietgeverifieerd.example';
    const refusal = mailer.sendEmail({ onboardingId: 'onb-01JTEST00000000000000000000', to: [unverified], ...message });
    await expect(refusal).rejects.toBeInstanceOf(mailer.SesSandboxRefusalError);
    const error = (await refusal.catch((caught: unknown) => caught)) as Error;
    expect(error.name).toBe('SesSandboxRefusalError');
    expect(error.message).toMatch(/SES account is in the sandbox in eu-west-1/);
    expect(error.message).toMatch(/request production access/);
    expect(error.message).not.toContain(unverified);
    expect(error.name).not.toBe('TransientDependencyError');
    expect((await sesInbox(ses.url)).some((mail) => mail.destination.to.includes(unverified))).toBe(false);
  });

  it('is a SesSenderNotVerifiedError when the sender itself is not verified', async () => {
    const unverifiedSender = await loadMailer('Break & Fix <onboarding@ander-domein.example>');
    const refusal = unverifiedSender.sendEmail({ onboardingId: 'onb-01JTEST00000000000000000000', to: [VERIFIED_RECIPIENT], ...message });
    await expect(refusal).rejects.toMatchObject({ name: 'SesSenderNotVerifiedError', message: match.stringMatching(/sender identity .* is not verified in eu-west-1/) });
  });
});
