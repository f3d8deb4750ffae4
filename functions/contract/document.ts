import * as z from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponseObject, type oas31 } from 'zod-openapi';
import { httpFunctions, type FunctionSpec, type HttpRoute } from '../catalog';
import { GATEWAY_MESSAGES, PROBLEM_MEDIA_TYPE, problem } from './problems';
import { binaryFile, htmlPage, pdfFile, textFile } from './responses';
import { OPERATIONS, TAGS, type OperationSpec, type ResponseSpec } from './operations';

/*
 * The OpenAPI 3.1 document of the API, generated from the function catalog (every route, its
 * roles) and the zod schemas the handlers validate with (operations.ts) and answer with
 * (responses.ts). GET /openapi.json serves it for the API it runs behind; `npm run openapi` writes
 * docs/openapi.json for a placeholder server; the e2e tests check every response against it.
 */

export type OpenApiDocument = oas31.OpenAPIObject;

export interface DocumentOptions {
  /** The API's base URL, without a trailing slash: servers[0].url. */
  apiUrl: string;
  /**
   * The sign-in's base URL, without a trailing slash: Cognito's managed-login domain on AWS
   * (`https://<prefix>.auth.<region>.amazoncognito.com`), `<api url>/local-issuer` on the twin.
   * `/oauth2/authorize` and `/oauth2/token` are under it.
   */
  issuerUrl: string;
  /** The public app client id a console signs in with, when known. */
  clientId?: string;
}

export const API_TITLE = 'Break & Fix client onboarding API';
export const API_VERSION = '0.1.0';
export const OAUTH_SCOPES = ['openid', 'email', 'profile'] as const;

/** Each staff route accepts either scheme; both carry the same Cognito ID token. */
export const STAFF_SECURITY: oas31.SecurityRequirementObject[] = [{ cognito: [...OAUTH_SCOPES] }, { bearer: [] }];

const routeKey = (route: HttpRoute) => `${route.method} ${route.path}`;

/** Catalog routes that operations.ts does not describe yet (left out of the document). */
export function undescribedRoutes(): string[] {
  return httpFunctions()
    .flatMap((fn) => fn.routes ?? [])
    .map(routeKey)
    .filter((key) => !(key in OPERATIONS));
}

