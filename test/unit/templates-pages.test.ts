import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderAgreementPage } from '../../functions/templates/pages/agreement-page';
import {
  renderAgreementDecided,
  renderAlreadyDecided,
  renderDecisionRecorded,
  renderLinkExpired,
  renderLinkNotFound,
} from '../../functions/templates/pages/decision-pages';
import type { HtmlResponse } from '../../functions/templates/pages/page-layout';
import { HOSTILE, HOSTILE_ESCAPED, PROVIDER, sampleAgreement } from './templates-fixtures';

const AT = '2026-11-13T10:15:00.000Z';
const NBSP = '\u00a0';

function hostileAgreementPage(locale: 'nl' | 'en'): HtmlResponse {
  const agreement = sampleAgreement({ companyName: `Acme ${HOSTILE}`, title: `Printer ${HOSTILE}`, rootCause: `Oorzaak ${HOSTILE}`, solution: `Stap 1 ${HOSTILE}\nStap 2`, locale });
  return renderAgreementPage({
    agreement: { ...agreement, provider: { ...PROVIDER, legalName: `B&F ${HOSTILE}`, termsUrl: `https://breakfix.example/voorwaarden?x=${HOSTILE}` } },
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
  [
    'agreement decided',
    renderAgreementDecided({
      agreement: sampleAgreement({ companyName: `Acme ${HOSTILE}`, solution: `Stap ${HOSTILE}` }),
      decision: { decision: 'decline', name: `Jan ${HOSTILE}`, comment: `Te duur ${HOSTILE}`, at: AT, ip: '203.0.113.7', userAgent: 'Mozilla/5.0', documentHash: 'abc' },
      pdfHref: '/agreements/tok/pdf',
    }),
  ],
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
    // A hyperlink (the general terms) loads nothing; any other src or href must stay on the page's origin.
    const withoutAnchors = page.html.replace(/<a\s[^>]*>/gi, '');
    expect(withoutAnchors).not.toMatch(/\s(src|href)="(https?:)?\/\//i);
    expect(page.html).not.toMatch(/<(img|link|iframe|object)\b/i);
    for (const anchor of page.html.match(/<a\s[^>]*href="(https?:)?\/\/[^>]*>/gi) ?? []) expect(anchor).toContain('rel="noopener noreferrer"');
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

  it('shows the whole agreement in Dutch with nl-NL amounts, a no-break space in each', () => {
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
      `€${NBSP}296,88`,
      `€${NBSP}346,38`,
      'Subtotaal excl. btw',
      `€${NBSP}770,63`,
      'Btw 21%',
      `€${NBSP}161,83`,
      'Totaal incl. btw',
      `€${NBSP}932,46`,
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
    expect(page.html).not.toMatch(/€ \d/);
  });

  it('shows the rate, then the surcharge only when there is one: "+25 %", never "× 125%" or "× 100%"', () => {
    const rows = page.html.match(/<tr>\n<th scope="row">[\s\S]*?<\/tr>/g) ?? [];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain(`<td data-label="Uurtarief" class="num rate">€${NBSP}95,00 <span class="surcharge">+25${NBSP}%</span></td>`);
    expect(rows[1]).toContain(`<td data-label="Uurtarief" class="num rate">€${NBSP}95,00</td>`);
    expect(page.html).not.toMatch(/×\s*\d+%/);
    // The response-times table: the surcharge per priority, "Geen" where there is none.
    expect(page.html).toContain('<th scope="col">Toeslag</th>');
    expect(page.html).toContain(`Kritiek</span></th><td>4 werkuren</td><td>8 werkuren</td><td class="surcharge-cell">+50${NBSP}%</td>`);
    expect(page.html).toContain(`Hoog</span></th><td>8 werkuren</td><td>16 werkuren</td><td class="surcharge-cell">+25${NBSP}%</td>`);
    expect(page.html).toContain('Normaal</span></th><td>16 werkuren</td><td>40 werkuren</td><td class="surcharge-cell">Geen</td>');
    expect(page.html).not.toContain('van het uurtarief</td>');
    const english = renderAgreementPage({ agreement: sampleAgreement({ locale: 'en' }), formAction: '/x' }).html;
    expect(english).toContain('€95.00 <span class="surcharge">+25%</span>');
    expect(english).toContain('<td class="surcharge-cell">None</td>');
  });

  it('shows per line the incident id and title, the analysts\' root cause and solution with their line breaks, and the materials in full', () => {
    const detail = /<article class="line-detail" aria-labelledby="line-inc-01">[\s\S]*?<\/article>/.exec(page.html)?.[0] ?? '';
    expect(detail).toContain('<h3 id="line-inc-01"><span class="item-id">inc-01</span> Kassasysteem valt uit</h3>');
    expect(detail).toContain('<dt>Oorzaak</dt><dd>De voeding van de kassa is defect.</dd>');
    expect(detail).toContain('<dt>Oplossing</dt><dd>Voeding vervangen.<br>Daarna de kassa een dag testen.</dd>');
    expect(detail).toContain(
      `<tr><td class="material-description">Voeding kassasysteem</td><td data-label="Aantal" class="num">1</td><td data-label="Prijs per stuk" class="num">€${NBSP}49,50</td><td data-label="Totaal" class="num">€${NBSP}49,50</td></tr>`,
    );
    expect(detail).toContain(`Totaal voor dit probleem (excl. btw): <strong>€${NBSP}346,38</strong>`);
    expect(detail).toContain('Reparatie · Hoog');
    // The second line has no findings (a version drafted before they were shown): nothing is invented.
    const second = /<article class="line-detail" aria-labelledby="line-inc-02">[\s\S]*?<\/article>/.exec(page.html)?.[0] ?? '';
    expect(second).toContain('Wifi traag in het kantoor');
    expect(second).not.toContain('Oorzaak');
    expect(second).not.toContain('Oplossing');
    expect(second).toContain(`<td data-label="Aantal" class="num">2</td><td data-label="Prijs per stuk" class="num">€${NBSP}129,00</td><td data-label="Totaal" class="num">€${NBSP}258,00</td>`);
  });

  it('escapes hostile findings and keeps their line breaks as <br> only', () => {
    const html = renderAgreementPage({ agreement: sampleAgreement({ rootCause: HOSTILE, solution: `Eerst ${HOSTILE}\r\nDan <b>niet vet</b>` }), formAction: '/x' }).html;
    expect(html).toContain(`<dt>Oorzaak</dt><dd>${HOSTILE_ESCAPED}</dd>`);
    expect(html).toContain(`<dt>Oplossing</dt><dd>Eerst ${HOSTILE_ESCAPED}<br>Dan &lt;b&gt;niet vet&lt;/b&gt;</dd>`);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
  });

  it('names both parties: the provider with address, KvK, btw-id, IBAN and general terms, the client as at intake', () => {
    const parties = /<section class="card" aria-labelledby="parties-heading">[\s\S]*?<\/section>/.exec(page.html)?.[0] ?? '';
    for (const text of [
      '<h2 id="parties-heading">Partijen</h2>',
      '<h3>Opdrachtnemer</h3>',
      '<p class="party-name">Break &amp; Fix Utrecht B.V.</p>',
      '<dt>Adres</dt><dd>Oudegracht 100<br>3511 AX Utrecht<br>Nederland</dd>',
      '<dt>KvK-nummer</dt><dd>87654321</dd>',
      '<dt>Btw-identificatienummer</dt><dd>NL864201357B01</dd>',
      '<dt>IBAN (voor betaling van facturen)</dt><dd>NL91ABNA0417164300</dd>',
      '<h3>Opdrachtgever</h3>',
      '<p class="party-name">Bakkerij De Korenschoof B.V.</p>',
      '<dt>KvK-nummer</dt><dd>12345678</dd>',
      '<dt>Btw-nummer</dt><dd>NL123456789B01</dd>',
      '<dt>Contactpersoon</dt><dd>Sanne de Vries<br>sanne@korenschoof.example</dd>',
    ]) {
      expect(parties).toContain(text);
    }
    expect(page.html).toContain(
      '<dt>Algemene voorwaarden</dt><dd>Op deze overeenkomst zijn de algemene voorwaarden van Break &amp; Fix Utrecht B.V. van toepassing: <a class="terms-link" href="https://breakfix.example/algemene-voorwaarden?v=2&amp;lang=nl" rel="noopener noreferrer">https://breakfix.example/algemene-voorwaarden?v=2&amp;lang=nl</a></dd>',
    );
  });

  it('omits the provider block (and the terms link) on a version drafted before the identity was shown', () => {
    const html = renderAgreementPage({ agreement: sampleAgreement({ provider: null }), formAction: '/x' }).html;
    expect(html).not.toContain('Opdrachtnemer');
    expect(html).not.toContain('Algemene voorwaarden');
    expect(html).toContain('<h3>Opdrachtgever</h3>');
  });

  it('links to the PDF of this version: the link path + /pdf, or the URL given', () => {
    expect(page.html).toContain('<p class="pdf-link"><a href="/agreements/abc/pdf" type="application/pdf">PDF downloaden</a>');
    const given = renderAgreementPage({ agreement: sampleAgreement({ locale: 'en' }), formAction: '/agreements/abc', pdfUrl: '/agreements/abc/pdf?v=2&x=1' }).html;
    expect(given).toContain('<a href="/agreements/abc/pdf?v=2&amp;x=1" type="application/pdf">Download PDF</a>');
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
    for (const text of ['Service agreement', 'Subtotal excl. VAT', '€770.63', 'VAT 21%', '€932.46', '2.5 hours', '26 November 2026', 'Document fingerprint', 'Approve', 'Decline', 'Request changes', 'Parties', 'Service provider', 'VAT identification number', 'Root cause', 'Solution', 'Unit price', 'General terms and conditions']) {
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
