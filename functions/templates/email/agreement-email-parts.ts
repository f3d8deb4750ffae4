import type { Agreement, AgreementLine } from '../../domain/agreement';
import type { Locale } from '../../domain/intake';
import type { Onboarding } from '../../domain/onboarding';
import { primaryContact } from '../../domain/onboarding';
import type { ProviderIdentity } from '../../domain/provider';
import { PRIORITIES } from '../../domain/rate-card';
import { resolutionTimesFor } from '../../domain/pricing';
import {
  ACTION_TYPE_LABELS,
  INVOICING_FREQUENCY_LABELS,
  DECISION_OUTCOME_LABELS,
  PRIORITY_LABELS,
  formatBusinessHours,
  formatDate,
  formatDays,
  formatEuro,
  formatHours,
  formatMinutes,
  formatMinutesAsHours,
  formatNumber,
  formatPercent,
  formatRateWithSurcharge,
  type Decision,
} from '../format';
import { apiCall } from './api-call';
import { formatDateTime } from './layout';
import { paragraph, type Block, type Facts } from './agreement-email-blocks';

/** What the decision handler records when a client decides: the evidence of the decision (docs/architecture.md §6). */
export interface ClientDecisionRecord {
  /** The name the client typed on the page. */
  name: string;
  /** ISO timestamp of the decision. */
  at: string;
  ip?: string;
  userAgent?: string;
}

/** The handful of figures a client or colleague needs before opening the full agreement. */
export function agreementSummaryFacts(agreement: Agreement, locale: Locale): Facts {
  const count = agreement.lines.length;
  const euro = (cents: number) => formatEuro(cents, locale);
  // The response and resolution times of the priorities this agreement's work has.
  const resolution = resolutionTimesFor(agreement);
  const times: Facts = PRIORITIES.filter((priority) => agreement.lines.some((line) => line.priority === priority)).map((priority) => [
    locale === 'nl' ? `Reactie / oplossing (${PRIORITY_LABELS.nl[priority].toLowerCase()})` : `Response / resolution (${PRIORITY_LABELS.en[priority].toLowerCase()})`,
    `${formatBusinessHours(agreement.responseTimes[priority], locale)} / ${formatBusinessHours(resolution[priority], locale)}`,
  ]);
  if (locale === 'nl') {
    return [
      ['Werkzaamheden', count === 1 ? '1 probleem' : `${count} problemen`],
      ['Totaal excl. btw', euro(agreement.totals.exclVatCents)],
      ['Totaal incl. btw', euro(agreement.totals.inclVatCents)],
      ...times,
      ['Geldig tot en met', formatDate(agreement.validUntil, locale)],
    ];
  }
  return [
    ['Work', count === 1 ? '1 problem' : `${count} problems`],
    ['Total excl. VAT', euro(agreement.totals.exclVatCents)],
    ['Total incl. VAT', euro(agreement.totals.inclVatCents)],
    ...times,
    ['Valid until (inclusive)', formatDate(agreement.validUntil, locale)],
  ];
}

/** What a client's decision confirmation is built from; the comment is the one typed on the page (required for decline and changes). */
export interface ClientDecisionConfirmationInput {
  onboarding: Onboarding;
  /** The version decided on. */
  agreement: Agreement;
  decision: ClientDecisionRecord & { comment?: string };
}

/**
 * For the client, in their language: exactly what was received and recorded of their decision
 * (the decision, their name, the time, the version and its document hash) and their own words.
 */
export function decisionReceivedBlocks(agreement: Agreement, decision: ClientDecisionRecord & { comment?: string }, outcome: Decision, locale: Locale): Block[] {
  const nl = locale === 'nl';
  const blocks: Block[] = [
    { kind: 'heading', text: nl ? 'Wat wij hebben ontvangen' : 'What we received' },
    {
      kind: 'facts',
      facts: [
        [nl ? 'Beslissing' : 'Decision', DECISION_OUTCOME_LABELS[locale][outcome]],
        [nl ? 'Naam' : 'Name', decision.name],
        [nl ? 'Tijdstip' : 'Time', formatDateTime(decision.at, locale)],
        [nl ? 'Versie' : 'Version', String(agreement.version)],
        [nl ? 'Documentkenmerk (SHA-256)' : 'Document fingerprint (SHA-256)', agreement.documentHash],
      ],
    },
  ];
  if (decision.comment?.trim()) blocks.push({ kind: 'heading', text: nl ? 'Uw toelichting' : 'Your comment' }, { kind: 'quote', text: decision.comment });
  return blocks;
}

