import type { Agreement } from '../../domain/agreement';
import type { Onboarding } from '../../domain/onboarding';
import { primaryContact } from '../../domain/onboarding';
import { formatDate, formatInstantDate } from '../format';
import { composeEmail, paragraph, type Block } from './agreement-email-blocks';
import { agreementSummaryFacts, clientSignOff, greeting, onboardingFacts } from './agreement-email-parts';
import type { RenderedEmail } from './layout';

/** To the account manager (Dutch): no decision before the offer lapsed; the onboarding ends. */
export function agreementExpiredNotice(input: { onboarding: Onboarding; agreement: Agreement; remindersSent: number; apiUrl: string }): RenderedEmail {
  const { onboarding, agreement, remindersSent } = input;
  const company = agreement.client.companyName;
  const contact = primaryContact(onboarding);
  const subject = `Overeenkomst verlopen: ${company} heeft niet beslist`;
  const reminders = remindersSent === 1 ? '1 herinnering' : `${remindersSent} herinneringen`;
  const blocks: Block[] = [
    paragraph(
      `${company} heeft niet beslist over de serviceovereenkomst (versie ${agreement.version}, verstuurd op ${formatInstantDate(agreement.createdAt, 'nl')}). Na ${reminders} is het aanbod op ${formatDate(agreement.validUntil, 'nl')} verlopen; de onboarding is afgesloten met status EXPIRED.`,
    ),
    paragraph(`De klant heeft hierover een korte e-mail gekregen. Neem contact op met ${contact.name} (${contact.email}); wil de klant alsnog verder, start dan een nieuwe onboarding.`),
    { kind: 'heading', text: 'Verlopen overeenkomst' },
    { kind: 'facts', facts: agreementSummaryFacts(agreement, 'nl') },
    { kind: 'heading', text: 'Onboarding' },
    { kind: 'facts', facts: onboardingFacts(onboarding, input.apiUrl) },
  ];
  return composeEmail('nl', subject, blocks);
}

/** To the client's primary contact: a polite note that the offer lapsed and the link no longer works. */
export function agreementExpiredClientNote(input: { onboarding: Onboarding; agreement: Agreement }): RenderedEmail {
  const { onboarding, agreement } = input;
  const locale = agreement.client.locale;
  const company = agreement.client.companyName;
  const sent = formatInstantDate(agreement.createdAt, locale);
  const validUntil = formatDate(agreement.validUntil, locale);
  const t =
    locale === 'nl'
      ? {
          subject: `Het aanbod voor uw serviceovereenkomst is verlopen – ${company}`,
          lines: [
            `Op ${sent} stuurden wij u een serviceovereenkomst voor ${company}. Omdat wij tot en met ${validUntil} geen beslissing hebben ontvangen, is dit aanbod verlopen en werkt de link in onze eerdere e-mails niet meer.`,
            'Wilt u toch gebruikmaken van onze Break & Fix-ondersteuning? Beantwoord dan deze e-mail of neem contact op met uw accountmanager; wij maken graag een nieuw aanbod.',
          ],
        }
      : {
          subject: `The offer for your service agreement has lapsed – ${company}`,
          lines: [
            `On ${sent} we sent you a service agreement for ${company}. As we received no decision up to and including ${validUntil}, the offer has lapsed and the link in our earlier e-mails no longer works.`,
            'Would you still like to use our Break & Fix support? Simply reply to this e-mail or contact your account manager; we will gladly make you a new offer.',
          ],
        };
  const blocks: Block[] = [greeting(locale, primaryContact(onboarding).name), ...t.lines.map((line) => paragraph(line)), clientSignOff(locale)];
  return composeEmail(locale, t.subject, blocks);
}
