import type { Agreement, AgreementLine } from '../../domain/agreement';
import type { DecisionEvidence } from '../../domain/decision-evidence';
import { resolutionTimesFor } from '../../domain/pricing';
import { PRIORITIES } from '../../domain/rate-card';
import {
  ACTION_TYPE_LABELS,
  DECISION_OUTCOME_LABELS,
  INVOICING_FREQUENCY_LABELS,
  PRIORITY_LABELS,
  formatBusinessHours,
  formatDate,
  formatDays,
  formatEuro,
  formatHours,
  formatInstantDate,
  formatMinutes,
  formatMinutesAsHours,
  formatNumber,
  formatPercent,
  formatSurcharge,
} from '../format';
import { AGREEMENT_PDF_TEXT } from './agreement-pdf-text';
import { COLORS, PdfLayout, SIZES } from './layout';
import { partiesBlock } from './parties';
export { agreementPdfFileName } from './file-names';
import { formatAmsterdamDateTime } from './pdf-format';

/*
 * The agreement as a PDF the client keeps, in the client's language: who contracts with whom
 * (both identities, the general terms), every line with the analyst's findings and its price,
 * the totals, the agreed times, the invoicing terms and the document hash. The decided PDF is
 * the same pages plus an evidence page, as an e-signature service's certificate of completion.
 * Rendering later need not give the same bytes (another pdf-lib, font or template; pdf-lib's
 * subset names come from a generator of its own): callers store the bytes they send and serve those.
 */

/** The offer: what the client is asked to decide on. */
export async function renderOfferPdf(agreement: Agreement): Promise<Uint8Array> {
  const layout = await agreementLayout(agreement);
  agreementPages(layout, agreement);
  return layout.save();
}

/** The decided agreement: the offer's pages, then the evidence of the decision on a page of its own. */
export async function renderDecidedPdf(agreement: Agreement, evidence: DecisionEvidence): Promise<Uint8Array> {
  if (evidence.onboardingId !== agreement.onboardingId || evidence.agreementVersion !== agreement.version) {
    throw new Error(`Evidence of ${evidence.onboardingId} v${evidence.agreementVersion} given for ${agreement.onboardingId} v${agreement.version}`);
  }
  const layout = await agreementLayout(agreement, evidence);
  agreementPages(layout, agreement);
  layout.newPage();
  evidencePage(layout, agreement, evidence);
  return layout.save();
}

function agreementLayout(agreement: Agreement, evidence?: DecisionEvidence): Promise<PdfLayout> {
  const locale = agreement.client.locale;
  const t = AGREEMENT_PDF_TEXT[locale];
  const issuer = agreement.provider?.legalName ?? 'Break & Fix';
  return PdfLayout.create(
    {
      title: t.documentTitle(agreement.client.companyName, agreement.version),
      subject: t.lead(agreement.client.companyName),
      author: issuer,
      language: locale === 'nl' ? 'nl-NL' : 'en-GB',
      keywords: [agreement.onboardingId, `v${agreement.version}`, agreement.documentHash],
      createdAt: agreement.createdAt,
      ...(evidence ? { modifiedAt: evidence.at } : {}),
    },
    {
      header: issuer,
      title: evidence ? t.decidedTitle(agreement.version) : t.chromeTitle(agreement.version),
      footer: t.footer(agreement.documentHash),
      pageOf: t.pageOf,
    },
  );
}

