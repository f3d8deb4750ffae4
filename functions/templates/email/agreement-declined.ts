import type { Agreement } from '../../domain/agreement';
import type { Onboarding } from '../../domain/onboarding';
import { primaryContact } from '../../domain/onboarding';
import { composeEmail, paragraph, type Block } from './agreement-email-blocks';
import { agreementSummaryFacts, decisionEvidenceFacts, onboardingFacts, type ClientDecisionRecord } from './agreement-email-parts';
import { formatDateTime, type RenderedEmail } from './layout';

/** To the account manager (Dutch): the client declined, with their reason; the onboarding ends. */
export function agreementDeclinedNotice(input: {
  onboarding: Onboarding;
  agreement: Agreement;
  decision: ClientDecisionRecord & { reason: string };
  /** The API's base URL (no trailing slash), for the staff call the e-mail names. */
  apiUrl: string;
}): RenderedEmail {
  const { onboarding, agreement, decision } = input;
  const company = agreement.client.companyName;
  const contact = primaryContact(onboarding);
  const subject = `Overeenkomst afgewezen: ${company} (versie ${agreement.version})`;
  const blocks: Block[] = [
    paragraph(
      `${decision.name} heeft op ${formatDateTime(decision.at, 'nl')} namens ${company} de serviceovereenkomst (versie ${agreement.version}) afgewezen. De onboarding is afgesloten met status DECLINED; er worden geen tickets aangemaakt.`,
    ),
    { kind: 'heading', text: 'Reden van de klant' },
    { kind: 'quote', text: decision.reason },
    paragraph(`Bespreek de afwijzing met ${contact.name} (${contact.email}). Wil de klant alsnog verder, start dan een nieuwe onboarding.`),
    { kind: 'heading', text: 'Beslissing' },
    { kind: 'facts', facts: decisionEvidenceFacts(agreement, decision) },
    { kind: 'heading', text: 'Afgewezen overeenkomst' },
    { kind: 'facts', facts: agreementSummaryFacts(agreement, 'nl') },
    { kind: 'heading', text: 'Onboarding' },
    { kind: 'facts', facts: onboardingFacts(onboarding, input.apiUrl) },
  ];
  return composeEmail('nl', subject, blocks);
}