/** The decided agreement travels with the confirmation as a PDF ending in the record of the decision. */
export function decidedPdfNote(locale: Locale): Block {
  return paragraph(
    locale === 'nl'
      ? 'In de bijlage vindt u de overeenkomst waarover u hebt beslist als PDF, met op de laatste pagina de vastlegging van uw beslissing. Bewaar haar bij uw administratie.'
      : 'Attached is the agreement you decided on as a PDF, its last page recording your decision. Please keep it with your records.',
  );
}

/** For staff (Dutch): who decided, when, from where, on which exact document. */
export function decisionEvidenceFacts(agreement: Agreement, decision: ClientDecisionRecord): Facts {
  return [
    ['Naam', decision.name],
    ['Tijdstip', formatDateTime(decision.at, 'nl')],
    ...(decision.ip ? ([['IP-adres', decision.ip]] as const) : []),
    ...(decision.userAgent ? ([['User-agent', decision.userAgent]] as const) : []),
    ['Versie', String(agreement.version)],
    ['Documentkenmerk', agreement.documentHash],
  ];
}

/** The onboarding as staff recognise it, with where to find the rest: the staff API at `apiUrl`, named in full. */
export function onboardingFacts(onboarding: Onboarding, apiUrl: string): Facts {
  const contact = primaryContact(onboarding);
  return [
    ['Klant', onboarding.client.companyName],
    ['Referentie', onboarding.id],
    ['Contactpersoon', `${contact.name} <${contact.email}>${contact.phone ? `, ${contact.phone}` : ''}`],
    ['Accountmanager', onboarding.accountManager.email],
    ['Details', apiCall(apiUrl, 'GET', `/onboardings/${onboarding.id}`)],
  ];
}

const CONTENT_TEXT = {
  nl: {
    workHeading: 'Werkzaamheden per probleem',
    workIntro: (increment: string) => `Per gemeld probleem wat wij gaan doen, de geschatte en de te factureren tijd (afgerond op blokken van ${increment}) en de kosten. Bedragen exclusief btw.`,
    action: 'Actie',
    priority: 'Prioriteit',
    estimated: 'Geschatte tijd',
    billable: 'Te factureren tijd',
    rate: 'Uurtarief',
    labour: 'Arbeid',
    materials: 'Materialen',
    lineTotal: 'Totaal',
    rootCause: 'Oorzaak',
    solution: 'Oplossing',
    materialsHeading: 'Materialen:',
    material: (quantity: string, description: string, unit: string, total: string) => `${quantity} × ${description} à ${unit} = ${total}`,
    totalsHeading: 'Totalen',
    exclVat: 'Subtotaal excl. btw',
    vat: (percent: string) => `Btw ${percent}`,
    inclVat: 'Totaal incl. btw',
    termsHeading: 'Facturering en voorwaarden',
    invoicing: 'Facturering',
    paymentTerm: 'Betalingstermijn',
    paymentTermValue: (days: string) => `${days} na factuurdatum`,
    increment: 'Minimale tijdseenheid',
    incrementValue: (minutes: string) => `per ${minutes}, naar boven afgerond`,
    materialsTerm: 'Materialen',
    materialsValue: 'tegen kostprijs',
    validity: 'Geldig tot en met',
    documentHash: 'Documentkenmerk (SHA-256)',
    clientHeading: 'Opdrachtgever',
    providerHeading: 'Opdrachtnemer',
    company: 'Bedrijf',
    kvk: 'KvK-nummer',
    vatNumber: 'Btw-nummer',
    contact: 'Contactpersoon',
    address: 'Adres',
    vatId: 'Btw-identificatienummer',
    iban: 'IBAN (voor betaling van facturen)',
    termsApply: (name: string) => `Op deze overeenkomst zijn de algemene voorwaarden van ${name} van toepassing.`,
    termsLink: 'Algemene voorwaarden',
  },
  en: {
    workHeading: 'Work per problem',
    workIntro: (increment: string) => `Per reported problem what we will do, the estimated and the billable time (rounded up to blocks of ${increment}) and the cost. Amounts excluding VAT.`,
    action: 'Action',
    priority: 'Priority',
    estimated: 'Estimated time',
    billable: 'Billable time',
    rate: 'Hourly rate',
    labour: 'Labour',
    materials: 'Materials',
    lineTotal: 'Total',
    rootCause: 'Root cause',
    solution: 'Solution',
    materialsHeading: 'Materials:',
    material: (quantity: string, description: string, unit: string, total: string) => `${quantity} × ${description} at ${unit} = ${total}`,
    totalsHeading: 'Totals',
    exclVat: 'Subtotal excl. VAT',
    vat: (percent: string) => `VAT ${percent}`,
    inclVat: 'Total incl. VAT',
    termsHeading: 'Invoicing and terms',
    invoicing: 'Invoicing',
    paymentTerm: 'Payment term',
    paymentTermValue: (days: string) => `${days} from the invoice date`,
    increment: 'Minimum billable increment',
    incrementValue: (minutes: string) => `blocks of ${minutes}, rounded up`,
    materialsTerm: 'Materials',
    materialsValue: 'charged at cost',
    validity: 'Valid until (inclusive)',
    documentHash: 'Document fingerprint (SHA-256)',
    clientHeading: 'Client',
    providerHeading: 'Service provider',
    company: 'Company',
    kvk: 'Chamber of Commerce (KvK) number',
    vatNumber: 'VAT number',
    contact: 'Contact',
    address: 'Address',
    vatId: 'VAT identification number',
    iban: 'IBAN (for paying invoices)',
    termsApply: (name: string) => `The general terms and conditions of ${name} apply to this agreement.`,
    termsLink: 'General terms and conditions',
  },
} as const;

