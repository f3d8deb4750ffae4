import { mkdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { decodeJwt } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectProblems, launchChromium } from '../support/browser';
import { CONSOLE_ASSET_FILES, consoleAssetFileBytes, sha256 } from '../support/console-assets';
import { validIntake } from '../support/fixtures';
import { startTestTwin, type TestTwin } from '../support/twin';

/**
 * The API console (GET /docs) on the twin: Swagger UI from swagger-ui-dist, served by the
 * ApiConsole function under a strict CSP, signing in through the local issuer's authorize page
 * with the authorization-code flow and PKCE, then posting an intake with "Try it out" using the
 * ID token. Headless Chromium; any console error (a CSP violation among them) fails.
 */
const SCREENSHOT_DIR = 'test-results';
const SHOTS = {
  page: `${SCREENSHOT_DIR}/api-console.png`,
  signIn: `${SCREENSHOT_DIR}/api-console-sign-in.png`,
  authorized: `${SCREENSHOT_DIR}/api-console-authorized.png`,
  executed: `${SCREENSHOT_DIR}/api-console-intake-posted.png`,
};
const CONSOLE_EMAIL = 'console-am@breakfix.example';

let twin: TestTwin;
let browser: Browser;
let api: string;

beforeAll(async () => {
  // CI installs Debian's chromium; without it this test must fail loudly, never skip silently.
  [twin, browser] = await Promise.all([startTestTwin(), launchChromium()]);
  api = twin.twin.urls.api;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await twin?.close();
});

/** A GET with the path sent exactly as written (fetch would resolve `..` before sending). */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const { hostname, port } = new URL(api);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Records every CSP violation the page reports, besides the console messages (no DOM types here: the scripts are strings). */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(
    "window.cspViolations = []; document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));",
  );
  return () => page.evaluate<string[]>('window.cspViolations');
}

