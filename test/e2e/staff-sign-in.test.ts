import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validIntake } from '../support/fixtures';
import { startTestTwin, type TestTwin } from '../support/twin';

/**
 * Staff sign-in on the twin as on AWS, with plain HTTP as curl would do it: the OpenID
 * configuration, the authorize page, its form (no passwords locally: a role and an e-mail), the
 * code on the redirect, and the token endpoint with the PKCE verifier. Then what the API makes of
 * each token: the ID token works; an access token, and an ID token without an e-mail, get 401.
 */

const CALLBACK = 'http://localhost:8976/callback';
const UNAUTHORIZED = '{"message":"Unauthorized"}';

interface OpenIdConfiguration {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  code_challenge_methods_supported: string[];
  grant_types_supported: string[];
}

interface Tokens {
  id_token?: string;
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  token_type: string;
}

let twin: TestTwin;
let config: OpenIdConfiguration;

beforeAll(async () => {
  twin = await startTestTwin();
  const response = await fetch(`${twin.twin.urls.api}/local-issuer/.well-known/openid-configuration`);
  expect(response.status).toBe(200);
  config = (await response.json()) as OpenIdConfiguration;
});
afterAll(async () => {
  await twin?.close();
});

const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

/** The hidden fields and action of the authorize page's form, as a person reading the HTML would post them. */
function formOf(page: string): { action: string; fields: URLSearchParams } {
  const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
  if (!action) throw new Error('no form on the page');
  const fields = new URLSearchParams();
  for (const [, name, value] of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields.set(name!, value!.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>'));
  }
  return { action, fields };
}

/** GET authorize, then POST the page's form: the redirect's code and state. */
async function authorize(options: { challenge: string; role?: string; email?: string; scope?: string; state?: string }): Promise<{ code: string; state: string | null }> {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: twin.twin.clientId,
    redirect_uri: CALLBACK,
    scope: options.scope ?? 'openid email profile',
    state: options.state ?? randomBytes(8).toString('hex'),
    code_challenge: options.challenge,
    code_challenge_method: 'S256',
  });
  const page = await fetch(`${config.authorization_endpoint}?${query.toString()}`, { redirect: 'manual' });
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const { action, fields } = formOf(await page.text());
  fields.set('role', options.role ?? 'account-manager');
  fields.set('email', options.email ?? 'am@breakfix.example');

  const posted = await fetch(new URL(action, config.authorization_endpoint), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
    redirect: 'manual',
  });
  expect(posted.status).toBe(302);
  const location = new URL(posted.headers.get('location')!);
  expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
  return { code: location.searchParams.get('code')!, state: location.searchParams.get('state') };
}

async function token(params: Record<string, string>): Promise<{ status: number; body: Tokens & { error?: string } }> {
  const response = await fetch(config.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: twin.twin.clientId, ...params }).toString(),
  });
  return { status: response.status, body: (await response.json()) as Tokens & { error?: string } };
}

const redeem = (code: string, verifier: string) => token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK, code_verifier: verifier });