function agreementPages(layout: PdfLayout, agreement: Agreement): void {
  const locale = agreement.client.locale;
  const t = AGREEMENT_PDF_TEXT[locale];
  const euro = (cents: number) => formatEuro(cents, locale);

  layout.heading(t.heading, 1);
  layout.paragraph(t.lead(agreement.client.companyName), { size: SIZES.subheading, bold: true });
  layout.gap(4);
  layout.paragraph(t.intro);
  layout.gap(10);
  partiesBlock(layout, agreement);
  layout.gap(10);
  layout.facts([
    [t.facts.reference, agreement.onboardingId],
    [t.facts.version, String(agreement.version)],
    [t.facts.createdAt, formatInstantDate(agreement.createdAt, locale)],
    [t.facts.validUntil, formatDate(agreement.validUntil, locale)],
    [t.facts.total, euro(agreement.totals.inclVatCents)],
    ...(agreement.release ? [[t.facts.released, formatInstantDate(agreement.release.releasedAt, locale)] as const] : []),
  ]);

  layout.heading(t.overview.heading);
  layout.paragraph(t.overview.caption(formatMinutes(agreement.minimumBillableMinutes, locale)), { size: SIZES.small, color: COLORS.muted });
  layout.gap(4);
  const c = t.overview.columns;
  layout.table(
    [
      { header: c.item, width: 3.1 },
      { header: c.estimated, width: 1, align: 'right' },
      { header: c.billable, width: 1.15, align: 'right' },
      { header: c.rate, width: 1.15, align: 'right' },
      { header: c.surcharge, width: 0.85, align: 'right' },
      { header: c.materials, width: 1.35, align: 'right' },
      { header: c.total, width: 1.45, align: 'right' },
    ],
    agreement.lines.map((line) => [
      {
        text: `${line.incidentId} · ${line.title}`,
        note: `${ACTION_TYPE_LABELS[locale][line.actionType]} · ${PRIORITY_LABELS[locale][line.priority]}`,
      },
      formatHours(line.estimatedHours, locale),
      formatMinutesAsHours(line.billableMinutes, locale),
      euro(line.hourlyRateCents),
      formatSurcharge(line.surchargePercent, locale),
      euro(line.materialsCents),
      { text: euro(line.totalCents), bold: true },
    ]),
  );
  layout.totals([
    { label: t.totals.exclVat, value: euro(agreement.totals.exclVatCents) },
    { label: t.totals.vat(formatPercent(agreement.totals.vatPercent, locale)), value: euro(agreement.totals.vatCents) },
    { label: t.totals.inclVat, value: euro(agreement.totals.inclVatCents), strong: true },
  ]);

  layout.heading(t.lines.heading);
  agreement.lines.forEach((line) => lineSection(layout, line, agreement));

  timesSection(layout, agreement);
  termsSection(layout, agreement);

  layout.heading(t.documentId.heading);
  layout.paragraph(agreement.documentHash, { bold: true });
  layout.paragraph(t.documentId.explanation, { size: SIZES.small, color: COLORS.muted });
}

function lineSection(layout: PdfLayout, line: AgreementLine, agreement: Agreement): void {
  const locale = agreement.client.locale;
  const t = AGREEMENT_PDF_TEXT[locale].lines;
  const euro = (cents: number) => formatEuro(cents, locale);
  const surcharge = formatSurcharge(line.surchargePercent, locale);
  layout.heading(`${line.incidentId} · ${line.title}`, 3);
  layout.paragraph(
    [
      `${t.meta.action}: ${ACTION_TYPE_LABELS[locale][line.actionType]}`,
      `${t.meta.priority}: ${PRIORITY_LABELS[locale][line.priority]}`,
      `${t.meta.estimated}: ${formatHours(line.estimatedHours, locale)}`,
      `${t.meta.billable}: ${formatMinutesAsHours(line.billableMinutes, locale)}`,
      `${t.meta.rate}: ${euro(line.hourlyRateCents)}`,
      ...(surcharge ? [`${t.meta.surcharge}: ${surcharge}`] : []),
    ].join(' · '),
    { size: SIZES.small, color: COLORS.muted },
  );
  layout.gap(3);
  for (const [label, text] of [
    [t.rootCause, line.rootCause],
    [t.solution, line.solution],
  ] as const) {
    layout.paragraph(label, { size: SIZES.small, bold: true, color: COLORS.muted });
    layout.paragraph(text ?? t.notRecorded, { size: SIZES.long });
    layout.gap(2);
  }
  if (line.materials.length > 0) {
    layout.gap(2);
    layout.table(
      [
        { header: t.materials.description, width: 5.6 },
        { header: t.materials.quantity, width: 0.75, align: 'right' },
        { header: t.materials.unit, width: 1.3, align: 'right' },
        { header: t.materials.total, width: 1.45, align: 'right' },
      ],
      line.materials.map((material) => [material.description, formatNumber(material.quantity, locale), euro(material.unitCostCents), euro(material.totalCents)]),
      SIZES.small,
    );
  }
  layout.gap(2);
  const labour = t.labour(formatMinutesAsHours(line.billableMinutes, locale), euro(line.hourlyRateCents), surcharge, euro(line.labourCents));
  layout.paragraph(t.arithmetic(labour, euro(line.materialsCents), euro(line.totalCents)), { size: SIZES.small, bold: true });
  layout.gap(6);
}