describe('the API console over HTTP, on the twin', () => {
  it('GET /docs: the page that loads only our copies of Swagger UI, under a strict CSP', async () => {
    const response = await rawGet('/docs');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    // The twin's issuer is on the API's own origin; on AWS the Cognito domain takes its place.
    expect(response.headers['content-security-policy']).toBe(
      `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ${new URL(api).origin}; ` +
        "form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
    );
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['cache-control']).toBe('no-store');
    const page = response.body.toString('utf8');
    // Relative to the page, so a stage prefix is kept; nothing from another host, no inline script.
    expect([...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'docs/swagger-ui.css',
      'docs/favicon-32x32.png',
      'docs/swagger-ui-bundle.js',
      'docs/console-init.js',
    ]);
    expect(page).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>|<style|style=/);
    expect(page).toContain(`data-client-id="${twin.twin.clientId}"`);
  });

  it("GET /docs/{file}: swagger-ui-dist's files byte for byte, with their types, cached a day, never sniffed", async () => {
    const types: Record<string, string> = {
      'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
      'swagger-ui.css': 'text/css; charset=utf-8',
      'oauth2-redirect.html': 'text/html; charset=utf-8',
      'oauth2-redirect.js': 'text/javascript; charset=utf-8',
      'favicon-32x32.png': 'image/png',
    };
    for (const asset of CONSOLE_ASSET_FILES) {
      const response = await rawGet(`/docs/${asset.file}`);
      expect(response.status, asset.file).toBe(200);
      expect(response.headers['content-type'], asset.file).toBe(types[asset.file]);
      expect(response.headers['cache-control'], asset.file).toBe('public, max-age=86400');
      expect(response.headers['x-content-type-options'], asset.file).toBe('nosniff');
      expect(response.headers['content-encoding'], asset.file).toBeUndefined();
      expect(sha256(response.body), asset.file).toBe(sha256(consoleAssetFileBytes(asset)));
    }
    // The redirect page runs its one script from our origin, and nothing else.
    expect((await rawGet('/docs/oauth2-redirect.html')).headers['content-security-policy']).toBe(
      "default-src 'none'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    // Our initializer may change with any deploy: revalidated, not cached for a day.
    const init = await rawGet('/docs/console-init.js');
    expect(init.status).toBe(200);
    expect(init.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(init.headers['cache-control']).toBe('no-cache');
    expect(init.body.toString('utf8')).toContain('usePkceWithAuthorizationCodeGrant: true');
  });

  it('gzips the text files for a browser that accepts it, and says it varies', async () => {
    const bundle = CONSOLE_ASSET_FILES.find((a) => a.file === 'swagger-ui-bundle.js')!;
    const response = await rawGet('/docs/swagger-ui-bundle.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers.vary).toBe('accept-encoding');
    expect(response.body.length).toBeLessThan(consoleAssetFileBytes(bundle).length / 3);
    expect(sha256(gunzipSync(response.body))).toBe(sha256(consoleAssetFileBytes(bundle)));
    expect((await rawGet('/docs/swagger-ui-bundle.js', { 'accept-encoding': 'gzip;q=0, identity' })).headers['content-encoding']).toBeUndefined();
    // The PNG is compressed already.
    expect((await rawGet('/docs/favicon-32x32.png', { 'accept-encoding': 'gzip' })).headers['content-encoding']).toBeUndefined();
  });

  it('serves no other file: unknown names, the source map, other folders and traversal are 404', async () => {
    for (const path of [
      '/docs/index.html',
      '/docs/swagger-ui-bundle.js.map',
      '/docs/swagger-initializer.js',
      '/docs/package.json',
      '/docs/assets/swagger-ui-css.generated.ts',
      '/docs/../functions/catalog.ts',
      '/docs/%2e%2e/%2e%2e/package.json',
      '/docs/..%2fhandler.ts',
      '/docs/swagger-ui.css/',
      '/docs/SWAGGER-UI.CSS',
      '/docs/constructor',
      '/docs/__proto__',
    ]) {
      const response = await rawGet(path);
      expect(response.status, path).toBe(404);
      // A small problem+json (or the gateway's own 404), never a file.
      expect(response.body.length, path).toBeLessThan(300);
    }
  });
});

describe('the API console in Chromium, on the twin', () => {
  it('renders the operations, signs in through the local authorize page (PKCE), and posts an intake with the ID token', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = collectProblems(page);
    const violations = await watchCsp(page);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));

    const response = await page.goto(`${api}/docs`);
    expect(response?.status()).toBe(200);
    // The document loaded and its operations render, staff routes marked as needing sign-in.
    const createOnboarding = page.locator('.opblock.opblock-post').filter({ has: page.locator('.opblock-summary-path[data-path="/onboardings"]') });
    // The description is generated when its function starts: give it the time a cold start takes.
    await createOnboarding.waitFor({ timeout: 30_000 });
    expect(await page.locator('.opblock-summary-path[data-path="/onboardings/{id}"]').count()).toBeGreaterThan(0);
    expect(await createOnboarding.locator('.authorization__btn').count()).toBe(1);
    // The stylesheet applied under the CSP: Swagger UI's POST badge is its green.
    expect(await page.evaluate("getComputedStyle(document.querySelector('.opblock-post .opblock-summary-method')).backgroundColor")).toBe('rgb(73, 204, 144)');
    await page.screenshot({ path: SHOTS.page, fullPage: false });

    // Authorize → the oauth2 (authorization code) scheme → the local issuer's sign-in page in a popup.
    await page.locator('.auth-wrapper .btn.authorize').click();
    const scheme = page.locator('.modal-ux .auth-container').filter({ hasText: 'authorizationCode' });
    await scheme.waitFor();
    expect(await scheme.textContent()).toContain('with PKCE');
    expect(await scheme.locator('input#client_id, input[id^="client_id"]').first().inputValue()).toBe(twin.twin.clientId);
    const [popup] = await Promise.all([page.waitForEvent('popup'), scheme.locator('.auth-btn-wrapper .btn.authorize').click()]);
    const popupProblems = collectProblems(popup);
    await popup.waitForLoadState('load');
    const authorizeUrl = new URL(popup.url());
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${api}/local-issuer/oauth2/authorize`);
    expect(Object.fromEntries(['response_type', 'client_id', 'redirect_uri', 'scope', 'code_challenge_method'].map((name) => [name, authorizeUrl.searchParams.get(name)]))).toEqual({
      response_type: 'code',
      client_id: twin.twin.clientId,
      redirect_uri: `${api}/docs/oauth2-redirect.html`,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    expect(authorizeUrl.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Pick the role and e-mail, submit → back through oauth2-redirect.html, which hands the code
    // to the console and closes; the console exchanges it (with its PKCE verifier) for tokens.
    await popup.getByRole('radio', { name: 'account-manager' }).check();
    await popup.getByLabel('E-mail address').fill(CONSOLE_EMAIL);
    await popup.screenshot({ path: SHOTS.signIn, fullPage: true });
    const redirected = popup.waitForRequest((r) => r.url().startsWith(`${api}/docs/oauth2-redirect.html?`));
    const tokenExchange = page.waitForResponse((r) => r.url() === `${api}/local-issuer/oauth2/token` && r.request().method() === 'POST');
    await Promise.all([popup.waitForEvent('close'), popup.getByRole('button', { name: 'Sign in' }).click()]);
    expect(new URL((await redirected).url()).searchParams.get('code')).toBeTruthy();
    const exchange = await tokenExchange;
    expect(exchange.status()).toBe(200);
    const sent = new URLSearchParams(exchange.request().postData() ?? '');
    expect(sent.get('grant_type')).toBe('authorization_code');
    expect(sent.get('code_verifier')).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
    expect(sent.get('client_secret')).toBeNull();
    await scheme.locator('button', { hasText: 'Logout' }).waitFor();
    expect(await scheme.textContent()).toContain('Authorized');
    await page.screenshot({ path: SHOTS.authorized, fullPage: false });
    await page.locator('.modal-ux .close-modal').click();

    // Try it out on POST /onboardings with a valid intake, and execute: sent with the ID token.
    const companyName = 'Console Intake B.V.';
    await createOnboarding.locator('.opblock-summary').click();
    // The request body's schema view renders under the CSP too (its nested models expand in place).
    await createOnboarding.locator('.opblock-section-request-body button.tablinks[data-name="model"]').click();
    await createOnboarding.locator('.opblock-section-request-body .model-box').first().waitFor();
    await createOnboarding.locator('.opblock-section-request-body button.tablinks[data-name="example"]').click();
    await createOnboarding.getByRole('button', { name: 'Try it out' }).click();
    await createOnboarding.locator('textarea.body-param__text').fill(JSON.stringify(validIntake({ client: { ...validIntake().client, companyName } }), null, 2));
    const [posted] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${api}/onboardings` && r.request().method() === 'POST'),
      createOnboarding.getByRole('button', { name: 'Execute' }).click(),
    ]);
    expect(posted.status()).toBe(202);
    const bearer = (await posted.request().headerValue('authorization'))?.replace(/^Bearer /, '') ?? '';
    expect(decodeJwt(bearer)).toMatchObject({ token_use: 'id', email: CONSOLE_EMAIL, email_verified: true, 'cognito:groups': ['account-manager'] });
    const { onboardingId } = (await posted.json()) as { onboardingId: string };
    const shownStatus = createOnboarding.locator('.live-responses-table tbody .response-col_status');
    await shownStatus.waitFor();
    expect((await shownStatus.textContent())?.trim()).toBe('202');
    await page.screenshot({ path: SHOTS.executed, fullPage: true });

    // The intake is there for staff: GET /onboardings lists it, with the console's user as account manager.
    const list = await twin.request<{ items: Array<{ onboardingId: string; companyName: string; accountManager: string }> }>('GET', '/onboardings', {
      token: await twin.token('analyst'),
    });
    expect(list.status).toBe(200);
    expect(list.body.items.find((item) => item.onboardingId === onboardingId)).toMatchObject({ companyName, accountManager: CONSOLE_EMAIL });

    // Only our own origin was asked for anything, the sign-in included; nothing blocked, no errors.
    const paths = requests.map((r) => r.replace(` ${api}/`, ' /'));
    expect(paths.filter((r) => !r.startsWith('GET /docs') && r !== 'GET /openapi.json')).toEqual(['POST /local-issuer/oauth2/token', 'POST /onboardings']);
    expect(paths.filter((r) => r.startsWith('GET /docs')).sort()).toEqual(
      ['GET /docs', 'GET /docs/console-init.js', 'GET /docs/favicon-32x32.png', 'GET /docs/swagger-ui-bundle.js', 'GET /docs/swagger-ui.css'].sort(),
    );
    expect(await violations()).toEqual([]);
    expect(problems).toEqual([]);
    expect(popupProblems).toEqual([]);
    // The watch is real: an inline style, which the console never needed, is refused and reported.
    await page.evaluate("document.head.append(Object.assign(document.createElement('style'), { textContent: 'body { color: red }' }))");
    await expect.poll(violations).toEqual([expect.stringMatching(/^style-src-elem inline$/)]);
    await page.close();
  });
});