async function signIn(options: { role?: string; email?: string; scope?: string } = {}): Promise<Tokens> {
  const { verifier, challenge } = pkce();
  const { code } = await authorize({ challenge, ...options });
  const answer = await redeem(code, verifier);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

describe('staff sign-in on the twin: authorization code with PKCE, over plain HTTP', () => {
  it('publishes its OpenID configuration under the issuer, on the API’s own port', () => {
    const issuer = `${twin.twin.urls.api}/local-issuer`;
    expect(twin.twin.urls.issuer).toBe(issuer);
    expect(config).toMatchObject({
      issuer,
      authorization_endpoint: `${issuer}/oauth2/authorize`,
      token_endpoint: `${issuer}/oauth2/token`,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
    });
  });

  it('authorize → code → token: Cognito-shaped tokens that verify against the published JWKS', async () => {
    const { verifier, challenge } = pkce();
    const { code, state } = await authorize({ challenge, state: 'xyz-42' });
    expect(state).toBe('xyz-42');
    const { status, body } = await redeem(code, verifier);
    expect(status).toBe(200);
    expect(body).toMatchObject({ expires_in: 3600, token_type: 'Bearer' });
    expect(body.refresh_token).toBeTruthy();

    const jwks = createRemoteJWKSet(new URL(config.jwks_uri));
    const { payload: id } = await jwtVerify(body.id_token!, jwks, { issuer: config.issuer, audience: twin.twin.clientId });
    expect(id).toMatchObject({ token_use: 'id', email: 'am@breakfix.example', email_verified: true, 'cognito:groups': ['account-manager'] });
    const { payload: access } = await jwtVerify(body.access_token, jwks, { issuer: config.issuer });
    expect(access).toMatchObject({ token_use: 'access', client_id: twin.twin.clientId, scope: 'openid email profile' });
    expect(access).not.toHaveProperty('aud');
  });

  it('refuses a wrong verifier with invalid_grant', async () => {
    const { challenge } = pkce();
    const { code } = await authorize({ challenge });
    const answer = await redeem(code, pkce().verifier);
    expect(answer).toEqual({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('takes a code once', async () => {
    const { verifier, challenge } = pkce();
    const { code } = await authorize({ challenge });
    expect((await redeem(code, verifier)).status).toBe(200);
    expect(await redeem(code, verifier)).toEqual({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('refuses a redirect URI that is not a callback URL with a 400 page, and no redirect', async () => {
    const query = new URLSearchParams({ response_type: 'code', client_id: twin.twin.clientId, redirect_uri: 'https://evil.example/callback', code_challenge: pkce().challenge, code_challenge_method: 'S256' });
    const response = await fetch(`${config.authorization_endpoint}?${query.toString()}`, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('is not a callback URL');
  });
});

describe('the tokens the API accepts', () => {
  let tokens: Tokens;
  beforeAll(async () => {
    tokens = await signIn({ role: 'account-manager', email: 'signed-in@breakfix.example' });
  });

  it('the ID token works on a staff route', async () => {
    const response = await twin.request('GET', '/onboardings', { token: tokens.id_token! });
    expect(response.status, response.text).toBe(200);
  });

  it('an intake posted with it names the signed-in account manager', async () => {
    const posted = await twin.request<{ onboardingId: string }>('POST', '/onboardings', { token: tokens.id_token!, json: validIntake() });
    expect(posted.status, posted.text).toBe(202);
    const detail = await twin.request<{ accountManager: { email: string } }>('GET', `/onboardings/${posted.body.onboardingId}`, { token: tokens.id_token! });
    expect(detail.body.accountManager.email).toBe('signed-in@breakfix.example');
  });

  it('the access token passes the gateway but gets 401 problem+json from the API, and writes nothing', async () => {
    const read = await twin.request('GET', '/onboardings', { token: tokens.access_token });
    expect(read.status).toBe(401);
    expect(read.headers.get('content-type')).toBe('application/problem+json');
    expect(read.body).toMatchObject({ status: 401, title: 'Sign in with an ID token', type: 'https://breakfix.example/problems/unauthenticated' });
    expect((read.body as { detail: string }).detail).toContain('access token');

    const items = await twin.tableItemCount();
    const write = await twin.request('POST', '/onboardings', { token: tokens.access_token, json: validIntake() });
    expect(write.status).toBe(401);
    expect(await twin.tableItemCount()).toBe(items);
  });

  it('an ID token without an e-mail (scopes openid profile) gets 401 problem+json', async () => {
    const withoutEmail = await signIn({ scope: 'openid profile' });
    expect(decodeJwt(withoutEmail.id_token!)).not.toHaveProperty('email');
    const response = await twin.request('GET', '/onboardings', { token: withoutEmail.id_token! });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({ title: 'Sign in with an ID token' });
    expect((response.body as { detail: string }).detail).toContain('no email claim');
  });

  it('an ID token whose e-mail is not verified gets 401 problem+json', async () => {
    const minted = await fetch(`${twin.twin.urls.api}/local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'admin', email: 'new@breakfix.example', emailVerified: false }),
    });
    const { idToken } = (await minted.json()) as { idToken: string };
    const response = await twin.request('GET', '/onboardings', { token: idToken });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ title: 'Sign in with an ID token' });
    expect((response.body as { detail: string }).detail).toContain('not verified');
  });

  it('a missing or bad token still gets the gateway’s own 401 body', async () => {
    for (const token of [undefined, 'not.a.jwt']) {
      const response = await twin.request('GET', '/onboardings', token ? { token } : {});
      expect(response.status).toBe(401);
      expect(response.text).toBe(UNAUTHORIZED);
    }
  });

  it('the refresh grant gives a new ID token that works, and no new refresh token', async () => {
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).not.toHaveProperty('refresh_token');
    expect(refreshed.body.id_token).not.toBe(tokens.id_token);
    expect(decodeJwt(refreshed.body.id_token!)).toMatchObject({ email: 'signed-in@breakfix.example', 'cognito:groups': ['account-manager'] });
    const response = await twin.request('GET', '/onboardings', { token: refreshed.body.id_token! });
    expect(response.status, response.text).toBe(200);
  });

  it('twin.token (POST /local/token) still mints an ID token the API takes', async () => {
    const response = await twin.request('GET', '/onboardings', { token: await twin.token('analyst') });
    expect(response.status).toBe(200);
  });
});
