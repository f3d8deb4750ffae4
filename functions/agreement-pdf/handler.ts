import { Buffer } from 'node:buffer';
import type { StoredPdf } from '../adapters/dynamodb/pdf-repository';
import { readPdf } from '../adapters/dynamodb/pdf-repository';
import { agreementView } from '../application/agreement-view';
import { htmlResult } from '../runtime/http/html';
import { httpHandler, type HttpResult } from '../runtime/http/http-handler';
import { renderLinkExpired, renderLinkNotFound } from '../templates/pages/decision-pages';
import { agreementPdfFileName } from '../templates/pdf/file-names';

/**
 * GET /agreements/{token}/pdf (public): the PDF behind a client's link, byte for byte as it was
 * e-mailed: the offer while the decision is open, the decided agreement (with its evidence page)
 * once decided, for as long as the link item lives. Unknown link 404, expired undecided link
 * 410, as the page. Reads only; renders nothing (no PDF library in this function).
 */
export const handler = httpHandler(async ({ event }) => {
  const view = await agreementView(event.pathParameters?.token ?? '', new Date());
  switch (view.state) {
    case 'not-found':
      return htmlResult(renderLinkNotFound());
    case 'expired':
      return htmlResult(renderLinkExpired({ locale: view.locale }));
    case 'used':
    case 'open': {
      const { onboardingId, version } = view.agreement;
      // Between the decision and its confirmation the decided PDF is not there yet: the offer is what was decided on.
      const decided = view.state === 'used' ? await readPdf(onboardingId, 'decided', version) : undefined;
      const pdf = decided ?? (await readPdf(onboardingId, 'offer', version));
      if (!pdf) return htmlResult(renderLinkNotFound({ locale: view.locale }));
      return pdfResult(pdf, agreementPdfFileName(view.agreement));
    }
  }
});

/** A binary answer: API Gateway decodes the base64 body back into the stored bytes. */
function pdfResult(pdf: StoredPdf, fileName: string): HttpResult {
  return {
    statusCode: 200,
    headers: {
      'content-type': pdf.contentType,
      'content-disposition': `inline; filename="${fileName}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
    body: Buffer.from(pdf.bytes).toString('base64'),
    isBase64Encoded: true,
  };
}
