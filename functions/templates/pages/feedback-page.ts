import { FEEDBACK_COMMENT_MAX_LENGTH, FEEDBACK_SCORES, type Feedback, type FeedbackScore } from '../../domain/client-link';
import type { Locale } from '../../domain/intake';
import { formatDateTime } from '../email/layout';
import { html } from '../html';
import { FEEDBACK_PAGE_TEXT } from './feedback-page-text';
import { errorSummary, fieldErrors, mailLink, messageCard, type FieldError } from './page-parts';
import { renderPage, type HtmlResponse } from './page-layout';

export type FeedbackFormField = 'score' | 'comment';
export type FeedbackFormError = FieldError<FeedbackFormField>;

/** What the client entered, echoed back after a failed POST; raw form input, hence strings. */
export interface FeedbackFormValues {
  score?: string;
  comment?: string;
}

const FIELD_TARGET: Record<FeedbackFormField, string> = { score: 'field-score-1', comment: 'field-comment' };

/**
 * GET /feedback/{token} (200), and again after a POST that failed validation (400) with the
 * errors and what the client entered: a score of 1–5 and an optional comment. Plain HTML, no script.
 */
export function renderFeedbackPage(input: {
  locale: Locale;
  companyName: string;
  formAction: string;
  errors?: readonly FeedbackFormError[];
  values?: FeedbackFormValues;
}): HtmlResponse {
  const { locale } = input;
  const t = FEEDBACK_PAGE_TEXT[locale];
  const errors = input.errors ?? [];
  const values = input.values ?? {};
  const { fieldError, invalid, describedBy } = fieldErrors(errors);
  const choice = (score: FeedbackScore) => html`<div class="choice">
<input type="radio" id="field-score-${score}" name="score" value="${score}" required${values.score === String(score) ? html` checked` : null}${invalid('score')}>
<span><label class="choice-label" for="field-score-${score}">${score} – ${t.scores[score]}</label></span>
</div>`;

  const body = html`${errorSummary(t.form.errorSummary, errors, FIELD_TARGET)}
<section class="card" aria-labelledby="feedback-heading">
<h1 id="feedback-heading">${t.heading}</h1>
<p class="lead">${t.lead(input.companyName)}</p>
<p>${t.intro}</p>
</section>
<section class="card decision-form" aria-labelledby="rating-heading">
<h2 id="rating-heading">${t.form.heading}</h2>
<p>${t.form.intro}</p>
<form method="post" action="${input.formAction}" enctype="application/x-www-form-urlencoded" accept-charset="utf-8">
<fieldset${describedBy('score', 'hint-score')}>
<legend>${t.form.score}</legend>
<span class="hint" id="hint-score">${t.form.scoreHint}</span>
${fieldError('score')}
${FEEDBACK_SCORES.map(choice)}
</fieldset>
<div class="field">
<label class="label" for="field-comment">${t.form.comment}</label>
<span class="hint" id="hint-comment">${t.form.commentHint}</span>
${fieldError('comment')}
<textarea id="field-comment" name="comment" rows="5" maxlength="${FEEDBACK_COMMENT_MAX_LENGTH}"${invalid('comment')}${describedBy('comment', 'hint-comment')}>
${values.comment ?? ''}</textarea>
</div>
<div class="actions"><button type="submit">${t.form.submit}</button></div>
</form>
</section>`;
  const title = `${errors.length > 0 ? t.errorTitlePrefix : ''}${t.title(input.companyName)}`;
  return { status: errors.length > 0 ? 400 : 200, ...renderPage({ locale, title, body }) };
}

/**
 * The feedback as it was given, read-only: 200 right after the POST ('recorded') and on a later
 * GET ('already'), 409 on a second POST ('second'), which changed nothing.
 */
export function renderFeedbackGiven(input: { locale: Locale; feedback: Feedback; accountManagerEmail: string; mode: 'recorded' | 'already' | 'second' }): HtmlResponse {
  const { locale, feedback } = input;
  const t = FEEDBACK_PAGE_TEXT[locale].given;
  const heading = { recorded: t.receivedTitle, already: t.alreadyTitle, second: t.secondTitle }[input.mode];
  const paragraphs = input.mode === 'recorded' ? [t.thanks] : [input.mode === 'second' ? t.nothingChanged : t.once, html`${t.more} ${mailLink(input.accountManagerEmail)}.`];
  // A comment keeps its line breaks; each line is escaped on its own.
  const lines = (feedback.comment ?? '').split('\n').map((line) => html`${line}`);
  const comment = lines.slice(1).reduce((all, line) => html`${all}<br>${line}`, lines[0]!);
  const facts = html`<dl class="terms">
<dt>${t.facts.score}</dt><dd>${t.facts.scoreValue(feedback.score)}</dd>
<dt>${t.facts.verdict}</dt><dd>${FEEDBACK_PAGE_TEXT[locale].scores[feedback.score]}</dd>
<dt>${t.facts.at}</dt><dd>${formatDateTime(feedback.at, locale)}</dd>
${feedback.comment ? html`<dt>${t.comment}</dt><dd>${comment}</dd>` : null}
</dl>`;
  const body = messageCard(input.mode === 'second' ? 'warn' : 'ok', heading, paragraphs, { after: facts });
  return { status: input.mode === 'second' ? 409 : 200, ...renderPage({ locale, title: heading, body }) };
}

/** 410: the link's validity (policy.feedbackValidSeconds) has passed without feedback. */
export function renderFeedbackExpired(input: { locale: Locale; accountManagerEmail: string }): HtmlResponse {
  const t = FEEDBACK_PAGE_TEXT[input.locale].expired;
  const body = messageCard('warn', t.title, [t.fact, html`${t.contact} ${mailLink(input.accountManagerEmail)}.`]);
  return { status: 410, ...renderPage({ locale: input.locale, title: t.title, body }) };
}
