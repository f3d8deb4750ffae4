import type { Agreement } from '../../domain/agreement';
import type { Onboarding } from '../../domain/onboarding';
import { composeEmail, paragraph, type Block } from './agreement-email-blocks';
import { apiCall } from './api-call';
import { agreementSummaryFacts, decisionEvidenceFacts, onboardingFacts, type ClientDecisionRecord } from './agreement-email-parts';
import { formatDateTime, type RenderedEmail } from './layout';

/**
 * To the analysts and the account manager (Dutch): the client wants changes; the onboarding is
 * back in analysis. `revision` is this change request's number (1 = the first), bounded by
 * `maxRevisions`.
 */
export function agreementChangesRequestedNotice(input: {
  onboarding: Onboarding;
  agreement: Agreement;
  decision: ClientDecisionRecord & { comment: string };
  revision: number;
  maxRevisions: number;
  /** The API's base URL (no trailing slash), for the staff calls the e-mail names. */
  apiUrl: string;
}): RenderedEmail {
  const { onboarding, agreement, decision, revision, maxRevisions, apiUrl } = input;
  const company = agreement.client.companyName;
  const subject = `Wijzigingen aangevraagd: ${company} – revisie ${revision} van ${maxRevisions}`;
  const last = revision >= maxRevisions;
  const blocks: Block[] = [
    paragraph(
      `${decision.name} heeft op ${formatDateTime(decision.at, 'nl')} namens ${company} wijzigingen aangevraagd in versie ${agreement.version} van de serviceovereenkomst.`,
    ),
    { kind: 'heading', text: 'Toelichting van de klant' },
    { kind: 'quote', text: decision.comment },
    paragraph(
      `De onboarding wacht weer op de analyse (status AWAITING_ANALYSIS). Pas de analyse aan en dien haar in met ${apiCall(apiUrl, 'POST', `/onboardings/${onboarding.id}/analysis`)}; daarna gaat versie ${agreement.version + 1} van de overeenkomst naar de klant.`,
    ),
    paragraph(
      `Dit is revisie ${revision} van maximaal ${maxRevisions}.${last ? ' Er is daarna geen ruimte meer voor een nieuwe revisie: stem de aanpassing zo nodig eerst met de klant af.' : ''}`,
    ),
    { kind: 'heading', text: 'Beslissing' },
    { kind: 'facts', facts: decisionEvidenceFacts(agreement, decision) },
    { kind: 'heading', text: `Huidige overeenkomst (versie ${agreement.version})` },
    { kind: 'facts', facts: agreementSummaryFacts(agreement, 'nl') },
    { kind: 'heading', text: 'Onboarding' },
    { kind: 'facts', facts: onboardingFacts(onboarding, apiUrl) },
  ];
  return composeEmail('nl', subject, blocks);
}
