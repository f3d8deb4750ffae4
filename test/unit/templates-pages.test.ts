import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderAgreementPage } from '../../functions/templates/pages/agreement-page';
import {
  renderAlreadyDecided,
  renderDecisionRecorded,
  renderLinkExpired,
  renderLinkNotFound,
} from '../../functions/templates/pages/decision-pages';
import type { HtmlResponse } from '../../functions/templates/pages/page-layout';
import { HOSTILE, HOSTILE_ESCAPED, sampleAgreement } from './templates-fixtures';

const AT = '2026-11-13T10:15:00.000Z';

function hostileAgreementPage(locale: 'nl' | 'en'): HtmlResponse {
  return renderAgreementPage({
    agreement: sampleAgreement({ companyName: `Acme ${HOSTILE}`, title: `Printer ${HOSTILE}`, locale }),
    formAction: `/agreements/tok?x=${HOSTILE}`,
    errors: [{ field: 'comment', message: `Fout ${HOSTILE}` }],
    values: { name: `Jan ${HOSTILE}`, decision: `approve${HOSTILE}`, comment: `Graag ${HOSTILE}` },
  });
}

/** Every public page, rendered with hostile client values wherever the page shows one. */
const ALL_PAGES: Array<[string, HtmlResponse]> = [
  ['agreement page nl', hostileAgreementPage('nl')],
  ['agreement page en', hostileAgreementPage('en')],
  ['decision recorded', renderDecisionRecorded({ locale: 'nl', decision: 'decline', companyName: `Acme ${HOSTILE}`, name: `Jan ${HOSTILE}`, at: AT })],
  ['already decided', renderAlreadyDecided({ locale: 'en', decision: 'approve', at: AT })],
  ['link not found', renderLinkNotFound()],
  ['link expired', renderLinkExpired({ locale: 'nl' })],
];

function styleBlocks(page: string): string[] {
  return [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => match[1]!);
}

