import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { clientProblemSchema } from '../../functions/domain/problem';
import { validateFeedback } from '../../functions/feedback-page/feedback-form';
import { newSubmissionId, validateProblem } from '../../functions/problem-page/problem-form';
import { renderFeedbackExpired, renderFeedbackGiven, renderFeedbackPage } from '../../functions/templates/pages/feedback-page';
import type { HtmlResponse } from '../../functions/templates/pages/page-layout';
import { renderMonitoringEnded, renderProblemPage, renderProblemReceived, renderProblemRefused } from '../../functions/templates/pages/problem-page';
import { HOSTILE, HOSTILE_ESCAPED } from './templates-fixtures';

const COMPANY = 'Bakkerij De Korenschoof B.V.';
const AM = 'am@breakfix.example';
const UNTIL = '2026-11-27T16:00:00.000Z';
const AT = '2026-11-13T10:15:00.000Z';
const SUBMISSION = 'AbCdEfGhIjKlMnOpQrStUvWx';

const hostileProblemPage = (locale: 'nl' | 'en') =>
  renderProblemPage({
    locale,
    companyName: `Acme ${HOSTILE}`,
    formAction: `/problems/tok?x=${HOSTILE}`,
    submissionId: SUBMISSION,
    monitoringUntil: UNTIL,
    errors: [{ field: 'description', message: `Fout ${HOSTILE}` }],
    values: { title: `Printer ${HOSTILE}`, description: `Kapot ${HOSTILE}\nsinds gisteren`, impact: `high${HOSTILE}` },
  });

const hostileFeedbackPage = (locale: 'nl' | 'en') =>
  renderFeedbackPage({
    locale,
    companyName: `Acme ${HOSTILE}`,
    formAction: `/feedback/tok?x=${HOSTILE}`,
    errors: [{ field: 'comment', message: `Fout ${HOSTILE}` }],
    values: { score: `4${HOSTILE}`, comment: `Prima ${HOSTILE}` },
  });

/** Every page of the two links, with hostile client values wherever a page shows one. */
const ALL_PAGES: Array<[string, HtmlResponse]> = [
  ['problem page nl', hostileProblemPage('nl')],
  ['problem page en', hostileProblemPage('en')],
  ['problem received', renderProblemReceived({ locale: 'nl', problemTitle: `Printer ${HOSTILE}`, ticketId: 'tkt-x-02', duplicate: false, accountManagerEmail: AM, formAction: '/problems/tok' })],
  ['problem duplicate', renderProblemReceived({ locale: 'en', problemTitle: `Printer ${HOSTILE}`, duplicate: true, accountManagerEmail: AM, formAction: '/problems/tok' })],
  ['monitoring ended', renderMonitoringEnded({ locale: 'nl', accountManagerEmail: AM })],
  ['problem refused', renderProblemRefused({ locale: 'en', reason: 'too-many-client-reports', accountManagerEmail: AM })],
  ['feedback page nl', hostileFeedbackPage('nl')],
  ['feedback page en', hostileFeedbackPage('en')],
  ['feedback given', renderFeedbackGiven({ locale: 'nl', feedback: { score: 4, comment: `Prima ${HOSTILE}\nDank`, at: AT }, accountManagerEmail: AM, mode: 'recorded' })],
  ['feedback expired', renderFeedbackExpired({ locale: 'en', accountManagerEmail: AM })],
];

