import type { Locale } from '../../domain/intake';
import { html, type SafeHtml } from '../html';
import type { Decision } from '../format';
import { COMMENT_MAX_LENGTH, NAME_MAX_LENGTH } from './agreement-form-messages';
import { AGREEMENT_PAGE_TEXT } from './agreement-page-text';

export type AgreementFormField = 'name' | 'consent' | 'decision' | 'comment';

export interface AgreementFormError {
  field: AgreementFormField;
  message: string;
}

/** What the client typed, echoed back after a failed POST. `decision` is raw form input, hence a string. */
export interface AgreementFormValues {
  name?: string;
  decision?: string;
  comment?: string;
  consent?: boolean;
}

/** Least drastic first: approving is the common case, declining ends the onboarding. */
const CHOICE_ORDER: readonly Decision[] = ['approve', 'request-changes', 'decline'];

/** The element each field's error links to: for the radio group, its first option. */
const FIELD_TARGET: Record<AgreementFormField, string> = {
  name: 'field-name',
  consent: 'field-consent',
  decision: 'field-decision-approve',
  comment: 'field-comment',
};

/** Listed at the top of the page, linking to each field; role="alert" makes screen readers announce it. */
export function renderErrorSummary(locale: Locale, errors: readonly AgreementFormError[]): SafeHtml | null {
  if (errors.length === 0) return null;
  const items = errors.map((error) => html`<li><a href="#${FIELD_TARGET[error.field]}">${error.message}</a></li>`);
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-heading">
<h2 id="error-summary-heading">${AGREEMENT_PAGE_TEXT[locale].form.errorSummary}</h2>
<ul>${items}</ul>
</div>`;
}

/**
 * The decision form: plain HTML, no script. Native `required` helps the browser catch a missing
 * name early; the server validates everything again, including the comment that only decline
 * and request-changes require.
 */
export function renderAgreementForm(form: {
  locale: Locale;
  companyName: string;
  action: string;
  errors: readonly AgreementFormError[];
  values: AgreementFormValues;
  /** False once the client has used up the allowed revisions: only approve or decline remain. */
  allowChanges: boolean;
}): SafeHtml {
  const t = AGREEMENT_PAGE_TEXT[form.locale].form;
  const errorOf = (field: AgreementFormField) => form.errors.find((error) => error.field === field)?.message;
  const fieldError = (field: AgreementFormField) => {
    const message = errorOf(field);
    return message ? html`<p class="field-error" id="error-${field}">${message}</p>` : null;
  };
  const invalid = (field: AgreementFormField) => (errorOf(field) ? html` aria-invalid="true"` : null);
  const describedBy = (field: AgreementFormField, ...others: string[]) => {
    const ids = [...others, ...(errorOf(field) ? [`error-${field}`] : [])];
    return ids.length > 0 ? html` aria-describedby="${ids.join(' ')}"` : null;
  };
  // The option's name is its label; the explanation is its description (aria-describedby), so a
  // screen reader says "Decline, radio button" first. The label's ::after covers the whole box.
  const choice = (decision: Decision) => html`<div class="choice">
<input type="radio" id="field-decision-${decision}" name="decision" value="${decision}" required${form.values.decision === decision ? html` checked` : null}${invalid('decision')} aria-describedby="choice-text-${decision}">
<span><label class="choice-label" for="field-decision-${decision}">${t.choices[decision].label}</label><span class="choice-text" id="choice-text-${decision}">${t.choices[decision].text}</span></span>
</div>`;

  return html`<section class="card decision-form" aria-labelledby="decision-heading">
<h2 id="decision-heading">${t.heading}</h2>
<p>${t.intro}</p>
<form method="post" action="${form.action}" enctype="application/x-www-form-urlencoded" accept-charset="utf-8">
<div class="field">
<label class="label" for="field-name">${t.name}</label>
${fieldError('name')}
<input type="text" id="field-name" name="name" value="${form.values.name ?? ''}" autocomplete="name" maxlength="${NAME_MAX_LENGTH}" required${invalid('name')}${describedBy('name')}>
</div>
<fieldset${describedBy('decision')}>
<legend>${t.decision}</legend>
${fieldError('decision')}
${CHOICE_ORDER.filter((decision) => form.allowChanges || decision !== 'request-changes').map(choice)}
</fieldset>
<div class="field">
<label class="label" for="field-comment">${t.comment}</label>
<span class="hint" id="hint-comment">${t.commentHint}</span>
${fieldError('comment')}
<textarea id="field-comment" name="comment" rows="5" maxlength="${COMMENT_MAX_LENGTH}"${invalid('comment')}${describedBy('comment', 'hint-comment')}>
${form.values.comment ?? ''}</textarea>
</div>
<div class="field">
${fieldError('consent')}
<label class="consent" for="field-consent">
<input type="checkbox" id="field-consent" name="consent" value="yes" required${form.values.consent ? html` checked` : null}${invalid('consent')}${describedBy('consent')}>
<span>${t.consent(form.companyName)}</span>
</label>
</div>
<div class="actions"><button type="submit">${t.submit}</button></div>
</form>
</section>`;
}