/**
 * The whole agreement as the offer e-mail carries it: per line what the analysts found and
 * propose and every figure, the totals, the terms, and who contracts with whom. Fields that older
 * versions lack (findings, the provider) are left out, never invented.
 */
export function agreementContentBlocks(agreement: Agreement, locale: Locale): Block[] {
  const t = CONTENT_TEXT[locale];
  const euro = (cents: number) => formatEuro(cents, locale);
  const totals = agreement.totals;
  return [
    { kind: 'heading', text: t.workHeading },
    paragraph(t.workIntro(formatMinutes(agreement.minimumBillableMinutes, locale))),
    ...agreement.lines.flatMap((line) => lineBlocks(line, locale)),
    { kind: 'heading', text: t.totalsHeading },
    {
      kind: 'facts',
      facts: [
        [t.exclVat, euro(totals.exclVatCents)],
        [t.vat(formatPercent(totals.vatPercent, locale)), euro(totals.vatCents)],
        [t.inclVat, euro(totals.inclVatCents)],
      ],
    },
    { kind: 'heading', text: t.termsHeading },
    {
      kind: 'facts',
      facts: [
        [t.invoicing, INVOICING_FREQUENCY_LABELS[locale][agreement.invoicing.frequency]],
        [t.paymentTerm, t.paymentTermValue(formatDays(agreement.invoicing.paymentTermDays, locale))],
        [t.increment, t.incrementValue(formatMinutes(agreement.minimumBillableMinutes, locale))],
        [t.materialsTerm, t.materialsValue],
        [t.validity, formatDate(agreement.validUntil, locale)],
        [t.documentHash, agreement.documentHash],
      ],
    },
    ...partiesBlocks(agreement, locale),
  ];
}

/** One line: its incident and title, the findings with their line breaks, the figures and the materials. */
function lineBlocks(line: AgreementLine, locale: Locale): Block[] {
  const t = CONTENT_TEXT[locale];
  const euro = (cents: number) => formatEuro(cents, locale);
  const blocks: Block[] = [{ kind: 'heading', text: `${line.incidentId} · ${line.title}`, minor: true }];
  if (line.rootCause) blocks.push({ kind: 'labelled', label: t.rootCause, text: line.rootCause });
  if (line.solution) blocks.push({ kind: 'labelled', label: t.solution, text: line.solution });
  blocks.push({
    kind: 'facts',
    facts: [
      [t.action, ACTION_TYPE_LABELS[locale][line.actionType]],
      [t.priority, PRIORITY_LABELS[locale][line.priority]],
      [t.estimated, formatHours(line.estimatedHours, locale)],
      [t.billable, formatMinutesAsHours(line.billableMinutes, locale)],
      [t.rate, formatRateWithSurcharge(line.hourlyRateCents, line.surchargePercent, locale)],
      [t.labour, euro(line.labourCents)],
      [t.materials, euro(line.materialsCents)],
      [t.lineTotal, euro(line.totalCents)],
    ],
  });
  if (line.materials.length > 0) {
    blocks.push(paragraph(t.materialsHeading), {
      kind: 'list',
      items: line.materials.map((m) => t.material(formatNumber(m.quantity, locale), m.description, euro(m.unitCostCents), euro(m.totalCents))),
    });
  }
  return blocks;
}