describe.each(ALL_PAGES)('%s', (_name, page) => {
  it('is served with the strict CSP whose style hash matches its one inline style block, and no script', () => {
    const csp = page.headers['content-security-policy']!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const blocks = [...page.html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => match[1]!);
    expect(blocks).toHaveLength(1);
    expect(csp).toContain(`style-src 'sha256-${createHash('sha256').update(blocks[0]!, 'utf8').digest('base64')}'`);
    expect(page.headers).toMatchObject({ 'content-type': 'text/html; charset=utf-8', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store', 'x-frame-options': 'DENY' });
    expect(page.html).not.toMatch(/<script/i);
    expect(page.html).not.toMatch(/\sstyle=/i);
    expect(page.html).not.toMatch(/\s(src|href)="(https?:)?\/\//i);
  });

  it('shows every client value as text', () => {
    expect(page.html).not.toContain(HOSTILE);
    expect(page.html).not.toContain('<script>alert(1)');
  });
});

describe('escaping in the error re-render', () => {
  it.each([
    ['problem', hostileProblemPage('nl')],
    ['feedback', hostileFeedbackPage('en')],
  ])('%s: the values, the company, the error and the action come back escaped', (_name, page) => {
    expect(page.status).toBe(400);
    expect(page.html).toContain(`Acme ${HOSTILE_ESCAPED}`);
    expect(page.html).toContain(`Fout ${HOSTILE_ESCAPED}`);
    expect(page.html).toContain(`?x=${HOSTILE_ESCAPED}"`);
  });

  it('the problem form keeps title and description, checks no impact for a value that is not one', () => {
    const page = hostileProblemPage('nl');
    expect(page.html).toContain(`value="Printer ${HOSTILE_ESCAPED}"`);
    expect(page.html).toContain(`Kapot ${HOSTILE_ESCAPED}\nsinds gisteren</textarea>`);
    expect(page.html).not.toContain(' checked');
    expect(page.html).toContain('<title>Fout: Nieuw probleem melden – Acme');
    expect(page.html).toMatch(/id="field-description"[^>]*aria-invalid="true"[^>]*aria-describedby="hint-description error-description"/);
    expect(page.html).toContain('<a href="#field-description">Fout');
  });

  it('the feedback given page escapes the comment line by line', () => {
    const page = ALL_PAGES.find(([name]) => name === 'feedback given')![1];
    expect(page.html).toContain(`Prima ${HOSTILE_ESCAPED}<br>Dank`);
  });
});

describe('problem page', () => {
  const page = renderProblemPage({ locale: 'nl', companyName: COMPANY, formAction: '/problems/abc', submissionId: SUBMISSION, monitoringUntil: UNTIL });

  it('is a Dutch POST form with title, description, the four impacts and the hidden submission id', () => {
    expect(page.status).toBe(200);
    expect(page.html).toContain('<html lang="nl">');
    expect(page.headers['content-language']).toBe('nl');
    expect(page.html).toContain('<h1 id="problem-heading">Een nieuw probleem melden</h1>');
    expect(page.html).toContain(`Break &amp; Fix-ondersteuning voor ${COMPANY}`);
    expect(page.html).toContain('wij houden uw omgeving in de gaten tot 27 november 2026 om 17:00');
    expect(page.html).toContain('<form method="post" action="/problems/abc" enctype="application/x-www-form-urlencoded"');
    expect(page.html).toContain(`<input type="hidden" name="submissionId" value="${SUBMISSION}">`);
    expect(page.html).toMatch(/<input type="text" id="field-title" name="title" value="" maxlength="200" required/);
    expect(page.html).toMatch(/<textarea id="field-description" name="description" rows="6" maxlength="4000" required/);
    for (const impact of ['critical', 'high', 'normal', 'low']) expect(page.html).toContain(`name="impact" value="${impact}" required`);
    for (const label of ['Kritiek: het bedrijf ligt stil', 'Hoog: belangrijk werk loopt vast', 'Normaal: hinderlijk, maar er is een omweg', 'Laag: een klein ongemak']) {
      expect(page.html).toContain(label);
    }
    expect(page.html).toContain('<button type="submit" id="problem-submit">Probleem melden</button>');
    expect(page.html).not.toContain('role="alert"');
  });

  it('speaks English for an English client, and says a round runs when not monitoring', () => {
    const english = renderProblemPage({ locale: 'en', companyName: 'Acme Ltd', formAction: '/x', submissionId: SUBMISSION }).html;
    expect(english).toContain('<html lang="en">');
    for (const text of ['Report a new problem', 'Critical: the business has come to a standstill', 'High: important work is blocked', 'Low: a minor inconvenience', 'We are currently working on problems reported earlier', 'Report problem']) {
      expect(english).toContain(text);
    }
    expect(english).not.toContain('Kritiek');
  });

  it('keeps the chosen impact checked after a failed POST', () => {
    const again = renderProblemPage({ locale: 'nl', companyName: COMPANY, formAction: '/x', submissionId: SUBMISSION, errors: [{ field: 'title', message: 'Geef het probleem een korte omschrijving.' }], values: { impact: 'critical' } });
    expect(again.status).toBe(400);
    expect(again.html).toMatch(/value="critical" required checked/);
    expect(again.html).toContain('<p class="field-error" id="error-title">Geef het probleem een korte omschrijving.</p>');
  });

  it('thanks the client with the title and ticket, or says a double submit was already received', () => {
    const received = renderProblemReceived({ locale: 'nl', problemTitle: 'Printer hapert', ticketId: 'tkt-onb-1-02', duplicate: false, accountManagerEmail: AM, formAction: '/problems/abc' });
    expect(received.status).toBe(200);
    expect(received.html).toContain('<h1>Bedankt, wij hebben uw probleem ontvangen</h1>');
    expect(received.html).toContain('Uw melding „Printer hapert” is ontvangen en staat bij ons genoteerd onder tkt-onb-1-02.');
    expect(received.html).toContain(`<a href="mailto:${AM}">${AM}</a>`);
    expect(received.html).toContain('<a href="/problems/abc">Nog een probleem melden</a>');
    const duplicate = renderProblemReceived({ locale: 'en', problemTitle: 'Printer', duplicate: true, accountManagerEmail: AM, formAction: '/x' });
    expect(duplicate.status).toBe(200);
    expect(duplicate.html).toContain('We had already received your report “Printer”, so no second report has been filed.');
  });

  it('ends with the account manager to contact (410), and explains a bound (409)', () => {
    const ended = renderMonitoringEnded({ locale: 'nl', accountManagerEmail: AM });
    expect(ended.status).toBe(410);
    expect(ended.html).toContain('De monitoring is afgelopen');
    expect(ended.html).toContain(`Neem dan contact op met uw accountmanager: <a href="mailto:${AM}">${AM}</a>.`);
    expect(renderMonitoringEnded({ locale: 'en', accountManagerEmail: AM }).html).toContain('Monitoring has ended');
    const full = renderProblemRefused({ locale: 'nl', reason: 'round-full', accountManagerEmail: AM });
    expect(full.status).toBe(409);
    expect(full.html).toContain('Er wachten al 25 gemelde problemen op behandeling.');
    expect(full.html).toContain(`mailto:${AM}`);
    expect(renderProblemRefused({ locale: 'en', reason: 'too-many-client-reports', accountManagerEmail: AM }).html).toContain('This link has already taken as many reports as it allows.');
  });
});

describe('submission id', () => {
  it('is fresh for every form: 24 base64url characters that the schema takes', () => {
    const ids = Array.from({ length: 50 }, newSubmissionId);
    expect(new Set(ids).size).toBe(50);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(clientProblemSchema.shape.submissionId.safeParse(id).success).toBe(true);
    }
    const [first, second] = [newSubmissionId(), newSubmissionId()].map((submissionId) => renderProblemPage({ locale: 'nl', companyName: COMPANY, formAction: '/x', submissionId }).html);
    const hidden = (page: string) => /<input type="hidden" name="submissionId" value="([^"]+)">/.exec(page)?.[1];
    expect(hidden(first!)).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(hidden(first!)).not.toBe(hidden(second!));
  });
});

