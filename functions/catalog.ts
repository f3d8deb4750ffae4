/**
 * The one list of every Lambda function. CDK (infra/) and the local twin (infra/local/) both read
 * it, and handlers read their own routes' roles from it, so nothing about a function is written
 * twice. Data only: importing this module must stay cheap (no SDK, no handler code).
 */

export const ROLES = ['account-manager', 'analyst', 'technician', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const STAFF: readonly Role[] = ROLES;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRoute {
  method: HttpMethod;
  /** API Gateway route path, with `{param}` placeholders. */
  path: string;
  /** Staff roles allowed (JWT authorizer + role middleware), or 'public' (no authorizer). */
  access: readonly Role[] | 'public';
  /** A public route that is not a client link page: why it needs no sign-in (CDK acknowledges cdk-nag's APIG4 with it). */
  publicBecause?: string;
}

export interface FunctionGrants {
  /**
   * DynamoDB on the stage table and its indexes, never Scan: 'read' (GetItem, BatchGetItem, Query,
   * ConditionCheckItem); 'readWrite' adds PutItem and UpdateItem; 'readWriteDelete' adds DeleteItem,
   * for the few functions that remove an item (inside a transaction too: IAM checks each action).
   */
  table?: 'read' | 'readWrite' | 'readWriteDelete';
  /** May send e-mail from the stage's SES identity. */
  email?: boolean;
  /** May put addresses on SES's account-level suppression list and read it (ses:PutSuppressedDestination, GetSuppressedDestination). */
  suppression?: boolean;
  /** Step Functions actions on the onboarding state machine. */
  stateMachine?: readonly ('start' | 'callback')[];
  /** Reads the history of the onboarding state machine's executions (states:GetExecutionHistory): where one failed. */
  executionHistory?: boolean;
  /** Reads the stage's link-signing secret, to put single-use links into e-mails. */
  linkSigningKey?: boolean;
  /** Needs the API's public URL (PUBLIC_BASE_URL): client links, and the API calls staff e-mails name. */
  publicBaseUrl?: boolean;
  /** Needs the staff sign-in's app client id and base URL (STAFF_CLIENT_ID, STAFF_SIGN_IN_URL): the API console. */
  staffSignIn?: boolean;
  /** Needs the stage's stuckAfterHours per status (STUCK_AFTER_HOURS): the stuck-onboarding sweep. */
  stuckAfterHours?: boolean;
}

/** A function run on a schedule (an EventBridge rule on AWS, an interval in the twin). */
export interface FunctionSchedule {
  /** Minutes between runs. */
  everyMinutes: number;
}

export interface FunctionSpec {
  /** PascalCase; also the CDK construct id and the twin's function name. */
  name: string;
  /** Repo-relative path of the handler module; its export is `handler`. */
  entry: string;
  description: string;
  /** Substitution key in statemachines/onboarding.asl.json, for workflow steps. */
  aslKey?: string;
  routes?: readonly HttpRoute[];
  grants: FunctionGrants;
  schedule?: FunctionSchedule;
  /**
   * Errors the workflow expects from this function and handles as outcomes (a Catch that is part
   * of the flow, not a failure): they page nobody.
   */
  expectedErrors?: readonly string[];
  timeoutSeconds?: number;
  memoryMb?: number;
  /**
   * A repo-relative folder of plain files the function reads at run time (never imported, so not in
   * its bundle): CDK copies it to `assets/` beside the bundle's index.mjs, and the code finds it with
   * `new URL('./assets/<file>', import.meta.url)` from a module in the folder's parent, which is the
   * same place when the twin runs the source. The function must read them lazily, not at module load.
   */
  bundledFiles?: string;
}

/**
 * Memory and timeout of every function unless its spec overrides them, on AWS and on the twin alike.
 * 15 s leaves room for a loaded CI machine running the twin; the stage's policy.stepTimeoutSeconds
 * (the ASL's task timeout) must stay at or above every function's timeout.
 */
export const FUNCTION_DEFAULTS = { timeoutSeconds: 15, memoryMb: 512 } as const;

/** The timeout and memory a function runs with: its own, or the catalog default. */
export function functionLimits(spec: Pick<FunctionSpec, 'timeoutSeconds' | 'memoryMb'>): { timeoutSeconds: number; memoryMb: number } {
  return { timeoutSeconds: spec.timeoutSeconds ?? FUNCTION_DEFAULTS.timeoutSeconds, memoryMb: spec.memoryMb ?? FUNCTION_DEFAULTS.memoryMb };
}

const CONSOLE_IS_PUBLIC =
  'the API console is a page and Swagger UI\'s static files, with no data in them; staff sign in inside it, and every call it makes goes to the staff routes with their JWT authorizer';

export const FUNCTIONS = [
  {
    name: 'CreateOnboarding',
    entry: 'functions/create-onboarding/handler.ts',
    description: 'Intake: validates and stores an onboarding, then starts its workflow execution',
    routes: [{ method: 'POST', path: '/onboardings', access: ['account-manager', 'admin'] }],
    grants: { table: 'readWrite', stateMachine: ['start'] },
  },
  {
    name: 'ListOnboardings',
    entry: 'functions/list-onboardings/handler.ts',
    description: 'Lists onboardings, optionally by status, newest first, paginated',
    routes: [{ method: 'GET', path: '/onboardings', access: STAFF }],
    grants: { table: 'read' },
  },
  {
    name: 'GetOnboarding',
    entry: 'functions/get-onboarding/handler.ts',
    description: 'Returns one onboarding with everything known about it and its timeline',
    routes: [{ method: 'GET', path: '/onboardings/{id}', access: STAFF }],
    grants: { table: 'read' },
  },
  {
    name: 'RetryOnboarding',
    entry: 'functions/retry-onboarding/handler.ts',
    description: 'Retry (admin): resumes a FAILED onboarding at the step that failed, as the execution <id>-r<attempt>',
    routes: [{ method: 'POST', path: '/onboardings/{id}/retry', access: ['admin'] }],
    grants: { table: 'readWrite', stateMachine: ['start'] },
  },
  {
    name: 'ResumeOnboarding',
    entry: 'functions/resume-onboarding/handler.ts',
    description: 'Workflow step: a retried onboarding goes from FAILED back to the status it failed in',
    aslKey: 'ResumeOnboardingFunctionArn',
    grants: { table: 'readWrite' },
  },
  {
    name: 'StartStrandedIntakes',
    entry: 'functions/start-stranded-intakes/handler.ts',
    description: 'Every 10 minutes: starts the execution of every intake stored as RECEIVED whose start was lost (a crash before StartExecution)',
    schedule: { everyMinutes: 10 },
    grants: { table: 'read', stateMachine: ['start'] },
  },
  {
    name: 'RegisterOnboarding',
    entry: 'functions/register-onboarding/handler.ts',
    description: 'Workflow step: marks the onboarding REGISTERED, confirms to the client, notifies analysts',
    aslKey: 'RegisterOnboardingFunctionArn',
    grants: { table: 'readWrite', email: true, publicBaseUrl: true },
  },
  {
    name: 'SubmitAnalysis',
    entry: 'functions/submit-analysis/handler.ts',
    description: 'Stores the analysts\' analysis as a new version and resumes the workflow',
    routes: [{ method: 'POST', path: '/onboardings/{id}/analysis', access: ['analyst', 'admin'] }],
    grants: { table: 'readWrite', stateMachine: ['callback'] },
  },
  {
    name: 'GetRateCard',
    entry: 'functions/get-rate-card/handler.ts',
    description: 'Returns the rate card agreements are priced with',
    routes: [{ method: 'GET', path: '/rate-card', access: STAFF }],
    grants: { table: 'read' },
  },
  {
    name: 'PutRateCard',
    entry: 'functions/put-rate-card/handler.ts',
    description: 'Replaces the rate card (admin); agreements already drafted keep their snapshot',
    routes: [{ method: 'PUT', path: '/rate-card', access: ['admin'] }],
    grants: { table: 'readWrite' },
  },
  {
    name: 'ShowAgreement',
    entry: 'functions/show-agreement/handler.ts',
    description: 'Public: the HTML confirm page behind a client\'s single-use link; changes nothing',
    routes: [{ method: 'GET', path: '/agreements/{token}', access: 'public' }],
    grants: { table: 'read' },
  },
  {
    name: 'DecideAgreement',
    entry: 'functions/decide-agreement/handler.ts',
    description: 'Public: records the client\'s decision once, with evidence, and resumes the workflow',
    routes: [{ method: 'POST', path: '/agreements/{token}', access: 'public' }],
    grants: { table: 'readWrite', stateMachine: ['callback'] },
  },
  {
    name: 'AgreementPdf',
    entry: 'functions/agreement-pdf/handler.ts',
    description: 'Public: the agreement\'s PDF behind a client\'s link, as e-mailed: the offer, or the decided agreement once decided',
    routes: [{ method: 'GET', path: '/agreements/{token}/pdf', access: 'public' }],
    grants: { table: 'read' },
  },
  {
    name: 'AwaitAnalysis',
    entry: 'functions/await-analysis/handler.ts',
    description: 'Workflow step: AWAITING_ANALYSIS; keeps the task token until the analysis arrives',
    aslKey: 'AwaitAnalysisFunctionArn',
    grants: { table: 'readWrite', stateMachine: ['callback'] },
  },
  {
    name: 'RemindAnalysts',
    entry: 'functions/remind-analysts/handler.ts',
    description: 'Workflow step: reminds the analysts of an overdue analysis, then escalates to the account manager',
    aslKey: 'RemindAnalystsFunctionArn',
    grants: { table: 'readWrite', email: true, publicBaseUrl: true },
  },
  {
    name: 'DraftAgreement',
    entry: 'functions/draft-agreement/handler.ts',
    description: 'Workflow step: prices the analysis into an immutable agreement version',
    aslKey: 'DraftAgreementFunctionArn',
    grants: { table: 'readWrite' },
  },
  {
    name: 'AwaitRelease',
    entry: 'functions/await-release/handler.ts',
    description: 'Workflow step: AWAITING_RELEASE; e-mails the account manager the held offer and keeps the task token',
    aslKey: 'AwaitReleaseFunctionArn',
    grants: { table: 'readWrite', email: true, stateMachine: ['callback'], publicBaseUrl: true },
  },
  {
    name: 'RemindRelease',
    entry: 'functions/remind-release/handler.ts',
    description: 'Workflow step: reminds the account manager of a held offer, then escalates once to operations',
    aslKey: 'RemindReleaseFunctionArn',
    grants: { table: 'readWrite', email: true, publicBaseUrl: true },
  },
  {
    name: 'ApplyRelease',
    entry: 'functions/apply-release/handler.ts',
    description: 'Workflow step: a released offer is re-drafted valid from now (AGREEMENT_SENT); a returned one goes back to the analysts',
    aslKey: 'ApplyReleaseFunctionArn',
    grants: { table: 'readWrite', email: true, publicBaseUrl: true },
  },
  {
    name: 'ReleaseAgreement',
    entry: 'functions/release-agreement/handler.ts',
    description: 'Releases a held offer to the client, or returns it to the analysts, and resumes the workflow',
    routes: [
      { method: 'POST', path: '/onboardings/{id}/agreement/release', access: ['account-manager', 'admin'] },
      { method: 'POST', path: '/onboardings/{id}/agreement/return', access: ['account-manager', 'admin'] },
    ],
    grants: { table: 'readWrite', stateMachine: ['callback'] },
  },
  {
    name: 'GetAgreement',
    entry: 'functions/get-agreement/handler.ts',
    description: 'Returns the onboarding\'s current agreement version in full, for staff to preview',
    routes: [{ method: 'GET', path: '/onboardings/{id}/agreement', access: STAFF }],
    grants: { table: 'read' },
  },
  {
    name: 'AwaitClientDecision',
    entry: 'functions/await-client-decision/handler.ts',
    description: 'Workflow step: AGREEMENT_SENT; e-mails the client a single-use link and keeps the task token',
    aslKey: 'AwaitClientDecisionFunctionArn',
    grants: { table: 'readWrite', email: true, stateMachine: ['callback'], linkSigningKey: true, publicBaseUrl: true },
    // Renders a PDF (the largest agreement in about 2 s on one core): more memory is more CPU on Lambda.
    timeoutSeconds: 30,
    memoryMb: 1024,
  },
  {
    name: 'RemindClient',
    entry: 'functions/remind-client/handler.ts',
    description: 'Workflow step: reminds the client of the agreement with the same link',
    aslKey: 'RemindClientFunctionArn',
    grants: { table: 'readWrite', email: true, linkSigningKey: true, publicBaseUrl: true },
  },
  {
    name: 'ExpireAgreement',
    entry: 'functions/expire-agreement/handler.ts',
    description: 'Workflow step: no decision in time; revokes the link, EXPIRED, account manager notified',
    aslKey: 'ExpireAgreementFunctionArn',
    grants: { table: 'readWrite', email: true, publicBaseUrl: true },
  },
  {
    name: 'ApplyClientDecision',
    entry: 'functions/apply-client-decision/handler.ts',
    description: 'Workflow step: applies the client\'s decision (approve, decline, request changes)',
    aslKey: 'ApplyClientDecisionFunctionArn',
    grants: { table: 'readWrite', email: true, publicBaseUrl: true },
    // Renders a PDF (the largest agreement in about 2 s on one core): more memory is more CPU on Lambda.
    timeoutSeconds: 30,
    memoryMb: 1024,
  },
  {
    name: 'CreateTickets',
    entry: 'functions/create-tickets/handler.ts',
    description: 'Workflow step: one ticket per approved agreement line, with its SLA due times on the business-hours clock',
    aslKey: 'CreateTicketsFunctionArn',
    grants: { table: 'readWrite' },
  },
  {
    name: 'AssignTechnician',
    entry: 'functions/assign-technician/handler.ts',
    description: 'Workflow step: assigns a ticket to a technician with its skills and free capacity, or fails with NoTechnicianAvailable',
    aslKey: 'AssignTechnicianFunctionArn',
    grants: { table: 'readWrite', email: true, publicBaseUrl: true },
    expectedErrors: ['NoTechnicianAvailable'],
  },
  {
    name: 'PlanTechnicianWait',
    entry: 'functions/plan-technician-wait/handler.ts',
    description: 'Workflow step: nobody fits a ticket; decides how long to wait and escalates once to the account manager',
    aslKey: 'PlanTechnicianWaitFunctionArn',
    grants: { table: 'readWrite', email: true, publicBaseUrl: true },
  },
  {
    name: 'AwaitTechnician',
    entry: 'functions/await-technician/handler.ts',
    description: 'Workflow step: keeps the task token of a ticket that waits for a technician, until one is added, changed or freed',
    aslKey: 'AwaitTechnicianFunctionArn',
    grants: { table: 'readWrite', stateMachine: ['callback'] },
  },
  {
    name: 'AwaitResolution',
    entry: 'functions/await-resolution/handler.ts',
    description: 'Workflow step: keeps the task token of an assigned ticket until its technician resolves it',
    aslKey: 'AwaitResolutionFunctionArn',
    grants: { table: 'readWrite', stateMachine: ['callback'] },
  },
  {
    name: 'StartMonitoring',
    entry: 'functions/start-monitoring/handler.ts',
    description: 'Workflow step: the round is resolved; MONITORING, the client is e-mailed how to report a new problem (or a pending problem starts the next round)',
    aslKey: 'StartMonitoringFunctionArn',
    grants: { table: 'readWrite', email: true, linkSigningKey: true, publicBaseUrl: true },
  },
  {
    name: 'AwaitMonitoring',
    entry: 'functions/await-monitoring/handler.ts',
    description: 'Workflow step: keeps the monitoring wait\'s task token, which a newly reported problem sends back',
    aslKey: 'AwaitMonitoringFunctionArn',
    grants: { table: 'readWrite', stateMachine: ['callback'] },
  },
  {
    name: 'SendFollowUpReport',
    entry: 'functions/send-follow-up-report/handler.ts',
    description: 'Workflow step: the immutable follow-up report, e-mailed to the client with a feedback link; COMPLETED',
    aslKey: 'SendFollowUpReportFunctionArn',
    grants: { table: 'readWrite', email: true, linkSigningKey: true, publicBaseUrl: true },
    // Renders a PDF (the largest agreement in about 2 s on one core): more memory is more CPU on Lambda.
    timeoutSeconds: 30,
    memoryMb: 1024,
  },
  {
    name: 'StartRound',
    entry: 'functions/start-round/handler.ts',
    description: 'Workflow step: the problems reported since the last round become the next round of tickets',
    aslKey: 'StartRoundFunctionArn',
    grants: { table: 'readWrite' },
  },
  {
    name: 'ReportIncident',
    entry: 'functions/report-incident/handler.ts',
    description: 'Staff report a new incident during implementation or monitoring; it becomes a ticket in the next round',
    routes: [{ method: 'POST', path: '/onboardings/{id}/incidents', access: STAFF }],
    grants: { table: 'readWrite', stateMachine: ['callback'] },
  },
  {
    name: 'ProblemPage',
    entry: 'functions/problem-page/handler.ts',
    description: 'Public: the page behind the monitoring e-mail\'s link, where the client reports a new problem',
    routes: [
      { method: 'GET', path: '/problems/{token}', access: 'public' },
      { method: 'POST', path: '/problems/{token}', access: 'public' },
    ],
    grants: { table: 'readWrite', stateMachine: ['callback'] },
  },
  {
    name: 'FeedbackPage',
    entry: 'functions/feedback-page/handler.ts',
    description: 'Public: the feedback form behind the report e-mail\'s single-use link (score 1–5 and a comment)',
    routes: [
      { method: 'GET', path: '/feedback/{token}', access: 'public' },
      { method: 'POST', path: '/feedback/{token}', access: 'public' },
    ],
    grants: { table: 'readWrite' },
  },
  {
    name: 'Technicians',
    entry: 'functions/technicians/handler.ts',
    description: 'Technicians: list (staff), add and change (admin); a change wakes tickets waiting for a technician',
    routes: [
      { method: 'GET', path: '/technicians', access: STAFF },
      { method: 'POST', path: '/technicians', access: ['admin'] },
      { method: 'PATCH', path: '/technicians/{id}', access: ['admin'] },
    ],
    // A changed e-mail address deletes the old address's claim item (in the same transaction).
    grants: { table: 'readWriteDelete', stateMachine: ['callback'] },
  },
  {
    name: 'ListTickets',
    entry: 'functions/list-tickets/handler.ts',
    description: 'A technician\'s tickets (?assignee=me), or any technician\'s for an admin, by status',
    routes: [{ method: 'GET', path: '/tickets', access: ['technician', 'admin'] }],
    grants: { table: 'read' },
  },
  {
    name: 'TicketActions',
    entry: 'functions/ticket-actions/handler.ts',
    description: 'The assignee (or an admin) acknowledges, logs work on, holds, resumes and resolves a ticket; resolving resumes the workflow',
    routes: [
      { method: 'POST', path: '/tickets/{id}/acknowledge', access: ['technician', 'admin'] },
      { method: 'POST', path: '/tickets/{id}/work-log', access: ['technician', 'admin'] },
      { method: 'POST', path: '/tickets/{id}/resolve', access: ['technician', 'admin'] },
      { method: 'POST', path: '/tickets/{id}/hold', access: ['technician', 'admin'] },
      { method: 'POST', path: '/tickets/{id}/resume', access: ['technician', 'admin'] },
    ],
    grants: { table: 'readWrite', stateMachine: ['callback'] },
  },
  {
    name: 'UpdateTicket',
    entry: 'functions/update-ticket/handler.ts',
    description: 'Refines a ticket: priority until resolved (due times recomputed), skills and estimate while open',
    routes: [{ method: 'PATCH', path: '/tickets/{id}', access: ['account-manager', 'admin'] }],
    grants: { table: 'readWrite', stateMachine: ['callback'] },
  },
  {
    name: 'SweepSla',
    entry: 'functions/sweep-sla/handler.ts',
    description: 'Every 5 minutes: warns at 80 % of a due time and marks and escalates each SLA breach once',
    schedule: { everyMinutes: 5 },
    grants: { table: 'readWrite', email: true, publicBaseUrl: true },
  },
  {
    name: 'SweepCallbacks',
    entry: 'functions/sweep-callbacks/handler.ts',
    description: 'Every 5 minutes: delivers every recorded task-token callback a route could not send (SendTaskSuccess), and removes the settled ones',
    schedule: { everyMinutes: 5 },
    // Removes each callback once it is settled.
    grants: { table: 'readWriteDelete', stateMachine: ['callback'] },
  },
  {
    name: 'HandleFailure',
    entry: 'functions/handle-failure/handler.ts',
    description: 'Workflow step: marks the onboarding FAILED and alerts operations',
    aslKey: 'HandleFailureFunctionArn',
    grants: { table: 'readWrite', email: true, publicBaseUrl: true, executionHistory: true },
  },
  {
    name: 'HandleEmailEvent',
    entry: 'functions/handle-email-event/handler.ts',
    description: 'SES bounce, complaint or reject (EventBridge): suppresses the address, marks the contact, tells the account manager or operations',
    grants: { table: 'readWrite', email: true, suppression: true, publicBaseUrl: true },
  },
  {
    name: 'ApiConsole',
    entry: 'functions/api-console/handler.ts',
    description: 'Public: the API console (Swagger UI from swagger-ui-dist, served by us) with staff sign-in by OAuth2 PKCE',
    routes: [
      { method: 'GET', path: '/docs', access: 'public', publicBecause: CONSOLE_IS_PUBLIC },
      { method: 'GET', path: '/docs/{file+}', access: 'public', publicBecause: CONSOLE_IS_PUBLIC },
    ],
    grants: { staffSignIn: true },
    // Swagger UI's files (npm run console-assets), beside the bundle rather than in it (about 1.9 MB).
    bundledFiles: 'functions/api-console/assets',
  },
  {
    name: 'SweepStuckOnboardings',
    entry: 'functions/sweep-stuck-onboardings/handler.ts',
    description: 'Hourly: counts and names the onboardings in one status longer than the stage allows (StuckOnboardings), through the status index',
    schedule: { everyMinutes: 60 },
    grants: { table: 'read', stuckAfterHours: true },
  },
  {
    name: 'ApiDescription',
    entry: 'functions/api-description/handler.ts',
    description: 'Public: the OpenAPI 3.1 description of this API, generated from the catalog and the zod schemas the handlers validate with',
    routes: [
      {
        method: 'GET',
        path: '/openapi.json',
        access: 'public',
        publicBecause: 'the description of the API holds no data: the routes, their roles and the shapes of requests and answers, as docs/openapi.json in the repository',
      },
    ],
    grants: { publicBaseUrl: true, staffSignIn: true },
  },
] as const satisfies readonly FunctionSpec[];

export type FunctionName = (typeof FUNCTIONS)[number]['name'];

export const httpFunctions = (): FunctionSpec[] => FUNCTIONS.filter((f: FunctionSpec) => f.routes?.length);
export const workflowFunctions = (): FunctionSpec[] => FUNCTIONS.filter((f: FunctionSpec) => f.aslKey);
export const scheduledFunctions = (): FunctionSpec[] => FUNCTIONS.filter((f: FunctionSpec) => f.schedule);

/** The roles allowed on `routeKey` ("POST /onboardings"), as API Gateway names a route. */
export function accessFor(routeKey: string): HttpRoute['access'] | undefined {
  for (const fn of FUNCTIONS as readonly FunctionSpec[]) {
    for (const route of fn.routes ?? []) {
      if (`${route.method} ${route.path}` === routeKey) return route.access;
    }
  }
  return undefined;
}