function timesSection(layout: PdfLayout, agreement: Agreement): void {
  const locale = agreement.client.locale;
  const t = AGREEMENT_PDF_TEXT[locale].times;
  const resolution = resolutionTimesFor(agreement);
  layout.heading(t.heading);
  layout.paragraph(t.intro, { size: SIZES.small, color: COLORS.muted });
  layout.gap(4);
  layout.table(
    [
      { header: t.columns.priority, width: 1.4 },
      { header: t.columns.response, width: 1.3, align: 'right' },
      { header: t.columns.resolution, width: 1.3, align: 'right' },
      { header: t.columns.surcharge, width: 1.6, align: 'right' },
    ],
    PRIORITIES.map((priority) => [
      PRIORITY_LABELS[locale][priority],
      formatBusinessHours(agreement.responseTimes[priority], locale),
      formatBusinessHours(resolution[priority], locale),
      formatSurcharge(agreement.rateCard.priorities[priority].surchargePercent, locale) || t.none,
    ]),
  );
}

function termsSection(layout: PdfLayout, agreement: Agreement): void {
  const locale = agreement.client.locale;
  const t = AGREEMENT_PDF_TEXT[locale].terms;
  layout.heading(t.heading);
  layout.facts([
    [t.hourlyRate, t.hourlyRateValue(formatEuro(agreement.rateCard.hourlyRateCents, locale))],
    [t.invoicing, INVOICING_FREQUENCY_LABELS[locale][agreement.invoicing.frequency]],
    [t.paymentTerm, t.paymentTermValue(formatDays(agreement.invoicing.paymentTermDays, locale))],
    [t.increment, t.incrementValue(formatMinutes(agreement.minimumBillableMinutes, locale))],
    [t.materials, t.materialsValue],
    [t.vat, formatPercent(agreement.totals.vatPercent, locale)],
    [t.validity, t.validityValue(formatDate(agreement.validUntil, locale))],
    ...(agreement.provider ? [[t.generalTerms, t.generalTermsValue(agreement.provider.termsUrl)] as const] : []),
  ]);
}

function evidencePage(layout: PdfLayout, agreement: Agreement, evidence: DecisionEvidence): void {
  const locale = agreement.client.locale;
  const t = AGREEMENT_PDF_TEXT[locale].evidence;
  layout.heading(t.heading, 1);
  layout.paragraph(t.intro(agreement.client.companyName));
  layout.gap(10);
  layout.facts(
    [
      [t.decision, DECISION_OUTCOME_LABELS[locale][evidence.decision]],
      [t.name, evidence.name],
      ...(evidence.comment ? [[t.comment, evidence.comment] as const] : []),
      [t.at, t.atValue(formatAmsterdamDateTime(evidence.at, locale, { seconds: true }), new Date(evidence.at).toISOString())],
      [t.ip, evidence.ip],
      [t.userAgent, evidence.userAgent],
      [t.method, t.methodValue[evidence.linkPurpose](agreement.client.contact?.email)],
      [t.agreement, t.agreementValue(agreement.onboardingId, agreement.version)],
      [t.documentHash, evidence.documentHash],
      [t.offerPdf, evidence.offerPdfSha256 ?? t.offerPdfNone],
      [t.retainUntil, formatInstantDate(evidence.retainUntil, locale)],
    ],
    0.3,
  );
  layout.gap(12);
  layout.paragraph(t.legal, { size: SIZES.small, color: COLORS.muted });
}
