import { REPORT_SECTIONS_TEXT } from '../report-sections-text';
import type { FollowUpReport } from '../../domain/follow-up-report';
import type { Locale } from '../../domain/intake';
import type { ProviderIdentity } from '../../domain/provider';
import { formatCompliance, refusalText } from '../email/follow-up-report';
import { PRIORITY_LABELS, formatBusinessHours, formatEuro, formatHours, formatInstantDate, formatMinutes, formatMinutesAsHours, formatPercent, formatSurcharge } from '../format';
import { COLORS, PdfLayout, SIZES } from './layout';
import { formatAmsterdamDateTime } from './pdf-format';
export { reportPdfFileName } from './file-names';

/*
 * The follow-up report as a PDF attached to the report e-mail: the same figures as the e-mail
 * (tickets with their hours and cost, the totals with VAT, the arithmetic, SLA compliance, the
 * breaches and the open points), with the provider's identity and the report's hash. Like the
 * agreement's, its bytes are stored as sent and never rendered again.
 */

const T = {
  nl: {
    ...REPORT_SECTIONS_TEXT.nl,
    title: (company: string) => `Eindrapport ${company}`,
    chrome: (version: number) => `Eindrapport · versie ${version}`,
    heading: 'Eindrapport van de werkzaamheden',
    lead: (company: string) => `Break & Fix-ondersteuning voor ${company}`,
    intro:
      'De werkzaamheden zijn afgerond en de monitoringperiode is voorbij. Dit rapport toont per ticket de bestede tijd en de kosten, de totalen, hoe vaak wij binnen de afgesproken reactie- en oplostijden bleven, en de punten die nog openstaan.',
    facts: { reference: 'Referentie', createdAt: 'Opgesteld op', agreement: 'Overeenkomst', agreementValue: (v: number) => `versie ${v}` },
    provider: 'Opgesteld door',
    ticketsHeading: 'Tickets en kosten',
    noTickets: 'Er zijn geen tickets geweest.',
    columns: { problem: 'Probleem', priority: 'Prioriteit', estimated: 'Geschat', logged: 'Gewerkt', billable: 'Gefactureerd', cost: 'Kosten' },
    noEstimate: '–',
    subtotal: 'Subtotaal excl. btw',
    vat: (percent: string) => `Btw ${percent}`,
    total: 'Totaal incl. btw',
    howHeading: 'Zo is gerekend',
    how: (block: string, vat: string) =>
      `Per ticket is de gewerkte tijd naar boven afgerond op blokken van ${block} en vermenigvuldigd met het uurtarief en de toeslag voor de prioriteit; materialen worden tegen kostprijs doorberekend. De btw (${vat}) is één keer over het subtotaal berekend.`,
    step: (title: string, hours: string, rate: string, surcharge: string, labour: string, materials: string | undefined, total: string) =>
      `${title}: ${hours} × ${rate}${surcharge ? ` ${surcharge}` : ''} = ${labour}${materials ? ` + materialen ${materials} = ${total}` : ''}`,
    hashHeading: 'Rapportkenmerk (SHA-256)',
    hashExplanation: (version: number, agreementHash: string) =>
      `Dit kenmerk legt versie ${version} van dit rapport vast. Het rapport is berekend met de tarieven van de overeenkomst met documentkenmerk ${agreementHash}.`,
    footer: (hash: string) => `Rapportkenmerk ${hash}`,
    pageOf: (page: number, pages: number) => `Pagina ${page} van ${pages}`,
  },
  en: {
    ...REPORT_SECTIONS_TEXT.en,
    title: (company: string) => `Final report ${company}`,
    chrome: (version: number) => `Final report · version ${version}`,
    heading: 'Final report on the work',
    lead: (company: string) => `Break & Fix support for ${company}`,
    intro:
      'The work is complete and the monitoring period has ended. This report shows the time spent and the cost per ticket, the totals, how often we stayed within the agreed response and resolution times, and the points still open.',
    facts: { reference: 'Reference', createdAt: 'Drawn up on', agreement: 'Agreement', agreementValue: (v: number) => `version ${v}` },
    provider: 'Drawn up by',
    ticketsHeading: 'Tickets and cost',
    noTickets: 'There were no tickets.',
    columns: { problem: 'Problem', priority: 'Priority', estimated: 'Estimated', logged: 'Worked', billable: 'Billed', cost: 'Cost' },
    noEstimate: '–',
    subtotal: 'Subtotal excl. VAT',
    vat: (percent: string) => `VAT ${percent}`,
    total: 'Total incl. VAT',
    howHeading: 'How it was calculated',
    how: (block: string, vat: string) =>
      `For each ticket the time worked is rounded up to blocks of ${block} and multiplied by the hourly rate and the priority's surcharge; materials are charged at cost. VAT (${vat}) is calculated once, on the subtotal.`,
    step: (title: string, hours: string, rate: string, surcharge: string, labour: string, materials: string | undefined, total: string) =>
      `${title}: ${hours} × ${rate}${surcharge ? ` ${surcharge}` : ''} = ${labour}${materials ? ` + materials ${materials} = ${total}` : ''}`,
    hashHeading: 'Report fingerprint (SHA-256)',
    hashExplanation: (version: number, agreementHash: string) =>
      `This fingerprint identifies version ${version} of this report. It was priced with the rates of the agreement with document fingerprint ${agreementHash}.`,
    footer: (hash: string) => `Report fingerprint ${hash}`,
    pageOf: (page: number, pages: number) => `Page ${page} of ${pages}`,
  },
} as const;

