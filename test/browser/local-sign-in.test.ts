import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiEmulator, type ApiEmulator } from '../../infra/local/api';
import { LOCAL_AUDIENCE, createLocalIssuer, localIssuerUrl } from '../../infra/local/auth';
import { collectProblems, launchChromium } from '../support/browser';

/**
 * The local authorize page in Chromium, as `npm run login` uses it: the page shows under its
 * strict CSP without a violation, and its form's answer, a redirect to the CLI's callback on
 * another origin (http://localhost:<port>), is not blocked by `form-action`.
 */
describe('local sign-in page in a browser', () => {
  let browser: Browser;
  let api: ApiEmulator;
  let callback: Server;
  let callbackPort: number;
  const received: URL[] = [];

  beforeAll(async () => {
    api = await startApiEmulator({ port: 0, routes: [], localIssuer: (url) => createLocalIssuer({ issuerUrl: localIssuerUrl(url), audience: LOCAL_AUDIENCE }), log: () => {} });
    callback = createServer((req, res) => {
      received.push(new URL(req.url ?? '/', 'http://localhost'));
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end('<!doctype html><title>Signed in</title><p>You can close this window.</p>');
    });
    await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
    callbackPort = (callback.address() as AddressInfo).port;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => callback?.close(resolve));
    await api?.close();
  });

  it('signs in with a role and an e-mail and lands on the callback with a code that redeems', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const redirectUri = `http://localhost:${callbackPort}/callback`;
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: LOCAL_AUDIENCE,
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      state: 'browser-state',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    const page = await browser.newPage();
    const problems = collectProblems(page);
    await page.goto(`${api.url}/local-issuer/oauth2/authorize?${query.toString()}`);
    expect(await page.title()).toBe('Sign in · local twin');

    await page.getByLabel('analyst').check();
    await page.getByLabel('E-mail address').fill('ana@breakfix.example');
    await Promise.all([page.waitForURL(/\/callback\?/), page.getByRole('button', { name: 'Sign in' }).click()]);

    expect(problems).toEqual([]);
    // Chromium may ask the callback server for /favicon.ico too.
    const landed = received.find((url) => url.pathname === '/callback')!;
    expect(landed.searchParams.get('state')).toBe('browser-state');
    const code = landed.searchParams.get('code')!;
    const tokens = await fetch(`${api.url}/local-issuer/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: LOCAL_AUDIENCE, code, redirect_uri: redirectUri, code_verifier: verifier }).toString(),
    });
    expect(tokens.status).toBe(200);
    expect(await tokens.json()).toHaveProperty('id_token');
    await page.close();
  });

  it('shows the form again with its errors, still without a CSP violation', async () => {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: LOCAL_AUDIENCE,
      redirect_uri: `http://localhost:${callbackPort}/callback`,
      code_challenge: createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url'),
      code_challenge_method: 'S256',
    });
    const page = await browser.newPage();
    const problems = collectProblems(page);
    await page.goto(`${api.url}/local-issuer/oauth2/authorize?${query.toString()}`);
    // The inputs are `required`; skip the browser's own check to see the server's answer.
    await page.locator('form').evaluate((form: { setAttribute(name: string, value: string): void }) => {
      form.setAttribute('novalidate', '');
    });
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector('.error-summary');
    expect(await page.locator('.error-summary').innerText()).toContain('Choose a role');
    // Chromium logs the 400 itself; anything else (a CSP violation) is a fault.
    expect(problems.filter((problem) => !problem.includes('status of 400'))).toEqual([]);
    await page.close();
  });
});
