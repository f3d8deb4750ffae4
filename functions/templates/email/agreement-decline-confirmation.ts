import { primaryContact } from '../../domain/onboarding';
import { composeEmail, paragraph, type Block } from './agreement-email-blocks';
import { clientSignOff, decidedPdfNote, decisionReceivedBlocks, greeting, type ClientDecisionConfirmationInput } from './agreement-email-parts';
import { formatDateTime, type RenderedEmail } from './layout';

/**
 * To the client's primary contact, in the client's language: the decline is received and
 * recorded. What was received (decision, name, comment, time, version and its hash), what follows,
 * and the decided PDF, which the sender attaches. Shaped like agreementApprovedConfirmation.
 */
export function agreementDeclineConfirmation(input: ClientDecisionConfirmationInput): RenderedEmail {
  const { onboarding, agreement, decision } = input;
  const locale = agreement.client.locale;
  const company = agreement.client.companyName;
  const at = formatDateTime(decision.at, locale);
  const am = onboarding.accountManager.email;
  const t =
    locale === 'nl'
      ? {
          subject: `Bevestiging: serviceovereenkomst afgewezen – ${company}`,
          intro: `Wij hebben uw beslissing ontvangen: ${decision.name} heeft de serviceovereenkomst (versie ${agreement.version}) op ${at} namens ${company} afgewezen.`,
          next: `Wat gebeurt er nu? Wij voeren geen werkzaamheden uit en er worden geen kosten in rekening gebracht. Uw accountmanager (${am}) heeft uw toelichting ontvangen en neemt zo nodig contact met u op. Bedenkt u zich, beantwoord dan gerust deze e-mail.`,
        }
      : {
          subject: `Confirmation: service agreement declined – ${company}`,
          intro: `We received your decision: ${decision.name} declined the service agreement (version ${agreement.version}) on behalf of ${company} on ${at}.`,
          next: `What happens next? We carry out no work and charge nothing. Your account manager (${am}) has received your comment and will contact you if needed. If you change your mind, simply reply to this e-mail.`,
        };
  const blocks: Block[] = [
    greeting(locale, primaryContact(onboarding).name),
    paragraph(t.intro),
    ...decisionReceivedBlocks(agreement, decision, 'decline', locale),
    paragraph(t.next),
    decidedPdfNote(locale),
    clientSignOff(locale),
  ];
  return composeEmail(locale, t.subject, blocks);
}
