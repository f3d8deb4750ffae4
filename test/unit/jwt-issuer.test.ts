import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLocalIssuer, localIssuerUrl, subjectForEmail, type LocalIssuer } from '../../infra/local/auth';

const ISSUER_URL = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_twin';
const AUDIENCE = 'test-app-client';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('local issuer', () => {
  let issuer: LocalIssuer;
  beforeAll(async () => {
    issuer = await createLocalIssuer({ issuerUrl: ISSUER_URL, audience: AUDIENCE });
  });

  it('mints a token shaped like a Cognito ID token', async () => {
    const before = Math.floor(Date.now() / 1000);
    const token = await issuer.mintIdToken({ roles: ['account-manager', 'admin'], email: 'a@b.nl' });
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(issuer.jwks()), { issuer: ISSUER_URL, audience: AUDIENCE });

    expect(protectedHeader).toEqual({ alg: 'RS256', kid: issuer.kid });
    expect(payload).toMatchObject({
      email: 'a@b.nl',
      email_verified: true,
      aud: AUDIENCE,
      iss: ISSUER_URL,
      token_use: 'id',
      'cognito:groups': ['account-manager', 'admin'],
    });
    expect(payload.sub).toMatch(UUID);
    expect(payload['cognito:username']).toBe(payload.sub);
    expect(payload.jti).toMatch(UUID);
    expect(payload.iat).toBeGreaterThanOrEqual(before);
    expect(payload['auth_time']).toBe(payload.iat);
    expect(payload.exp).toBe(payload.iat! + 3600);
  });

  it('derives a stable sub from the e-mail unless one is given', async () => {
    const first = await issuer.mintIdToken({ roles: ['analyst'], email: 'Ana@Example.nl' });
    const again = await issuer.mintIdToken({ roles: ['analyst'], email: 'ana@example.nl' });
    const other = await issuer.mintIdToken({ roles: ['analyst'], email: 'bob@example.nl' });
    const given = await issuer.mintIdToken({ roles: ['analyst'], email: 'ana@example.nl', sub: 'fixed-sub' });
    const sub = async (t: string) => (await jwtVerify(t, createLocalJWKSet(issuer.jwks()))).payload.sub;

    expect(await sub(first)).toBe(subjectForEmail('ana@example.nl'));
    expect(await sub(again)).toBe(await sub(first));
    expect(await sub(other)).not.toBe(await sub(first));
    expect(await sub(given)).toBe('fixed-sub');
    expect(subjectForEmail('ana@example.nl')[14]).toBe('5'); // UUID version 5
  });

  it('leaves cognito:groups out for a user without groups, as Cognito does', async () => {
    const token = await issuer.mintIdToken({ roles: [], email: 'nobody@b.nl' });
    const { payload } = await jwtVerify(token, createLocalJWKSet(issuer.jwks()));
    expect(payload).not.toHaveProperty('cognito:groups');
  });

  it('honours expiresInSeconds, and an expired token fails verification', async () => {
    const short = await issuer.mintIdToken({ roles: ['technician'], email: 't@b.nl', expiresInSeconds: 60 });
    const { payload } = await jwtVerify(short, createLocalJWKSet(issuer.jwks()));
    expect(payload.exp! - payload.iat!).toBe(60);

    const expired = await issuer.mintIdToken({ roles: ['technician'], email: 't@b.nl', expiresInSeconds: -60 });
    await expect(jwtVerify(expired, createLocalJWKSet(issuer.jwks()))).rejects.toThrow(/exp/);
  });

  it('publishes only the public key, and another issuer’s key does not verify its tokens', async () => {
    const { keys } = issuer.jwks();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', kid: issuer.kid, alg: 'RS256', use: 'sig' });
    expect(keys[0]).not.toHaveProperty('d');
    expect(keys[0]).not.toHaveProperty('p');

    const other = await createLocalIssuer({ issuerUrl: ISSUER_URL, audience: AUDIENCE });
    const token = await other.mintIdToken({ roles: ['admin'], email: 'a@b.nl' });
    expect(decodeProtectedHeader(token).kid).not.toBe(issuer.kid);
    await expect(jwtVerify(token, createLocalJWKSet(issuer.jwks()))).rejects.toThrow();
  });

  it('mints an access token shaped like Cognito’s: client_id and scope, no aud, no e-mail', async () => {
    const sub = subjectForEmail('a@b.nl');
    const token = await issuer.mintAccessToken({ roles: ['analyst'], sub, scope: 'openid email profile' });
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(issuer.jwks()), { issuer: ISSUER_URL });

    expect(protectedHeader).toEqual({ alg: 'RS256', kid: issuer.kid });
    expect(payload).toMatchObject({
      sub,
      'cognito:groups': ['analyst'],
      iss: ISSUER_URL,
      version: 2,
      client_id: AUDIENCE,
      token_use: 'access',
      scope: 'openid email profile',
      username: sub,
    });
    expect(payload).not.toHaveProperty('aud');
    expect(payload).not.toHaveProperty('email');
    expect(payload.exp).toBe(payload.iat! + 3600);
    expect(payload['origin_jti']).toMatch(UUID);
  });

  it('mints an unverified e-mail, or none, when asked (tokens the API must refuse)', async () => {
    const unverified = (await jwtVerify(await issuer.mintIdToken({ roles: ['admin'], email: 'a@b.nl', emailVerified: false }), createLocalJWKSet(issuer.jwks()))).payload;
    expect(unverified).toMatchObject({ email: 'a@b.nl', email_verified: false });
    const without = (await jwtVerify(await issuer.mintIdToken({ roles: ['admin'], email: 'a@b.nl', withoutEmail: true }), createLocalJWKSet(issuer.jwks()))).payload;
    expect(without).not.toHaveProperty('email');
    expect(without).not.toHaveProperty('email_verified');
    expect(without.sub).toBe(subjectForEmail('a@b.nl'));
  });

  it('puts the twin’s issuer on the API’s own port', () => {
    expect(localIssuerUrl('http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000/local-issuer');
    expect(localIssuerUrl('http://127.0.0.1:51234/')).toBe('http://127.0.0.1:51234/local-issuer');
  });

  it('refuses to mint without an e-mail', async () => {
    await expect(issuer.mintIdToken({ roles: ['admin'], email: ' ' })).rejects.toThrow(/e-mail/);
  });
});
