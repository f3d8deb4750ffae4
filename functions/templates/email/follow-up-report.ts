import { REPORT_SECTIONS_TEXT } from '../report-sections-text';
import type { ComplianceFigure, DueKind, FollowUpReport, FollowUpReportBreach, FollowUpReportLine } from '../../domain/follow-up-report';
import type { Locale } from '../../domain/intake';
import type { Onboarding } from '../../domain/onboarding';
import { primaryContact } from '../../domain/onboarding';
import type { ProblemRefusal } from '../../domain/problem';
import { formatBusinessHours, formatEuro, formatHours, formatMinutes, formatMinutesAsHours, formatPercent, formatRateWithSurcharge, PRIORITY_LABELS } from '../format';
import { paragraph, type Block } from './agreement-email-blocks';
import { clientSignOff, greeting } from './agreement-email-parts';
import { composeEmailWithTables, type EmailBlock, type TableBlock } from './email-table-blocks';
import { formatDateTime, type RenderedEmail } from './layout';

/** "n.v.t." / "n/a": a percentage of no tickets. */
export const NOT_APPLICABLE: Record<Locale, string> = { nl: 'n.v.t.', en: 'n/a' };

/** A compliance percentage with one decimal ("66,7%" / "66.7%"), or n.v.t. / n/a without tickets. */
export function formatCompliance(percent: number | null, locale: Locale): string {
  return percent === null ? NOT_APPLICABLE[locale] : formatPercent(percent, locale);
}

/** Why a reported problem was refused, as the client reads it; any other reason is shown as stored. */
const REFUSAL_LABELS: Record<Locale, Record<ProblemRefusal, string>> = {
  nl: {
    ...REPORT_SECTIONS_TEXT.nl,
    closed: 'gemeld nadat de monitoring was afgelopen',
    'too-many-incidents': 'het maximum aantal problemen voor deze opdracht is bereikt',
    'too-many-rounds': 'het maximum aantal werkrondes is bereikt',
    'round-full': 'de werkronde zat vol',
    'too-many-client-reports': 'het maximum aantal meldingen via de link is bereikt',
  },
  en: {
    ...REPORT_SECTIONS_TEXT.en,
    closed: 'reported after monitoring had ended',
    'too-many-incidents': 'the maximum number of problems for this engagement was reached',
    'too-many-rounds': 'the maximum number of rounds of work was reached',
    'round-full': 'the round of work was full',
    'too-many-client-reports': 'the maximum number of reports through the link was reached',
  },
};

export function refusalText(reason: string, locale: Locale): string {
  const labels: Partial<Record<string, string>> = REFUSAL_LABELS[locale];
  return labels[reason] ?? reason;
}