describe.each(ALL_PAGES)('%s', (_name, page) => {
  it('is served with a strict CSP whose style hash matches the one inline style block', () => {
    const csp = page.headers['content-security-policy']!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const blocks = styleBlocks(page.html);
    expect(blocks).toHaveLength(1);
    const hash = createHash('sha256').update(blocks[0]!, 'utf8').digest('base64');
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
  });

  it('sends the headers a page with a secret token in its URL needs', () => {
    expect(page.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
  });

  it('has no script, no style attribute (the CSP would block it) and no external resource', () => {
    expect(page.html).not.toMatch(/<script/i);
    expect(page.html).not.toMatch(/\sstyle=/i);
    expect(page.html).not.toMatch(/\s(src|href)="(https?:)?\/\//i);
    expect(page.html).not.toMatch(/<(img|link|iframe|object)\b/i);
  });
});

describe('escaping on every page', () => {
  it.each(ALL_PAGES.filter(([name]) => name.startsWith('agreement') || name === 'decision recorded'))(
    '%s shows hostile client values as text',
    (_name, page) => {
      expect(page.html).toContain(HOSTILE_ESCAPED);
      expect(page.html).not.toContain(HOSTILE);
      expect(page.html).not.toContain('<script>alert(1)');
    },
  );
});

describe('agreement page', () => {
  const page = renderAgreementPage({ agreement: sampleAgreement(), formAction: '/agreements/abc' });

  it('answers 200 in the client language', () => {
    expect(page.status).toBe(200);
    expect(page.html).toContain('<html lang="nl">');
    expect(page.headers['content-language']).toBe('nl');
  });

  it('shows the whole agreement in Dutch with nl-NL amounts', () => {
    for (const text of [
      'Serviceovereenkomst',
      'Bakkerij De Korenschoof B.V.',
      'onb-01JDW3Y8Q7ZK4M2N6P8R0T2V4X',
      'Kassasysteem valt uit',
      'Reparatie',
      'Configuratiewijziging',
      'Hoog',
      '2,5 uur',
      '1,75 uur',
      '€ 95,00 × 125%',
      '€ 296,88',
      '€ 346,38',
      '1 × Voeding kassasysteem à € 49,50 = € 49,50',
      'Subtotaal excl. btw',
      '€ 770,63',
      'Btw 21%',
      '€ 161,83',
      'Totaal incl. btw',
      '€ 932,46',
      'Reactie- en oplostijden',
      'Oplostijd',
      '4 werkuren',
      '80 werkuren',
      'Maandelijks',
      '14 dagen na factuurdatum',
      'per 15 minuten',
      '26 november 2026',
      'Documentkenmerk',
      '9f2c4e1a7b3d5f6081a2c3e4f5061728394a5b6c7d8e9f00112233445566778a',
    ]) {
      expect(page.html).toContain(text);
    }
  });

  it('shows resolution times from an agreement drafted before they existed, as its snapshot reads, without changing it', () => {
    const { resolutionTimes: _none, ...older } = sampleAgreement();
    const priorities = Object.fromEntries(
      Object.entries(older.rateCard.priorities).map(([priority, terms]) => [priority, { surchargePercent: terms.surchargePercent, responseTimeBusinessHours: terms.responseTimeBusinessHours }]),
    );
    const snapshot = { ...older, rateCard: { ...older.rateCard, priorities } } as unknown as typeof older;
    const before = JSON.stringify(snapshot);
    const html = renderAgreementPage({ agreement: snapshot, formAction: '/x' }).html;
    expect(html).toContain('Oplostijd');
    expect(html).toContain('80 werkuren'); // the default resolution time of a low-priority ticket
    expect(JSON.stringify(snapshot)).toBe(before);
  });

  it('shows the English agreement with en-GB amounts', () => {
    const english = renderAgreementPage({ agreement: sampleAgreement({ locale: 'en' }), formAction: '/x' }).html;
    expect(english).toContain('<html lang="en">');
    for (const text of ['Service agreement', 'Subtotal excl. VAT', '€770.63', 'VAT 21%', '€932.46', '2.5 hours', '26 November 2026', 'Document fingerprint', 'Approve', 'Decline', 'Request changes']) {
      expect(english).toContain(text);
    }
  });

  it('has a POST form with the four fields', () => {
    expect(page.html).toContain('<form method="post" action="/agreements/abc" enctype="application/x-www-form-urlencoded"');
    expect(page.html).toMatch(/<input type="text" id="field-name" name="name"[^>]* required/);
    expect(page.html).toMatch(/<input type="checkbox" id="field-consent" name="consent" value="yes"/);
    for (const decision of ['approve', 'decline', 'request-changes']) {
      expect(page.html).toContain(`name="decision" value="${decision}"`);
    }
    expect(page.html).toContain('<textarea id="field-comment" name="comment"');
    expect(page.html).toContain('Ik heb de overeenkomst gelezen en ben bevoegd te beslissen namens Bakkerij De Korenschoof B.V.');
    expect(page.html).toContain('Toelichting (verplicht bij afwijzen of wijzigingen aanvragen)');
    expect(page.html).toContain('<button type="submit">Beslissing versturen</button>');
    expect(page.html).not.toContain('role="alert"');
  });

  it('shows errors at the top and next to their fields, keeping what the client entered (400)', () => {
    const invalid = renderAgreementPage({
      agreement: sampleAgreement(),
      formAction: '/agreements/abc',
      errors: [
        { field: 'name', message: 'Vul uw naam in.' },
        { field: 'comment', message: 'Geef een toelichting.' },
      ],
      values: { name: '', decision: 'decline', comment: 'Te duur\nvoor ons', consent: true },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.html).toContain('<title>Fout: Serviceovereenkomst – Bakkerij De Korenschoof B.V.</title>');
    const summary = /<div class="error-summary" role="alert"[\s\S]*?<\/div>/.exec(invalid.html)?.[0] ?? '';
    expect(summary).toContain('<a href="#field-name">Vul uw naam in.</a>');
    expect(summary).toContain('<a href="#field-comment">Geef een toelichting.</a>');
    expect(invalid.html).toContain('<p class="field-error" id="error-name">Vul uw naam in.</p>');
    expect(invalid.html).toMatch(/id="field-name"[^>]*aria-invalid="true"[^>]*aria-describedby="error-name"/);
    expect(invalid.html).toMatch(/value="decline" required checked/);
    expect(invalid.html).not.toMatch(/value="approve" required checked/);
    expect(invalid.html).toContain('Te duur\nvoor ons</textarea>');
    expect(invalid.html).toMatch(/name="consent" value="yes" required checked/);
  });

  it('checks no radio for a decision value that is not one of the three', () => {
    const html = renderAgreementPage({ agreement: sampleAgreement(), formAction: '/x', values: { decision: 'maybe' } }).html;
    expect(html).not.toContain(' checked');
  });
});

describe('decision pages', () => {
  it('confirm the recorded decision with name, company and Amsterdam time', () => {
    const page = renderDecisionRecorded({ locale: 'nl', decision: 'approve', companyName: 'Acme B.V.', name: 'Jan Jansen', at: AT });
    expect(page.status).toBe(200);
    expect(page.html).toContain('Jan Jansen heeft de serviceovereenkomst op 13 november 2026 om 11:15 namens Acme B.V. goedgekeurd.');
    const english = renderDecisionRecorded({ locale: 'en', decision: 'request-changes', companyName: 'Acme Ltd', name: 'Jan', at: AT });
    expect(english.html).toContain('Jan requested changes to the service agreement on behalf of Acme Ltd on 13 November 2026 at 11:15.');
  });

  it('say what was decided and when on a second attempt (409)', () => {
    const page = renderAlreadyDecided({ locale: 'nl', decision: 'request-changes', at: AT });
    expect(page.status).toBe(409);
    expect(page.html).toContain('Voor deze serviceovereenkomst zijn op 13 november 2026 om 11:15 wijzigingen aangevraagd.');
    expect(renderAlreadyDecided({ locale: 'en', decision: 'decline', at: AT }).html).toContain('This service agreement was declined on 13 November 2026 at 11:15.');
  });

  it('speak both languages when the locale of an unknown link is unknown (404)', () => {
    const page = renderLinkNotFound();
    expect(page.status).toBe(404);
    expect(page.html).toContain('Deze link is ongeldig');
    expect(page.html).toContain('<section class="card status status-error" lang="en">');
    expect(page.html).toContain('This link is not valid');
    expect(renderLinkNotFound({ locale: 'en' }).html).not.toContain('Deze link');
  });

  it('explain an expired link (410)', () => {
    const page = renderLinkExpired({ locale: 'en' });
    expect(page.status).toBe(410);
    expect(page.html).toContain('This link has expired');
    expect(renderLinkExpired().html).toContain('Deze link is verlopen');
  });
});
