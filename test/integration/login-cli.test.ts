import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { match } from '../support/matchers';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLIENT_ID = 'fake-client';

/**
 * A tiny stand-in for Cognito's `/oauth2/authorize` and `/oauth2/token`: the authorize step
 * redirects straight back with a code (no sign-in page), and the token step checks the code,
 * the redirect URI and the PKCE verifier against what the authorize step was given.
 */
interface FakeCognito {
  url: string;
  tokenRequests: Record<string, string>[];
  close(): Promise<void>;
}

function startFakeCognito(): Promise<FakeCognito> {
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const tokenRequests: Record<string, string>[] = [];
  let issued = 0;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'GET' && url.pathname === '/oauth2/authorize') {
      const params = Object.fromEntries(url.searchParams);
      if (params.response_type !== 'code' || params.code_challenge_method !== 'S256' || params.client_id !== CLIENT_ID || !params.code_challenge) {
        response.writeHead(400).end('bad authorize request');
        return;
      }
      const code = `code-${codes.size + 1}`;
      codes.set(code, { challenge: params.code_challenge, redirectUri: params.redirect_uri! });
      const back = new URL(params.redirect_uri!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', params.state!);
      response.writeHead(302, { location: back.href }).end();
      return;
    }
    if (request.method === 'POST' && url.pathname === '/oauth2/token') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const form = Object.fromEntries(new URLSearchParams(body));
        tokenRequests.push(form);
        const refuse = (error: string) => response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error }));
        if (request.headers['content-type'] !== 'application/x-www-form-urlencoded' || form.client_id !== CLIENT_ID) return refuse('invalid_client');
        issued += 1;
        if (form.grant_type === 'authorization_code') {
          const pending = codes.get(form.code ?? '');
          codes.delete(form.code ?? '');
          if (!pending || pending.redirectUri !== form.redirect_uri) return refuse('invalid_grant');
          const challenge = createHash('sha256').update(form.code_verifier ?? '').digest('base64url');
          if (challenge !== pending.challenge) return refuse('invalid_grant');
          return void response
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ id_token: `id-${issued}`, access_token: `access-${issued}`, refresh_token: 'refresh-1', expires_in: 3600, token_type: 'Bearer' }));
        }
        if (form.grant_type === 'refresh_token' && form.refresh_token === 'refresh-1') {
          return void response
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ id_token: `id-${issued}`, access_token: `access-${issued}`, expires_in: 3600, token_type: 'Bearer' }));
        }
        return refuse('invalid_grant');
      });
      return;
    }
    response.writeHead(404).end();
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        tokenRequests,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

interface CliRun {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first stderr line that matches. */
  waitForStderr: (pattern: RegExp) => Promise<string>;
  exit: Promise<number>;
}

