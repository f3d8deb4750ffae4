import { compileErrors, validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument, type OpenApiDocument } from '../../functions/contract/document';
import { startTestTwin, type TestTwin } from '../support/twin';

let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin();
});
afterAll(async () => {
  await twin?.close();
});

/**
 * GET /openapi.json on the twin: the document for this API and its sign-in. Every other e2e test
 * checks its responses against the same document (test/support/openapi-contract.ts, through
 * TestTwin.request).
 */
describe('GET /openapi.json', () => {
  it('serves a valid OpenAPI 3.1 document for this API, without a token', async () => {
    const response = await twin.request<OpenApiDocument>('GET', '/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('no-cache');

    const result = await validate(structuredClone(response.body) as never);
    expect(result.valid ? '' : compileErrors(result)).toBe('');
    expect(response.body.openapi).toBe('3.1.0');
  });

  it('names the API it came from, and the twin\'s local issuer as the sign-in (its app client, the ID token)', async () => {
    const { body } = await twin.request<OpenApiDocument>('GET', '/openapi.json');
    const api = twin.twin.urls.api;
    expect(body.servers?.[0]?.url).toBe(api);
    expect(body.components?.securitySchemes?.cognito).toMatchObject({
      type: 'oauth2',
      'x-tokenName': 'id_token',
      'x-client-id': 'local-twin-app-client',
      flows: { authorizationCode: { authorizationUrl: `${api}/local-issuer/oauth2/authorize`, tokenUrl: `${api}/local-issuer/oauth2/token` } },
    });
    // The same document the code generates, for this URL: nothing is added or lost on the way.
    expect(body).toEqual(buildOpenApiDocument({ apiUrl: api, issuerUrl: `${api}/local-issuer`, clientId: 'local-twin-app-client' }));
  });

  it('answers the same document every time (built once per container)', async () => {
    const first = await twin.request('GET', '/openapi.json');
    const second = await twin.request('GET', '/openapi.json');
    expect(second.text).toBe(first.text);
  });
});
