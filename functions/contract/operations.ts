import * as z from 'zod';
import { analysisSubmissionSchema } from '../domain/analysis';
import { decisionFormSchema, decisionJsonSchema, feedbackFormSchema, feedbackJsonSchema } from '../domain/client-forms';
import { IDEMPOTENCY_KEY_PATTERN } from '../domain/ids';
import { intakeSchema } from '../domain/intake';
import { LINK_TOKEN_PATTERN } from '../domain/link-token';
import { onboardingListQuerySchema, technicianListQuerySchema, ticketListQuerySchema } from '../domain/list-queries';
import { clientProblemSchema, staffIncidentSchema } from '../domain/problem';
import { releaseSchema, returnSchema } from '../domain/release';
import { newTechnicianSchema, technicianPatchSchema } from '../domain/technician';
import { holdSchema, resolveSchema, ticketPatchSchema, workLogSchema } from '../domain/ticket';
import {
  agreementPreview,
  analysisAccepted,
  decisionRecorded,
  feedbackRecorded,
  incidentReported,
  intakeAccepted,
  onboardingDetail,
  onboardingId,
  onboardingPage,
  openApiDocumentSchema,
  problemDuplicate,
  problemRecorded,
  rateCard,
  rateCardEnvelope,
  releaseAccepted,
  retryAccepted,
  technician,
  technicianChanged,
  technicianId,
  technicianPage,
  ticketId,
  ticketPage,
  ticketView,
} from './responses';

/*
 * What each route of the catalog takes and answers, keyed by its route key ("POST /onboardings").
 * document.ts turns these into the OpenAPI document and adds what every route of a kind answers:
 * 401 and 403 on staff routes, 413 and 415 where a body is read, 422 where a write may grow an
 * item past DynamoDB's limit, 500 and 503 everywhere. Request schemas are the ones the handlers
 * validate with; response schemas are in responses.ts.
 */

export type Tag = 'Onboardings' | 'Agreements' | 'Rate card' | 'Technicians' | 'Tickets' | 'Client links' | 'API';

export const TAGS: ReadonlyArray<{ name: Tag; description: string }> = [
  { name: 'Onboardings', description: 'Intake, analysis, incidents and everything known about an onboarding (staff).' },
  { name: 'Agreements', description: 'The agreement: preview, and the release of an offer held for review (staff).' },
  { name: 'Rate card', description: 'The rates and terms agreements are priced with (staff; changed by admins).' },
  { name: 'Technicians', description: 'Who works the tickets (staff; changed by admins).' },
  { name: 'Tickets', description: 'The work of an approved agreement, one ticket per incident (technicians, admins, account managers).' },
  {
    name: 'Client links',
    description:
      "Public: the pages behind the single-use links in the client's e-mails. The token in the path is the credential. A browser's form gets HTML pages; a client that posts JSON gets JSON and problem+json.",
  },
  { name: 'API', description: 'This description, and the console that reads it.' },
];

export interface ResponseSpec {
  description: string;
  /** An application/json body. */
  json?: z.ZodType;
  /** Also (or only) answered as application/problem+json. */
  problem?: boolean;
  /** Also (or only) answered as an HTML page. */
  html?: boolean;
  /** Answered as application/pdf. */
  pdf?: boolean;
  /** Static files of these media types. */
  files?: readonly string[];
  headers?: z.ZodObject;
}

export interface OperationSpec {
  operationId: string;
  summary: string;
  /** More than the catalog's description says; the roles are added by document.ts. */
  description?: string;
  tag: Tag;
  params?: { path?: z.ZodObject; query?: z.ZodObject; header?: z.ZodObject };
  body?: { json?: z.ZodType; form?: z.ZodType; required: boolean; description?: string };
  /** A write that may be refused as too large to store (422). */
  writes?: boolean;
  responses: Partial<Record<200 | 201 | 202 | 400 | 403 | 404 | 409 | 410 | 422, ResponseSpec>>;
}

// ---- parameters ---------------------------------------------------------------------------------

const onboardingPath = z.object({ id: onboardingId.meta({ description: 'The onboarding id. Anything else is 404.' }) });
const ticketPath = z.object({ id: ticketId.meta({ description: 'The ticket id. Anything else is 404.' }) });
const technicianPath = z.object({ id: technicianId.meta({ description: 'The technician id. Anything else is 404.' }) });
const linkPath = z.object({
  token: z
    .string()
    .regex(LINK_TOKEN_PATTERN)
    .meta({ description: 'The token of the link in the client\'s e-mail (43 characters, base64url). An unknown token is 404.' }),
});
const idempotencyHeader = z.object({
  'Idempotency-Key': z
    .string()
    .regex(IDEMPOTENCY_KEY_PATTERN)
    .optional()
    .meta({ description: 'Makes a retry safe: the same key with the same body answers the same onboarding (per caller); with another body, 409.' }),
});
const acceptLanguageHeader = z.object({
  'Accept-Language': z.string().optional().meta({ description: 'The language of a JSON client\'s validation problem: nl or en (by q-value); else the client\'s own language.' }),
});