export function buildOpenApiDocument(options: DocumentOptions): OpenApiDocument {
  const apiUrl = options.apiUrl.replace(/\/+$/, '');
  const issuerUrl = options.issuerUrl.replace(/\/+$/, '');
  const paths: ZodOpenApiPathsObject = {};
  for (const fn of httpFunctions()) {
    for (const route of fn.routes ?? []) {
      const spec = OPERATIONS[routeKey(route)];
      if (!spec) continue;
      const item = (paths[openApiPath(route.path)] ??= {});
      item[route.method.toLowerCase() as Lowercase<HttpRoute['method']>] = operation(fn, route, spec);
    }
  }
  return createDocument(
    {
      openapi: '3.1.0',
      info: {
        title: API_TITLE,
        version: API_VERSION,
        description: [
          'Staff onboard a client: intake, analysis, an agreement the client decides on through a single-use link, tickets worked by technicians, monitoring, and a follow-up report.',
          '',
          'Staff routes need a Cognito **ID token** (`Authorization: Bearer <id token>`) with a verified e-mail address; the roles of each route are in its description and in `x-roles`. Sign in with the `cognito` scheme (authorization code with PKCE), or paste a token from `npm run login` (AWS) or `npm run token` (local twin) into `bearer`.',
          '',
          'Errors are RFC 9457 problem details (`application/problem+json`). API Gateway answers a missing or bad token, an oversized body and a failed or slow handler itself, with `{"message": "…"}` as `application/json`.',
        ].join('\n'),
      },
      servers: [{ url: apiUrl, description: 'This API' }],
      tags: TAGS.map((tag) => ({ ...tag })),
      paths,
      components: {
        securitySchemes: {
          cognito: {
            type: 'oauth2',
            description: `Sign-in with the authorization-code flow and PKCE (S256), scopes ${OAUTH_SCOPES.join(' ')}, as a public client (no secret)${options.clientId ? ` with client id \`${options.clientId}\`` : ''}. The API takes the **ID token**, not the access token.`,
            flows: {
              authorizationCode: {
                authorizationUrl: `${issuerUrl}/oauth2/authorize`,
                tokenUrl: `${issuerUrl}/oauth2/token`,
                refreshUrl: `${issuerUrl}/oauth2/token`,
                scopes: {
                  openid: 'Sign in (required)',
                  email: 'Your e-mail address: it names you on what you do, and matches you to a technician',
                  profile: 'Your name',
                },
              },
            },
            'x-tokenName': 'id_token',
            ...(options.clientId ? { 'x-client-id': options.clientId } : {}),
          },
          bearer: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: 'A Cognito ID token with a verified e-mail address, e.g. from `npm run login` (AWS) or `npm run token` (local twin).',
          },
        },
      },
    },
    {
      outputIdSuffix: 'Output',
      // z.number().int() alone says "a safe integer": leave those two bounds unsaid.
      override: ({ jsonSchema }) => {
        if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
        if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
      },
    },
  );
}

/**
 * What every route of a kind answers, once in components.responses (zod-openapi registers a
 * response by its object, so each is one object, used by reference everywhere).
 */
const COMMON = {
  unauthorized: {
    id: 'Unauthorized',
    description:
      'No token, or one the API does not take: API Gateway answers a missing, expired or wrongly signed token (`{"message":"Unauthorized"}`); the API answers a token that is not an ID token or has no verified e-mail address (problem+json).',
    content: { [PROBLEM_MEDIA_TYPE]: { schema: problem }, 'application/json': { schema: GATEWAY_MESSAGES[401] } },
  },
  payloadTooLarge: {
    id: 'PayloadTooLarge',
    description: 'The body is over 256 KB (problem+json), or over API Gateway\'s 10 MB quota (`{"message":"Request Entity Too Large"}`).',
    content: { [PROBLEM_MEDIA_TYPE]: { schema: problem }, 'application/json': { schema: GATEWAY_MESSAGES[413] } },
  },
  unsupportedMediaType: { id: 'UnsupportedMediaType', ...response({ description: 'The body is not application/json.', problem: true }) },
  unsupportedFormMediaType: {
    id: 'UnsupportedFormMediaType',
    ...response({ description: 'The body is neither application/x-www-form-urlencoded nor application/json.', problem: true }),
  },
  tooLargeToStore: {
    id: 'TooLargeToStore',
    ...response({ description: 'The change would grow a stored item past DynamoDB\'s 400 KB: `errors` names the part that takes the most room.', problem: true }),
  },
  internalError: {
    id: 'InternalError',
    description: 'Something went wrong on our side; it has been logged. API Gateway answers a handler that failed outright with `{"message":"Internal Server Error"}`.',
    content: { [PROBLEM_MEDIA_TYPE]: { schema: problem }, 'application/json': { schema: GATEWAY_MESSAGES[500] } },
  },
  temporarilyUnavailable: {
    id: 'TemporarilyUnavailable',
    description:
      'A service we depend on did not answer: send the same request again (with the same Idempotency-Key) after Retry-After. API Gateway answers a handler that took over 30 s with `{"message":"Service Unavailable"}`.',
    headers: z.object({ 'Retry-After': z.string().optional().meta({ description: 'Seconds to wait (problem+json only).' }) }),
    content: { [PROBLEM_MEDIA_TYPE]: { schema: problem }, 'application/json': { schema: GATEWAY_MESSAGES[503] } },
  },
} satisfies Record<string, ZodOpenApiResponseObject>;

function operation(fn: FunctionSpec, route: HttpRoute, spec: OperationSpec): ZodOpenApiOperationObject {
  const staff = route.access !== 'public';
  assertPathParameters(route, spec);
  const access = staff
    ? `**Roles:** ${(route.access as readonly string[]).join(', ')}.`
    : '**Public:** no token; the link\'s token in the path is the credential.';
  const responses: Record<string, ZodOpenApiResponseObject> = {};
  for (const [status, answer] of Object.entries(spec.responses)) responses[status] = response(answer);
  const add = (status: number, answer: ZodOpenApiResponseObject) => {
    responses[status] ??= answer;
  };
  if (staff) {
    add(401, COMMON.unauthorized);
    const roles = `The token's groups include none of the roles this route needs (${(route.access as readonly string[]).join(', ')}).`;
    const also = spec.responses[403]?.description;
    responses[403] = response({ description: also ? `${roles} Or: ${also}` : roles, problem: true });
  }
  if (spec.body) {
    add(413, COMMON.payloadTooLarge);
    add(415, spec.body.form ? COMMON.unsupportedFormMediaType : COMMON.unsupportedMediaType);
  }
  if (spec.writes) add(422, COMMON.tooLargeToStore);
  add(500, COMMON.internalError);
  add(503, COMMON.temporarilyUnavailable);

  const ordered = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)));
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    description: [fn.description + '.', spec.description, access].filter(Boolean).join('\n\n'),
    tags: [spec.tag],
    security: staff ? STAFF_SECURITY : [],
    ...(staff ? { 'x-roles': [...(route.access as readonly string[])] } : {}),
    ...(spec.params ? { requestParams: spec.params } : {}),
    ...(spec.body
      ? {
          requestBody: {
            required: spec.body.required,
            ...(spec.body.description ? { description: spec.body.description } : {}),
            content: {
              ...(spec.body.json ? { 'application/json': { schema: spec.body.json } } : {}),
              ...(spec.body.form ? { 'application/x-www-form-urlencoded': { schema: spec.body.form } } : {}),
            },
          },
        }
      : {}),
    responses: ordered,
  };
}

function response(answer: ResponseSpec): ZodOpenApiResponseObject {
  return {
    description: answer.description,
    ...(answer.headers ? { headers: answer.headers } : {}),
    content: {
      ...(answer.json ? { 'application/json': { schema: answer.json } } : {}),
      ...(answer.problem ? { [PROBLEM_MEDIA_TYPE]: { schema: problem } } : {}),
      ...(answer.html ? { 'text/html': { schema: htmlPage } } : {}),
      ...(answer.pdf ? { 'application/pdf': { schema: pdfFile } } : {}),
      ...Object.fromEntries((answer.files ?? []).map((type) => [type, { schema: type.startsWith('text/') ? textFile : binaryFile }])),
    },
  };
}

/** An API Gateway route path as an OpenAPI path: a greedy `{file+}` is written `{file}` (OpenAPI has no greedy parameter). */
export const openApiPath = (path: string): string => path.replace(/\{([^}+]+)\+\}/g, '{$1}');

/** The path parameters described are exactly the route's placeholders. */
function assertPathParameters(route: HttpRoute, spec: OperationSpec): void {
  const inPath = [...route.path.matchAll(/\{([^}+]+)\+?\}/g)].map((match) => match[1]!).sort();
  const described = Object.keys(spec.params?.path?.shape ?? {}).sort();
  if (inPath.join() !== described.join()) {
    throw new Error(`${routeKey(route)} has path parameters ${inPath.join(', ') || '(none)'} but describes ${described.join(', ') || '(none)'}`);
  }
}
