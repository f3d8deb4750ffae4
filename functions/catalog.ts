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
}

export interface FunctionGrants {
  table?: 'read' | 'readWrite';
  /** May send e-mail from the stage's SES identity. */
  email?: boolean;
  /** Step Functions actions on the onboarding state machine. */
  stateMachine?: readonly ('start' | 'callback')[];
}

export interface FunctionSpec {
  /** PascalCase; also the CDK construct id and the twin's function name. */
  name: string;
  /** Repo-relative path of the handler module; its export is `handler`. */
  entry: string;
  description: string;
  /** Substitution key in statemachines/onboarding.asl.json, for workflow stages. */
  aslKey?: string;
  routes?: readonly HttpRoute[];
  grants: FunctionGrants;
  timeoutSeconds?: number;
  memoryMb?: number;
}

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
    name: 'RegisterOnboarding',
    entry: 'functions/register-onboarding/handler.ts',
    description: 'Workflow stage: marks the onboarding REGISTERED, confirms to the client, notifies analysts',
    aslKey: 'RegisterOnboardingFunctionArn',
    grants: { table: 'readWrite', email: true },
  },
  {
    name: 'HandleFailure',
    entry: 'functions/handle-failure/handler.ts',
    description: 'Workflow stage: marks the onboarding FAILED and alerts operations',
    aslKey: 'HandleFailureFunctionArn',
    grants: { table: 'readWrite', email: true },
  },
] as const satisfies readonly FunctionSpec[];

export type FunctionName = (typeof FUNCTIONS)[number]['name'];

export const httpFunctions = (): FunctionSpec[] => FUNCTIONS.filter((f: FunctionSpec) => f.routes?.length);
export const workflowFunctions = (): FunctionSpec[] => FUNCTIONS.filter((f: FunctionSpec) => f.aslKey);

/** The roles allowed on `routeKey` ("POST /onboardings"), as API Gateway names a route. */
export function accessFor(routeKey: string): HttpRoute['access'] | undefined {
  for (const fn of FUNCTIONS as readonly FunctionSpec[]) {
    for (const route of fn.routes ?? []) {
      if (`${route.method} ${route.path}` === routeKey) return route.access;
    }
  }
  return undefined;
}
