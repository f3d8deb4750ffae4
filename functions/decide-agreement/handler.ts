import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { agreementView } from '../application/agreement-view';
import { ConflictError, GoneError, NotFoundError, ValidationError } from '../runtime/errors';
import { htmlResult } from '../runtime/http/html';
import { httpHandler, json, type HttpResult } from '../runtime/http/http-handler';
import { metrics } from '../runtime/observability';
import { renderAgreementPage } from '../templates/pages/agreement-page';
import { renderAlreadyDecided, renderDecisionRecorded, renderLinkExpired, renderLinkNotFound } from '../templates/pages/decision-pages';
import type { Locale } from '../domain/intake';
import type { ClientDecision } from '../domain/onboarding';
import { bodyFormat, readFormOrJson } from '../runtime/http/form-body';
import { DECISION_FIELDS, validateDecision } from './decision-form';
import { recordClientDecision } from './record-client-decision';

/**
 * POST /agreements/{token} (public): the client's decision, from the confirm page's form or as
 * JSON. Once only: a second decision → 409, unknown link → 404, expired → 410.
 */
export const handler = httpHandler(async ({ event }) => {
  const format = bodyFormat(event);
  const now = new Date();
  const view = await agreementView(event.pathParameters?.token ?? '', now);
  const answer = refusal(format);

  if (view.state === 'not-found') return answer.notFound();
  if (view.state === 'expired') return answer.expired(view.locale);
  if (view.state === 'used') return answer.alreadyDecided(view.locale, view.link.decision);

  const { fields, unknown } = readFormOrJson(event, DECISION_FIELDS);
  if (unknown.length > 0) throw new ValidationError(unknown.map((field) => ({ pointer: `/${field}`, message: 'Unknown field' })));
  const validated = validateDecision(fields, view.locale, view.link.allowChanges);
  if (validated.errors) {
    if (format === 'json') throw new ValidationError(validated.errors.map((e) => ({ pointer: `/${e.field}`, message: e.message })));
    return htmlResult(
      renderAgreementPage({ agreement: view.agreement, formAction: event.rawPath, errors: validated.errors, values: validated.values, allowChanges: view.link.allowChanges }),
    );
  }

  const result = await recordClientDecision({
    link: view.link,
    agreement: view.agreement,
    decision: validated.input,
    ip: event.requestContext.http.sourceIp,
    userAgent: event.requestContext.http.userAgent ?? '',
    now,
  });
  if (result.outcome === 'already-used') return answer.alreadyDecided(view.locale, result.link.decision!);
  if (result.outcome !== 'recorded') return answer.expired(view.locale);

  metrics.addMetric('ClientDecisionRecorded', MetricUnit.Count, 1);
  const { decision, at, name } = result.evidence;
  if (format === 'json') return json(200, { decision, decidedAt: at, agreementVersion: view.agreement.version, documentHash: view.agreement.documentHash });
  return htmlResult(renderDecisionRecorded({ locale: view.locale, decision, companyName: view.agreement.client.companyName, name, at }));
});

/** The refusals, as pages for a browser's form post or as problem+json for a JSON client. */
function refusal(format: 'form' | 'json') {
  return {
    notFound(): HttpResult {
      if (format === 'json') throw new NotFoundError('This link does not exist');
      return htmlResult(renderLinkNotFound());
    },
    expired(locale: Locale): HttpResult {
      if (format === 'json') throw new GoneError('This link has expired');
      return htmlResult(renderLinkExpired({ locale }));
    },
    alreadyDecided(locale: Locale, decision: { decision: ClientDecision; at: string }): HttpResult {
      if (format === 'json') throw new ConflictError(`This agreement was already decided (${decision.decision}) at ${decision.at}`);
      return htmlResult(renderAlreadyDecided({ locale, decision: decision.decision, at: decision.at }));
    },
  };
}
