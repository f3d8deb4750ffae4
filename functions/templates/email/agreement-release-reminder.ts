import type { Agreement } from '../../domain/agreement';
import type { Onboarding, ReleaseHoldReason } from '../../domain/onboarding';
import { formatEuro } from '../format';
import { composeEmail, paragraph, type Block } from './agreement-email-blocks';
import { onboardingFacts } from './agreement-email-parts';
import { heldAgreementFacts, releaseActions, releaseReasonItems } from './agreement-release-request';
import { formatDateTime, type RenderedEmail } from './layout';

/** A subject is one header line: whatever a value holds, line breaks and other control characters become a space. */
const oneLine = (value: string): string => value.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');

export interface AgreementReleaseReminderInput {
  onboarding: Onboarding;
  /** The held version (status AWAITING_RELEASE). */
  agreement: Agreement;
  /** Why it is held; default the onboarding's current hold (AgreementSummary.hold.reasons). */
  reasons?: readonly ReleaseHoldReason[];
  /** ISO instant the version was held; default the current hold's heldAt, else the version's createdAt. */
  heldSince?: string;
  /** This reminder's number, from 1, bounded by `maxReminders`. */
  reminder: number;
  maxReminders: number;
  /** The API's base URL (no trailing slash), for the staff calls the e-mail names. */
  apiUrl: string;
}

/** To the account manager (Dutch): the held offer still waits for a release; the client has received nothing. */
export function agreementReleaseReminder(input: AgreementReleaseReminderInput): RenderedEmail {
  const { onboarding, agreement, reminder, maxReminders, apiUrl } = input;
  const hold = onboarding.agreement?.version === agreement.version ? onboarding.agreement.hold : undefined;
  const reasons = input.reasons ?? hold?.reasons ?? [];
  const heldSince = input.heldSince ?? hold?.heldAt ?? agreement.createdAt;
  const company = agreement.client.companyName;
  const last = reminder >= maxReminders;
  const subject = oneLine(`Herinnering ${reminder} van ${maxReminders}: overeenkomst voor ${company} wacht op uw vrijgave`);
  const blocks: Block[] = [
    paragraph(
      `De serviceovereenkomst voor ${company} (versie ${agreement.version}, ${formatEuro(agreement.totals.inclVatCents, 'nl')} incl. btw) wacht sinds ${formatDateTime(heldSince, 'nl')} op uw vrijgave. De klant heeft nog niets ontvangen.`,
    ),
    paragraph(
      last
        ? 'Dit is de laatste herinnering: blijft een vrijgave of terugsturen uit, dan worden de operations-adressen ingelicht.'
        : `Dit is herinnering ${reminder} van ${maxReminders}; na de laatste worden de operations-adressen ingelicht.`,
    ),
    ...(reasons.length > 0 ? [{ kind: 'heading', text: 'Waarom zij wacht' } as const, { kind: 'list', items: releaseReasonItems(agreement, reasons) } as const] : []),
    { kind: 'heading', text: 'Wat u kunt doen' },
    { kind: 'list', items: releaseActions(onboarding.id, apiUrl) },
    { kind: 'heading', text: `Overeenkomst (versie ${agreement.version})` },
    { kind: 'facts', facts: heldAgreementFacts(agreement) },
    { kind: 'heading', text: 'Onboarding' },
    { kind: 'facts', facts: onboardingFacts(onboarding, apiUrl) },
  ];
  return composeEmail('nl', subject, blocks);
}