describe('problem validation', () => {
  it('names each bad field in the client language, keeping a valid submission id for the re-render', () => {
    const nl = validateProblem({ title: '  ', description: 'x'.repeat(4001), impact: 'huge', submissionId: SUBMISSION }, 'nl');
    expect(nl.errors).toEqual([
      { field: 'title', message: 'Geef het probleem een korte omschrijving.' },
      { field: 'description', message: 'De beschrijving mag hoogstens 4000 tekens lang zijn.' },
      { field: 'impact', message: 'Kies hoe groot de gevolgen zijn.' },
    ]);
    expect(nl.errors && nl.submissionId).toBe(SUBMISSION);
    const en = validateProblem({ title: 'Two\nlines', description: 'ok', impact: 'low', submissionId: 'short' }, 'en');
    expect(en.errors).toEqual([
      { field: 'title', message: 'The short description must fit on one line, without special characters.' },
      { field: 'submissionId', message: 'The form was incomplete. Please check your report and send it again.' },
    ]);
    // An unusable id is replaced, so the form posted again can succeed.
    expect(en.errors && en.submissionId).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });

  it('trims, and stores a textarea CRLF as one LF', () => {
    const valid = validateProblem({ title: ' Printer ', description: 'Regel 1\r\nRegel 2', impact: 'high', submissionId: SUBMISSION }, 'nl');
    expect(valid.input).toEqual({ title: 'Printer', description: 'Regel 1\nRegel 2', impact: 'high', submissionId: SUBMISSION });
  });
});

