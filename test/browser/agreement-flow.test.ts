import { mkdirSync, statSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { collectProblems, launchChromium } from '../support/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementLinkFromInbox, startIntake, submitAnalysis, untilStatus } from '../support/agreement-flow';
import { startTestTwin, type TestTwin } from '../support/twin';

/**
 * The whole client side on the twin in a real browser: the link from the offer e-mail opened in
 * headless Chromium (Debian's), filled in and submitted; screenshots kept as test artifacts.
 */
const SCREENSHOT_DIR = 'test-results';
const CONFIRM_SCREENSHOT = `${SCREENSHOT_DIR}/agreement-confirm-page.png`;
const APPROVED_SCREENSHOT = `${SCREENSHOT_DIR}/agreement-approved-page.png`;
const COMPANY = 'Bakkerij De Korenschoof B.V.';

let twin: TestTwin;
let browser: Browser;
let accountManager: string;

beforeAll(async () => {
  // CI installs Debian's chromium; without it this test must fail loudly, never skip silently.
  [twin, browser] = await Promise.all([
    startTestTwin({ policy: { analysisReminderSeconds: 120, decisionReminderSeconds: 120 } }),
    launchChromium(),
  ]);
  accountManager = await twin.token('account-manager', 'am@breakfix.example');
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await twin?.close();
});


describe('the client approves in Chromium, on the twin', () => {
  it('opens the e-mailed link, fills in the form, submits, and the onboarding reaches IMPLEMENTING', async () => {
    const { onboardingId } = await startIntake(twin, accountManager, COMPANY);
    await submitAnalysis(twin, await twin.token('analyst'), onboardingId);
    const url = await agreementLinkFromInbox(twin, COMPANY);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = collectProblems(page);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));

    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toMatch(/^default-src 'none'/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Serviceovereenkomst');
    expect(await page.textContent('body')).toContain(COMPANY);
    // The stylesheet applied under the CSP (a blocked <style> would leave the header unstyled).
    expect(await page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor")).toBe('rgb(16, 42, 67)');

    await page.getByLabel('Uw volledige naam').fill('Sanne de Vries');
    await page.getByLabel(/Ik heb de overeenkomst gelezen/).check();
    await page.getByRole('radio', { name: 'Goedkeuren' }).check();
    await page.screenshot({ path: CONFIRM_SCREENSHOT, fullPage: true });

    await Promise.all([page.waitForURL(url, { waitUntil: 'load' }), page.getByRole('button', { name: 'Beslissing versturen' }).click()]);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Bedankt, de overeenkomst is goedgekeurd');
    expect(await page.textContent('main')).toContain(`Sanne de Vries heeft de serviceovereenkomst op`);
    await page.screenshot({ path: APPROVED_SCREENSHOT, fullPage: true });

    // Only the page itself and its form post: nothing else loaded, nothing blocked, no errors.
    expect(requests).toEqual([`GET ${url}`, `POST ${url}`]);
    expect(problems).toEqual([]);

    const approved = await untilStatus(twin, accountManager, onboardingId, 'IMPLEMENTING');
    expect(approved.agreement?.decision).toMatchObject({ decision: 'approve', name: 'Sanne de Vries' });

    // Back to the link later: the agreement read-only, with the decision and its PDF; no form.
    const again = await page.goto(url);
    expect(again?.status()).toBe(200);
    expect(await page.getByRole('heading', { level: 2, name: 'Deze overeenkomst is goedgekeurd' }).isVisible()).toBe(true);
    expect(await page.locator('form').count()).toBe(0);
    const pdfLink = page.getByRole('link', { name: 'Overeenkomst als PDF downloaden' });
    expect(await pdfLink.getAttribute('href')).toBe(`${new URL(url).pathname}/pdf`);
    await page.close();

    for (const file of [CONFIRM_SCREENSHOT, APPROVED_SCREENSHOT]) expect(statSync(file).size).toBeGreaterThan(10_000);
  });
});