/** "Dorpsstraat 1, 1234 AB Utrecht, Nederland". */
export function providerAddress(provider: ProviderIdentity): string {
  const { street, postalCode, city, country } = provider.address;
  return `${street}, ${postalCode} ${city}, ${country}`;
}

/** The client as given at intake, and the provider with its legal identity and general terms (when the version has it). */
export function partiesBlocks(agreement: Agreement, locale: Locale): Block[] {
  const t = CONTENT_TEXT[locale];
  const { companyName, kvkNumber, vatNumber, contact } = agreement.client;
  const clientFacts: Facts = [
    [t.company, companyName],
    ...(kvkNumber ? ([[t.kvk, kvkNumber]] as const) : []),
    ...(vatNumber ? ([[t.vatNumber, vatNumber]] as const) : []),
    ...(contact ? ([[t.contact, `${contact.name} <${contact.email}>`]] as const) : []),
  ];
  const blocks: Block[] = [
    { kind: 'heading', text: t.clientHeading },
    { kind: 'facts', facts: clientFacts },
  ];
  const provider = agreement.provider;
  if (provider) {
    blocks.push(
      { kind: 'heading', text: t.providerHeading },
      {
        kind: 'facts',
        facts: [
          [t.company, provider.legalName],
          [t.address, providerAddress(provider)],
          [t.kvk, provider.kvkNumber],
          [t.vatId, provider.vatId],
          [t.iban, provider.iban],
        ],
      },
      paragraph(t.termsApply(provider.legalName)),
      { kind: 'link', label: t.termsLink, url: provider.termsUrl },
    );
  }
  return blocks;
}

export function greeting(locale: Locale, name: string): Block {
  return paragraph(locale === 'nl' ? `Beste ${name},` : `Dear ${name},`);
}

export function clientSignOff(locale: Locale): Block {
  return locale === 'nl' ? paragraph('Met vriendelijke groet,', 'Het Break & Fix-team') : paragraph('Kind regards,', 'The Break & Fix team');
}

/** The link to the agreement page and what each choice there does; the same in offer and reminder. */
export function decisionLinkBlocks(locale: Locale, url: string): Block[] {
  if (locale === 'nl') {
    return [
      { kind: 'button', url, label: 'Overeenkomst bekijken en beslissen', fallback: 'Werkt de knop niet? Open dan deze link:' },
      paragraph('Op de pagina staan alle details: de werkzaamheden per probleem, de tarieven, de reactietijden en de betalingsvoorwaarden. U kunt daar kiezen uit:'),
      {
        kind: 'list',
        items: [
          'Goedkeuren: u gaat akkoord; wij maken tickets aan en plannen de werkzaamheden in.',
          'Wijzigingen aanvragen: onze analisten passen de overeenkomst aan op basis van uw toelichting en u ontvangt een nieuwe versie.',
          'Afwijzen: wij voeren geen werkzaamheden uit; uw accountmanager ontvangt uw toelichting.',
        ],
      },
      paragraph('De link is persoonlijk en u kunt er één keer mee beslissen. Stuur deze e-mail daarom niet door.'),
    ];
  }
  return [
    { kind: 'button', url, label: 'View the agreement and decide', fallback: 'Button not working? Open this link:' },
    paragraph('The page shows every detail: the work per problem, the rates, the response times and the payment terms. There you can choose to:'),
    {
      kind: 'list',
      items: [
        'Approve: you accept; we create tickets and schedule the work.',
        'Request changes: our analysts revise the agreement based on your comment and you receive a new version.',
        'Decline: we carry out no work; your account manager receives your comment.',
      ],
    },
    paragraph('The link is personal and lets you decide once, so please do not forward this e-mail.'),
  ];
}
