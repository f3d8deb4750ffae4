import { html, type SafeHtml } from '../html';

/**
 * Pieces the problem and feedback pages share, built like the agreement page's: message cards,
 * the error summary and per-field error wiring. Plain HTML, classes from PAGE_STYLE only.
 */
export type Tone = 'ok' | 'warn' | 'error';

/** A paragraph is plain text (escaped) or markup already built with `html` (e.g. with a mailto link). */
export type Paragraph = string | SafeHtml;

/** One message card headed by the page's h1; `before` goes between the heading and the paragraphs, `after` below them. */
export function messageCard(tone: Tone, heading: string, paragraphs: readonly Paragraph[], options: { before?: SafeHtml; after?: SafeHtml } = {}): SafeHtml {
  return html`<section class="card status status-${tone}">
<h1>${heading}</h1>
${options.before ?? null}
${paragraphs.map((paragraph) => html`<p>${paragraph}</p>`)}
${options.after ?? null}
</section>`;
}

/** Text someone typed (an analyst's findings), escaped, its line breaks kept as <br>. */
export function multiline(text: string): SafeHtml {
  return html`${text.split(/\r\n|\r|\n/).map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`))}`;
}

/** An e-mail address as a mailto link; the address is escaped in both places. */
export function mailLink(email: string): SafeHtml {
  return html`<a href="mailto:${email}">${email}</a>`;
}

export interface FieldError<F extends string> {
  field: F;
  message: string;
}

/** Listed at the top of the page, each linking to its field; role="alert" makes screen readers announce it. */
export function errorSummary<F extends string>(heading: string, errors: readonly FieldError<F>[], targets: Record<F, string>): SafeHtml | null {
  if (errors.length === 0) return null;
  const items = errors.map((error) => html`<li><a href="#${targets[error.field]}">${error.message}</a></li>`);
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-heading">
<h2 id="error-summary-heading">${heading}</h2>
<ul>${items}</ul>
</div>`;
}

/** The error paragraph next to a field, its aria-invalid and its aria-describedby, as the agreement form wires them. */
export function fieldErrors<F extends string>(errors: readonly FieldError<F>[]) {
  const errorOf = (field: F) => errors.find((error) => error.field === field)?.message;
  const fieldError = (field: F): SafeHtml | null => {
    const message = errorOf(field);
    return message ? html`<p class="field-error" id="error-${field}">${message}</p>` : null;
  };
  const invalid = (field: F): SafeHtml | null => (errorOf(field) ? html` aria-invalid="true"` : null);
  const describedBy = (field: F, ...others: string[]): SafeHtml | null => {
    const ids = [...others, ...(errorOf(field) ? [`error-${field}`] : [])];
    return ids.length > 0 ? html` aria-describedby="${ids.join(' ')}"` : null;
  };
  return { fieldError, invalid, describedBy };
}
