import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Feedback } from '../domain/client-link';
import type { Onboarding } from '../domain/onboarding';
import { retryTransient } from '../application/transient-retry';
import { ConflictError, GoneError, NotFoundError, ValidationError } from '../runtime/errors';
import { bodyFormat, readFormOrJson, type BodyFormat } from '../runtime/http/form-body';
import { htmlResult } from '../runtime/http/html';
import { httpHandler, json, type HttpResult } from '../runtime/http/http-handler';
import { renderLinkNotFound } from '../templates/pages/decision-pages';
import { renderFeedbackExpired, renderFeedbackGiven, renderFeedbackPage } from '../templates/pages/feedback-page';
import { FEEDBACK_PAGE_TEXT } from '../templates/pages/feedback-page-text';
import { FEEDBACK_FIELDS, validateFeedback } from './feedback-form';
import { feedbackLinkView } from './feedback-link-view';
import { submitFeedback } from './submit-feedback';

/**
 * GET and POST /feedback/{token} (public): the report e-mail's single-use feedback link. GET shows
 * the form (or, once used, the feedback given, read-only) and changes nothing; the POST, from the
 * form or as JSON, stores a score of 1–5 and an optional comment once. A second POST → 409,
 * unknown link → 404, expired → 410.
 */
export const handler = httpHandler(async ({ event }) => (event.requestContext.http.method === 'POST' ? submit(event) : show(event)));

const tokenOf = (event: APIGatewayProxyEventV2) => event.pathParameters?.token ?? '';

async function show(event: APIGatewayProxyEventV2): Promise<HttpResult> {
  const view = await feedbackLinkView(tokenOf(event), new Date(event.requestContext.timeEpoch));
  if (view.state === 'not-found') return htmlResult(renderLinkNotFound());
  const { onboarding } = view;
  const locale = onboarding.client.locale;
  const accountManagerEmail = onboarding.accountManager.email;
  if (view.state === 'used') return htmlResult(renderFeedbackGiven({ locale, feedback: view.feedback, accountManagerEmail, mode: 'already' }));
  if (view.state === 'expired') return htmlResult(renderFeedbackExpired({ locale, accountManagerEmail }));
  return htmlResult(renderFeedbackPage({ locale, companyName: onboarding.client.companyName, formAction: event.rawPath }));
}

async function submit(event: APIGatewayProxyEventV2): Promise<HttpResult> {
  const format = bodyFormat(event);
  const now = new Date(event.requestContext.timeEpoch);
  const view = await feedbackLinkView(tokenOf(event), now);
  const answer = answers(format);
  if (view.state === 'not-found') return answer.notFound();
  if (view.state === 'used') return answer.alreadyGiven(view.onboarding, view.feedback);
  if (view.state === 'expired') return answer.expired(view.onboarding);
  const { onboarding } = view;
  const locale = onboarding.client.locale;

  const { fields, unknown } = readFormOrJson(event, FEEDBACK_FIELDS);
  if (unknown.length > 0) throw new ValidationError(unknown.map((field) => ({ pointer: `/${field}`, message: 'Unknown field' })));
  const validated = validateFeedback(fields, locale);
  if (validated.errors) {
    if (format === 'json') throw new ValidationError(validated.errors.map((e) => ({ pointer: `/${e.field}`, message: e.message })));
    return htmlResult(renderFeedbackPage({ locale, companyName: onboarding.client.companyName, formAction: event.rawPath, errors: validated.errors, values: validated.values }));
  }

  // Safe to repeat: the link is used once, so a second try after a cancelled transaction finds it used.
  const result = await retryTransient(() => submitFeedback({ link: view.link, onboarding, feedback: validated.input, at: now.toISOString() }));
  if (result.outcome === 'recorded') {
    if (format === 'json') return json(200, { score: result.feedback.score });
    return htmlResult(renderFeedbackGiven({ locale, feedback: result.feedback, accountManagerEmail: onboarding.accountManager.email, mode: 'recorded' }));
  }
  // Another POST got there first, or the link ran out meanwhile: answer as a fresh look at it says.
  const after = await feedbackLinkView(tokenOf(event), now);
  if (after.state === 'used') return answer.alreadyGiven(after.onboarding, after.feedback);
  return answer.expired(onboarding);
}

/** The refusals, as pages for a browser's form post or as problem+json for a JSON client. */
function answers(format: BodyFormat) {
  return {
    notFound(): HttpResult {
      if (format === 'json') throw new NotFoundError('This link does not exist');
      return htmlResult(renderLinkNotFound());
    },
    expired(onboarding: Onboarding): HttpResult {
      const locale = onboarding.client.locale;
      const email = onboarding.accountManager.email;
      if (format === 'json') {
        const t = FEEDBACK_PAGE_TEXT[locale].expired;
        throw new GoneError(`${t.fact} ${t.contact} ${email}.`);
      }
      return htmlResult(renderFeedbackExpired({ locale, accountManagerEmail: email }));
    },
    alreadyGiven(onboarding: Onboarding, feedback: Feedback): HttpResult {
      if (format === 'json') throw new ConflictError(`Feedback was already given through this link (${feedback.score}/5) at ${feedback.at}`, { score: feedback.score, givenAt: feedback.at });
      return htmlResult(renderFeedbackGiven({ locale: onboarding.client.locale, feedback, accountManagerEmail: onboarding.accountManager.email, mode: 'second' }));
    },
  };
}