/** The report in the client's language; `provider` is the identity on the agreement it was priced with. */
export async function renderReportPdf(report: FollowUpReport, context: { provider?: ProviderIdentity } = {}): Promise<Uint8Array> {
  const locale = report.client.locale;
  const t = T[locale];
  const issuer = context.provider?.legalName ?? 'Break & Fix';
  const layout = await PdfLayout.create(
    {
      title: t.title(report.client.companyName),
      subject: t.lead(report.client.companyName),
      author: issuer,
      language: locale === 'nl' ? 'nl-NL' : 'en-GB',
      keywords: [report.onboardingId, `v${report.version}`, report.reportHash],
      createdAt: report.createdAt,
    },
    { header: issuer, title: t.chrome(report.version), footer: t.footer(report.reportHash), pageOf: t.pageOf },
  );

  layout.heading(t.heading, 1);
  layout.paragraph(t.lead(report.client.companyName), { size: SIZES.subheading, bold: true });
  layout.gap(4);
  layout.paragraph(t.intro);
  layout.gap(8);
  const provider = context.provider;
  layout.facts([
    [t.facts.reference, report.onboardingId],
    [t.facts.createdAt, formatInstantDate(report.createdAt, locale)],
    [t.facts.agreement, t.facts.agreementValue(report.agreement.version)],
    ...(provider
      ? [
          [
            t.provider,
            `${provider.legalName}, ${provider.address.street}, ${provider.address.postalCode} ${provider.address.city}, ${provider.address.country} · KvK ${provider.kvkNumber} · ${provider.vatId} · ${provider.termsUrl}`,
          ] as const,
        ]
      : []),
  ]);

  ticketsSection(layout, report, locale);
  slaSection(layout, report, locale);
  openPointsSection(layout, report, locale);

  layout.heading(t.hashHeading);
  layout.paragraph(report.reportHash, { bold: true });
  layout.paragraph(t.hashExplanation(report.version, report.agreement.documentHash), { size: SIZES.small, color: COLORS.muted });
  return layout.save();
}

