import type { Agreement } from '../../domain/agreement';
import type { Onboarding, ReleaseHoldReason } from '../../domain/onboarding';
import { storedRateCardSchema } from '../../domain/rate-card';
import { formatEuro, formatHours, formatInstantDate, formatMinutesAsHours, formatNumber, formatPercent, PRIORITY_LABELS } from '../format';
import { paragraph, type Facts } from './agreement-email-blocks';
import { onboardingFacts } from './agreement-email-parts';
import { apiCall } from './api-call';
import { composeEmailWithTables, type EmailBlock, type TableBlock } from './email-table-blocks';
import type { RenderedEmail } from './layout';

/** A subject is one header line: whatever a value holds, line breaks and other control characters become a space. */
const oneLine = (value: string): string => value.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');

export interface AgreementReleaseRequestInput {
  onboarding: Onboarding;
  /** The held version (status AWAITING_RELEASE). */
  agreement: Agreement;
  /** Why it is held (AgreementSummary.hold.reasons). */
  reasons: readonly ReleaseHoldReason[];
  /** The API's base URL (no trailing slash), for the staff calls the e-mail names. */
  apiUrl: string;
}

/**
 * To the account manager (Dutch, as every staff e-mail about the process): an offer is held for a
 * person's release before it reaches the client. Why, the figures and the lines, and the three
 * API calls to preview, release or return it. No link: releasing needs a signed-in staff member.
 */
export function agreementReleaseRequest(input: AgreementReleaseRequestInput): RenderedEmail {
  const { onboarding, agreement, reasons, apiUrl } = input;
  const company = agreement.client.companyName;
  const total = formatEuro(agreement.totals.inclVatCents, 'nl');
  const subject = oneLine(`Vrijgave nodig: serviceovereenkomst voor ${company} (versie ${agreement.version}, ${total} incl. btw)`);
  const blocks: EmailBlock[] = [
    paragraph(
      `De serviceovereenkomst voor ${company} (versie ${agreement.version}) is opgesteld, maar nog niet naar de klant verstuurd: zij wacht op uw vrijgave (status AWAITING_RELEASE).`,
    ),
    { kind: 'heading', text: 'Waarom zij wacht' },
    { kind: 'list', items: releaseReasonItems(agreement, reasons) },
    { kind: 'heading', text: 'Wat u kunt doen' },
    { kind: 'list', items: releaseActions(onboarding.id, apiUrl) },
    paragraph('Deze e-mail bevat bewust geen link: vrijgeven of terugsturen kan alleen een aangemelde accountmanager of beheerder, via de API.'),
    { kind: 'heading', text: `Overeenkomst (versie ${agreement.version})` },
    { kind: 'facts', facts: heldAgreementFacts(agreement) },
    { kind: 'heading', text: 'Werkzaamheden' },
    releaseLinesTable(agreement),
    { kind: 'heading', text: 'Onboarding' },
    { kind: 'facts', facts: onboardingFacts(onboarding, apiUrl) },
  ];
  return composeEmailWithTables('nl', subject, blocks);
}

/** Each reason in words, with the threshold or the limits of the card this version was priced with. */
export function releaseReasonItems(agreement: Agreement, reasons: readonly ReleaseHoldReason[]): string[] {
  const card = storedRateCardSchema.parse(agreement.rateCard);
  const euro = (cents: number) => formatEuro(cents, 'nl');
  return reasons.map((reason) => {
    if (reason === 'above-review-threshold') {
      return `Het totaal incl. btw (${euro(agreement.totals.inclVatCents)}) ligt boven de drempel voor controle van ${euro(card.reviewAboveCents)}.`;
    }
    const limits = card.analysisLimits;
    const beyond = agreement.lines
      .filter(
        (line) =>
          line.estimatedHours > limits.maxHoursPerItem ||
          line.materials.some((m) => m.quantity > limits.maxMaterialQuantity || m.unitCostCents > limits.maxMaterialUnitCostCents),
      )
      .map((line) => `${line.incidentId} ${line.title}`);
    const which = beyond.length > 0 ? ` Het gaat om: ${beyond.join('; ')}.` : '';
    return `De analyse vraagt meer dan de grenzen van de tariefkaart toestaan (per probleem hoogstens ${formatHours(limits.maxHoursPerItem, 'nl')}, ${formatNumber(limits.maxMaterialQuantity, 'nl')} stuks per materiaal en ${euro(limits.maxMaterialUnitCostCents)} per stuk).${which}`;
  });
}

/** The calls that end the wait: preview, release to the client, or return to the analysts. */
export function releaseActions(onboardingId: string, apiUrl: string): string[] {
  const path = `/onboardings/${onboardingId}/agreement`;
  return [
    `Bekijk de volledige overeenkomst: ${apiCall(apiUrl, 'GET', path)}`,
    `Geef haar vrij en stuur haar naar de klant: ${apiCall(apiUrl, 'POST', `${path}/release`)}. De klant krijgt een nieuwe versie met dezelfde regels en bedragen; de geldigheid van het aanbod telt vanaf de vrijgave.`,
    `Stuur haar terug naar de analisten: ${apiCall(apiUrl, 'POST', `${path}/return`)} met {"comment": "..."} (wat er anders moet). De klant merkt daar niets van; het telt niet als wijzigingsverzoek van de klant.`,
  ];
}

/** The held version's figures; its validity is not shown, since it starts again at the release. */
export function heldAgreementFacts(agreement: Agreement): Facts {
  const euro = (cents: number) => formatEuro(cents, 'nl');
  const count = agreement.lines.length;
  return [
    ['Versie', String(agreement.version)],
    ['Opgesteld op', formatInstantDate(agreement.createdAt, 'nl')],
    ['Werkzaamheden', count === 1 ? '1 probleem' : `${count} problemen`],
    ['Totaal excl. btw', euro(agreement.totals.exclVatCents)],
    [`Btw ${formatPercent(agreement.totals.vatPercent, 'nl')}`, euro(agreement.totals.vatCents)],
    ['Totaal incl. btw', euro(agreement.totals.inclVatCents)],
    ['Documentkenmerk', agreement.documentHash],
  ];
}

/** The lines at a glance: problem, priority, hours estimated and billed, line total; the totals below. */
export function releaseLinesTable(agreement: Agreement): TableBlock {
  const euro = (cents: number) => formatEuro(cents, 'nl');
  const totals = agreement.totals;
  return {
    kind: 'table',
    columns: [
      { header: 'Probleem', textWidth: 32 },
      { header: 'Prioriteit', nowrap: true },
      { header: 'Geschat', align: 'right' },
      { header: 'Te factureren', align: 'right' },
      { header: 'Totaal', align: 'right' },
    ],
    rows: agreement.lines.map((line) => [
      `${line.incidentId} ${line.title}`,
      PRIORITY_LABELS.nl[line.priority],
      formatHours(line.estimatedHours, 'nl'),
      formatMinutesAsHours(line.billableMinutes, 'nl'),
      euro(line.totalCents),
    ]),
    summary: [
      { label: 'Subtotaal excl. btw', value: euro(totals.exclVatCents) },
      { label: `Btw ${formatPercent(totals.vatPercent, 'nl')}`, value: euro(totals.vatCents) },
      { label: 'Totaal incl. btw', value: euro(totals.inclVatCents), strong: true },
    ],
  };
}
