import type { HtmlResponse } from '../../templates/pages/page-layout';
import type { HttpResult } from './http-handler';

/** A rendered page as the HTTP API answer, with its security headers. */
export function htmlResult(page: HtmlResponse): HttpResult {
  return { statusCode: page.status, headers: { ...page.headers }, body: page.html };
}
