import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export type SesEventFixture = 'bounce-permanent' | 'bounce-transient' | 'complaint' | 'reject';

interface Recipient {
  emailAddress: string;
}

interface FixtureEvent {
  detail: {
    mail: { messageId: string; destination: string[]; tags: Record<string, string[]> };
    bounce?: { bouncedRecipients: Recipient[] };
    complaint?: { complainedRecipients: Recipient[] };
  };
}

/**
 * A recorded SES event (test/fixtures/ses-events/, EventBridge's envelope around SES's record) for
 * one onboarding: its `onboardingId` tag set, and optionally other recipients or message id.
 */
export function sesEvent(
  name: SesEventFixture,
  options: { onboardingId?: string; recipients?: string[]; messageId?: string } = {},
): FixtureEvent & Record<string, unknown> {
  const event = JSON.parse(readFileSync(resolve(import.meta.dirname, `../fixtures/ses-events/${name}.json`), 'utf8')) as FixtureEvent & Record<string, unknown>;
  const { mail } = event.detail;
  if (options.onboardingId === undefined) delete mail.tags.onboardingId;
  else mail.tags.onboardingId = [options.onboardingId];
  if (options.messageId) mail.messageId = options.messageId;
  if (options.recipients) {
    mail.destination = options.recipients;
    const recipients = options.recipients.map((emailAddress) => ({ emailAddress }));
    if (event.detail.bounce) event.detail.bounce.bouncedRecipients = recipients;
    if (event.detail.complaint) event.detail.complaint.complainedRecipients = recipients;
  }
  return event;
}
