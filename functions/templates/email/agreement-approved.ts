import type { Agreement } from '../../domain/agreement';
import type { Onboarding } from '../../domain/onboarding';
import { primaryContact } from '../../domain/onboarding';
import { composeEmail, paragraph, type Block } from './agreement-email-blocks';
import {
  agreementSummaryFacts,
  clientSignOff,
  decidedPdfNote,
  decisionEvidenceFacts,
  decisionReceivedBlocks,
  greeting,
  onboardingFacts,
  type ClientDecisionConfirmationInput,
  type ClientDecisionRecord,
} from './agreement-email-parts';
import { formatDateTime, type RenderedEmail } from './layout';

/**
 * To the client's primary contact: the approval is recorded and the work starts. What was
 * received (decision, name, time, version, hash), the agreement in short, and the decided PDF,
 * which the sender attaches.
 */
export function agreementApprovedConfirmation(input: ClientDecisionConfirmationInput): RenderedEmail {
  const { onboarding, agreement, decision } = input;
  const locale = agreement.client.locale;
  const company = agreement.client.companyName;
  const at = formatDateTime(decision.at, locale);
  const t =
    locale === 'nl'
      ? {
          subject: `Bevestiging: serviceovereenkomst goedgekeurd – ${company}`,
          intro: `Bedankt! ${decision.name} heeft de serviceovereenkomst (versie ${agreement.version}) op ${at} namens ${company} goedgekeurd.`,
          summary: 'De overeenkomst in het kort',
          next: 'Wat gebeurt er nu? Wij maken voor elk probleem een ticket aan en wijzen er een technicus met de juiste kennis aan toe. Wij reageren binnen de afgesproken reactietijden en houden u op de hoogte.',
          hash: `Documentkenmerk (SHA-256) van de goedgekeurde versie: ${agreement.documentHash}`,
        }
      : {
          subject: `Confirmation: service agreement approved – ${company}`,
          intro: `Thank you! ${decision.name} approved the service agreement (version ${agreement.version}) on behalf of ${company} on ${at}.`,
          summary: 'The agreement in short',
          next: 'What happens next? We create a ticket for each problem and assign a technician with the right skills. We respond within the agreed response times and keep you informed.',
          hash: `Document fingerprint (SHA-256) of the approved version: ${agreement.documentHash}`,
        };
  const blocks: Block[] = [
    greeting(locale, primaryContact(onboarding).name),
    paragraph(t.intro),
    ...decisionReceivedBlocks(agreement, decision, 'approve', locale),
    { kind: 'heading', text: t.summary },
    { kind: 'facts', facts: agreementSummaryFacts(agreement, locale) },
    paragraph(t.next),
    decidedPdfNote(locale),
    clientSignOff(locale),
    { kind: 'paragraph', lines: [t.hash], small: true },
  ];
  return composeEmail(locale, t.subject, blocks);
}

/** To the account manager (Dutch): the client approved; implementation starts. `apiUrl`: the API's base URL, for the staff call it names. */
export function agreementApprovedNotice(input: { onboarding: Onboarding; agreement: Agreement; decision: ClientDecisionRecord; apiUrl: string }): RenderedEmail {
  const { onboarding, agreement, decision } = input;
  const company = agreement.client.companyName;
  const subject = `Overeenkomst goedgekeurd: ${company} (versie ${agreement.version})`;
  const blocks: Block[] = [
    paragraph(`${company} heeft de serviceovereenkomst goedgekeurd. De implementatie start: voor elk probleem wordt een ticket aangemaakt en een technicus toegewezen.`),
    { kind: 'heading', text: 'Beslissing' },
    { kind: 'facts', facts: decisionEvidenceFacts(agreement, decision) },
    { kind: 'heading', text: 'Overeenkomst' },
    { kind: 'facts', facts: agreementSummaryFacts(agreement, 'nl') },
    { kind: 'heading', text: 'Onboarding' },
    { kind: 'facts', facts: onboardingFacts(onboarding, input.apiUrl) },
  ];
  return composeEmail('nl', subject, blocks);
}
