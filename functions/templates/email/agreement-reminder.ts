import type { Agreement } from '../../domain/agreement';
import type { Onboarding } from '../../domain/onboarding';
import { primaryContact } from '../../domain/onboarding';
import { formatDate, formatInstantDate } from '../format';
import { composeEmail, paragraph, type Block } from './agreement-email-blocks';
import { agreementSummaryFacts, clientSignOff, decisionLinkBlocks, greeting } from './agreement-email-parts';
import type { RenderedEmail } from './layout';

/** To the client's primary contact: no decision yet; the same link again. `reminder` counts from 1. */
export function agreementReminder(input: {
  onboarding: Onboarding;
  agreement: Agreement;
  url: string;
  reminder: number;
  maxReminders: number;
}): RenderedEmail {
  const { onboarding, agreement, url, reminder, maxReminders } = input;
  const locale = agreement.client.locale;
  const company = agreement.client.companyName;
  const sent = formatInstantDate(agreement.createdAt, locale);
  const validUntil = formatDate(agreement.validUntil, locale);
  const last = reminder >= maxReminders;
  const t =
    locale === 'nl'
      ? {
          subject: `Herinnering: uw serviceovereenkomst wacht op uw beslissing – ${company}`,
          intro: `Op ${sent} stuurden wij u de serviceovereenkomst voor ${company}. Wij hebben nog geen beslissing van u ontvangen.`,
          deadline: `U kunt de overeenkomst tot en met ${validUntil} goedkeuren; daarna vervalt het aanbod.${last ? ' Dit is de laatste herinnering.' : ''}`,
          summary: 'In het kort',
          count: `Herinnering ${reminder} van ${maxReminders}`,
        }
      : {
          subject: `Reminder: your service agreement awaits your decision – ${company}`,
          intro: `On ${sent} we sent you the service agreement for ${company}. We have not yet received your decision.`,
          deadline: `You can approve the agreement up to and including ${validUntil}; after that the offer lapses.${last ? ' This is the last reminder.' : ''}`,
          summary: 'In short',
          count: `Reminder ${reminder} of ${maxReminders}`,
        };
  const blocks: Block[] = [
    greeting(locale, primaryContact(onboarding).name),
    paragraph(t.intro),
    paragraph(t.deadline),
    { kind: 'heading', text: t.summary },
    { kind: 'facts', facts: agreementSummaryFacts(agreement, locale) },
    ...decisionLinkBlocks(locale, url),
    clientSignOff(locale),
    { kind: 'paragraph', lines: [t.count], small: true },
  ];
  return composeEmail(locale, t.subject, blocks);
}
