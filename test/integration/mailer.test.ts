import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { match } from '../support/matchers';
import { startTestSes, sesInbox } from '../support/emulators';
import { registrationConfirmation } from '../../functions/templates/email/registration-confirmation';
import { newOnboarding } from '../../functions/domain/onboarding';
import { intakeSchema } from '../../functions/domain/intake';
import { validIntake, staff } from '../support/fixtures';

type Mailer = typeof import('../../functions/adapters/ses/mailer');

/** The mailer reads its sender once, when its module loads (as a Lambda container does): load it after setting it. */
async function loadMailer(sender: string): Promise<Mailer> {
  process.env.SENDER_ADDRESS = sender;
  process.env.SES_CONFIGURATION_SET = 'onboarding-test';
  vi.resetModules();
  return import('../../functions/adapters/ses/mailer');
}

let ses: Awaited<ReturnType<typeof startTestSes>>;
let sendEmail: Mailer['sendEmail'];
beforeAll(async () => {
  ses = await startTestSes();
  ({ sendEmail } = await loadMailer('Break & Fix <onboarding@breakfix.example>'));
});
afterAll(async () => {
  await ses.close();
});

function onboardingFor(companyName: string, locale: 'nl' | 'en') {
  const intake = intakeSchema.parse(validIntake({ client: { companyName, locale } }));
  return newOnboarding('onb-01JTEST00000000000000000000', intake, { sub: staff.accountManager.sub, email: staff.accountManager.email }, new Date('2026-11-26T13:05:00Z'));
}

describe('mailer on aws-ses-v2-local', () => {
  it('delivers the Dutch confirmation as HTML and text, with the client name escaped in HTML', async () => {
    const onboarding = onboardingFor('Evil <script>alert(1)</script> & Co', 'nl');
    const messageId = await sendEmail({ to: ['sanne@korenschoof.example'], onboardingId: onboarding.id, ...registrationConfirmation(onboarding) });
    const mail = (await sesInbox(ses.url)).find((m) => m.messageId === messageId)!;
    expect(mail.destination.to).toEqual(['sanne@korenschoof.example']);
    expect(mail.from).toContain('onboarding@breakfix.example');
    expect(mail.subject).toBe('Uw aanmelding voor Break & Fix is geregistreerd – Evil <script>alert(1)</script> & Co');
    expect(mail.body.html).toContain('Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(mail.body.html).not.toContain('<script>');
    expect(mail.body.html).toContain('Beste Sanne de Vries');
    expect(mail.body.html).toContain('26 november 2026 om 14:05');
    expect(mail.body.text).toContain('- Kassasysteem valt uit');
  });

  it('writes English for an English-speaking client', async () => {
    const messageId = await sendEmail({ to: ['a@b.example'], onboardingId: 'onb-01JTEST00000000000000000000', ...registrationConfirmation(onboardingFor('Acme', 'en')) });
    const mail = (await sesInbox(ses.url)).find((m) => m.messageId === messageId)!;
    expect(mail.subject).toBe('Your Break & Fix onboarding is registered – Acme');
    expect(mail.body.text).toContain('Dear Sanne de Vries,');
    expect(mail.body.text).toContain('26 November 2026 at 14:05');
  });

  it('refuses a malformed sender or recipient before calling SES (the twin would accept any)', async () => {
    const count = (await sesInbox(ses.url)).length;
    const message = { to: ['a@b.example'], onboardingId: 'onb-01JTEST00000000000000000000', subject: 's', text: 't', html: '<p>t</p>' };
    const invalid = { name: 'InvalidEmailAddressError' };
    await expect(sendEmail({ ...message, to: ['a@b.example\r\nBcc: x@y.z'] })).rejects.toMatchObject(invalid);
    await expect(sendEmail({ ...message, to: [] })).rejects.toMatchObject(invalid);
    const misconfigured = await loadMailer('not an address');
    await expect(misconfigured.sendEmail(message)).rejects.toMatchObject({ ...invalid, message: match.stringContaining('sender') });
    expect((await sesInbox(ses.url)).length).toBe(count);
  });
});
