import type { Agreement } from '../../domain/agreement';
import type { Onboarding } from '../../domain/onboarding';
import { formatEuro } from '../format';
import { composeEmail, paragraph, type Block } from './agreement-email-blocks';
import { onboardingFacts } from './agreement-email-parts';
import { heldAgreementFacts, releaseActions } from './agreement-release-request';
import { formatDateTime, type RenderedEmail } from './layout';

/** A subject is one header line: whatever a value holds, line breaks and other control characters become a space. */
const oneLine = (value: string): string => value.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');

export interface AgreementReleaseEscalationInput {
  onboarding: Onboarding;
  /** The held version (status AWAITING_RELEASE). */
  agreement: Agreement;
  /** ISO instant the version was held (AgreementSummary.hold.heldAt). */
  heldSince: string;
  /** How many reminders the account manager got. */
  remindersSent: number;
  /** The API's base URL (no trailing slash), for the staff calls the e-mail names. */
  apiUrl: string;
}

/** Once, to the operations addresses (Dutch): a held offer has waited through every reminder; someone must act. */
export function agreementReleaseEscalation(input: AgreementReleaseEscalationInput): RenderedEmail {
  const { onboarding, agreement, heldSince, remindersSent, apiUrl } = input;
  const company = agreement.client.companyName;
  const since = formatDateTime(heldSince, 'nl');
  const am = onboarding.accountManager.email;
  const reminders = remindersSent === 1 ? '1 herinnering' : `${remindersSent} herinneringen`;
  const subject = oneLine(`Overeenkomst wacht op vrijgave sinds ${since}: ${company} (${onboarding.id})`);
  const blocks: Block[] = [
    paragraph(
      `De serviceovereenkomst voor ${company} (versie ${agreement.version}, ${formatEuro(agreement.totals.inclVatCents, 'nl')} incl. btw) wacht sinds ${since} op vrijgave. De accountmanager (${am}) heeft na ${reminders} de overeenkomst niet vrijgegeven of teruggestuurd, en de klant heeft nog niets ontvangen.`,
    ),
    paragraph(`Neem contact op met ${am}, of laat een andere accountmanager of een beheerder de overeenkomst bekijken en vrijgeven of terugsturen:`),
    { kind: 'list', items: releaseActions(onboarding.id, apiUrl) },
    paragraph('Dit bericht wordt één keer verstuurd; de overeenkomst blijft wachten tot iemand haar vrijgeeft of terugstuurt.'),
    { kind: 'heading', text: `Overeenkomst (versie ${agreement.version})` },
    { kind: 'facts', facts: heldAgreementFacts(agreement) },
    { kind: 'heading', text: 'Onboarding' },
    { kind: 'facts', facts: onboardingFacts(onboarding, apiUrl) },
  ];
  return composeEmail('nl', subject, blocks);
}
