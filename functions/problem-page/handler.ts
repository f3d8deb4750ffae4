import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { primaryContact, type Onboarding } from '../domain/onboarding';
import { reportProblem } from '../application/report-problem';
import { retryTransient } from '../application/transient-retry';
import { ConflictError, GoneError, NotFoundError, ValidationError } from '../runtime/errors';
import { bodyFormat, readFormOrJson, type BodyFormat } from '../runtime/http/form-body';
import { htmlResult } from '../runtime/http/html';
import { httpHandler, json, type HttpResult } from '../runtime/http/http-handler';
import { logger, metrics } from '../runtime/observability';
import { renderLinkNotFound } from '../templates/pages/decision-pages';
import { renderMonitoringEnded, renderProblemPage, renderProblemReceived, renderProblemRefused } from '../templates/pages/problem-page';
import { PROBLEM_PAGE_TEXT, type BoundRefusal } from '../templates/pages/problem-page-text';
import { newSubmissionId, PROBLEM_FIELDS, validateProblem } from './problem-form';
import { problemLinkView } from './problem-link-view';

/** A client's report has no skills and no estimate yet: staff refine it during triage. */
const CLIENT_CATEGORY = 'client-report';

/**
 * GET and POST /problems/{token} (public): the page behind the monitoring e-mail's link. GET shows
 * the form and changes nothing (mail scanners open links); the POST, from the form or as JSON,
 * files the problem as an incident and a ticket for the next round. The form's submission id
 * makes a double submit file one report. Ended link → 410 with the account manager's address.
 */
export const handler = httpHandler(async ({ event }) => (event.requestContext.http.method === 'POST' ? submit(event) : show(event)));

const tokenOf = (event: APIGatewayProxyEventV2) => event.pathParameters?.token ?? '';
const monitoringUntil = (onboarding: Onboarding) => (onboarding.status === 'MONITORING' ? onboarding.monitoring?.until : undefined);

async function show(event: APIGatewayProxyEventV2): Promise<HttpResult> {
  const view = await problemLinkView(tokenOf(event));
  if (view.state === 'not-found') return htmlResult(renderLinkNotFound());
  const { onboarding } = view;
  if (view.state === 'ended') return htmlResult(renderMonitoringEnded({ locale: onboarding.client.locale, accountManagerEmail: onboarding.accountManager.email }));
  return htmlResult(
    renderProblemPage({
      locale: onboarding.client.locale,
      companyName: onboarding.client.companyName,
      formAction: event.rawPath,
      submissionId: newSubmissionId(),
      monitoringUntil: monitoringUntil(onboarding),
    }),
  );
}

async function submit(event: APIGatewayProxyEventV2): Promise<HttpResult> {
  const format = bodyFormat(event);
  const now = new Date(event.requestContext.timeEpoch).toISOString();
  const view = await problemLinkView(tokenOf(event));
  const answer = answers(format);
  if (view.state === 'not-found') return answer.notFound();
  if (view.state === 'ended') return answer.ended(view.onboarding);
  const { onboarding } = view;
  const locale = onboarding.client.locale;

  const { fields, unknown } = readFormOrJson(event, PROBLEM_FIELDS);
  if (unknown.length > 0) throw new ValidationError(unknown.map((field) => ({ pointer: `/${field}`, message: 'Unknown field' })));
  const validated = validateProblem(fields, locale);
  if (validated.errors) {
    if (format === 'json') throw new ValidationError(validated.errors.map((e) => ({ pointer: `/${e.field}`, message: e.message })));
    return htmlResult(
      renderProblemPage({
        locale,
        companyName: onboarding.client.companyName,
        formAction: event.rawPath,
        submissionId: validated.submissionId,
        monitoringUntil: monitoringUntil(onboarding),
        errors: validated.errors,
        values: validated.values,
      }),
    );
  }

  const { title, description, impact, submissionId } = validated.input;
  // Safe to repeat: the submission id makes a second try a duplicate, never a second report.
  const result = await retryTransient(() =>
    reportProblem(
      onboarding.id,
      { title, description, impact, category: CLIENT_CATEGORY, source: 'client', actor: { kind: 'client', name: primaryContact(onboarding).name }, submissionId },
      now,
    ),
  );
  const received = (duplicate: boolean, ticketId?: string) =>
    htmlResult(
      renderProblemReceived({ locale, problemTitle: title, duplicate, accountManagerEmail: onboarding.accountManager.email, formAction: event.rawPath, ...(ticketId ? { ticketId } : {}) }),
    );
  switch (result.outcome) {
    case 'recorded':
      metrics.addMetric('ProblemReported', MetricUnit.Count, 1);
      logger.info('client reported a problem', { onboardingId: onboarding.id, incidentId: result.incidentId, ticketId: result.ticketId });
      return format === 'json' ? json(201, { incidentId: result.incidentId, ticketId: result.ticketId }) : received(false, result.ticketId);
    case 'duplicate':
      return format === 'json' ? json(200, { duplicate: true }) : received(true);
    case 'refused':
      return result.reason === 'closed' ? answer.ended(result.onboarding) : answer.refused(result.reason, result.onboarding);
  }
}

/** The refusals, as pages for a browser's form post or as problem+json (in the client's language) for a JSON client. */
function answers(format: BodyFormat) {
  return {
    notFound(): HttpResult {
      if (format === 'json') throw new NotFoundError('This link does not exist');
      return htmlResult(renderLinkNotFound());
    },
    ended(onboarding: Onboarding): HttpResult {
      const locale = onboarding.client.locale;
      const email = onboarding.accountManager.email;
      if (format === 'json') {
        const t = PROBLEM_PAGE_TEXT[locale].ended;
        throw new GoneError(`${t.fact} ${t.contact} ${email}.`);
      }
      return htmlResult(renderMonitoringEnded({ locale, accountManagerEmail: email }));
    },
    refused(reason: BoundRefusal, onboarding: Onboarding): HttpResult {
      const locale = onboarding.client.locale;
      const email = onboarding.accountManager.email;
      if (format === 'json') {
        const t = PROBLEM_PAGE_TEXT[locale].refused;
        throw new ConflictError(`${t.reasons[reason]} ${t.contact} ${email}.`, { reason, accountManager: email });
      }
      return htmlResult(renderProblemRefused({ locale, reason, accountManagerEmail: email }));
    },
  };
}
