import type { Agreement, AgreementLine } from '../../domain/agreement';
import type { ProviderIdentity } from '../../domain/provider';
import { PRIORITIES } from '../../domain/rate-card';
import { resolutionTimesFor } from '../../domain/pricing';
import { html, type SafeHtml } from '../html';
import {
  ACTION_TYPE_LABELS,
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
import { AGREEMENT_PAGE_TEXT } from './agreement-page-text';
import { multiline } from './page-parts';

export interface AgreementDocumentOptions {
  /** Where this version's PDF is served (GET /agreements/{token}/pdf); no link without it. */
  pdfUrl?: string;
}

/**
 * The agreement as the client reads (and prints) it: who contracts with whom, the work per line
 * with the analysts' findings, every figure they are asked to approve, and the terms. Fields that
 * older versions lack (findings, the provider's identity) are left out, never invented.
 */
export function renderAgreementDocument(agreement: Agreement, options: AgreementDocumentOptions = {}): SafeHtml {
  return html`${summaryCard(agreement, options)}
${partiesCard(agreement)}
${workCard(agreement)}
${detailsCard(agreement)}
${termsCard(agreement)}`;
}

function summaryCard(agreement: Agreement, options: AgreementDocumentOptions): SafeHtml {
  const locale = agreement.client.locale;
  const t = AGREEMENT_PAGE_TEXT[locale];
  const fact = (label: string, value: string) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  const pdf = options.pdfUrl
    ? html`<p class="pdf-link"><a href="${options.pdfUrl}" type="application/pdf">${t.pdf.link}</a> <span class="hint">${t.pdf.hint}</span></p>`
    : null;
  return html`<section class="card" aria-labelledby="agreement-heading">
<h1 id="agreement-heading">${t.heading}</h1>
<p class="lead">${t.lead(agreement.client.companyName)}</p>
<p>${t.intro}</p>
<dl class="facts">
${fact(t.facts.total, formatEuro(agreement.totals.inclVatCents, locale))}
${fact(t.facts.validUntil, formatDate(agreement.validUntil, locale))}
${fact(t.facts.createdAt, formatInstantDate(agreement.createdAt, locale))}
${fact(t.facts.version, String(agreement.version))}
</dl>
<p class="identifiers">${t.facts.reference}: ${agreement.onboardingId}</p>
${pdf}
</section>`;
}

/** The provider's legal identity (when this version carries it) and the client as given at intake. */
function partiesCard(agreement: Agreement): SafeHtml {
  const locale = agreement.client.locale;
  const p = AGREEMENT_PAGE_TEXT[locale].parties;
  const { companyName, kvkNumber, vatNumber, contact } = agreement.client;
  const row = (label: string, value: string | SafeHtml) => html`<dt>${label}</dt><dd>${value}</dd>`;
  const provider = agreement.provider;
  const providerBlock = provider
    ? html`<div class="party">
<h3>${p.provider}</h3>
<p class="party-name">${provider.legalName}</p>
<dl class="party-facts">
${row(p.address, addressHtml(provider))}
${row(p.kvk, provider.kvkNumber)}
${row(p.vatId, provider.vatId)}
${row(p.iban, provider.iban)}
</dl>
</div>`
    : null;
  return html`<section class="card" aria-labelledby="parties-heading">
<h2 id="parties-heading">${p.heading}</h2>
<div class="parties">
${providerBlock}
<div class="party">
<h3>${p.client}</h3>
<p class="party-name">${companyName}</p>
<dl class="party-facts">
${kvkNumber ? row(p.kvk, kvkNumber) : null}
${vatNumber ? row(p.vatNumber, vatNumber) : null}
${contact ? row(p.contact, html`${contact.name}<br>${contact.email}`) : null}
</dl>
</div>
</div>
</section>`;
}

function addressHtml(provider: ProviderIdentity): SafeHtml {
  const { street, postalCode, city, country } = provider.address;
  return html`${street}<br>${postalCode} ${city}<br>${country}`;
}

/** The rate, then the priority's surcharge only when there is one: "€ 95,00 +25 %" or "€ 95,00". */
function rateHtml(hourlyRateCents: number, surchargePercent: number, locale: Agreement['client']['locale']): SafeHtml {
  const surcharge = formatSurcharge(surchargePercent, locale);
  return html`${formatEuro(hourlyRateCents, locale)}${surcharge ? html` <span class="surcharge">${surcharge}</span>` : null}`;
}

function workCard(agreement: Agreement): SafeHtml {
  const locale = agreement.client.locale;
  const t = AGREEMENT_PAGE_TEXT[locale];
  const c = t.work.columns;
  const totals = agreement.totals;
  return html`<section class="card" aria-labelledby="work-heading">
<h2 id="work-heading">${t.work.heading}</h2>
<div class="table-scroll">
<table class="lines">
<caption>${t.work.caption(formatMinutes(agreement.minimumBillableMinutes, locale))}</caption>
<thead><tr><th scope="col">${c.item}</th><th scope="col">${c.priority}</th><th scope="col" class="num">${c.estimated}</th><th scope="col" class="num">${c.billable}</th><th scope="col" class="num">${c.rate}</th><th scope="col" class="num">${c.labour}</th><th scope="col" class="num">${c.materials}</th><th scope="col" class="num">${c.total}</th></tr></thead>
<tbody>
${agreement.lines.map((line) => lineRow(line, agreement))}
</tbody>
</table>
</div>
<dl class="totals">
<dt>${t.totals.exclVat}</dt><dd>${formatEuro(totals.exclVatCents, locale)}</dd>
<dt>${t.totals.vat(formatPercent(totals.vatPercent, locale))}</dt><dd>${formatEuro(totals.vatCents, locale)}</dd>
<dt class="grand">${t.totals.inclVat}</dt><dd class="grand">${formatEuro(totals.inclVatCents, locale)}</dd>
</dl>
</section>`;
}

function lineRow(line: AgreementLine, agreement: Agreement): SafeHtml {
  const locale = agreement.client.locale;
  const c = AGREEMENT_PAGE_TEXT[locale].work.columns;
  const euro = (cents: number) => formatEuro(cents, locale);
  // data-label feeds the stacked mobile layout (CSS attr()), where the column headers are hidden.
  return html`<tr>
<th scope="row"><span class="item-id">${line.incidentId}</span><span class="item-title">${line.title}</span><span class="item-meta">${ACTION_TYPE_LABELS[locale][line.actionType]}</span></th>
<td data-label="${c.priority}"><span class="badge badge-${line.priority}">${PRIORITY_LABELS[locale][line.priority]}</span></td>
<td data-label="${c.estimated}" class="num">${formatHours(line.estimatedHours, locale)}</td>
<td data-label="${c.billable}" class="num">${formatMinutesAsHours(line.billableMinutes, locale)}</td>
<td data-label="${c.rate}" class="num rate">${rateHtml(line.hourlyRateCents, line.surchargePercent, locale)}</td>
<td data-label="${c.labour}" class="num">${euro(line.labourCents)}</td>
<td data-label="${c.materials}" class="num">${euro(line.materialsCents)}</td>
<td data-label="${c.total}" class="num"><strong>${euro(line.totalCents)}</strong></td>
</tr>`;
}

/** Per line: the analysts' root cause and solution (line breaks kept), its materials in full and its total. */
function detailsCard(agreement: Agreement): SafeHtml {
  const locale = agreement.client.locale;
  const d = AGREEMENT_PAGE_TEXT[locale].details;
  return html`<section class="card" aria-labelledby="details-heading">
<h2 id="details-heading">${d.heading}</h2>
<p>${d.intro}</p>
${agreement.lines.map((line) => lineDetail(line, agreement))}
</section>`;
}

function lineDetail(line: AgreementLine, agreement: Agreement): SafeHtml {
  const locale = agreement.client.locale;
  const d = AGREEMENT_PAGE_TEXT[locale].details;
  const euro = (cents: number) => formatEuro(cents, locale);
  const findings = [
    ...(line.rootCause ? [html`<dt>${d.rootCause}</dt><dd>${multiline(line.rootCause)}</dd>`] : []),
    ...(line.solution ? [html`<dt>${d.solution}</dt><dd>${multiline(line.solution)}</dd>`] : []),
  ];
  const m = d.materialColumns;
  const materials =
    line.materials.length > 0
      ? html`<div class="table-scroll">
<table class="materials-table">
<caption>${d.materials}</caption>
<thead><tr><th scope="col">${m.description}</th><th scope="col" class="num">${m.quantity}</th><th scope="col" class="num">${m.unitCost}</th><th scope="col" class="num">${m.total}</th></tr></thead>
<tbody>${line.materials.map(
          (material) =>
            html`<tr><td class="material-description">${material.description}</td><td data-label="${m.quantity}" class="num">${formatNumber(material.quantity, locale)}</td><td data-label="${m.unitCost}" class="num">${euro(material.unitCostCents)}</td><td data-label="${m.total}" class="num">${euro(material.totalCents)}</td></tr>`,
        )}</tbody>
</table>
</div>`
      : html`<p class="muted">${d.noMaterials}</p>`;
  return html`<article class="line-detail" aria-labelledby="line-${line.incidentId}">
<h3 id="line-${line.incidentId}"><span class="item-id">${line.incidentId}</span> ${line.title}</h3>
<p class="item-meta">${ACTION_TYPE_LABELS[locale][line.actionType]} · ${PRIORITY_LABELS[locale][line.priority]}</p>
${findings.length > 0 ? html`<dl class="findings">${findings}</dl>` : null}
${materials}
<p class="line-total">${d.lineTotal}: <strong>${euro(line.totalCents)}</strong></p>
</article>`;
}

function termsCard(agreement: Agreement): SafeHtml {
  const locale = agreement.client.locale;
  const t = AGREEMENT_PAGE_TEXT[locale];
  const r = t.responseTimes;
  const resolution = resolutionTimesFor(agreement);
  const rows = PRIORITIES.map(
    (priority) =>
      html`<tr><th scope="row"><span class="badge badge-${priority}">${PRIORITY_LABELS[locale][priority]}</span></th><td>${formatBusinessHours(agreement.responseTimes[priority], locale)}</td><td>${formatBusinessHours(resolution[priority], locale)}</td><td class="surcharge-cell">${formatSurcharge(agreement.rateCard.priorities[priority].surchargePercent, locale) || r.noSurcharge}</td></tr>`,
  );
  const terms = t.terms;
  const provider = agreement.provider;
  const generalTerms = provider
    ? html`<dt>${terms.generalTerms}</dt><dd>${terms.generalTermsValue(provider.legalName)} <a class="terms-link" href="${provider.termsUrl}" rel="noopener noreferrer">${provider.termsUrl}</a></dd>`
    : null;
  return html`<section class="card" aria-labelledby="response-heading">
<h2 id="response-heading">${r.heading}</h2>
<p>${r.intro}</p>
<div class="table-scroll">
<table class="response-times">
<thead><tr><th scope="col">${r.columns.priority}</th><th scope="col">${r.columns.responseTime}</th><th scope="col">${r.columns.resolutionTime}</th><th scope="col">${r.columns.surcharge}</th></tr></thead>
<tbody>${rows}</tbody>
</table>
</div>
</section>
<section class="card" aria-labelledby="terms-heading">
<h2 id="terms-heading">${terms.heading}</h2>
<dl class="terms">
<dt>${terms.hourlyRate}</dt><dd>${terms.hourlyRateValue(formatEuro(agreement.rateCard.hourlyRateCents, locale))}</dd>
<dt>${terms.invoicing}</dt><dd>${INVOICING_FREQUENCY_LABELS[locale][agreement.invoicing.frequency]}</dd>
<dt>${terms.paymentTerm}</dt><dd>${terms.paymentTermValue(formatDays(agreement.invoicing.paymentTermDays, locale))}</dd>
<dt>${terms.increment}</dt><dd>${terms.incrementValue(formatMinutes(agreement.minimumBillableMinutes, locale))}</dd>
<dt>${terms.materials}</dt><dd>${terms.materialsValue}</dd>
<dt>${terms.vat}</dt><dd>${formatPercent(agreement.totals.vatPercent, locale)}</dd>
<dt>${terms.validity}</dt><dd>${terms.validityValue(formatDate(agreement.validUntil, locale))}</dd>
${generalTerms}
</dl>
<p class="document-id">${t.documentId.label}<code class="hash">${agreement.documentHash}</code>${t.documentId.explanation}</p>
</section>`;
}
