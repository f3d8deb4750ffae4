import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAgreementPage } from '../../functions/templates/pages/agreement-page';
import { renderAgreementDecided } from '../../functions/templates/pages/decision-pages';
import type { HtmlResponse } from '../../functions/templates/pages/page-layout';
import { collectProblems, launchChromium } from '../support/browser';
import { sampleAgreement } from '../unit/templates-fixtures';

/**
 * The confirm page and the decided page at a desktop and a phone width: no euro amount breaks
 * over two lines ("€" on one, "49,00" on the next), nothing scrolls sideways. Screenshots of each
 * go to test-results/ (CI keeps that folder), so a person can look at what the client sees.
 */
const SCREENSHOT_DIR = 'test-results';
const PAGES: Record<string, () => HtmlResponse> = {
  confirm: () => renderAgreementPage({ agreement: sampleAgreement(), formAction: '/agreements/t' }),
  decided: () =>
    renderAgreementDecided({
      agreement: sampleAgreement({ locale: 'en' }),
      pdfHref: '/agreements/t/pdf',
      decision: {
        decision: 'approve',
        name: 'Łukasz Żółć',
        at: '2026-11-13T10:15:00.000Z',
        ip: '203.0.113.7',
        userAgent: 'Mozilla/5.0',
        documentHash: sampleAgreement().documentHash,
      },
    }),
};

/** Every text node holding a euro amount, and how many lines each amount takes (browser code as a string: no DOM lib here). */
const AMOUNT_LINES = `(() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent;
    const pattern = /€\\s?[0-9][0-9.,]*/g;
    let match;
    while ((match = pattern.exec(text))) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      found.push({ amount: match[0], lines: tops.size });
    }
  }
  return found;
})()`;

let browser: Browser;
let server: Server;
let baseUrl: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    const render = PAGES[(request.url ?? '/').slice(1)];
    if (!render) return void response.writeHead(404).end();
    const page = render();
    response.writeHead(page.status, page.headers).end(page.html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('euro amounts on the client pages', () => {
  it.each([
    ['confirm', 1280],
    ['confirm', 390],
    ['decided', 1280],
    ['decided', 390],
  ])('%s page at %i px: every amount on one line, no sideways scrolling', async (name, width) => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const problems = collectProblems(page);
    expect((await page.goto(`${baseUrl}/${name}`))?.status()).toBe(200);
    const amounts = await page.evaluate<Array<{ amount: string; lines: number }>>(AMOUNT_LINES);
    expect(amounts.length).toBeGreaterThan(5);
    expect(amounts.filter((a) => a.lines !== 1)).toEqual([]);
    // Where no CSS holds it together, only a no-break space can: never a plain one after the "€".
    expect(amounts.filter((a) => /€ /.test(a.amount))).toEqual([]);
    expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-page-${width}.png`, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});
