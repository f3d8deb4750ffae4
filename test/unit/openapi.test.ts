import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { httpFunctions, type HttpRoute } from '../../functions/catalog';
import { decisionJsonSchema, feedbackJsonSchema } from '../../functions/domain/client-forms';
import { FEEDBACK_COMMENT_MAX_LENGTH } from '../../functions/domain/client-link';
import { API_VERSION, STAFF_SECURITY, openApiPath, undescribedRoutes } from '../../functions/contract/document';
import { DECISION_FIELDS } from '../../functions/decide-agreement/decision-form';
import { FEEDBACK_FIELDS } from '../../functions/feedback-page/feedback-form';
import { COMMENT_MAX_LENGTH, NAME_MAX_LENGTH } from '../../functions/templates/pages/agreement-form-messages';
import { DOCUMENTED_API_URL, DOCUMENTED_SIGN_IN_URL, OPENAPI_DOC_PATH, documentedOpenApi, renderOpenApiDoc } from '../support/openapi-contract';

const ROOT = resolve(import.meta.dirname, '../..');
const document = documentedOpenApi();
const routes = httpFunctions().flatMap((fn) => (fn.routes ?? []).map((route) => ({ fn, route })));

type Json = Record<string, unknown>;
interface Operation {
  security?: unknown[];
  description?: string;
  'x-roles'?: string[];
  parameters?: Array<{ in: string; name: string; required?: boolean }>;
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: Json }> }>;
}

const operationOf = (route: HttpRoute): Operation | undefined =>
  (document.paths?.[openApiPath(route.path)] as Record<string, Operation> | undefined)?.[route.method.toLowerCase()];

/** A response, following a $ref into components.responses. */
function resolved(answer: Operation['responses'][string]): { content?: Record<string, { schema: Json }> } {
  if (!answer.$ref) return answer;
  const name = answer.$ref.replace('#/components/responses/', '');
  return (document.components?.responses as Record<string, { content?: Record<string, { schema: Json }> }>)[name]!;
}

const schemaNamed = (name: string) => (document.components?.schemas as Record<string, Json>)[name]!;
const refName = (schema: Json | undefined): string => (typeof schema?.$ref === 'string' ? schema.$ref.replace('#/components/schemas/', '') : '');

describe('docs/openapi.json', () => {
  it('is the document the code generates now', () => {
    expect(readFileSync(OPENAPI_DOC_PATH, 'utf8') === renderOpenApiDoc(), 'docs/openapi.json is out of date: run `npm run openapi`').toBe(true);
  });

  it('is valid OpenAPI 3.1 (@readme/openapi-parser)', async () => {
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? '' : compileErrors(result)).toBe('');
    expect(result.warnings).toEqual([]);
  });

  it('names its server, and its version is the package\'s', () => {
    expect(document.servers).toEqual([{ url: DOCUMENTED_API_URL, description: 'This API' }]);
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(API_VERSION).toBe(pkg.version);
  });
});

