import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UnauthenticatedError } from '../../functions/runtime/errors';
import { authorize } from '../../functions/runtime/http/caller';
import { problemFor, problemResponse } from '../../functions/runtime/http/problem';
import { createLambdaContext } from '../../infra/local/lambda-context';

/**
 * The product's own check of the token the gateway let through: only an ID token with a verified
 * e-mail names a staff member. Claims arrive as HTTP API writes them: every value a string.
 */

const ID_CLAIMS: Record<string, string> = {
  sub: '5a1c3f7e-0000-5000-8000-000000000001',
  email: 'am@breakfix.example',
  email_verified: 'true',
  'cognito:groups': '[account-manager]',
  'cognito:username': '5a1c3f7e-0000-5000-8000-000000000001',
  token_use: 'id',
  aud: 'local-twin-app-client',
  iss: 'http://127.0.0.1:3000/local-issuer',
};

/** What Cognito's access token looks like after the gateway: client_id, scope, username, no e-mail. */
const ACCESS_CLAIMS: Record<string, string> = {
  sub: ID_CLAIMS['sub']!,
  'cognito:groups': '[account-manager]',
  token_use: 'access',
  client_id: 'local-twin-app-client',
  scope: 'openid email profile',
  username: ID_CLAIMS['sub']!,
  version: '2',
  iss: ID_CLAIMS['iss']!,
};

function event(claims: Record<string, string | boolean> | undefined, routeKey = 'GET /onboardings'): APIGatewayProxyEventV2 {
  const [method, rawPath = '/'] = routeKey.split(' ');
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'localapi',
      domainName: '127.0.0.1',
      domainPrefix: '127',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: 'req-1',
      routeKey,
      stage: '$default',
      time: '01/Jan/2026:00:00:00 +0000',
      timeEpoch: 0,
      ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
    },
  } as unknown as APIGatewayProxyEventV2;
}

function refusal(claims: Record<string, string | boolean> | undefined): UnauthenticatedError {
  try {
    authorize(event(claims));
  } catch (error) {
    expect(error).toBeInstanceOf(UnauthenticatedError);
    return error as UnauthenticatedError;
  }
  throw new Error('authorize accepted the token');
}

describe('staff token check', () => {
  it('accepts an ID token with a verified e-mail, as strings or as real booleans', () => {
    expect(authorize(event(ID_CLAIMS))).toEqual({ sub: ID_CLAIMS['sub'], email: 'am@breakfix.example', roles: ['account-manager'] });
    expect(authorize(event({ ...ID_CLAIMS, email_verified: true }))?.email).toBe('am@breakfix.example');
  });

  it('refuses an access token, saying to send the ID token', () => {
    expect(refusal(ACCESS_CLAIMS).message).toMatch(/access token.*ID token/);
    expect(refusal({ ...ID_CLAIMS, token_use: 'refresh' }).message).toContain('token_use "refresh"');
    const { token_use: _dropped, ...withoutUse } = ID_CLAIMS;
    expect(refusal(withoutUse).message).toContain('token_use null');
  });

  it('refuses an ID token without an e-mail, or whose e-mail is not verified', () => {
    const { email: _email, email_verified: _verified, ...withoutEmail } = ID_CLAIMS;
    expect(refusal(withoutEmail).message).toContain('no email claim');
    expect(refusal({ ...ID_CLAIMS, email: '  ' }).message).toContain('no email claim');
    expect(refusal({ ...ID_CLAIMS, email_verified: 'false' }).message).toContain('not verified');
    const { email_verified: _v, ...unverified } = ID_CLAIMS;
    expect(refusal(unverified).message).toContain('not verified');
  });

  it('checks the token before the role: an access token of the wrong role is still a 401', () => {
    expect(refusal({ ...ACCESS_CLAIMS, 'cognito:groups': '[technician]' })).toBeInstanceOf(UnauthenticatedError);
  });

  it('leaves public routes alone', () => {
    expect(authorize(event(undefined, 'GET /agreements/{token}'))).toBeUndefined();
  });

  it('maps the refusal to a 401 problem+json titled "Sign in with an ID token"', () => {
    const response = problemResponse(problemFor(new UnauthenticatedError('why'))!);
    expect(response.statusCode).toBe(401);
    expect(response.headers).toMatchObject({ 'content-type': 'application/problem+json', 'www-authenticate': 'Bearer error="invalid_token"' });
    expect(JSON.parse(response.body as string)).toEqual({
      type: 'https://breakfix.example/problems/unauthenticated',
      title: 'Sign in with an ID token',
      status: 401,
      detail: 'why',
    });
  });

  describe('through staffHandler (the middleware every staff route uses)', () => {
    let handler: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;
    beforeAll(async () => {
      vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
      vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
      const { staffHandler, json } = await import('../../functions/runtime/http/http-handler');
      const wrapped = staffHandler(({ caller }) => Promise.resolve(json(200, caller)));
      const context = () => createLambdaContext({ functionName: 'ListOnboardings', timeoutSeconds: 10, memoryMb: 256, region: 'eu-west-1', accountId: '123456789012' });
      handler = (e) => wrapped(e, context());
    });
    afterAll(() => {
      vi.unstubAllEnvs();
    });

    it('answers an access token and an unverified e-mail with 401 problem+json, and lets the ID token in', async () => {
      for (const claims of [ACCESS_CLAIMS, { ...ID_CLAIMS, email_verified: 'false' }]) {
        const response = await handler(event(claims));
        expect(response.statusCode).toBe(401);
        expect(response.headers?.['content-type']).toBe('application/problem+json');
        expect(JSON.parse(response.body!)).toMatchObject({ status: 401, title: 'Sign in with an ID token', type: 'https://breakfix.example/problems/unauthenticated' });
      }
      const ok = await handler(event(ID_CLAIMS));
      expect(ok.statusCode).toBe(200);
      expect(JSON.parse(ok.body!)).toMatchObject({ email: 'am@breakfix.example' });
    });
  });
});
