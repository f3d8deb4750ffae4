import type { Agreement, AgreementLine } from '../../domain/agreement';
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
} from '../format';
import { AGREEMENT_PAGE_TEXT } from './agreement-page-text';

/** The agreement as the client reads (and prints) it: every figure they are asked to approve. */
export function renderAgreementDocument(agreement: Agreement): SafeHtml {
  return html`${summaryCard(agreement)}
${workCard(agreement)}
${termsCard(agreement)}`;
}

function summaryCard(agreement: Agreement): SafeHtml {
  const locale = agreement.client.locale;
  const t = AGREEMENT_PAGE_TEXT[locale];
  const fact = (label: string, value: string) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  const { kvkNumber, vatNumber } = agreement.client;
  const identifiers = [
    `${t.facts.reference}: ${agreement.onboardingId}`,
    ...(kvkNumber ? [`${t.facts.kvk}: ${kvkNumber}`] : []),
    ...(vatNumber ? [`${t.facts.vat}: ${vatNumber}`] : []),
  ];
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
<p class="identifiers">${identifiers.join(' · ')}</p>
</section>`;
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
  const t = AGREEMENT_PAGE_TEXT[locale];
  const c = t.work.columns;
  const euro = (cents: number) => formatEuro(cents, locale);
  const materials = line.materials.map(
    (m) => html`<li>${t.work.material(formatNumber(m.quantity, locale), m.description, euro(m.unitCostCents), euro(m.totalCents))}</li>`,
  );
  // data-label feeds the stacked mobile layout (CSS attr()), where the column headers are hidden.
  return html`<tr>
<th scope="row"><span class="item-title">${line.title}</span><span class="item-meta">${ACTION_TYPE_LABELS[locale][line.actionType]}</span>${materials.length > 0 ? html`<ul class="materials">${materials}</ul>` : null}</th>
<td data-label="${c.priority}"><span class="badge badge-${line.priority}">${PRIORITY_LABELS[locale][line.priority]}</span></td>
<td data-label="${c.estimated}" class="num">${formatHours(line.estimatedHours, locale)}</td>
<td data-label="${c.billable}" class="num">${formatMinutesAsHours(line.billableMinutes, locale)}</td>
<td data-label="${c.rate}" class="num rate">${euro(line.hourlyRateCents)} × ${formatPercent(line.surchargePercent, locale)}</td>
<td data-label="${c.labour}" class="num">${euro(line.labourCents)}</td>
<td data-label="${c.materials}" class="num">${euro(line.materialsCents)}</td>
<td data-label="${c.total}" class="num"><strong>${euro(line.totalCents)}</strong></td>
</tr>`;
}

function termsCard(agreement: Agreement): SafeHtml {
  const locale = agreement.client.locale;
  const t = AGREEMENT_PAGE_TEXT[locale];
  const r = t.responseTimes;
  const resolution = resolutionTimesFor(agreement);
  const rows = PRIORITIES.map(
    (priority) =>
      html`<tr><th scope="row"><span class="badge badge-${priority}">${PRIORITY_LABELS[locale][priority]}</span></th><td>${formatBusinessHours(agreement.responseTimes[priority], locale)}</td><td>${formatBusinessHours(resolution[priority], locale)}</td><td>${r.rate(formatPercent(agreement.rateCard.priorities[priority].surchargePercent, locale))}</td></tr>`,
  );
  const terms = t.terms;
  return html`<section class="card" aria-labelledby="response-heading">
<h2 id="response-heading">${r.heading}</h2>
<p>${r.intro}</p>
<div class="table-scroll">
<table>
<thead><tr><th scope="col">${r.columns.priority}</th><th scope="col">${r.columns.responseTime}</th><th scope="col">${r.columns.resolutionTime}</th><th scope="col">${r.columns.rate}</th></tr></thead>
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
</dl>
<p class="document-id">${t.documentId.label}<code class="hash">${agreement.documentHash}</code>${t.documentId.explanation}</p>
</section>`;
}
