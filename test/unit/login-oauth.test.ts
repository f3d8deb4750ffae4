import { mkdtempSync, readFileSync, statSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  authorizeUrl,
  codeExchangeBody,
  createPkcePair,
  describeTokenError,
  loginTargetFromOutputs,
  normalizeDomain,
  parseCallback,
  parseStoredTokens,
  redirectUriFor,
  refreshBody,
  s256Challenge,
  tokenFilePath,
  tokensFromResponse,
  writeTokenFile,
  type StoredTokens,
} from '../../infra/login/oauth';

const mode = (path: string) => statSync(path).mode & 0o777;

const STORED: StoredTokens = {
  id_token: 'id.jwt.sig',
  access_token: 'access.jwt.sig',
  refresh_token: 'refresh-opaque',
  expires_at: 1_900_000_000,
  domain: 'https://breakfix-dev.auth.eu-west-1.amazoncognito.com',
  client_id: 'client-123',
};

describe('PKCE', () => {
  // RFC 7636 appendix B (also what `openssl dgst -sha256 -binary | base64` gives, made URL-safe).
  it('derives the S256 challenge of RFC 7636 appendix B', () => {
    expect(s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes a 43-character base64url verifier from 32 random bytes, with its challenge', () => {
    // The RFC's example octets give the RFC's example verifier.
    const octets = Buffer.from([
      116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83,
      132, 141, 121,
    ]);
    expect(createPkcePair(() => octets)).toEqual({
      verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
      challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    });
    const random = createPkcePair();
    expect(random.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(random.challenge).toBe(s256Challenge(random.verifier));
  });
});

describe('the authorize and token requests', () => {
  it('asks for the code grant with S256, the three scopes, the localhost callback and the state', () => {
    const url = new URL(
      authorizeUrl({ domain: STORED.domain, clientId: 'client-123', redirectUri: redirectUriFor(8976), challenge: 'abc', state: 'st' }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${STORED.domain}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client-123',
      redirect_uri: 'http://localhost:8976/callback',
      scope: 'openid email profile',
      code_challenge: 'abc',
      code_challenge_method: 'S256',
      state: 'st',
    });
    expect(url.search).toContain('scope=openid+email+profile');
  });

  it('exchanges the code with the verifier and no secret, and refreshes with the refresh token', () => {
    expect(Object.fromEntries(codeExchangeBody({ clientId: 'c', code: 'k', redirectUri: 'http://localhost:1/callback', verifier: 'v' }))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'c',
      code: 'k',
      redirect_uri: 'http://localhost:1/callback',
      code_verifier: 'v',
    });
    expect(Object.fromEntries(refreshBody({ clientId: 'c', refreshToken: 'r' }))).toEqual({ grant_type: 'refresh_token', client_id: 'c', refresh_token: 'r' });
  });

  it('takes the code only from a callback with the right state', () => {
    const at = (query: string) => new URL(`http://localhost:8976/callback?${query}`);
    expect(parseCallback(at('code=k&state=s'), 's')).toEqual({ kind: 'code', code: 'k' });
    expect(parseCallback(at('code=k&state=other'), 's')).toEqual({ kind: 'wrong-state' });
    expect(parseCallback(at('code=k'), 's')).toEqual({ kind: 'wrong-state' });
    expect(parseCallback(at('error=access_denied&error_description=no&state=s'), 's')).toEqual({ kind: 'denied', message: 'access_denied: no' });
    expect(parseCallback(at('state=s'), 's')).toMatchObject({ kind: 'denied' });
    expect(parseCallback(new URL('http://localhost:8976/favicon.ico'), 's')).toEqual({ kind: 'not-a-callback' });
  });

  it('stores what the token endpoint answers, keeping the refresh token a refresh does not repeat', () => {
    const context = { domain: STORED.domain, clientId: 'client-123', nowSeconds: 1000 };
    expect(tokensFromResponse({ id_token: 'i', access_token: 'a', refresh_token: 'r', expires_in: 3600, token_type: 'Bearer' }, context)).toEqual({
      id_token: 'i',
      access_token: 'a',
      refresh_token: 'r',
      expires_at: 4600,
      domain: STORED.domain,
      client_id: 'client-123',
    });
    expect(tokensFromResponse({ id_token: 'i2', access_token: 'a2', expires_in: 60 }, { ...context, previousRefreshToken: 'r' })).toMatchObject({
      id_token: 'i2',
      refresh_token: 'r',
      expires_at: 1060,
    });
    expect(() => tokensFromResponse({ access_token: 'a', refresh_token: 'r' }, context)).toThrow(/without an id_token/);
    expect(() => tokensFromResponse('nope', context)).toThrow(/JSON object/);
  });

  it('reads the OAuth error of a refused request', () => {
    expect(describeTokenError(400, '{"error":"invalid_grant","error_description":"Refresh Token has expired"}')).toBe('invalid_grant: Refresh Token has expired');
    expect(describeTokenError(400, '{"error":"invalid_grant"}')).toBe('invalid_grant');
    expect(describeTokenError(502, 'Bad Gateway')).toBe('HTTP 502: Bad Gateway');
  });
});

describe('the token file', () => {
  it('lives in ~/.config/breakfix-onboarding/<stage>.json, or under $XDG_CONFIG_HOME', () => {
    expect(tokenFilePath('dev', {}, '/home/sanne')).toBe('/home/sanne/.config/breakfix-onboarding/dev.json');
    expect(tokenFilePath('prod', { XDG_CONFIG_HOME: '/cfg' }, '/home/sanne')).toBe('/cfg/breakfix-onboarding/prod.json');
  });

  it('is written with mode 0600 in a 0700 directory, also over wider existing modes', () => {
    const home = mkdtempSync(join(tmpdir(), 'login-'));
    const file = tokenFilePath('dev', {}, home);
    writeTokenFile(file, STORED);
    expect(mode(file)).toBe(0o600);
    expect(mode(join(home, '.config', 'breakfix-onboarding'))).toBe(0o700);
    expect(parseStoredTokens(readFileSync(file, 'utf8'))).toEqual(STORED);

    const loose = join(home, 'loose', 'dev.json');
    mkdirSync(join(home, 'loose'), { mode: 0o755 });
    chmodSync(join(home, 'loose'), 0o755);
    writeFileSync(loose, '{}', { mode: 0o644 });
    chmodSync(loose, 0o644);
    writeTokenFile(loose, { ...STORED, id_token: 'newer' });
    expect(mode(loose)).toBe(0o600);
    expect(mode(join(home, 'loose'))).toBe(0o700);
    expect(parseStoredTokens(readFileSync(loose, 'utf8'))?.id_token).toBe('newer');
  });

  it('is recognised only when it has every field', () => {
    expect(parseStoredTokens('{"id_token":"x"}')).toBeUndefined();
    expect(parseStoredTokens('not json')).toBeUndefined();
  });
});

describe('where to sign in', () => {
  const outputs = JSON.stringify({
    'Onboarding-dev': {
      ApiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com/',
      StaffLoginDomain: 'https://breakfix-dev-123456789012.auth.eu-west-1.amazoncognito.com',
      StaffClientId: '1example23456789',
      StaffLoginCallbackPort: '8976',
      UserPoolId: 'eu-west-1_EXAMPLE',
    },
  });

  it('reads the domain, client id and port of stack Onboarding-<stage> from cdk deploy --outputs-file', () => {
    expect(loginTargetFromOutputs(outputs, 'dev')).toEqual({
      domain: 'https://breakfix-dev-123456789012.auth.eu-west-1.amazoncognito.com',
      clientId: '1example23456789',
      port: 8976,
    });
    expect(() => loginTargetFromOutputs(outputs, 'prod', 'cdk-outputs.json')).toThrow(/cdk-outputs.json has no stack Onboarding-prod \(it has Onboarding-dev\)/);
    expect(() => loginTargetFromOutputs('{', 'dev')).toThrow(/not JSON/);
  });

  it('accepts an https domain, or http on this machine (the twin), without a trailing slash', () => {
    expect(normalizeDomain('https://x.auth.eu-west-1.amazoncognito.com/')).toBe('https://x.auth.eu-west-1.amazoncognito.com');
    expect(normalizeDomain('http://127.0.0.1:3000/local-issuer/')).toBe('http://127.0.0.1:3000/local-issuer');
    expect(() => normalizeDomain('http://x.auth.eu-west-1.amazoncognito.com')).toThrow(/https/);
    expect(() => normalizeDomain('x.auth')).toThrow(/Not a URL/);
  });
});