const location = (description: string) => z.object({ Location: z.string().meta({ description }) });

// ---- answers ------------------------------------------------------------------------------------

const json = (schema: z.ZodType, description: string, headers?: z.ZodObject): ResponseSpec => ({ description, json: schema, ...(headers ? { headers } : {}) });
const problem = (description: string): ResponseSpec => ({ description, problem: true });
const page = (description: string): ResponseSpec => ({ description, html: true });
const pageOrProblem = (description: string): ResponseSpec => ({ description, html: true, problem: true });

const INVALID_BODY = 'The body is not JSON, or a field is invalid or unknown: `errors` names each (`pointer`).';
const INVALID_QUERY = 'A query parameter is invalid or unknown, or the cursor is not one of this list: `errors` names each (`parameter`).';
const NO_ONBOARDING = 'No onboarding with this id.';
const NO_TICKET = 'No ticket with this id.';
const NOT_ASSIGNEE = 'A technician who is not the ticket\'s assignee, or whose e-mail address matches no technician.';

const ticketAction = (operationId: string, summary: string, conflict: string, body?: z.ZodType): OperationSpec => ({
  operationId,
  summary,
  tag: 'Tickets',
  params: { path: ticketPath },
  body: body ? { json: body, required: true } : { json: z.strictObject({}), required: false, description: 'No body, or an empty JSON object.' },
  writes: true,
  responses: {
    200: json(ticketView, 'The ticket as it is now.'),
    400: problem(INVALID_BODY),
    403: problem(NOT_ASSIGNEE),
    404: problem(NO_TICKET),
    409: problem(conflict),
  },
});

