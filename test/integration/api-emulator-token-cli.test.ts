import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { match } from '../support/matchers';
import { startApiEmulator, type ApiEmulator, type HttpApiEvent } from '../../infra/local/api';
import { LOCAL_AUDIENCE, createLocalIssuer, localIssuerUrl } from '../../infra/local/auth';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as `npm run token` does, against the API port given. */
function runTokenCli(args: string[], apiPort: number): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'infra/local/token-cli.ts', ...args], { cwd: REPO_ROOT, env: { ...process.env, API_PORT: String(apiPort) } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('token CLI and the local issuer endpoints', () => {
  let api: ApiEmulator;
  let events: HttpApiEvent[];

  beforeAll(async () => {
    events = [];
    api = await startApiEmulator({
      port: 0,
      routes: [
        {
          method: 'GET',
          path: '/onboardings',
          access: ['account-manager', 'analyst', 'technician', 'admin'],
          handler: (event) => {
            events.push(event);
            return Promise.resolve({ items: [] });
          },
        },
      ],
      localIssuer: (url) => createLocalIssuer({ issuerUrl: localIssuerUrl(url), audience: LOCAL_AUDIENCE }),
      log: () => {},
    });
  });
  afterAll(() => api.close());

  it('prints just a token that the running emulator accepts', async () => {
    const run = await runTokenCli(['admin', 'a@b.nl'], api.port);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);

    const answer = await fetch(`${api.url}/onboardings`, { headers: { authorization: `Bearer ${run.stdout.trim()}` } });
    expect(answer.status).toBe(200);
    const claims = (events[0]!.requestContext as { authorizer?: { jwt: { claims: Record<string, string> } } }).authorizer!.jwt.claims;
    expect(claims).toMatchObject({ email: 'a@b.nl', 'cognito:groups': '[admin]', token_use: 'id', aud: LOCAL_AUDIENCE, iss: `${api.url}/local-issuer` });
  });

  it('rejects an unknown role with usage on stderr and nothing on stdout', async () => {
    const run = await runTokenCli(['superuser'], api.port);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/usage: npm run -s token -- <role> \[email\]/);
    expect(run.stderr).toContain('account-manager, analyst, technician, admin');
  });

  it('keeps API routes off the issuer’s paths', async () => {
    const issuer = await createLocalIssuer({ issuerUrl: 'http://127.0.0.1/local-issuer', audience: LOCAL_AUDIENCE });
    const handler = () => Promise.resolve({ statusCode: 200 });
    await expect(startApiEmulator({ port: 0, routes: [{ method: 'GET', path: '/local-issuer/oauth2/userInfo', access: 'public', handler }], localIssuer: issuer, log: () => {} })).rejects.toThrow(/clashes/);
  });

  it('says how to start the twin when nothing listens on API_PORT', async () => {
    const closed = await startApiEmulator({ port: 0, routes: [], log: () => {} });
    const port = closed.port;
    await closed.close();
    const run = await runTokenCli(['analyst'], port);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('npm start');
  });

  it('serves the JWKS and mints tokens over HTTP, validating the request', async () => {
    expect((await fetch(`${api.url}/.well-known/jwks.json`)).status).toBe(404);
    const jwks = (await (await fetch(`${api.url}/local-issuer/.well-known/jwks.json`)).json()) as { keys: { kty: string; d?: string }[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]!.kty).toBe('RSA');
    expect(jwks.keys[0]!.d).toBeUndefined();

    const mint = (body: unknown) =>
      fetch(`${api.url}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const ok = await mint({ roles: ['analyst', 'technician'], email: 'x@y.nl', expiresInSeconds: 120 });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ idToken: match.any(String), tokenType: 'Bearer', expiresIn: 120 });

    const unverified = (await (await mint({ role: 'admin', email: 'x@y.nl', emailVerified: false })).json()) as { idToken: string };
    expect(JSON.parse(Buffer.from(unverified.idToken.split('.')[1]!, 'base64url').toString('utf8'))).toMatchObject({ email_verified: false });
    expect((await mint({ role: 'admin', email: 'x@y.nl', emailVerified: 'no' })).status).toBe(400);
    expect((await mint({ role: 'root', email: 'x@y.nl' })).status).toBe(400);
    expect((await mint({ role: 'admin' })).status).toBe(400);
    expect((await fetch(`${api.url}/local/token`)).status).toBe(405);
  });
});