describe('feedback page', () => {
  it('is a Dutch form with five labelled scores and an optional comment', () => {
    const page = renderFeedbackPage({ locale: 'nl', companyName: COMPANY, formAction: '/feedback/abc' });
    expect(page.status).toBe(200);
    expect(page.html).toContain('<html lang="nl">');
    expect(page.html).toContain('<form method="post" action="/feedback/abc" enctype="application/x-www-form-urlencoded"');
    for (const [score, label] of [[1, 'Zeer ontevreden'], [2, 'Ontevreden'], [3, 'Neutraal'], [4, 'Tevreden'], [5, 'Zeer tevreden']] as const) {
      expect(page.html).toContain(`name="score" value="${score}" required`);
      expect(page.html).toContain(`<label class="choice-label" for="field-score-${score}">${score} – ${label}</label>`);
    }
    expect(page.html).toMatch(/<textarea id="field-comment" name="comment" rows="5" maxlength="2000" aria-describedby="hint-comment">/);
    expect(page.html).toContain('Toelichting (niet verplicht)');
    expect(page.html).toContain('<button type="submit">Feedback versturen</button>');
  });

  it('speaks English for an English client', () => {
    const page = renderFeedbackPage({ locale: 'en', companyName: 'Acme Ltd', formAction: '/x' }).html;
    for (const text of ['How satisfied are you?', '1 – Very dissatisfied', '5 – Very satisfied', 'Comment (optional)', 'Send feedback']) expect(page).toContain(text);
  });

  it('shows the feedback given, read-only: 200 after the POST and on a later GET, 409 on a second POST', () => {
    const feedback = { score: 4 as const, comment: 'Snel geholpen', at: AT };
    const recorded = renderFeedbackGiven({ locale: 'nl', feedback, accountManagerEmail: AM, mode: 'recorded' });
    expect(recorded.status).toBe(200);
    expect(recorded.html).toContain('<h1>Bedankt voor uw feedback</h1>');
    expect(recorded.html).toContain('<dd>4 van 5</dd>');
    expect(recorded.html).toContain('<dd>Tevreden</dd>');
    expect(recorded.html).toContain('<dd>13 november 2026 om 11:15</dd>');
    expect(recorded.html).toContain('<dd>Snel geholpen</dd>');
    expect(recorded.html).not.toContain('<form');
    const already = renderFeedbackGiven({ locale: 'en', feedback: { score: 2, at: AT }, accountManagerEmail: AM, mode: 'already' });
    expect(already.status).toBe(200);
    expect(already.html).toContain('<dd>2 out of 5</dd>');
    expect(already.html).not.toContain('Your comment');
    const second = renderFeedbackGiven({ locale: 'nl', feedback, accountManagerEmail: AM, mode: 'second' });
    expect(second.status).toBe(409);
    expect(second.html).toContain('U hebt uw feedback al gegeven');
    expect(second.html).toContain('dus er is niets gewijzigd');
  });

  it('explains an expired link with the account manager to mail (410)', () => {
    const page = renderFeedbackExpired({ locale: 'nl', accountManagerEmail: AM });
    expect(page.status).toBe(410);
    expect(page.html).toContain('Deze link is verlopen');
    expect(page.html).toContain(`mailto:${AM}`);
  });
});

describe('feedback validation', () => {
  it('takes a score 1–5 from a form or JSON, and an optional comment with line breaks', () => {
    expect(validateFeedback({ score: '5' }, 'nl')).toEqual({ input: { score: 5 } });
    expect(validateFeedback({ score: 1, comment: '  Traag\r\nmaar goed  ' }, 'en')).toEqual({ input: { score: 1, comment: 'Traag\nmaar goed' } });
    expect(validateFeedback({ score: '3', comment: '   ' }, 'nl')).toEqual({ input: { score: 3 } });
  });

  it('refuses a missing or out-of-range score, a long comment and control characters, in the client language', () => {
    for (const score of [undefined, '', '0', '6', '4.5', 4.5, 'vier', true]) {
      expect(validateFeedback({ score }, 'nl').errors).toEqual([{ field: 'score', message: 'Kies een cijfer van 1 tot en met 5.' }]);
    }
    expect(validateFeedback({ score: 4, comment: 'x'.repeat(2001) }, 'en').errors).toEqual([{ field: 'comment', message: 'The comment can be at most 2000 characters long.' }]);
    expect(validateFeedback({ score: 4, comment: 'x'.repeat(2000) }, 'en').errors).toBeUndefined();
    for (const comment of ['tab\there', 'bell\u0007', 'nul\u0000', 42]) {
      expect(validateFeedback({ score: 4, comment }, 'nl').errors?.[0]?.field).toBe('comment');
    }
  });
});
