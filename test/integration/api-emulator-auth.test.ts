import { request } from 'node:http';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWTPayload } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { match } from '../support/matchers';
import { startApiEmulator, type ApiEmulator, type HttpApiEvent } from '../../infra/local/api';
import { createLocalIssuer, type LocalIssuer } from '../../infra/local/auth';

const ISSUER_URL = 'https://issuer.test/pool';
const AUDIENCE = 'app-client';
const UNAUTHORIZED = '{"message":"Unauthorized"}';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

function get(base: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('API emulator: JWT authorizer as API Gateway applies it', () => {
  let api: ApiEmulator;
  let issuer: LocalIssuer;
  let events: HttpApiEvent[];
  // A key the test controls, to sign tokens the local issuer would never mint.
  let testKey: CryptoKey;
  const TEST_KID = 'test-key';

  const sign = (claims: JWTPayload, header: { kid?: string } = { kid: TEST_KID }) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: ISSUER_URL, aud: AUDIENCE, iat: now, exp: now + 300, sub: 'u-1', ...claims })
      .setProtectedHeader({ alg: 'RS256', ...header })
      .sign(testKey);
  };

  beforeAll(async () => {
    issuer = await createLocalIssuer({ issuerUrl: ISSUER_URL, audience: AUDIENCE });
    const pair = await generateKeyPair('RS256', { extractable: true });
    testKey = pair.privateKey;
    const testJwk = { ...(await exportJWK(pair.publicKey)), kid: TEST_KID, alg: 'RS256' };
    const record = (event: HttpApiEvent) => {
      events.push(event);
      return Promise.resolve({ statusCode: 200, body: 'ok' });
    };
    api = await startApiEmulator({
      port: 0,
      routes: [
        { method: 'GET', path: '/onboardings/{id}', access: ['admin'], handler: record },
        { method: 'GET', path: '/agreements/{token}', access: 'public', handler: record },
      ],
      // Both the local issuer's key and the test key are trusted, as a JWKS may hold several keys.
      authorizer: { issuerUrl: ISSUER_URL, audience: AUDIENCE, jwks: { keys: [...issuer.jwks().keys, testJwk] } },
      log: () => {},
    });
  });
  afterAll(() => api.close());
  beforeEach(() => {
    events = [];
  });

  async function expectUnauthorized(headers: Record<string, string>): Promise<void> {
    const answer = await get(api.url, '/onboardings/o-1', headers);
    expect(answer.status).toBe(401);
    expect(answer.text).toBe(UNAUTHORIZED);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.headers['apigw-requestid']).toBeTruthy();
    expect(events).toHaveLength(0);
  }

  it('passes a valid token on with every claim as a string and groups in bracket form', async () => {
    const token = await issuer.mintIdToken({ roles: ['account-manager', 'admin'], email: 'a@b.nl' });
    const answer = await get(api.url, '/onboardings/o-1', { authorization: `Bearer ${token}` });

    expect(answer.status).toBe(200);
    const event = events[0]!;
    const authorizer = (event.requestContext as { authorizer?: { jwt: { claims: Record<string, unknown>; scopes: unknown } } }).authorizer;
    expect(authorizer).toEqual({ jwt: { claims: match.any(Object), scopes: null } });
    const claims = authorizer!.jwt.claims;
    expect(claims['cognito:groups']).toBe('[account-manager admin]');
    expect(claims['email']).toBe('a@b.nl');
    expect(claims['email_verified']).toBe('true');
    expect(claims['token_use']).toBe('id');
    expect(claims['exp']).toMatch(/^\d{10}$/);
    expect(claims['iat']).toMatch(/^\d{10}$/);
    expect(claims['auth_time']).toMatch(/^\d{10}$/);
    expect(Object.values(claims).every((value) => typeof value === 'string')).toBe(true);
  });

  it('accepts the bare token as well as "Bearer <token>"', async () => {
    const token = await issuer.mintIdToken({ roles: ['admin'], email: 'a@b.nl' });
    expect((await get(api.url, '/onboardings/o-1', { authorization: token })).status).toBe(200);
  });

  it('leaves roles to the handler: a technician token still reaches an admin-only route', async () => {
    const token = await issuer.mintIdToken({ roles: ['technician'], email: 't@b.nl' });
    expect((await get(api.url, '/onboardings/o-1', { authorization: `Bearer ${token}` })).status).toBe(200);
  });

  it('rejects a missing or empty Authorization header', async () => {
    await expectUnauthorized({});
    await expectUnauthorized({ authorization: 'Bearer ' });
  });

  it('rejects a garbled token', async () => {
    await expectUnauthorized({ authorization: 'Bearer not.a.jwt' });
    await expectUnauthorized({ authorization: 'Bearer abc' });
  });

  it('rejects an expired token', async () => {
    const token = await issuer.mintIdToken({ roles: ['admin'], email: 'a@b.nl', expiresInSeconds: -5 });
    await expectUnauthorized({ authorization: `Bearer ${token}` });
  });

  it('rejects a token signed by another key', async () => {
    const stranger = await createLocalIssuer({ issuerUrl: ISSUER_URL, audience: AUDIENCE });
    await expectUnauthorized({ authorization: `Bearer ${await stranger.mintIdToken({ roles: ['admin'], email: 'a@b.nl' })}` });
  });

  it('rejects a token with a tampered payload', async () => {
    const [header, , signature] = (await issuer.mintIdToken({ roles: ['technician'], email: 'a@b.nl' })).split('.');
    const forged = Buffer.from(JSON.stringify({ iss: ISSUER_URL, aud: AUDIENCE, exp: 9999999999, 'cognito:groups': ['admin'] })).toString('base64url');
    await expectUnauthorized({ authorization: `Bearer ${header}.${forged}.${signature}` });
  });

  it('accepts the test key’s baseline token, so the rejections below are about one claim each', async () => {
    expect((await get(api.url, '/onboardings/o-1', { authorization: await sign({}) })).status).toBe(200);
  });

  it('rejects the wrong audience or issuer', async () => {
    await expectUnauthorized({ authorization: `Bearer ${await sign({ aud: 'another-client' })}` });
    await expectUnauthorized({ authorization: `Bearer ${await sign({ iss: 'https://issuer.test/other-pool' })}` });
  });

  it('checks client_id only when aud is absent', async () => {
    const access = await sign({ aud: undefined, client_id: AUDIENCE, token_use: 'access' });
    expect((await get(api.url, '/onboardings/o-1', { authorization: access })).status).toBe(200);
    events = [];
    await expectUnauthorized({ authorization: await sign({ aud: 'another-client', client_id: AUDIENCE }) });
  });

  it('lets the local issuer’s access token through, as API Gateway does: its client_id is an audience', async () => {
    const token = await issuer.mintAccessToken({ roles: ['admin'], sub: 'u-1', scope: 'openid email profile' });
    const answer = await get(api.url, '/onboardings/o-1', { authorization: `Bearer ${token}` });
    expect(answer.status).toBe(200);
    const claims = (events[0]!.requestContext as { authorizer?: { jwt: { claims: Record<string, string> } } }).authorizer!.jwt.claims;
    // The gateway passes it on; the product refuses it (functions/runtime/http/caller.ts).
    expect(claims).toMatchObject({ token_use: 'access', client_id: AUDIENCE, scope: 'openid email profile', version: '2', 'cognito:groups': '[admin]' });
    expect(claims).not.toHaveProperty('aud');
    expect(claims).not.toHaveProperty('email');
  });

  it('rejects a token not yet valid, one without exp, and one without kid', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectUnauthorized({ authorization: await sign({ nbf: now + 600 }) });
    await expectUnauthorized({ authorization: await sign({ exp: undefined }) });
    await expectUnauthorized({ authorization: await sign({}, {}) });
  });

  it('calls a public route without an authorizer, whatever Authorization says', async () => {
    const answer = await get(api.url, '/agreements/tok-1', { authorization: 'Bearer garbage' });
    expect(answer.status).toBe(200);
    expect(events[0]!.requestContext).not.toHaveProperty('authorizer');
    expect(events[0]!.headers['authorization']).toBe('Bearer garbage');
  });
});