describe('the OpenAPI document', () => {
  it('describes every route of the catalog', () => {
    expect(undescribedRoutes(), 'describe these routes in functions/contract/operations.ts').toEqual([]);
    for (const { route } of routes) expect(operationOf(route), `${route.method} ${route.path}`).toBeDefined();
    const described = Object.values(document.paths ?? {}).reduce((count, item) => count + Object.keys(item as Json).length, 0);
    expect(described).toBe(routes.length);
  });

  it.each(routes.map(({ route }) => [`${route.method} ${route.path}`, route] as const))('%s: its access as the catalog says', (_key, route) => {
    const operation = operationOf(route)!;
    if (route.access === 'public') {
      expect(operation.security).toEqual([]);
      expect(operation['x-roles']).toBeUndefined();
      expect(operation.responses['401']).toBeUndefined();
      return;
    }
    expect(operation.security).toEqual(STAFF_SECURITY);
    expect(operation['x-roles']).toEqual([...route.access]);
    expect(operation.description).toContain(`**Roles:** ${route.access.join(', ')}.`);
    expect(resolved(operation.responses['401']!).content).toHaveProperty(['application/json']);
    expect(resolved(operation.responses['401']!).content).toHaveProperty(['application/problem+json']);
    expect(operation.responses['403']).toBeDefined();
  });

  it.each(routes.map(({ route }) => [`${route.method} ${route.path}`, route] as const))('%s: every 4xx is problem+json (or a page), and 500 and 503 are described', (_key, route) => {
    const operation = operationOf(route)!;
    for (const [status, answer] of Object.entries(operation.responses)) {
      const content = resolved(answer).content ?? {};
      const types = Object.keys(content);
      if (!/^4/.test(status)) continue;
      const htmlOnly = types.length === 1 && types[0] === 'text/html';
      expect(htmlOnly || types.includes('application/problem+json'), `${status}: ${types.join(', ')}`).toBe(true);
      expect(content['application/problem+json']?.schema ?? { $ref: '#/components/schemas/Problem' }).toEqual({ $ref: '#/components/schemas/Problem' });
      // application/json in an error is only ever API Gateway's own {"message": …}.
      if (content['application/json']) expect(refName(content['application/json'].schema)).toMatch(/^Gateway/);
    }
    expect(operation.responses['500']).toEqual({ $ref: '#/components/responses/InternalError' });
    expect(operation.responses['503']).toEqual({ $ref: '#/components/responses/TemporarilyUnavailable' });
  });

  it('describes the problem details and API Gateway\'s own bodies', () => {
    expect(schemaNamed('Problem')).toMatchObject({ type: 'object', required: ['type', 'title', 'status', 'detail'] });
    expect(Object.keys(schemaNamed('Problem').properties as Json)).toEqual(['type', 'title', 'status', 'detail', 'errors']);
    expect(schemaNamed('GatewayUnauthorized')).toMatchObject({ properties: { message: { const: 'Unauthorized' } }, required: ['message'] });
  });

  it('signs staff in with Cognito\'s authorization code flow, and sends the ID token', () => {
    const schemes = document.components?.securitySchemes as unknown as Record<string, Json>;
    expect(schemes.cognito).toMatchObject({
      type: 'oauth2',
      'x-tokenName': 'id_token',
      flows: {
        authorizationCode: {
          authorizationUrl: `${DOCUMENTED_SIGN_IN_URL}/oauth2/authorize`,
          tokenUrl: `${DOCUMENTED_SIGN_IN_URL}/oauth2/token`,
        },
      },
    });
    expect(Object.keys((schemes.cognito!.flows as { authorizationCode: { scopes: Json } }).authorizationCode.scopes)).toEqual(['openid', 'email', 'profile']);
    expect(schemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  });

  it('describes request bodies from the handlers\' schemas, as input (defaults optional, unknown fields refused)', () => {
    const post = operationOf({ method: 'POST', path: '/onboardings/{id}/analysis', access: [] })!;
    expect(refName(post.requestBody!.content['application/json']!.schema)).toBe('AnalysisSubmission');
    const item = ((schemaNamed('AnalysisSubmission').properties as Json).items as { items: Json }).items;
    expect(item.required).not.toContain('materials');
    expect(item.additionalProperties).toBe(false);
    expect(schemaNamed('Intake')).toMatchObject({ required: ['client', 'contacts', 'expectations', 'incidents'], additionalProperties: false });
    // The rate card: optional with defaults when sent, always present when answered.
    expect(schemaNamed('RateCardInput').required).not.toContain('reviewAboveCents');
    expect(schemaNamed('RateCard').required).toContain('reviewAboveCents');
  });

  it('describes the public pages\' POSTs as a form and as JSON', () => {
    for (const path of ['/agreements/{token}', '/problems/{token}', '/feedback/{token}']) {
      const operation = operationOf({ method: 'POST', path, access: 'public' })!;
      expect(Object.keys(operation.requestBody!.content), path).toEqual(['application/json', 'application/x-www-form-urlencoded']);
      expect(Object.keys(operation.responses['200']!.content!), path).toContain('text/html');
    }
    const pdf = operationOf({ method: 'GET', path: '/agreements/{token}/pdf', access: 'public' })!;
    expect(Object.keys(pdf.responses['200']!.content!)).toEqual(['application/pdf']);
  });

  it('describes the pages\' hand-checked fields with the names and bounds their validators use', () => {
    expect([...DECISION_FIELDS].sort()).toEqual(Object.keys(decisionJsonSchema.shape).sort());
    expect([...FEEDBACK_FIELDS].sort()).toEqual(Object.keys(feedbackJsonSchema.shape).sort());
    const decision = schemaNamed('Decision').properties as Record<string, Json>;
    expect(decision.name!.maxLength).toBe(NAME_MAX_LENGTH);
    expect(decision.comment!.maxLength).toBe(COMMENT_MAX_LENGTH);
    expect(decision.consent).toMatchObject({ const: true });
    const feedback = schemaNamed('Feedback').properties as Record<string, Json>;
    expect(JSON.stringify(feedback.comment)).toContain(`"maxLength":${FEEDBACK_COMMENT_MAX_LENGTH}`);
  });

  it('describes pagination on every list: limit and cursor in, items and nextCursor out', () => {
    for (const path of ['/onboardings', '/technicians', '/tickets']) {
      const operation = operationOf({ method: 'GET', path, access: [] })!;
      expect(operation.parameters?.filter((p) => p.in === 'query').map((p) => p.name), path).toEqual(expect.arrayContaining(['limit', 'cursor']));
      const page = schemaNamed(refName(operation.responses['200']!.content!['application/json']!.schema));
      expect(page).toMatchObject({ required: ['items', 'nextCursor'], properties: { nextCursor: { type: ['string', 'null'] } } });
    }
    const tickets = operationOf({ method: 'GET', path: '/tickets', access: [] })!;
    expect(tickets.parameters?.find((p) => p.name === 'assignee')?.required).toBe(true);
  });

  it('writes greedy path parameters as OpenAPI path templates', () => {
    expect(Object.keys(document.paths ?? {}).filter((path) => path.includes('+'))).toEqual([]);
    for (const path of Object.keys(document.paths ?? {})) expect(path).toMatch(/^\/[A-Za-z0-9/{}._-]*$/);
  });
});
