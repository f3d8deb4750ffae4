import type { Agreement } from '../../domain/agreement';
import type { Locale } from '../../domain/intake';
import type { Onboarding } from '../../domain/onboarding';
import { primaryContact } from '../../domain/onboarding';
import { PRIORITIES } from '../../domain/rate-card';
import { resolutionTimesFor } from '../../domain/pricing';
import { formatBusinessHours, formatDate, formatEuro, PRIORITY_LABELS } from '../format';
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

/** The onboarding as staff recognise it, with where to find the rest (the staff API). */
export function onboardingFacts(onboarding: Onboarding): Facts {
  const contact = primaryContact(onboarding);
  return [
    ['Klant', onboarding.client.companyName],
    ['Referentie', onboarding.id],
    ['Contactpersoon', `${contact.name} <${contact.email}>${contact.phone ? `, ${contact.phone}` : ''}`],
    ['Accountmanager', onboarding.accountManager.email],
    ['Details', `GET /onboardings/${onboarding.id}`],
  ];
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
