import { mkdirSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { collectProblems, launchChromium } from '../support/browser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderAgreementPage } from '../../functions/templates/pages/agreement-page';
import { renderDecisionRecorded } from '../../functions/templates/pages/decision-pages';
import type { HtmlResponse } from '../../functions/templates/pages/page-layout';
import { sampleAgreement } from '../unit/templates-fixtures';

const PATH = '/agreements/test-token';
const SCREENSHOT_DIR = 'test-results';

interface RecordedPost {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A tiny stand-in for the agreement route: GET serves the page, POST records the form and thanks. */
function startServer(page: () => HtmlResponse, posts: RecordedPost[]): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    if (request.method === 'GET' && request.url === PATH) {
      const rendered = page();
      response.writeHead(rendered.status, rendered.headers).end(rendered.html);
      return;
    }
    if (request.method === 'POST' && request.url === PATH) {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        posts.push({ headers: request.headers, body });
        const name = new URLSearchParams(body).get('name') ?? '';
        const thanks = renderDecisionRecorded({ locale: 'nl', decision: 'approve', companyName: 'Bakkerij De Korenschoof B.V.', name, at: new Date().toISOString() });
        response.writeHead(thanks.status, thanks.headers).end(thanks.html);
      });
      return;
    }
    response.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}


describe('agreement page in Chromium', () => {
  let browser: Browser;
  let server: Server;
  let baseUrl: string;
  let servePage: () => HtmlResponse = () => renderAgreementPage({ agreement: sampleAgreement(), formAction: PATH });
  const posts: RecordedPost[] = [];

  beforeAll(async () => {
    // CI installs Debian's chromium; without it this test must fail loudly, never skip silently.
    server = await startServer(() => servePage(), posts);
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  beforeEach(() => {
    posts.length = 0;
    servePage = () => renderAgreementPage({ agreement: sampleAgreement(), formAction: PATH });
  });

  it('renders without CSP violations, submits an approval as a form post and shows the thank-you page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = collectProblems(page);
    const response = await page.goto(`${baseUrl}${PATH}`);
    expect(response?.status()).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Serviceovereenkomst');
    // The stylesheet really applied (a blocked <style> would leave the header unstyled).
    // (Browser code as strings: this project's TypeScript has no DOM lib.)
    expect(await page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor")).toBe('rgb(16, 42, 67)');

    await page.getByLabel('Uw volledige naam').fill('Sanne de Vries');
    await page.getByLabel(/Ik heb de overeenkomst gelezen/).check();
    await page.getByRole('radio', { name: 'Goedkeuren' }).check();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/agreement-page.png`, fullPage: true });

    await Promise.all([page.waitForURL(`${baseUrl}${PATH}`, { waitUntil: 'load' }), page.getByRole('button', { name: 'Beslissing versturen' }).click()]);
    await expect.poll(() => posts.length).toBe(1);
    expect(posts[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(posts[0]!.body))).toEqual({
      name: 'Sanne de Vries',
      decision: 'approve',
      comment: '',
      consent: 'yes',
    });
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Bedankt, de overeenkomst is goedgekeurd');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('posts nothing while the required name and consent are missing', async () => {
    const page = await browser.newPage();
    const problems = collectProblems(page);
    await page.goto(`${baseUrl}${PATH}`);
    // A click anywhere on an option's box chooses it, its explanation included.
    const explanation = page.locator('#choice-text-decline');
    await explanation.scrollIntoViewIfNeeded();
    const box = (await explanation.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    expect(await page.getByRole('radio', { name: 'Afwijzen' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Beslissing versturen' }).click();
    await page.waitForTimeout(300);
    expect(posts).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lays out on a phone screen without horizontal scrolling', async () => {
    servePage = () =>
      renderAgreementPage({
        agreement: sampleAgreement({ locale: 'en' }),
        formAction: PATH,
        errors: [{ field: 'comment', message: 'Add a comment: it is required when you decline or request changes.' }],
        values: { name: 'Sanne de Vries', decision: 'decline' },
      });
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const problems = collectProblems(page);
    const response = await page.goto(`${baseUrl}${PATH}`);
    expect(response?.status()).toBe(400);
    expect(await page.getByRole('alert').textContent()).toContain('Add a comment');
    expect(await page.getByLabel('Your full name').inputValue()).toBe('Sanne de Vries');
    expect(await page.getByRole('radio', { name: 'Decline' }).isChecked()).toBe(true);
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/agreement-page-mobile.png`, fullPage: true });
    // Chromium logs every 4xx document; that line is the 400 status itself, not a fault of the page.
    expect(problems).toEqual(['error: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    await page.close();
  });

  it('would notice a CSP violation (the listener is not deaf)', async () => {
    servePage = () => {
      const rendered = renderAgreementPage({ agreement: sampleAgreement(), formAction: PATH });
      return { ...rendered, html: rendered.html.replace('<main id="main" class="wrap">', '<main id="main" class="wrap"><p style="color:red">x</p>') };
    };
    const page = await browser.newPage();
    const problems = collectProblems(page);
    await page.goto(`${baseUrl}${PATH}`);
    await expect.poll(() => problems.join('\n')).toMatch(/Content Security Policy/);
    await page.close();
  });
});
