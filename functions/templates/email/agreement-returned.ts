import type { Agreement } from '../../domain/agreement';
import type { Onboarding, ReleaseDecision } from '../../domain/onboarding';
import { formatEuro } from '../format';
import { composeEmail, paragraph, type Block } from './agreement-email-blocks';
import { onboardingFacts } from './agreement-email-parts';
import { formatDateTime, type RenderedEmail } from './layout';

/**
 * To the analysts and the account manager (Dutch, as the other staff mails): an account manager
 * sent a held offer back instead of releasing it. An internal round: the client saw nothing, and
 * it does not count against the client's change requests.
 */
export function agreementReturnedNotice(input: { onboarding: Onboarding; agreement: Agreement; decision: ReleaseDecision; apiUrl: string }): RenderedEmail {
  const { onboarding, agreement, decision, apiUrl } = input;
  const company = onboarding.client.companyName;
  const subject = `Overeenkomst teruggestuurd: ${company} (${onboarding.id})`;
  const blocks: Block[] = [
    paragraph(
      `${decision.by.email} heeft versie ${agreement.version} van de overeenkomst (${formatEuro(agreement.totals.inclVatCents, 'nl')} incl. btw) op ${formatDateTime(decision.at, 'nl')} teruggestuurd in plaats van vrij te geven. De klant heeft deze versie niet gezien.`,
    ),
    { kind: 'heading', text: 'Toelichting' },
    paragraph(decision.comment ?? ''),
    paragraph(`Dien een herziene analyse in: POST ${apiUrl}/onboardings/${onboarding.id}/analysis`),
    { kind: 'heading', text: 'Onboarding' },
    { kind: 'facts', facts: onboardingFacts(onboarding, apiUrl) },
  ];
  return composeEmail('nl', subject, blocks);
}