const T = {
  nl: {
    ...REPORT_SECTIONS_TEXT.nl,
    subject: (company: string) => `Eindrapport van de werkzaamheden – ${company}`,
    intro: (company: string) =>
      `De werkzaamheden voor ${company} zijn afgerond en de monitoringperiode is voorbij. In dit rapport vindt u per ticket de bestede tijd en de kosten, de totalen, hoe vaak wij binnen de afgesproken reactie- en oplostijden bleven, en de punten die nog openstaan.`,
    ticketsHeading: 'Tickets en kosten',
    noTickets: 'Er zijn geen tickets geweest.',
    columns: { problem: 'Probleem', priority: 'Prioriteit', estimated: 'Geschat', logged: 'Gewerkt', cost: 'Kosten' },
    noEstimate: '–',
    subtotal: 'Subtotaal excl. btw',
    vat: (percent: string) => `Btw ${percent}`,
    total: 'Totaal incl. btw',
    howHeading: 'Zo is gerekend',
    how: (block: string, vat: string) =>
      `Per ticket is de gewerkte tijd naar boven afgerond op blokken van ${block} en vermenigvuldigd met het uurtarief plus de eventuele toeslag voor de prioriteit; materialen worden tegen kostprijs doorberekend. De btw (${vat}) is één keer over het subtotaal berekend.`,
    materials: 'materialen',
    feedbackHeading: 'Uw mening',
    feedback: 'Hoe tevreden bent u over onze hulp? Met één klik opent u een kort formulier: een cijfer van 1 tot 5 en, als u wilt, een toelichting.',
    feedbackButton: 'Geef uw beoordeling',
    fallback: 'Werkt de knop niet? Open dan deze link:',
    personal: 'De link is persoonlijk en u kunt er één keer mee reageren. Stuur deze e-mail daarom niet door.',
    reference: (version: number, hash: string) => `Rapportkenmerk (SHA-256) van versie ${version}: ${hash}`,
  },
  en: {
    ...REPORT_SECTIONS_TEXT.en,
    subject: (company: string) => `Final report on the work – ${company}`,
    intro: (company: string) =>
      `The work for ${company} is complete and the monitoring period has ended. This report shows the time spent and the cost per ticket, the totals, how often we stayed within the agreed response and resolution times, and the points still open.`,
    ticketsHeading: 'Tickets and cost',
    noTickets: 'There were no tickets.',
    columns: { problem: 'Problem', priority: 'Priority', estimated: 'Estimated', logged: 'Worked', cost: 'Cost' },
    noEstimate: '–',
    subtotal: 'Subtotal excl. VAT',
    vat: (percent: string) => `VAT ${percent}`,
    total: 'Total incl. VAT',
    howHeading: 'How it was calculated',
    how: (block: string, vat: string) =>
      `For each ticket the time worked is rounded up to blocks of ${block} and multiplied by the hourly rate plus the priority's surcharge, if any; materials are charged at cost. VAT (${vat}) is calculated once, on the subtotal.`,
    materials: 'materials',
    feedbackHeading: 'Your opinion',
    feedback: 'How satisfied are you with our help? One click opens a short form: a score from 1 to 5 and, if you like, a comment.',
    feedbackButton: 'Give your rating',
    fallback: 'Button not working? Open this link:',
    personal: 'The link is personal and lets you respond once, so please do not forward this e-mail.',
    reference: (version: number, hash: string) => `Report fingerprint (SHA-256) of version ${version}: ${hash}`,
  },
} as const;

/**
 * To the client's primary contact, in the client's language (the report's, from the agreement);
 * the caller puts the account manager in copy. The figures are the report's, only formatted:
 * the tickets with their cost, the totals with VAT, SLA compliance, breaches and open points,
 * and the single-use feedback link.
 */
export function followUpReportEmail(input: { onboarding: Onboarding; report: FollowUpReport; feedbackUrl: string }): RenderedEmail {
  const { onboarding, report, feedbackUrl } = input;
  const locale = report.client.locale;
  const t = T[locale];
  const company = report.client.companyName;
  const blocks: EmailBlock[] = [
    greeting(locale, primaryContact(onboarding).name),
    paragraph(t.intro(company)),
    { kind: 'heading', text: t.ticketsHeading },
    ...(report.lines.length === 0 ? [paragraph(t.noTickets)] : []),
    ticketsTable(report, locale),
    ...calculationBlocks(report, locale),
    { kind: 'heading', text: t.slaHeading },
    complianceTable(report, locale),
    ...breachBlocks(report, locale),
    ...openPointBlocks(report, locale),
    { kind: 'heading', text: t.feedbackHeading },
    paragraph(t.feedback),
    { kind: 'button', url: feedbackUrl, label: t.feedbackButton, fallback: t.fallback },
    paragraph(t.personal),
    clientSignOff(locale),
    { kind: 'paragraph', lines: [t.reference(report.version, report.reportHash)], small: true },
  ];
  return composeEmailWithTables(locale, t.subject(company), blocks);
}

function ticketsTable(report: FollowUpReport, locale: Locale): TableBlock {
  const t = T[locale];
  const euro = (cents: number) => formatEuro(cents, locale);
  return {
    kind: 'table',
    columns: [
      { header: t.columns.problem, textWidth: 32 },
      { header: t.columns.priority, nowrap: true },
      { header: t.columns.estimated, align: 'right' },
      { header: t.columns.logged, align: 'right' },
      { header: t.columns.cost, align: 'right' },
    ],
    rows: report.lines.map((line) => [
      line.title,
      PRIORITY_LABELS[locale][line.priority],
      line.estimatedHours > 0 ? formatHours(line.estimatedHours, locale) : t.noEstimate,
      formatMinutesAsHours(line.loggedMinutes, locale),
      euro(line.totalCents),
    ]),
    summary: [
      { label: t.subtotal, value: euro(report.totals.exclVatCents) },
      { label: t.vat(formatPercent(report.totals.vatPercent, locale)), value: euro(report.totals.vatCents) },
      { label: t.total, value: euro(report.totals.inclVatCents), strong: true },
    ],
  };
}

