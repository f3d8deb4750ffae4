import { primaryContact } from '../../domain/onboarding';
import { composeEmail, paragraph, type Block } from './agreement-email-blocks';
import { clientSignOff, decidedPdfNote, decisionReceivedBlocks, greeting, type ClientDecisionConfirmationInput } from './agreement-email-parts';
import { formatDateTime, type RenderedEmail } from './layout';

/**
 * To the client's primary contact, in the client's language: the change request is received and
 * recorded. What was received (decision, name, comment, time, version and its hash), that the
 * analysts send a revised offer, and the decided PDF, which the sender attaches. Shaped like
 * agreementApprovedConfirmation.
 */
export function agreementChangesConfirmation(input: ClientDecisionConfirmationInput): RenderedEmail {
  const { onboarding, agreement, decision } = input;
  const locale = agreement.client.locale;
  const company = agreement.client.companyName;
  const at = formatDateTime(decision.at, locale);
  const t =
    locale === 'nl'
      ? {
          subject: `Bevestiging: wijzigingen aangevraagd in uw serviceovereenkomst – ${company}`,
          intro: `Wij hebben uw verzoek ontvangen: ${decision.name} heeft op ${at} namens ${company} wijzigingen aangevraagd in de serviceovereenkomst (versie ${agreement.version}).`,
          next: 'Wat gebeurt er nu? Onze analisten passen de overeenkomst aan op basis van uw toelichting. U ontvangt daarna per e-mail een herziene overeenkomst met een nieuwe link om over te beslissen. De link naar deze versie werkt niet meer.',
        }
      : {
          subject: `Confirmation: changes requested to your service agreement – ${company}`,
          intro: `We received your request: ${decision.name} requested changes to the service agreement (version ${agreement.version}) on behalf of ${company} on ${at}.`,
          next: 'What happens next? Our analysts revise the agreement based on your comment. You will then receive a revised agreement by e-mail, with a new link to decide on it. The link to this version no longer works.',
        };
  const blocks: Block[] = [
    greeting(locale, primaryContact(onboarding).name),
    paragraph(t.intro),
    ...decisionReceivedBlocks(agreement, decision, 'request-changes', locale),
    paragraph(t.next),
    decidedPdfNote(locale),
    clientSignOff(locale),
  ];
  return composeEmail(locale, t.subject, blocks);
}