export const OPERATIONS: Readonly<Record<string, OperationSpec>> = {
  'POST /onboardings': {
    operationId: 'createOnboarding',
    summary: 'Submit an intake',
    description: 'Stores the onboarding as RECEIVED and starts its workflow, which registers it and waits for the analysis.',
    tag: 'Onboardings',
    params: { header: idempotencyHeader },
    body: { json: intakeSchema.meta({ id: 'Intake' }), required: true },
    writes: true,
    responses: {
      202: json(intakeAccepted, 'Accepted: the workflow runs on.', location('The onboarding: `/onboardings/{id}`.')),
      400: problem(`${INVALID_BODY} Or the Idempotency-Key is not 1–255 printable ASCII characters (\`parameter\`).`),
      409: problem('This Idempotency-Key was used before, by the same caller, with another body.'),
    },
  },
  'GET /onboardings': {
    operationId: 'listOnboardings',
    summary: 'List onboardings',
    description: 'Newest first, one page at a time: pass `nextCursor` as `cursor` for the next page.',
    tag: 'Onboardings',
    params: { query: onboardingListQuerySchema },
    responses: { 200: json(onboardingPage, 'One page of onboardings.'), 400: problem(INVALID_QUERY) },
  },
  'GET /onboardings/{id}': {
    operationId: 'getOnboarding',
    summary: 'Get an onboarding',
    tag: 'Onboardings',
    params: { path: onboardingPath },
    responses: { 200: json(onboardingDetail, 'The onboarding, its tickets, agreements, report and timeline.'), 404: problem(NO_ONBOARDING) },
  },
  'POST /onboardings/{id}/retry': {
    operationId: 'retryOnboarding',
    summary: 'Retry a FAILED onboarding',
    description:
      'Admin only. Resumes a FAILED onboarding at the step that failed, in the status it failed in, as the execution `<onboardingId>-r<attempt>`. No body. Repeating the call for the same attempt answers the same execution and adds nothing to the timeline.',
    tag: 'Onboardings',
    params: { path: onboardingPath },
    responses: {
      202: json(retryAccepted, 'Accepted: the retry is on the timeline and its execution runs.'),
      404: problem(NO_ONBOARDING),
      409: problem('The onboarding is not FAILED, or it failed where no retry can resume it, or what the step needs is missing.'),
    },
  },
  'POST /onboardings/{id}/analysis': {
    operationId: 'submitAnalysis',
    summary: 'Submit the analysis',
    description: "One item per incident of the current round, each exactly once, within the rate card's analysis limits.",
    tag: 'Onboardings',
    params: { path: onboardingPath },
    body: { json: analysisSubmissionSchema.meta({ id: 'AnalysisSubmission' }), required: true },
    writes: true,
    responses: {
      202: json(analysisAccepted, 'Accepted: the workflow drafts the agreement.'),
      400: problem(`${INVALID_BODY} Also when the items do not match the onboarding's incidents, or exceed the rate card's analysis limits.`),
      404: problem(NO_ONBOARDING),
      409: problem('The onboarding is not waiting for an analysis (or another analyst submitted first).'),
    },
  },
  'GET /onboardings/{id}/agreement': {
    operationId: 'getAgreement',
    summary: 'Preview the current agreement',
    tag: 'Agreements',
    params: { path: onboardingPath },
    responses: { 200: json(agreementPreview, 'The current agreement version in full.'), 404: problem(`${NO_ONBOARDING} Or it has no agreement yet.`) },
  },
  'POST /onboardings/{id}/agreement/release': {
    operationId: 'releaseAgreement',
    summary: 'Release a held offer to the client',
    tag: 'Agreements',
    params: { path: onboardingPath },
    body: { json: releaseSchema.meta({ id: 'Release' }), required: false, description: 'No body, or an optional comment.' },
    writes: true,
    responses: {
      202: json(releaseAccepted, 'Accepted: the workflow re-drafts the offer valid from now and e-mails the client.'),
      400: problem(INVALID_BODY),
      404: problem(NO_ONBOARDING),
      409: problem('No offer waits for release (status not AWAITING_RELEASE), or it was released or returned already.'),
    },
  },
  'POST /onboardings/{id}/agreement/return': {
    operationId: 'returnAgreement',
    summary: 'Return a held offer to the analysts',
    tag: 'Agreements',
    params: { path: onboardingPath },
    body: { json: returnSchema.meta({ id: 'Return' }), required: true },
    writes: true,
    responses: {
      202: json(releaseAccepted, 'Accepted: the workflow sends the onboarding back for a new analysis.'),
      400: problem(INVALID_BODY),
      404: problem(NO_ONBOARDING),
      409: problem('No offer waits for release (status not AWAITING_RELEASE), or it was released or returned already.'),
    },
  },
  'POST /onboardings/{id}/incidents': {
    operationId: 'reportIncident',
    summary: 'Report a new incident',
    description: 'During implementation or monitoring. Priority defaults to the impact.',
    tag: 'Onboardings',
    params: { path: onboardingPath },
    body: { json: staffIncidentSchema.meta({ id: 'StaffIncident' }), required: true },
    writes: true,
    responses: {
      201: json(incidentReported, 'Created: the incident and its ticket.', location('The onboarding: `/onboardings/{id}`.')),
      400: problem(INVALID_BODY),
      404: problem(NO_ONBOARDING),
      409: problem('Refused: the onboarding takes no new problems now, or a bound is reached (`reason` says which); or the same problem was reported already.'),
    },
  },
  'GET /rate-card': {
    operationId: 'getRateCard',
    summary: 'Get the rate card in force',
    tag: 'Rate card',
    responses: { 200: json(rateCardEnvelope, "The stored rate card, or the stage's default until an admin stores one.") },
  },
  'PUT /rate-card': {
    operationId: 'putRateCard',
    summary: 'Replace the rate card',
    description: 'The whole card. Agreements already drafted keep the snapshot they were priced with.',
    tag: 'Rate card',
    body: { json: rateCard, required: true },
    responses: { 200: json(rateCardEnvelope, 'The card as stored, with its new version.'), 400: problem(INVALID_BODY) },
  },
  'GET /agreements/{token}': {
    operationId: 'showAgreement',
    summary: 'The agreement page behind a client\'s link',
    description: 'Changes nothing (mail scanners open links). Open: the agreement with the decision form. Decided: the agreement read-only, with what was decided, by whom and when.',
    tag: 'Client links',
    params: { path: linkPath },
    responses: { 200: page('The agreement page.'), 404: page('Unknown link.'), 410: page('The link expired.') },
  },
  'POST /agreements/{token}': {
    operationId: 'decideAgreement',
    summary: 'Record the client\'s decision',
    description: 'Once only. From the page\'s form, or as JSON (then `consent` must be `true`, and unknown members are refused).',
    tag: 'Client links',
    params: { path: linkPath, header: acceptLanguageHeader },
    body: { json: decisionJsonSchema.meta({ id: 'Decision' }), form: decisionFormSchema.meta({ id: 'DecisionForm' }), required: true },
    writes: true,
    responses: {
      200: { ...json(decisionRecorded, 'Recorded. A form post gets the confirmation page.'), html: true },
      400: {
        ...pageOrProblem('A field is invalid (JSON: `errors` names each, in the language of Content-Language). A form post gets the page again, with the errors.'),
        headers: z.object({ 'Content-Language': z.enum(['nl', 'en']).meta({ description: 'The language of a JSON client\'s problem.' }) }),
      },
      404: pageOrProblem('Unknown link.'),
      409: pageOrProblem('The agreement was decided already.'),
      410: pageOrProblem('The link expired.'),
    },
  },
  'GET /agreements/{token}/pdf': {
    operationId: 'agreementPdf',
    summary: 'The agreement\'s PDF behind a client\'s link',
    description: 'Byte for byte as e-mailed: the offer while the decision is open, the decided agreement (with its evidence page) once decided.',
    tag: 'Client links',
    params: { path: linkPath },
    responses: { 200: { description: 'The PDF.', pdf: true }, 404: page('Unknown link.'), 410: page('The link expired.') },
  },
  'GET /problems/{token}': {
    operationId: 'showProblemPage',
    summary: 'The problem-report page behind the monitoring e-mail\'s link',
    description: 'Changes nothing. The form carries a fresh `submissionId`.',
    tag: 'Client links',
    params: { path: linkPath },
    responses: { 200: page('The report form.'), 404: page('Unknown link.'), 410: page('Monitoring has ended: the page names the account manager to ask.') },
  },
  'POST /problems/{token}': {
    operationId: 'reportProblem',
    summary: 'Report a new problem (client)',
    description: 'Files the problem as an incident and a ticket for the next round. The same `submissionId` twice files one report.',
    tag: 'Client links',
    params: { path: linkPath },
    body: { json: clientProblemSchema.meta({ id: 'ClientProblem' }), form: z.object(clientProblemSchema.shape).meta({ id: 'ClientProblemForm' }), required: true },
    writes: true,
    responses: {
      201: json(problemRecorded, 'Filed (JSON).'),
      200: { ...json(problemDuplicate, 'Filed already: this `submissionId` was used (JSON). A form post gets the confirmation page either way.'), html: true },
      400: pageOrProblem('A field is invalid or unknown. A form post gets the page again, with the errors.'),
      404: pageOrProblem('Unknown link.'),
      409: pageOrProblem('Refused: a bound is reached (`reason` says which, `accountManager` whom to ask).'),
      410: pageOrProblem('Monitoring has ended: the link takes no more reports.'),
    },
  },
  'GET /feedback/{token}': {
    operationId: 'showFeedbackPage',
    summary: 'The feedback page behind the report e-mail\'s link',
    description: 'Changes nothing. Once used, it shows the feedback given, read-only.',
    tag: 'Client links',
    params: { path: linkPath },
    responses: { 200: page('The feedback form, or the feedback given.'), 404: page('Unknown link.'), 410: page('The link expired.') },
  },
  'POST /feedback/{token}': {
    operationId: 'giveFeedback',
    summary: 'Give feedback (client)',
    description: 'Once only: a score of 1–5 and an optional comment.',
    tag: 'Client links',
    params: { path: linkPath },
    body: { json: feedbackJsonSchema.meta({ id: 'Feedback' }), form: feedbackFormSchema.meta({ id: 'FeedbackForm' }), required: true },
    writes: true,
    responses: {
      200: { ...json(feedbackRecorded, 'Recorded. A form post gets the thank-you page.'), html: true },
      400: pageOrProblem('A field is invalid or unknown. A form post gets the page again, with the errors.'),
      404: pageOrProblem('Unknown link.'),
      409: pageOrProblem('Feedback was given already through this link (`score`, `givenAt`).'),
      410: pageOrProblem('The link expired.'),
    },
  },
  'GET /technicians': {
    operationId: 'listTechnicians',
    summary: 'List technicians',
    description: 'In the order they were added, one page at a time: pass `nextCursor` as `cursor` for the next page.',
    tag: 'Technicians',
    params: { query: technicianListQuerySchema },
    responses: { 200: json(technicianPage, 'One page of technicians.'), 400: problem(INVALID_QUERY) },
  },
  'POST /technicians': {
    operationId: 'addTechnician',
    summary: 'Add a technician',
    description: 'With no load. Tickets waiting for a technician are woken: the newcomer may fit them.',
    tag: 'Technicians',
    body: { json: newTechnicianSchema.meta({ id: 'NewTechnician' }), required: true },
    writes: true,
    responses: {
      201: json(technician, 'Created.'),
      400: problem(INVALID_BODY),
      409: problem('A technician with this e-mail address (in any case) exists already.'),
    },
  },
  'PATCH /technicians/{id}': {
    operationId: 'changeTechnician',
    summary: 'Change a technician',
    description: 'Any of the fields. Deactivating takes no ticket away: the answer says how many stay with them.',
    tag: 'Technicians',
    params: { path: technicianPath },
    body: { json: technicianPatchSchema.meta({ id: 'TechnicianPatch' }), required: true },
    writes: true,
    responses: {
      200: json(technicianChanged, 'The technician as stored now.'),
      400: problem(INVALID_BODY),
      404: problem('No technician with this id.'),
      409: problem('Another technician has this e-mail address, or the technician changed meanwhile (read it again).'),
    },
  },
  'GET /tickets': {
    operationId: 'listTickets',
    summary: 'List a technician\'s tickets',
    description: 'Oldest first, one page at a time: pass `nextCursor` as `cursor` for the next page. A technician sees their own (`assignee=me`); an admin names any technician.',
    tag: 'Tickets',
    params: { query: ticketListQuerySchema },
    responses: {
      200: json(ticketPage, 'One page of tickets.'),
      400: problem(INVALID_QUERY),
      403: problem('A technician naming another technician, or whose e-mail address matches no technician.'),
      404: problem('No technician with this id.'),
    },
  },
  'POST /tickets/{id}/acknowledge': ticketAction('acknowledgeTicket', 'Acknowledge a ticket', 'The ticket is not ASSIGNED (not yet assigned, or acknowledged already).'),
  'POST /tickets/{id}/work-log': ticketAction('logWork', 'Log work on a ticket', 'The ticket is not being worked on, or its work log is full.', workLogSchema.meta({ id: 'WorkLogEntry' })),
  'POST /tickets/{id}/hold': ticketAction('holdTicket', 'Put a ticket on hold', 'The ticket cannot be put on hold now (or is on hold already).', holdSchema.meta({ id: 'Hold' })),
  'POST /tickets/{id}/resume': ticketAction('resumeTicket', 'Resume a ticket on hold', 'The ticket is not on hold.'),
  'POST /tickets/{id}/resolve': ticketAction(
    'resolveTicket',
    'Resolve a ticket',
    'The ticket is not ACKNOWLEDGED (acknowledge or resume it first), or was resolved already (`resolution` shows how).',
    resolveSchema.meta({ id: 'Resolution' }),
  ),
  'PATCH /tickets/{id}': {
    operationId: 'updateTicket',
    summary: 'Refine a ticket',
    description: 'The priority until the ticket is resolved (its due times are computed again); the skills and the estimate while it is OPEN.',
    tag: 'Tickets',
    params: { path: ticketPath },
    body: { json: ticketPatchSchema.meta({ id: 'TicketPatch' }), required: true },
    writes: true,
    responses: {
      200: json(ticketView, 'The ticket as it is now.'),
      400: problem(INVALID_BODY),
      404: problem(NO_TICKET),
      409: problem('The field cannot change in the ticket\'s status, or the ticket changed meanwhile.'),
    },
  },
  'GET /openapi.json': {
    operationId: 'getOpenApiDocument',
    summary: 'This OpenAPI description',
    description: 'OpenAPI 3.1, generated from the zod schemas the handlers validate with. Its server is the API it was fetched from.',
    tag: 'API',
    responses: { 200: json(openApiDocumentSchema, 'The document.', z.object({ 'Cache-Control': z.literal('no-cache') })) },
  },
  'GET /docs': {
    operationId: 'showApiConsole',
    summary: 'The API console',
    description: 'An interactive reference of this document; sign in there to try the staff routes.',
    tag: 'API',
    responses: { 200: page('The console.') },
  },
  'GET /docs/{file+}': {
    operationId: 'getApiConsoleFile',
    summary: 'A file of the API console',
    description: "Swagger UI's script, style sheet, OAuth2 redirect page and icon, from the npm package, and the console's initializer: served by us, never from a CDN.",
    tag: 'API',
    params: { path: z.object({ file: z.string().meta({ description: 'The file name, e.g. `swagger-ui-bundle.js`. Any other name is 404.' }) }) },
    responses: {
      200: { description: 'The file (gzipped when the request accepts it).', files: ['text/javascript', 'text/css', 'text/html', 'image/png'] },
      404: problem('The console has no such file.'),
    },
  },
};