/** Runs the CLI as `npm run login` does, with a home of its own (the token file lands under it). */
function runLoginCli(args: string[], home: string): CliRun {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
  delete env['XDG_CONFIG_HOME'];
  const child = spawn('npx', ['tsx', 'infra/login-cli.ts', ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const waiter of [...waiters]) {
      const line = stderr.split('\n').find((candidate) => waiter.pattern.test(candidate));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  const exit = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForStderr: (pattern) =>
      new Promise((resolve, reject) => {
        const line = stderr.split('\n').find((candidate) => pattern.test(candidate));
        if (line !== undefined) return resolve(line);
        waiters.push({ pattern, resolve });
        void exit.then((code) => reject(new Error(`The CLI exited (${code}) before printing ${pattern}:\n${stderr}`)));
      }),
    exit,
  };
}

/** The browser's part: follow the authorize URL to the redirect, then load the callback page. */
async function actAsBrowser(authorizeUrl: string): Promise<Response> {
  const redirect = await fetch(authorizeUrl, { redirect: 'manual' });
  expect(redirect.status).toBe(302);
  const callback = new URL(redirect.headers.get('location')!);
  expect(callback.hostname).toBe('localhost');
  // The CLI listens on 127.0.0.1; a browser falls back to it from ::1, fetch may not.
  callback.hostname = '127.0.0.1';
  return fetch(callback);
}

describe('npm run login against a fake Cognito', () => {
  let cognito: FakeCognito;
  let home: string;
  let running: CliRun | undefined;

  beforeAll(async () => {
    cognito = await startFakeCognito();
    home = mkdtempSync(join(tmpdir(), 'login-home-'));
  });
  afterEach(() => {
    running?.child.kill();
    running = undefined;
  });
  afterAll(() => cognito.close());

  const tokenFile = () => join(home, '.config', 'breakfix-onboarding', 'dev.json');

  it('signs in with the code grant and PKCE, stores the tokens 0600 and prints only the ID token', async () => {
    const port = await freePort();
    running = runLoginCli(['--stage', 'dev', '--domain', `${cognito.url}/`, '--client-id', CLIENT_ID, '--port', String(port), '--no-browser'], home);
    const authorizeUrl = await running.waitForStderr(/\/oauth2\/authorize\?/);
    const url = new URL(authorizeUrl.trim());
    expect(url.searchParams.get('redirect_uri')).toBe(`http://localhost:${port}/callback`);
    expect(url.searchParams.get('scope')).toBe('openid email profile');

    // A callback with another state is refused, and the CLI keeps waiting for the real one.
    const stray = await fetch(`http://127.0.0.1:${port}/callback?code=stolen&state=not-ours`);
    expect(stray.status).toBe(400);

    const page = await actAsBrowser(url.href);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(await page.text()).toContain('Signed in');

    expect(await running.exit).toBe(0);
    expect(running.stdout()).toBe('id-1\n');
    expect(cognito.tokenRequests.at(-1)).toEqual({
      grant_type: 'authorization_code',
      client_id: CLIENT_ID,
      code: 'code-1',
      redirect_uri: `http://localhost:${port}/callback`,
      code_verifier: match.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });

    expect(statSync(tokenFile()).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, '.config', 'breakfix-onboarding')).mode & 0o777).toBe(0o700);
    const stored = JSON.parse(readFileSync(tokenFile(), 'utf8')) as Record<string, unknown>;
    expect(stored).toEqual({
      id_token: 'id-1',
      access_token: 'access-1',
      refresh_token: 'refresh-1',
      expires_at: match.any(Number),
      domain: cognito.url,
      client_id: CLIENT_ID,
    });
    expect(stored.expires_at as number).toBeGreaterThan(Date.now() / 1000 + 3500);
  });

  it('refreshes with the stored refresh token, without a browser, keeping the refresh token', async () => {
    running = runLoginCli(['--stage', 'dev', '--refresh'], home);
    expect(await running.exit).toBe(0);
    expect(running.stdout()).toMatch(/^id-\d+\n$/);
    expect(cognito.tokenRequests.at(-1)).toEqual({ grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: 'refresh-1' });
    const stored = JSON.parse(readFileSync(tokenFile(), 'utf8')) as Record<string, unknown>;
    expect(stored).toMatchObject({ id_token: running.stdout().trim(), refresh_token: 'refresh-1', domain: cognito.url });
    expect(statSync(tokenFile()).mode & 0o777).toBe(0o600);
  });

  it('reads the domain, client id and port from cdk deploy --outputs-file output', async () => {
    const port = await freePort();
    const outputs = join(home, 'cdk-outputs.json');
    writeFileSync(outputs, JSON.stringify({ 'Onboarding-prod': { StaffLoginDomain: cognito.url, StaffClientId: CLIENT_ID, StaffLoginCallbackPort: String(port) } }));
    running = runLoginCli(['--stage', 'prod', '--outputs', outputs, '--no-browser'], home);
    const authorizeUrl = await running.waitForStderr(/\/oauth2\/authorize\?/);
    expect(new URL(authorizeUrl.trim()).searchParams.get('redirect_uri')).toBe(`http://localhost:${port}/callback`);
    expect((await actAsBrowser(authorizeUrl.trim())).status).toBe(200);
    expect(await running.exit).toBe(0);
    expect(running.stdout()).toMatch(/^id-\d+\n$/);
    expect(statSync(join(home, '.config', 'breakfix-onboarding', 'prod.json')).mode & 0o777).toBe(0o600);
  });

  it('fails with the sign-in error, and nothing on stdout, when the user declines', async () => {
    const port = await freePort();
    running = runLoginCli(['--stage', 'dev', '--domain', cognito.url, '--client-id', CLIENT_ID, '--port', String(port), '--no-browser'], home);
    const state = new URL((await running.waitForStderr(/\/oauth2\/authorize\?/)).trim()).searchParams.get('state')!;
    const page = await fetch(`http://127.0.0.1:${port}/callback?error=access_denied&state=${encodeURIComponent(state)}`);
    expect(page.status).toBe(400);
    expect(await running.exit).toBe(1);
    expect(running.stdout()).toBe('');
    expect(running.stderr()).toContain('Sign-in failed: access_denied');
  });

  it('refuses an unknown stage with usage on stderr', async () => {
    running = runLoginCli(['--stage', 'staging'], home);
    expect(await running.exit).toBe(2);
    expect(running.stdout()).toBe('');
    expect(running.stderr()).toMatch(/usage: npm run -s login -- --stage <dev\|prod\|local>/);
  });
});
