import { mkdirSync, statSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detailOf } from '../support/agreement-flow';
import { collectProblems, launchChromium } from '../support/browser';
import { completedOnboarding, FOLLOW_UP_POLICY, followUpPeople, monitoredOnboarding, type FollowUpPeople } from '../support/follow-up-flow';
import { startTestTwin, type TestTwin } from '../support/twin';

/**
 * The client's follow-up pages on the twin in a real browser (Debian's Chromium, headless): the
 * problem link from the monitoring e-mail and the feedback link from the report e-mail, opened,
 * filled in and submitted as a person would, on onboardings the real workflow brought there.
 * Screenshots kept as test artifacts; any console error (a CSP violation among them) fails.
 */
const SCREENSHOT_DIR = 'test-results';
const SHOTS = {
  problem: `${SCREENSHOT_DIR}/problem-page.png`,
  problemMobile: `${SCREENSHOT_DIR}/problem-page-mobile.png`,
  problemErrors: `${SCREENSHOT_DIR}/problem-page-errors.png`,
  problemReceived: `${SCREENSHOT_DIR}/problem-received-page.png`,
  feedback: `${SCREENSHOT_DIR}/feedback-page.png`,
  feedbackReceived: `${SCREENSHOT_DIR}/feedback-received-page.png`,
};
const MONITORING_SECONDS = 30;

let twin: TestTwin;
let browser: Browser;
let people: FollowUpPeople;
let monitored: { onboardingId: string; problemUrl: string };
/** Under way while the problem page is tested; its monitoring runs out meanwhile. */
let completing: Promise<{ onboardingId: string; feedbackUrl: string }>;

beforeAll(async () => {
  // CI installs Debian's chromium; without it this test must fail loudly, never skip silently.
  [twin, browser] = await Promise.all([
    startTestTwin({ policy: { ...FOLLOW_UP_POLICY, monitoringSeconds: MONITORING_SECONDS, feedbackValidSeconds: 600 } }),
    launchChromium(),
  ]);
  people = await followUpPeople(twin);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  completing = completedOnboarding(twin, people, 'Feedback In Browser B.V.', MONITORING_SECONDS * 1000);
  completing.catch(() => undefined); // awaited (and reported) by the feedback test
  monitored = await monitoredOnboarding(twin, people, 'Probleem In Browser B.V.');
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await twin?.close();
});

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

/** Clicks the submit button and waits for the page its POST answered with. */
async function submit(page: Page, url: string, button: string): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url() === url && r.request().method() === 'POST'),
    page.getByRole('button', { name: button }).click(),
  ]);
  await page.waitForLoadState('load');
  return response.status();
}

