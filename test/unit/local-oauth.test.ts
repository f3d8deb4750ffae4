import { randomBytes } from 'node:crypto';
import { createLocalJWKSet, decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  AUTHORIZATION_CODE_SECONDS,
  DEFAULT_REFRESH_TOKEN_SECONDS,
  ISSUER_ENDPOINTS,
  LOCAL_AUDIENCE,
  answerIssuerRequest,
  createLocalIssuer,
  createLocalOAuthServer,
  localCallbackUris,
  localIssuerUrl,
  localSignOutUris,
  s256Challenge,
  subjectForEmail,
  verifyS256,
  type IssuerRequest,
  type LocalIssuer,
  type LocalOAuthServer,
  type TokenResponse,
} from '../../infra/local/auth';

const API_URL = 'http://127.0.0.1:3000';
const ISSUER_URL = localIssuerUrl(API_URL);
const CLI_CALLBACK = 'http://localhost:8976/callback';

/** RFC 7636 Appendix B. */
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE S256', () => {
  it('computes the RFC 7636 test vector and verifies it', () => {
    expect(s256Challenge(RFC_VERIFIER)).toBe(RFC_CHALLENGE);
    expect(verifyS256(RFC_VERIFIER, RFC_CHALLENGE)).toBe(true);
  });

  it('refuses another verifier, a malformed one, and a plain challenge', () => {
    expect(verifyS256(`${RFC_VERIFIER.slice(0, -1)}j`, RFC_CHALLENGE)).toBe(false);
    expect(verifyS256('too-short', s256Challenge('too-short'))).toBe(false);
    expect(verifyS256(`${RFC_VERIFIER}!`, s256Challenge(`${RFC_VERIFIER}!`))).toBe(false);
    expect(verifyS256(RFC_VERIFIER, RFC_VERIFIER)).toBe(false);
  });
});

describe('redirect URI allow-list', () => {
  const callbacks = localCallbackUris({ apiUrl: API_URL });

  it.each([
    CLI_CALLBACK,
    'http://127.0.0.1:3000/docs/oauth2-redirect.html',
    'http://localhost:3000/docs/oauth2-redirect.html',
    'http://127.0.0.1:51234/callback',
    'http://localhost:40001/callback',
  ])('allows %s', (uri) => {
    expect(callbacks.allows(uri)).toBe(true);
  });

  it.each([
    'https://evil.example/callback',
    'http://evil.localhost:8976/callback',
    'http://localhost:8976/callback?next=https://evil.example',
    'http://localhost:8976/callback#x',
    'http://localhost/callback',
    'http://localhost:8976/other',
    'http://localhost:8976/x/../callback',
    'http://user@localhost:8976/callback',
    'https://localhost:8976/callback',
    'http://127.0.0.1:4000/docs/oauth2-redirect.html',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s', (uri) => {
    expect(callbacks.allows(uri)).toBe(false);
  });

  it('registers what the Cognito app client lists, on the stage’s callback port', () => {
    expect(localCallbackUris({ apiUrl: API_URL, loginCallbackPort: 9000 }).registered).toEqual([
      'http://localhost:9000/callback',
      'http://127.0.0.1:3000/docs/oauth2-redirect.html',
    ]);
    expect(localSignOutUris({ apiUrl: API_URL }).registered).toEqual(['http://localhost:8976/signed-out', 'http://127.0.0.1:3000/docs']);
  });
});

