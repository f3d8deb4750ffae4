import type { Agreement } from '../../domain/agreement';
import { html } from '../html';
import { renderAgreementDocument } from './agreement-document';
import { renderAgreementForm, renderErrorSummary, type AgreementFormError, type AgreementFormValues } from './agreement-form';
import { AGREEMENT_PAGE_TEXT } from './agreement-page-text';
import { renderPage, type HtmlResponse } from './page-layout';

export type { AgreementFormError, AgreementFormField, AgreementFormValues } from './agreement-form';

/**
 * GET /agreements/{token} (status 200), and the same page again after a POST that failed
 * validation (status 400), with the errors and what the client entered. Language: the client's.
 */
export function renderAgreementPage(input: {
  agreement: Agreement;
  formAction: string;
  errors?: readonly AgreementFormError[];
  values?: AgreementFormValues;
  /** Whether the client may still request changes (bounded revisions); default true. */
  allowChanges?: boolean;
  /**
   * Where this version's PDF is served: the link's own path + "/pdf" (GET /agreements/{token}/pdf).
   * Defaults to `${formAction}/pdf`, since the form posts back to the link's path.
   */
  pdfUrl?: string;
}): HtmlResponse {
  const { agreement } = input;
  const locale = agreement.client.locale;
  const errors = input.errors ?? [];
  const body = html`${renderErrorSummary(locale, errors)}
${renderAgreementDocument(agreement, { pdfUrl: input.pdfUrl ?? `${input.formAction}/pdf` })}
${renderAgreementForm({ locale, companyName: agreement.client.companyName, action: input.formAction, errors, values: input.values ?? {}, allowChanges: input.allowChanges ?? true })}`;
  const text = AGREEMENT_PAGE_TEXT[locale];
  const title = `${errors.length > 0 ? text.errorTitlePrefix : ''}${text.title(agreement.client.companyName)}`;
  const page = renderPage({ locale, title, body });
  return { status: errors.length > 0 ? 400 : 200, ...page };
}