/** The arithmetic of every line: billable time × rate (and its surcharge, when there is one) = labour, + materials = cost. */
function calculationBlocks(report: FollowUpReport, locale: Locale): Block[] {
  if (report.lines.length === 0) return [];
  const t = T[locale];
  const euro = (cents: number) => formatEuro(cents, locale);
  const step = (line: FollowUpReportLine) => {
    const labour = `${formatMinutesAsHours(line.billableMinutes, locale)} × ${formatRateWithSurcharge(line.hourlyRateCents, line.surchargePercent, locale)} = ${euro(line.labourCents)}`;
    const materials = line.materialsCents > 0 ? ` + ${t.materials} ${euro(line.materialsCents)} = ${euro(line.totalCents)}` : '';
    return `${line.title}: ${labour}${materials}`;
  };
  return [
    { kind: 'heading', text: t.howHeading },
    paragraph(t.how(formatMinutes(report.agreement.minimumBillableMinutes, locale), formatPercent(report.totals.vatPercent, locale))),
    { kind: 'list', items: report.lines.map(step) },
  ];
}

function complianceTable(report: FollowUpReport, locale: Locale): TableBlock {
  const t = T[locale];
  const row = (kind: DueKind, figure: ComplianceFigure) => [
    t.kinds[kind],
    String(figure.onTime),
    String(figure.missed),
    String(figure.total),
    formatCompliance(figure.percent, locale),
  ];
  return {
    kind: 'table',
    columns: [
      { header: t.slaColumns.term, nowrap: true },
      { header: t.slaColumns.onTime, align: 'right' },
      { header: t.slaColumns.missed, align: 'right' },
      { header: t.slaColumns.total, align: 'right' },
      { header: t.slaColumns.percent, align: 'right' },
    ],
    rows: [row('response', report.sla.respondedOnTime), row('resolve', report.sla.resolvedOnTime)],
  };
}

function breachBlocks(report: FollowUpReport, locale: Locale): EmailBlock[] {
  const t = T[locale];
  if (report.lines.length === 0) return [];
  if (report.breaches.length === 0) return [paragraph(t.noBreaches)];
  const happened = (breach: FollowUpReportBreach) =>
    breach.stillOpen ? t.notYet(formatDateTime(breach.happenedAt, locale)) : formatDateTime(breach.happenedAt, locale);
  return [
    { kind: 'heading', text: t.breachesHeading },
    {
      kind: 'table',
      columns: [
        { header: t.breachColumns.problem, textWidth: 24 },
        { header: t.breachColumns.term, nowrap: true },
        { header: t.breachColumns.due, textWidth: 14 },
        { header: t.breachColumns.happened, textWidth: 14 },
        { header: t.breachColumns.late, align: 'right' },
      ],
      rows: report.breaches.map((breach) => [
        breach.title,
        t.kinds[breach.kind],
        formatDateTime(breach.dueAt, locale),
        happened(breach),
        formatBusinessHours(breach.businessHoursLate, locale),
      ]),
    },
    { kind: 'paragraph', lines: [t.businessHoursNote], small: true },
  ];
}

function openPointBlocks(report: FollowUpReport, locale: Locale): Block[] {
  const t = T[locale];
  const { followUps, refusedProblems } = report.openPoints;
  const blocks: Block[] = [{ kind: 'heading', text: t.openHeading }];
  if (followUps.length === 0 && refusedProblems.length === 0) return [...blocks, paragraph(t.noOpenPoints)];
  if (followUps.length > 0) {
    blocks.push(paragraph(t.followUpsIntro), { kind: 'list', items: followUps.map((point) => `${point.title}: ${point.followUp}`) });
  }
  if (refusedProblems.length > 0) {
    blocks.push(paragraph(t.refusedIntro), {
      kind: 'list',
      items: refusedProblems.map((problem) => t.refused(problem.title, formatDateTime(problem.reportedAt, locale), refusalText(problem.reason, locale))),
    });
  }
  return blocks;
}
