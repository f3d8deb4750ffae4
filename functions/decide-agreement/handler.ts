import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { agreementView } from '../application/agreement-view';
import { ConflictError, GoneError, NotFoundError, ValidationError } from '../runtime/errors';
import { preferredLanguage } from '../runtime/http/accept-language';
import { problemFor, problemResponse } from '../runtime/http/problem';
import { header } from '../runtime/http/request';
import { htmlResult } from '../runtime/http/html';
import { httpHandler, json, type HttpResult } from '../runtime/http/http-handler';
import { metrics } from '../runtime/observability';
import { renderAgreementPage } from '../templates/pages/agreement-page';
import { renderAlreadyDecided, renderDecisionRecorded, renderLinkExpired, renderLinkNotFound } from '../templates/pages/decision-pages';
import { LOCALES, type Locale } from '../domain/intake';
import type { ClientDecision } from '../domain/onboarding';
import { bodyFormat, readFormOrJson } from '../runtime/http/form-body';
import { DECISION_FIELDS, decisionProblem, validateDecision, type DecisionSource } from './decision-form';
import { recordClientDecision } from './record-client-decision';

/**
 * POST /agreements/{token} (public): the client's decision, from the confirm page's form or as
 * JSON. Once only: a second decision → 409, unknown link → 404, expired → 410. The form's checkbox
 * sends "yes"; JSON must say `"consent": true`. A JSON client's validation problem speaks the
 * language of its Accept-Language header (nl or en, by q-value), else the client's locale.
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
  const source: DecisionSource = format;
  // The page is the client's document, in the client's language; a JSON problem is the caller's.
  const language = source === 'json' ? preferredLanguage(header(event, 'accept-language'), LOCALES, view.locale) : view.locale;
  const validated = validateDecision(fields, language, view.link.allowChanges, source);
  if (source === 'json' && (unknown.length > 0 || validated.errors)) return validationProblem(language, decisionProblem(language, validated.errors ?? [], unknown));
  if (validated.errors) {
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

/** 400 problem+json in `language`, saying so in Content-Language. */
function validationProblem(language: Locale, problem: { detail: string; errors: ValidationError['errors'] }): HttpResult {
  const response = problemResponse(problemFor(new ValidationError(problem.errors, problem.detail))!);
  return { ...response, headers: { ...response.headers, 'content-language': language } };
}

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