function ticketsSection(layout: PdfLayout, report: FollowUpReport, locale: Locale): void {
  const t = T[locale];
  const euro = (cents: number) => formatEuro(cents, locale);
  layout.heading(t.ticketsHeading);
  if (report.lines.length === 0) layout.paragraph(t.noTickets);
  layout.table(
    [
      { header: t.columns.problem, width: 3.2 },
      { header: t.columns.priority, width: 1 },
      { header: t.columns.estimated, width: 1, align: 'right' },
      { header: t.columns.logged, width: 1, align: 'right' },
      { header: t.columns.billable, width: 1.1, align: 'right' },
      { header: t.columns.cost, width: 1.4, align: 'right' },
    ],
    report.lines.map((line) => [
      `${line.incidentId} · ${line.title}`,
      PRIORITY_LABELS[locale][line.priority],
      line.estimatedHours > 0 ? formatHours(line.estimatedHours, locale) : t.noEstimate,
      formatMinutesAsHours(line.loggedMinutes, locale),
      formatMinutesAsHours(line.billableMinutes, locale),
      { text: euro(line.totalCents), bold: true },
    ]),
  );
  layout.totals([
    { label: t.subtotal, value: euro(report.totals.exclVatCents) },
    { label: t.vat(formatPercent(report.totals.vatPercent, locale)), value: euro(report.totals.vatCents) },
    { label: t.total, value: euro(report.totals.inclVatCents), strong: true },
  ]);
  if (report.lines.length === 0) return;
  layout.heading(t.howHeading, 3);
  layout.paragraph(t.how(formatMinutes(report.agreement.minimumBillableMinutes, locale), formatPercent(report.totals.vatPercent, locale)), { size: SIZES.small });
  layout.gap(3);
  for (const line of report.lines) {
    const step = t.step(
      line.title,
      formatMinutesAsHours(line.billableMinutes, locale),
      euro(line.hourlyRateCents),
      formatSurcharge(line.surchargePercent, locale),
      euro(line.labourCents),
      line.materialsCents > 0 ? euro(line.materialsCents) : undefined,
      euro(line.totalCents),
    );
    layout.paragraph(`• ${step}`, { size: SIZES.small }, 6);
  }
}

function slaSection(layout: PdfLayout, report: FollowUpReport, locale: Locale): void {
  const t = T[locale];
  const at = (iso: string) => formatAmsterdamDateTime(iso, locale);
  layout.heading(t.slaHeading);
  layout.table(
    [
      { header: t.slaColumns.term, width: 2 },
      { header: t.slaColumns.onTime, width: 1, align: 'right' },
      { header: t.slaColumns.missed, width: 1, align: 'right' },
      { header: t.slaColumns.total, width: 1, align: 'right' },
      { header: t.slaColumns.percent, width: 1.2, align: 'right' },
    ],
    (
      [
        ['response', report.sla.respondedOnTime],
        ['resolve', report.sla.resolvedOnTime],
      ] as const
    ).map(([kind, figure]) => [t.kinds[kind], String(figure.onTime), String(figure.missed), String(figure.total), formatCompliance(figure.percent, locale)]),
  );
  if (report.lines.length === 0) return;
  if (report.breaches.length === 0) {
    layout.gap(4);
    layout.paragraph(t.noBreaches);
    return;
  }
  layout.heading(t.breachesHeading, 3);
  layout.table(
    [
      { header: t.breachColumns.problem, width: 2.6 },
      { header: t.breachColumns.term, width: 1 },
      { header: t.breachColumns.due, width: 1.6 },
      { header: t.breachColumns.happened, width: 1.6 },
      { header: t.breachColumns.late, width: 1.1, align: 'right' },
    ],
    report.breaches.map((breach) => [
      `${breach.incidentId} · ${breach.title}`,
      t.kinds[breach.kind],
      at(breach.dueAt),
      breach.stillOpen ? t.notYet(at(breach.happenedAt)) : at(breach.happenedAt),
      formatBusinessHours(breach.businessHoursLate, locale),
    ]),
  );
  layout.paragraph(t.businessHoursNote, { size: SIZES.small, color: COLORS.muted });
}

function openPointsSection(layout: PdfLayout, report: FollowUpReport, locale: Locale): void {
  const t = T[locale];
  const { followUps, refusedProblems } = report.openPoints;
  layout.heading(t.openHeading);
  if (followUps.length === 0 && refusedProblems.length === 0) {
    layout.paragraph(t.noOpenPoints);
    return;
  }
  if (followUps.length > 0) {
    layout.paragraph(t.followUpsIntro);
    for (const point of followUps) layout.paragraph(`• ${point.title}: ${point.followUp}`, {}, 6);
  }
  if (refusedProblems.length > 0) {
    layout.gap(4);
    layout.paragraph(t.refusedIntro);
    for (const problem of refusedProblems) {
      layout.paragraph(`• ${t.refused(problem.title, formatAmsterdamDateTime(problem.reportedAt, locale), refusalText(problem.reason, locale))}`, {}, 6);
    }
  }
}
