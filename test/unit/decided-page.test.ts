import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ClientDecisionEvidence } from '../../functions/domain/client-link';
import { renderAgreementDecided } from '../../functions/templates/pages/decision-pages';
import { HOSTILE, HOSTILE_ESCAPED, sampleAgreement } from './templates-fixtures';

/** GET /agreements/{token} after the decision: the agreement read-only, with what was decided. */
const AT = '2026-11-13T10:15:00.000Z';
const decision = (overrides: Partial<ClientDecisionEvidence> = {}): ClientDecisionEvidence => ({
  decision: 'approve',
  name: 'Sanne de Vries',
  at: AT,
  ip: '203.0.113.7',
  userAgent: 'Mozilla/5.0 (Macintosh) Firefox/133.0',
  documentHash: 'a'.repeat(64),
  ...overrides,
});

describe('the decided agreement page', () => {
  const nl = renderAgreementDecided({ agreement: sampleAgreement(), decision: decision(), pdfHref: '/agreements/tok/pdf' });
  const en = renderAgreementDecided({
    agreement: sampleAgreement({ locale: 'en' }),
    decision: decision({ decision: 'decline', comment: 'Too expensive for us' }),
    pdfHref: '/agreements/tok/pdf',
  });

  it('answers 200 in the client language, with the page headers and a strict CSP', () => {
    for (const [page, locale] of [[nl, 'nl'], [en, 'en']] as const) {
      expect(page.status).toBe(200);
      expect(page.html).toContain(`<html lang="${locale}">`);
      expect(page.headers).toMatchObject({
        'content-type': 'text/html; charset=utf-8',
        'content-language': locale,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
      const csp = page.headers['content-security-policy']!;
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      const blocks = [...page.html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
      expect(blocks).toHaveLength(1);
      expect(csp).toContain(`style-src 'sha256-${createHash('sha256').update(blocks[0]!, 'utf8').digest('base64')}'`);
      expect(page.html).not.toMatch(/<script|\sstyle=|<(img|link|iframe|object)\b/i);
    }
  });

  it('is read-only: the agreement without the form', () => {
    for (const page of [nl, en]) {
      expect(page.html).not.toMatch(/<form|<input|<textarea|<button|name="consent"/i);
      expect(page.html).toContain('Kassasysteem valt uit');
      expect(page.html).toContain('<code class="hash">');
    }
  });

  it('says what was decided, by whom, on whose behalf and when, and links the PDF', () => {
    expect(nl.html).toContain('<h2 id="decision-heading">Deze overeenkomst is goedgekeurd</h2>');
    expect(nl.html).toContain('Sanne de Vries heeft de serviceovereenkomst op 13 november 2026 om 11:15 namens Bakkerij De Korenschoof B.V. goedgekeurd.');
    expect(nl.html).toContain('<dt>Beslissing</dt><dd>Goedgekeurd</dd>');
    expect(nl.html).toContain('<dt>Namens</dt><dd>Bakkerij De Korenschoof B.V.</dd>');
    expect(nl.html).toContain('<a href="/agreements/tok/pdf" type="application/pdf">Overeenkomst als PDF downloaden</a>');
    expect(nl.html).toContain('<title>Deze overeenkomst is goedgekeurd – Bakkerij De Korenschoof B.V.</title>');

    expect(en.html).toContain('This agreement has been declined');
    expect(en.html).toContain('<dt>Decision</dt><dd>Declined</dd>');
    expect(en.html).toContain('<strong>Comment:</strong> Too expensive for us');
    expect(en.html).toContain('Download the agreement as PDF');
    expect(en.html).toContain('13 November 2026 at 11:15');
  });

  it('shows neither IP nor user agent: those are evidence for staff', () => {
    for (const page of [nl, en]) {
      expect(page.html).not.toContain('203.0.113.7');
      expect(page.html).not.toContain('Firefox');
    }
  });

  it('shows hostile names, comments and company names as text', () => {
    const page = renderAgreementDecided({
      agreement: sampleAgreement({ companyName: `Acme ${HOSTILE}`, title: `Printer ${HOSTILE}` }),
      decision: decision({ decision: 'request-changes', name: `Jan ${HOSTILE}`, comment: `Graag ${HOSTILE}` }),
      pdfHref: `/agreements/tok/pdf?x=${HOSTILE}`,
    });
    expect(page.html).toContain('Voor deze overeenkomst zijn wijzigingen aangevraagd');
    expect(page.html).toContain(`Jan ${HOSTILE_ESCAPED}`);
    expect(page.html).toContain(`Graag ${HOSTILE_ESCAPED}`);
    expect(page.html).toContain(`Acme ${HOSTILE_ESCAPED}`);
    expect(page.html).toContain(`href="/agreements/tok/pdf?x=${HOSTILE_ESCAPED}"`);
    expect(page.html).not.toContain(HOSTILE);
    expect(page.html).not.toMatch(/<script/i);
  });
});
