import { agreementView } from '../application/agreement-view';
import { htmlResult } from '../runtime/http/html';
import { httpHandler } from '../runtime/http/http-handler';
import { renderAgreementPage } from '../templates/pages/agreement-page';
import { renderAlreadyDecided, renderLinkExpired, renderLinkNotFound } from '../templates/pages/decision-pages';

/**
 * GET /agreements/{token} (public): the confirm page. Changes nothing, because mail scanners
 * open links before people do; only the form's POST decides.
 */
export const handler = httpHandler(async ({ event }) => {
  const view = await agreementView(event.pathParameters?.token ?? '', new Date());
  switch (view.state) {
    case 'not-found':
      return htmlResult(renderLinkNotFound());
    case 'expired':
      return htmlResult(renderLinkExpired({ locale: view.locale }));
    case 'used':
      return htmlResult(renderAlreadyDecided({ locale: view.locale, decision: view.link.decision.decision, at: view.link.decision.at }));
    case 'open':
      return htmlResult(renderAgreementPage({ agreement: view.agreement, formAction: event.rawPath, allowChanges: view.link.allowChanges }));
  }
});
