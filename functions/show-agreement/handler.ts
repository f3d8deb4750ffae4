import { agreementView } from '../application/agreement-view';
import { htmlResult } from '../runtime/http/html';
import { httpHandler } from '../runtime/http/http-handler';
import { renderAgreementPage } from '../templates/pages/agreement-page';
import { renderAgreementDecided, renderLinkExpired, renderLinkNotFound } from '../templates/pages/decision-pages';

/**
 * GET /agreements/{token} (public): the confirm page. Changes nothing, because mail scanners
 * open links before people do; only the form's POST decides. After the decision the same link
 * shows the agreement read-only with what was decided, by whom and when, and its PDF (200).
 */
export const handler = httpHandler(async ({ event }) => {
  const view = await agreementView(event.pathParameters?.token ?? '', new Date());
  switch (view.state) {
    case 'not-found':
      return htmlResult(renderLinkNotFound());
    case 'expired':
      return htmlResult(renderLinkExpired({ locale: view.locale }));
    case 'used':
      return htmlResult(renderAgreementDecided({ agreement: view.agreement, decision: view.link.decision, pdfHref: `${event.rawPath}/pdf` }));
    case 'open':
      return htmlResult(renderAgreementPage({ agreement: view.agreement, formAction: event.rawPath, allowChanges: view.link.allowChanges }));
  }
});