describe('the client’s follow-up pages in Chromium, on the twin', () => {
  it('reports a new problem through the monitoring e-mail’s link: a server-side error first, then the thank-you page and a new ticket', async () => {
    const url = monitored.problemUrl;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = collectProblems(page);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));

    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toMatch(/^default-src 'none'/);
    expect(await h1(page)).toBe('Een nieuw probleem melden');
    expect(await page.textContent('body')).toContain('Probleem In Browser B.V.');
    // The stylesheet applied under the CSP (a blocked <style> would leave the header unstyled).
    expect(await page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor")).toBe('rgb(16, 42, 67)');
    const submissionId = await page.locator('input[name=submissionId]').getAttribute('value');
    expect(submissionId).toMatch(/^[A-Za-z0-9_-]{24}$/);

    // Spaces pass the browser's `required`; the server trims them and explains.
    await page.getByLabel('Korte omschrijving').fill('Printer op de eerste verdieping drukt niet af');
    await page.getByLabel('Wat is er aan de hand?').fill('   ');
    await page.getByRole('radio', { name: 'Hoog: belangrijk werk loopt vast' }).check();
    await page.screenshot({ path: SHOTS.problem, fullPage: true });
    expect(await submit(page, url, 'Probleem melden')).toBe(400);
    expect(await page.getByRole('alert').textContent()).toContain('Beschrijf wat er aan de hand is.');
    expect(await page.getByLabel('Korte omschrijving').inputValue()).toBe('Printer op de eerste verdieping drukt niet af');
    expect(await page.getByRole('radio', { name: 'Hoog: belangrijk werk loopt vast' }).isChecked()).toBe(true);
    expect(await page.locator('input[name=submissionId]').getAttribute('value')).toBe(submissionId);
    await page.screenshot({ path: SHOTS.problemErrors, fullPage: true });

    await page.getByLabel('Wat is er aan de hand?').fill('Sinds vanochtend komt er niets meer uit.\nHet lampje knippert oranje.');
    expect(await submit(page, url, 'Probleem melden')).toBe(200);
    expect(await h1(page)).toBe('Bedankt, wij hebben uw probleem ontvangen');
    expect(await page.textContent('main')).toContain('Uw melding „Printer op de eerste verdieping drukt niet af” is ontvangen');
    await page.screenshot({ path: SHOTS.problemReceived, fullPage: true });

    // Only the page and its form posts: nothing else loaded, nothing blocked, no errors. Chromium
    // logs the 400 answer itself (the re-rendered form) as a failed load: that one is expected.
    expect(requests).toEqual([`GET ${url}`, `POST ${url}`, `POST ${url}`]);
    expect(problems).toEqual(['error: Failed to load resource: the server responded with a status of 400 (Bad Request)']);

    const detail = (await detailOf(twin, people.accountManager, monitored.onboardingId)) as unknown as {
      incidents: Array<{ id: string; title: string; description: string; impact: string; source?: string }>;
      tickets: Array<{ incidentId: string; title: string; priority: string }>;
    };
    expect(detail.incidents.find((i) => i.id === 'inc-02')).toMatchObject({
      title: 'Printer op de eerste verdieping drukt niet af',
      description: 'Sinds vanochtend komt er niets meer uit.\nHet lampje knippert oranje.',
      impact: 'high',
      source: 'client',
    });
    expect(detail.tickets.filter((t) => t.incidentId === 'inc-02')).toEqual([expect.objectContaining({ title: 'Printer op de eerste verdieping drukt niet af', priority: 'high' })]);
    await page.close();

    // The same page on a phone.
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    const phoneProblems = collectProblems(phone);
    expect((await phone.goto(url))?.status()).toBe(200);
    await phone.screenshot({ path: SHOTS.problemMobile, fullPage: true });
    expect(phoneProblems).toEqual([]);
    await phone.close();
  });

  it('gives feedback through the report e-mail’s link, which afterwards shows the score read-only', async () => {
    const { onboardingId, feedbackUrl: url } = await completing;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = collectProblems(page);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));

    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toMatch(/^default-src 'none'/);
    expect(await h1(page)).toBe('Hoe tevreden bent u?');
    await page.getByRole('radio', { name: '4 – Tevreden' }).check();
    await page.getByLabel('Toelichting (niet verplicht)').fill('Snel en vriendelijk geholpen.\nDe printer doet het weer.');
    await page.screenshot({ path: SHOTS.feedback, fullPage: true });

    expect(await submit(page, url, 'Feedback versturen')).toBe(200);
    expect(await h1(page)).toBe('Bedankt voor uw feedback');
    const main = await page.textContent('main');
    expect(main).toContain('4 van 5');
    expect(main).toContain('Tevreden');
    await page.screenshot({ path: SHOTS.feedbackReceived, fullPage: true });

    // Later, the link shows what was given; there is no form to send again.
    const again = await page.goto(url);
    expect(again?.status()).toBe(200);
    expect(await page.locator('form').count()).toBe(0);
    expect(await page.textContent('main')).toContain('4 van 5');

    expect(requests).toEqual([`GET ${url}`, `POST ${url}`, `GET ${url}`]);
    expect(problems).toEqual([]);
    const detail = (await detailOf(twin, people.accountManager, onboardingId)) as unknown as { status: string; feedback: { score: number; comment: string } | null };
    expect(detail.status).toBe('COMPLETED');
    expect(detail.feedback).toMatchObject({ score: 4, comment: 'Snel en vriendelijk geholpen.\nDe printer doet het weer.' });
    await page.close();

    for (const file of Object.values(SHOTS)) expect(statSync(file).size).toBeGreaterThan(10_000);
  }, 90_000);
});
