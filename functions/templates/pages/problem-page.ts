import { IMPACTS, type Impact, type Locale } from '../../domain/intake';
import { PROBLEM_DESCRIPTION_MAX_LENGTH, PROBLEM_TITLE_MAX_LENGTH } from '../../domain/problem';
import { formatDateTime } from '../email/layout';
import { html } from '../html';
import { errorSummary, fieldErrors, mailLink, messageCard, type FieldError } from './page-parts';
import { renderPage, type HtmlResponse } from './page-layout';
import { PROBLEM_PAGE_TEXT, type BoundRefusal } from './problem-page-text';

export type ProblemFormField = 'title' | 'description' | 'impact' | 'submissionId';
export type ProblemFormError = FieldError<ProblemFormField>;

/** What the client typed, echoed back after a failed POST. `impact` is raw form input, hence a string. */
export interface ProblemFormValues {
  title?: string;
  description?: string;
  impact?: string;
}

/** The element each field's error links to: for the radio group its first option, for the hidden id the button. */
const FIELD_TARGET: Record<ProblemFormField, string> = {
  title: 'field-title',
  description: 'field-description',
  impact: 'field-impact-critical',
  submissionId: 'problem-submit',
};

/**
 * GET /problems/{token} (status 200), and the same page again after a POST that failed
 * validation (status 400), with the errors and what the client entered. Plain HTML, no script.
 * `submissionId` goes into a hidden field: the same submission posted twice files one report.
 * `monitoringUntil` (ISO) is given while the onboarding is MONITORING; otherwise a round runs.
 */
export function renderProblemPage(input: {
  locale: Locale;
  companyName: string;
  formAction: string;
  submissionId: string;
  monitoringUntil?: string;
  errors?: readonly ProblemFormError[];
  values?: ProblemFormValues;
}): HtmlResponse {
  const { locale } = input;
  const t = PROBLEM_PAGE_TEXT[locale];
  const errors = input.errors ?? [];
  const values = input.values ?? {};
  const { fieldError, invalid, describedBy } = fieldErrors(errors);
  const intro = input.monitoringUntil ? t.intro.monitoring(formatDateTime(input.monitoringUntil, locale)) : t.intro.working;
  // As on the agreement page: the option's name is its label, the explanation its description.
  const choice = (impact: Impact) => html`<div class="choice">
<input type="radio" id="field-impact-${impact}" name="impact" value="${impact}" required${values.impact === impact ? html` checked` : null}${invalid('impact')} aria-describedby="choice-text-${impact}">
<span><label class="choice-label" for="field-impact-${impact}">${t.impacts[impact].label}</label><span class="choice-text" id="choice-text-${impact}">${t.impacts[impact].text}</span></span>
</div>`;

  const body = html`${errorSummary(t.form.errorSummary, errors, FIELD_TARGET)}
<section class="card" aria-labelledby="problem-heading">
<h1 id="problem-heading">${t.heading}</h1>
<p class="lead">${t.lead(input.companyName)}</p>
<p>${intro}</p>
<p>${t.how}</p>
</section>
<section class="card decision-form" aria-labelledby="report-heading">
<h2 id="report-heading">${t.form.heading}</h2>
<p>${t.form.intro}</p>
<form method="post" action="${input.formAction}" enctype="application/x-www-form-urlencoded" accept-charset="utf-8">
<input type="hidden" name="submissionId" value="${input.submissionId}">
<div class="field">
<label class="label" for="field-title">${t.form.title}</label>
<span class="hint" id="hint-title">${t.form.titleHint}</span>
${fieldError('title')}
<input type="text" id="field-title" name="title" value="${values.title ?? ''}" maxlength="${PROBLEM_TITLE_MAX_LENGTH}" required${invalid('title')}${describedBy('title', 'hint-title')}>
</div>
<div class="field">
<label class="label" for="field-description">${t.form.description}</label>
<span class="hint" id="hint-description">${t.form.descriptionHint}</span>
${fieldError('description')}
<textarea id="field-description" name="description" rows="6" maxlength="${PROBLEM_DESCRIPTION_MAX_LENGTH}" required${invalid('description')}${describedBy('description', 'hint-description')}>
${values.description ?? ''}</textarea>
</div>
<fieldset${describedBy('impact')}>
<legend>${t.form.impact}</legend>
${fieldError('impact')}
${IMPACTS.map(choice)}
</fieldset>
${fieldError('submissionId')}
<div class="actions"><button type="submit" id="problem-submit">${t.form.submit}</button></div>
</form>
</section>`;
  const title = `${errors.length > 0 ? t.errorTitlePrefix : ''}${t.title(input.companyName)}`;
  return { status: errors.length > 0 ? 400 : 200, ...renderPage({ locale, title, body }) };
}

/**
 * 200 after a report: what was received, under which ticket, and who to call if it is urgent.
 * `duplicate`: the same submission arrived again (a double submit); nothing new was filed.
 */
export function renderProblemReceived(input: {
  locale: Locale;
  problemTitle: string;
  ticketId?: string;
  duplicate: boolean;
  accountManagerEmail: string;
  formAction: string;
}): HtmlResponse {
  const t = PROBLEM_PAGE_TEXT[input.locale].received;
  const heading = input.duplicate ? t.duplicateTitle : t.title;
  const fact = input.duplicate ? t.duplicateFact(input.problemTitle) : t.fact(input.problemTitle, input.ticketId);
  const body = messageCard('ok', heading, [fact, t.next, html`${t.urgent} ${mailLink(input.accountManagerEmail)}.`], {
    after: html`<p><a href="${input.formAction}">${t.another}</a></p>`,
  });
  return { status: 200, ...renderPage({ locale: input.locale, title: heading, body }) };
}

/** 410: the link ended with the onboarding (COMPLETED, or closed otherwise); the account manager takes new problems. */
export function renderMonitoringEnded(input: { locale: Locale; accountManagerEmail: string }): HtmlResponse {
  const t = PROBLEM_PAGE_TEXT[input.locale].ended;
  const body = messageCard('warn', t.title, [t.fact, html`${t.contact} ${mailLink(input.accountManagerEmail)}. ${t.contactEnd}`]);
  return { status: 410, ...renderPage({ locale: input.locale, title: t.title, body }) };
}

/** 409: a bound refused the report (too many reports, too many waiting, …); the account manager can still help. */
export function renderProblemRefused(input: { locale: Locale; reason: BoundRefusal; accountManagerEmail: string }): HtmlResponse {
  const t = PROBLEM_PAGE_TEXT[input.locale].refused;
  const body = messageCard('warn', t.title, [t.reasons[input.reason], html`${t.contact} ${mailLink(input.accountManagerEmail)}.`, t.noted]);
  return { status: 409, ...renderPage({ locale: input.locale, title: t.title, body }) };
}