describe('local OAuth server (Cognito user-pool domain)', () => {
  let issuer: LocalIssuer;
  let oauth: LocalOAuthServer;
  let clock: number;

  beforeEach(async () => {
    clock = Date.now();
    issuer ??= await createLocalIssuer({ issuerUrl: ISSUER_URL, audience: LOCAL_AUDIENCE });
    oauth = createLocalOAuthServer(issuer, {
      callbackUris: localCallbackUris({ apiUrl: API_URL }),
      signOutUris: localSignOutUris({ apiUrl: API_URL }),
      now: () => clock,
    });
  });

  const verify = async (token: string): Promise<JWTPayload> => (await jwtVerify(token, createLocalJWKSet(issuer.jwks()), { issuer: ISSUER_URL })).payload;

  function authorizationRequest(overrides: Record<string, string | undefined> = {}): URLSearchParams {
    const params: Record<string, string | undefined> = {
      response_type: 'code',
      client_id: LOCAL_AUDIENCE,
      redirect_uri: CLI_CALLBACK,
      scope: 'openid email profile',
      state: 'state-123',
      code_challenge: RFC_CHALLENGE,
      code_challenge_method: 'S256',
      ...overrides,
    };
    return new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined));
  }

  /** Posts the authorize page's form and returns the code from the redirect. */
  function signIn(options: { role?: string; email?: string; request?: Record<string, string | undefined> } = {}): string {
    const form = authorizationRequest(options.request);
    form.set('role', options.role ?? 'account-manager');
    form.set('email', options.email ?? 'am@breakfix.example');
    const answer = oauth.signIn(form);
    expect(answer.statusCode).toBe(302);
    const location = new URL(answer.headers['location']!);
    return location.searchParams.get('code')!;
  }

  const exchange = (code: string, overrides: Record<string, string> = {}) =>
    oauth.token(new URLSearchParams({ grant_type: 'authorization_code', client_id: LOCAL_AUDIENCE, code, redirect_uri: CLI_CALLBACK, code_verifier: RFC_VERIFIER, ...overrides }));

  const body = (answer: { body: string }) => JSON.parse(answer.body) as TokenResponse & { error?: string };

  it('describes itself as Cognito does, under the issuer', () => {
    expect(oauth.openidConfiguration()).toEqual({
      issuer: ISSUER_URL,
      authorization_endpoint: `${ISSUER_URL}/oauth2/authorize`,
      token_endpoint: `${ISSUER_URL}/oauth2/token`,
      jwks_uri: `${ISSUER_URL}/.well-known/jwks.json`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      code_challenge_methods_supported: ['S256'],
      scopes_supported: ['openid', 'email', 'profile'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['none'],
    });
  });

  it('answers a valid request with the sign-in page: no script, the request in hidden fields', () => {
    const answer = oauth.authorize(authorizationRequest({ nonce: 'n-1' }));
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = answer.headers['content-security-policy']!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self' http://localhost:8976");
    expect(csp).not.toContain('script-src');
    expect(answer.body).not.toMatch(/<script/i);
    expect(answer.body).toContain('<form method="post" action="/local-issuer/oauth2/authorize"');
    for (const [name, value] of [['redirect_uri', CLI_CALLBACK], ['code_challenge', RFC_CHALLENGE], ['state', 'state-123'], ['nonce', 'n-1']]) {
      expect(answer.body).toContain(`<input type="hidden" name="${name}" value="${value}">`);
    }
    for (const role of ['account-manager', 'analyst', 'technician', 'admin']) expect(answer.body).toContain(`value="${role}"`);
  });

  it('refuses an unknown redirect URI or client with a 400 page, never a redirect', () => {
    for (const overrides of [{ redirect_uri: 'https://evil.example/callback' }, { redirect_uri: undefined }, { client_id: 'other-client' }, { client_id: undefined }]) {
      for (const answer of [oauth.authorize(authorizationRequest(overrides)), oauth.signIn(new URLSearchParams({ ...Object.fromEntries(authorizationRequest(overrides)), role: 'admin', email: 'a@b.nl' }))]) {
        expect(answer.statusCode).toBe(400);
        expect(answer.headers['location']).toBeUndefined();
        expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(answer.body).toContain('This sign-in request cannot be served');
      }
    }
  });

  it('sends other errors back to a known redirect URI, with the state (RFC 6749 §4.1.2.1, RFC 7636 §4.4.1)', () => {
    const errorOf = (overrides: Record<string, string | undefined>) => {
      const answer = oauth.authorize(authorizationRequest(overrides));
      expect(answer.statusCode).toBe(302);
      const location = new URL(answer.headers['location']!);
      expect(`${location.origin}${location.pathname}`).toBe(CLI_CALLBACK);
      expect(location.searchParams.get('state')).toBe('state-123');
      expect(location.searchParams.has('code')).toBe(false);
      return location.searchParams.get('error');
    };
    expect(errorOf({ code_challenge: undefined, code_challenge_method: undefined })).toBe('invalid_request');
    expect(errorOf({ code_challenge_method: undefined })).toBe('invalid_request');
    expect(errorOf({ code_challenge_method: 'plain', code_challenge: RFC_VERIFIER })).toBe('invalid_request');
    expect(errorOf({ code_challenge: 'short' })).toBe('invalid_request');
    expect(errorOf({ response_type: 'token' })).toBe('unsupported_response_type');
    expect(errorOf({ scope: 'openid aws.cognito.signin.user.admin' })).toBe('invalid_scope');
  });

  it('shows the page again, 400, when the role or e-mail is missing, and issues no code', () => {
    const answer = oauth.signIn(new URLSearchParams({ ...Object.fromEntries(authorizationRequest()), role: 'root', email: 'nope' }));
    expect(answer.statusCode).toBe(400);
    expect(answer.headers['location']).toBeUndefined();
    expect(answer.body).toContain('Choose a role');
    expect(answer.body).toContain('Enter an e-mail address');
  });

  it('redirects with a code and the state, then exchanges the code and verifier for Cognito-shaped tokens', async () => {
    const form = authorizationRequest({ nonce: 'nonce-9' });
    form.set('role', 'analyst');
    form.set('email', 'ana@breakfix.example');
    const redirect = oauth.signIn(form);
    expect(redirect.statusCode).toBe(302);
    const location = new URL(redirect.headers['location']!);
    expect(`${location.origin}${location.pathname}`).toBe(CLI_CALLBACK);
    expect(location.searchParams.get('state')).toBe('state-123');
    const code = location.searchParams.get('code')!;
    expect(code).toMatch(/^[\w-]{40,}$/);

    const answer = await exchange(code);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers).toMatchObject({ 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store' });
    const tokens = body(answer);
    expect(Object.keys(tokens).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'refresh_token', 'token_type']);
    expect(tokens).toMatchObject({ expires_in: 3600, token_type: 'Bearer' });
    expect(tokens.refresh_token).not.toContain('.'); // opaque, not a JWT

    const id = await verify(tokens.id_token!);
    const access = await verify(tokens.access_token);
    const sub = subjectForEmail('ana@breakfix.example');
    expect(id).toMatchObject({
      token_use: 'id',
      aud: LOCAL_AUDIENCE,
      sub,
      email: 'ana@breakfix.example',
      email_verified: true,
      'cognito:groups': ['analyst'],
      'cognito:username': sub,
      nonce: 'nonce-9',
    });
    expect(id['at_hash']).toMatch(/^[\w-]{22}$/);
    expect(access).toMatchObject({ token_use: 'access', client_id: LOCAL_AUDIENCE, scope: 'openid email profile', 'cognito:groups': ['analyst'], username: sub, sub, version: 2 });
    expect(access).not.toHaveProperty('aud');
    expect(access).not.toHaveProperty('email');
    expect(access['origin_jti']).toBe(id['origin_jti']);
    expect(access['auth_time']).toBe(id['auth_time']);
  });

  it('honours a code once: the second exchange is invalid_grant', async () => {
    const code = signIn();
    expect((await exchange(code)).statusCode).toBe(200);
    const again = await exchange(code);
    expect(again.statusCode).toBe(400);
    expect(again.body).toBe('{"error":"invalid_grant"}');
  });

  it('refuses a wrong verifier with invalid_grant, and the code is spent by the attempt', async () => {
    const code = signIn();
    const wrong = await exchange(code, { code_verifier: randomBytes(32).toString('base64url') });
    expect(wrong.statusCode).toBe(400);
    expect(body(wrong)).toEqual({ error: 'invalid_grant' });
    expect(body(await exchange(code))).toEqual({ error: 'invalid_grant' });
  });

  it('binds the code to its redirect URI', async () => {
    const code = signIn();
    expect(body(await exchange(code, { redirect_uri: 'http://localhost:9999/callback' }))).toEqual({ error: 'invalid_grant' });
  });

  it('lets a code expire after five minutes', async () => {
    const early = signIn();
    const late = signIn();
    clock += (AUTHORIZATION_CODE_SECONDS - 1) * 1000;
    expect((await exchange(early)).statusCode).toBe(200);
    clock += 1000;
    expect(body(await exchange(late))).toEqual({ error: 'invalid_grant' });
  });

  it('answers malformed token requests with Cognito’s error codes', async () => {
    const token = (params: Record<string, string>) => oauth.token(new URLSearchParams(params)).then(body);
    expect(await token({ client_id: LOCAL_AUDIENCE, code: 'x' })).toEqual({ error: 'invalid_request' });
    expect(await token({ grant_type: 'authorization_code', code: 'x' })).toEqual({ error: 'invalid_request' });
    expect(await token({ grant_type: 'authorization_code', client_id: 'other', code: 'x', redirect_uri: CLI_CALLBACK, code_verifier: RFC_VERIFIER })).toEqual({ error: 'invalid_client' });
    expect(await token({ grant_type: 'authorization_code', client_id: LOCAL_AUDIENCE, code: 'x', redirect_uri: CLI_CALLBACK })).toEqual({ error: 'invalid_request' });
    expect(await token({ grant_type: 'authorization_code', client_id: LOCAL_AUDIENCE, code: 'unknown', redirect_uri: CLI_CALLBACK, code_verifier: RFC_VERIFIER })).toEqual({ error: 'invalid_grant' });
    expect(await token({ grant_type: 'password', client_id: LOCAL_AUDIENCE })).toEqual({ error: 'unsupported_grant_type' });
    expect(await token({ grant_type: 'client_credentials', client_id: LOCAL_AUDIENCE })).toEqual({ error: 'unauthorized_client' });
  });

  it('refreshes: new ID and access tokens of the same session, no new refresh token', async () => {
    const first = body(await exchange(signIn({ role: 'technician', email: 'tim@breakfix.example' })));
    const refreshed = await oauth.token(new URLSearchParams({ grant_type: 'refresh_token', client_id: LOCAL_AUDIENCE, refresh_token: first.refresh_token! }));
    expect(refreshed.statusCode).toBe(200);
    const tokens = body(refreshed);
    expect(Object.keys(tokens).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'token_type']);
    const [before, after] = [await verify(first.id_token!), await verify(tokens.id_token!)];
    expect(after).toMatchObject({ token_use: 'id', email: 'tim@breakfix.example', email_verified: true, 'cognito:groups': ['technician'], sub: before.sub });
    expect(after.jti).not.toBe(before.jti);
    expect(after['origin_jti']).toBe(before['origin_jti']);
    expect(after['auth_time']).toBe(before['auth_time']);
    expect(decodeJwt(tokens.access_token)).toMatchObject({ token_use: 'access', client_id: LOCAL_AUDIENCE });

    // Still the same refresh token afterwards, as Cognito without rotation.
    expect((await oauth.token(new URLSearchParams({ grant_type: 'refresh_token', client_id: LOCAL_AUDIENCE, refresh_token: first.refresh_token! }))).statusCode).toBe(200);
  });

  it('refuses an unknown, foreign-client or expired refresh token', async () => {
    const { refresh_token } = body(await exchange(signIn()));
    const refresh = (params: Record<string, string>) => oauth.token(new URLSearchParams({ grant_type: 'refresh_token', client_id: LOCAL_AUDIENCE, ...params })).then(body);
    expect(await refresh({ refresh_token: 'not-one-of-ours' })).toEqual({ error: 'invalid_grant' });
    expect(await refresh({})).toEqual({ error: 'invalid_request' });
    expect(await refresh({ refresh_token: refresh_token!, client_id: 'other' })).toEqual({ error: 'invalid_client' });
    clock += DEFAULT_REFRESH_TOKEN_SECONDS * 1000;
    expect(await refresh({ refresh_token: refresh_token! })).toEqual({ error: 'invalid_grant' });
  });

  it('leaves the e-mail out of the ID token when the scopes do not cover it (openid profile), as Cognito does', async () => {
    const tokens = body(await exchange(signIn({ request: { scope: 'openid profile' } })));
    const id = await verify(tokens.id_token!);
    expect(id).not.toHaveProperty('email');
    expect(id).not.toHaveProperty('email_verified');
    expect(id).toMatchObject({ token_use: 'id', sub: subjectForEmail('am@breakfix.example') });
    // `openid` alone gives every attribute the client reads; without `openid` there is no ID token.
    expect(await verify(body(await exchange(signIn({ request: { scope: 'openid' } }))).id_token!)).toHaveProperty('email', 'am@breakfix.example');
    expect(body(await exchange(signIn({ request: { scope: 'email' } })))).not.toHaveProperty('id_token');
  });

  it('signs out to a registered sign-out URL only', () => {
    const ok = oauth.signOut(new URLSearchParams({ client_id: LOCAL_AUDIENCE, logout_uri: 'http://localhost:8976/signed-out' }));
    expect(ok).toMatchObject({ statusCode: 302, headers: { location: 'http://localhost:8976/signed-out' } });
    expect(oauth.signOut(new URLSearchParams({ client_id: LOCAL_AUDIENCE, logout_uri: 'https://evil.example/' })).statusCode).toBe(400);
    expect(oauth.signOut(new URLSearchParams({ logout_uri: 'http://localhost:8976/signed-out' })).statusCode).toBe(400);
  });

  describe('over HTTP (the emulator’s issuer paths)', () => {
    const request = (overrides: Partial<IssuerRequest>): IssuerRequest => ({
      method: 'GET',
      path: ISSUER_ENDPOINTS.openidConfiguration,
      query: '',
      contentType: undefined,
      body: undefined,
      fromLoopback: true,
      ...overrides,
    });

    it('serves discovery and the JWKS to anyone, and the sign-in and tokens to this machine only', async () => {
      expect((await answerIssuerRequest(issuer, oauth, request({ fromLoopback: false })))?.statusCode).toBe(200);
      expect((await answerIssuerRequest(issuer, oauth, request({ path: ISSUER_ENDPOINTS.jwks, fromLoopback: false })))?.statusCode).toBe(200);
      expect((await answerIssuerRequest(issuer, oauth, request({ path: ISSUER_ENDPOINTS.authorize, query: authorizationRequest().toString(), fromLoopback: false })))?.statusCode).toBe(403);
      const token = await answerIssuerRequest(issuer, oauth, request({ method: 'POST', path: ISSUER_ENDPOINTS.token, contentType: 'application/x-www-form-urlencoded', body: Buffer.from('grant_type=refresh_token'), fromLoopback: false }));
      expect(token?.statusCode).toBe(403);
    });

    it('takes only form bodies at the token endpoint (invalid_request otherwise), and only POST', async () => {
      const json = await answerIssuerRequest(issuer, oauth, request({ method: 'POST', path: ISSUER_ENDPOINTS.token, contentType: 'application/json', body: Buffer.from('{"grant_type":"refresh_token"}') }));
      expect(json).toMatchObject({ statusCode: 400, body: '{"error":"invalid_request"}' });
      expect((await answerIssuerRequest(issuer, oauth, request({ path: ISSUER_ENDPOINTS.token })))?.statusCode).toBe(405);
      const form = await answerIssuerRequest(issuer, oauth, request({ method: 'POST', path: ISSUER_ENDPOINTS.token, contentType: 'application/x-www-form-urlencoded; charset=UTF-8', body: Buffer.from(`grant_type=refresh_token&client_id=${LOCAL_AUDIENCE}&refresh_token=x`) }));
      expect(form).toMatchObject({ statusCode: 400, body: '{"error":"invalid_grant"}' });
    });

    it('answers 404 for other paths under the issuer, and leaves every other path to the API', async () => {
      expect((await answerIssuerRequest(issuer, oauth, request({ path: '/local-issuer/oauth2/userInfo' })))?.statusCode).toBe(404);
      expect(await answerIssuerRequest(issuer, oauth, request({ path: '/onboardings' }))).toBeUndefined();
      expect(await answerIssuerRequest(issuer, oauth, request({ path: '/.well-known/jwks.json' }))).toBeUndefined();
    });
  });
});
