import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detailOf } from '../support/agreement-flow';
import { completedOnboarding, FOLLOW_UP_POLICY, followUpPeople, monitoredOnboarding, untilMonitoringWaits, type FollowUpPeople } from '../support/follow-up-flow';
import { startTestTwin, type ApiResponse, type TestTwin } from '../support/twin';

/**
 * The client's two follow-up links over HTTP on the twin, on onboardings built by the real
 * workflow: the monitoring e-mail's problem link (form and JSON, a double submit, a bound, 410 once
 * COMPLETED) and the report e-mail's single-use feedback link (once; read-only afterwards). The
 * expired feedback link has its own twin (one twin per process): feedback-expiry.test.ts.
 */
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const AM = 'am@breakfix.example';
const MONITORING_SECONDS = 30;

let twin: TestTwin;
let people: FollowUpPeople;
/** MONITORING, reports come in through its link (at most three from the client). */
let monitored: { onboardingId: string; executionArn: string; problemUrl: string };
/** COMPLETED: its feedback given through the form; its problem link ended. */
let viaForm: { onboardingId: string; problemUrl: string; feedbackUrl: string };
/** COMPLETED: its feedback given as JSON. */
let viaJson: { onboardingId: string; feedbackUrl: string };

beforeAll(async () => {
  twin = await startTestTwin({ policy: { ...FOLLOW_UP_POLICY, monitoringSeconds: MONITORING_SECONDS, feedbackValidSeconds: 600, maxClientReports: 3 } });
  people = await followUpPeople(twin);
  // The completed ones first, so that their executions have ended (and write nothing more) by the
  // time the monitored one is measured; its monitoring period then starts fresh.
  [viaForm, viaJson] = await Promise.all([
    completedOnboarding(twin, people, 'Formulier Feedback B.V.', MONITORING_SECONDS * 1000),
    completedOnboarding(twin, people, 'Json Feedback B.V.', MONITORING_SECONDS * 1000),
  ]);
  monitored = await monitoredOnboarding(twin, people, 'Problemen Melden B.V.');
  await untilMonitoringWaits(twin, monitored.executionArn);
}, 150_000);
afterAll(async () => {
  await twin?.close();
});

const pathOf = (url: string) => new URL(url).pathname;
const unknownToken = () => randomBytes(32).toString('base64url');
const postForm = (on: TestTwin, path: string, fields: Record<string, string>) => on.request<string>('POST', path, { body: new URLSearchParams(fields).toString(), headers: FORM });
const postJson = <T = Record<string, unknown>>(on: TestTwin, path: string, json: unknown) => on.request<T>('POST', path, { json });
const hiddenSubmissionId = (page: string) => /<input type="hidden" name="submissionId" value="([^"]+)">/.exec(page)?.[1];
const newSubmissionId = () => randomBytes(18).toString('base64url');

interface ReportedDetail {
  status: string;
  incidents: Array<{ id: string; title: string; category: string; source?: string; impact: string; reportedBy?: { kind: string; name?: string } }>;
  tickets: Array<{ ticketId: string; incidentId: string; title: string; priority: string; requiredSkills: string[] }>;
  timeline: Array<{ type: string; actor: { kind: string; name?: string }; detail?: string }>;
  feedback: { score: number; comment?: string; at: string } | null;
}
const detail = async (onboardingId: string) => (await detailOf(twin, people.accountManager, onboardingId)) as unknown as ReportedDetail;

function expectPage(response: ApiResponse<unknown>, status: number) {
  expect(response.status, response.text.slice(0, 400)).toBe(status);
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src 'none'; form-action 'self'/);
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.text).not.toMatch(/<script/i);
}

function expectProblem(response: ApiResponse<unknown>, status: number) {
  expect(response.status, response.text).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return response.body as { type: string; status: number; detail: string; errors?: Array<{ pointer: string; message: string }>; [key: string]: unknown };
}

describe('opening a link changes nothing', () => {
  it('GET of the problem link: the Dutch form, a fresh submission id each time, no item written', async () => {
    const before = await twin.tableItemCount();
    const first = await twin.request<string>('GET', pathOf(monitored.problemUrl));
    const second = await twin.request<string>('GET', pathOf(monitored.problemUrl));
    expectPage(first, 200);
    expect(first.headers.get('content-language')).toBe('nl');
    expect(first.text).toContain('<h1 id="problem-heading">Een nieuw probleem melden</h1>');
    expect(first.text).toContain('Break &amp; Fix-ondersteuning voor Problemen Melden B.V.');
    expect(first.text).toContain('wij houden uw omgeving in de gaten tot');
    expect(first.text).toContain(`<form method="post" action="${pathOf(monitored.problemUrl)}"`);
    expect(first.text).toContain('Kritiek: het bedrijf ligt stil');
    const ids = [hiddenSubmissionId(first.text), hiddenSubmissionId(second.text)];
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(ids[0]).not.toBe(ids[1]);
    expect(await twin.tableItemCount()).toBe(before);
  });

  it('GET of an unused feedback link: the form with five scores, no item written', async () => {
    const before = await twin.tableItemCount();
    const page = await twin.request<string>('GET', pathOf(viaForm.feedbackUrl));
    expectPage(page, 200);
    expect(page.text).toContain('Hoe tevreden bent u?');
    for (const score of [1, 2, 3, 4, 5]) expect(page.text).toContain(`name="score" value="${score}" required`);
    expect(page.text).toContain('1 – Zeer ontevreden');
    expect(page.text).toContain('5 – Zeer tevreden');
    expect(await twin.tableItemCount()).toBe(before);
  });

  it('an unknown, malformed or wrong-purpose token answers 404 in both languages, as a page or as problem+json', async () => {
    for (const path of [`/problems/${unknownToken()}`, '/problems/kort', `/feedback/${unknownToken()}`, `/feedback/${pathOf(monitored.problemUrl).split('/').at(-1)}`, `/problems/${pathOf(viaForm.feedbackUrl).split('/').at(-1)}`]) {
      const page = await twin.request<string>('GET', path);
      expectPage(page, 404);
      expect(page.text).toContain('Deze link is ongeldig');
      expect(page.text).toContain('This link is not valid');
      expectPage(await postForm(twin, path, { title: 'x' }), 404);
      expect(expectProblem(await postJson(twin, path, { score: 3 }), 404).detail).toBe('This link does not exist');
    }
  });
});

describe('reporting a problem through the monitoring link', () => {
  const path = () => pathOf(monitored.problemUrl);

  it('refuses invalid JSON with problem+json naming each field in Dutch, and writes nothing', async () => {
    const before = await twin.tableItemCount();
    const invalid = expectProblem(await postJson(twin, path(), { title: ' ', description: 'x'.repeat(4001), impact: 'enorm', submissionId: 'kort' }), 400);
    expect(invalid.errors).toEqual([
      { pointer: '/title', message: 'Geef het probleem een korte omschrijving.' },
      { pointer: '/description', message: 'De beschrijving mag hoogstens 4000 tekens lang zijn.' },
      { pointer: '/impact', message: 'Kies hoe groot de gevolgen zijn.' },
      { pointer: '/submissionId', message: 'Het formulier was niet compleet. Controleer uw melding en verstuur haar opnieuw.' },
    ]);
    const unknown = expectProblem(await postJson(twin, path(), { title: 'Printer', description: 'Kapot', impact: 'low', submissionId: newSubmissionId(), priority: 'critical' }), 400);
    expect(unknown.errors).toEqual([{ pointer: '/priority', message: 'Unknown field' }]);
    expectProblem(await twin.request('POST', path(), { body: 'title=x', headers: { 'content-type': 'text/plain' } }), 415);
    expectProblem(await twin.request('POST', path(), { body: '{"title":', headers: { 'content-type': 'application/json' } }), 400);
    expect(await twin.tableItemCount()).toBe(before);
  });

  it('re-renders the form with the errors and the values, escaped (400), and writes nothing', async () => {
    const before = await twin.tableItemCount();
    const submissionId = newSubmissionId();
    const page = await postForm(twin, path(), { title: '<script>alert(1)</script> & "co"', description: '  ', impact: 'high', submissionId });
    expectPage(page, 400);
    expect(page.text).toContain('<title>Fout: Nieuw probleem melden – Problemen Melden B.V.</title>');
    expect(page.text).toContain('<a href="#field-description">Beschrijf wat er aan de hand is.</a>');
    expect(page.text).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;"');
    expect(page.text).not.toContain('<script>alert(1)');
    expect(page.text).toMatch(/value="high" required checked/);
    // The same submission id again: nothing was filed under it yet.
    expect(hiddenSubmissionId(page.text)).toBe(submissionId);
    expect(await twin.tableItemCount()).toBe(before);
  });

  it('files a JSON report as an incident and a ticket (201); the same submission again is a duplicate (200)', async () => {
    const report = { title: 'Wifi valt weg op zolder', description: 'Sinds vanochtend\nvalt de wifi elke tien minuten weg.', impact: 'high', submissionId: newSubmissionId() };
    const filed = await postJson<{ incidentId: string; ticketId: string }>(twin, path(), report);
    expect(filed.status, filed.text).toBe(201);
    expect(Object.keys(filed.body).sort()).toEqual(['incidentId', 'ticketId']);
    expect(filed.body.incidentId).toBe('inc-02');
    expect(filed.body.ticketId).toMatch(/^tkt-/);
    const again = await postJson(twin, path(), report);
    expect(again.status, again.text).toBe(200);
    expect(again.body).toEqual({ duplicate: true });

    const after = await detail(monitored.onboardingId);
    expect(after.incidents.filter((i) => i.title === report.title)).toHaveLength(1);
    expect(after.incidents.find((i) => i.id === 'inc-02')).toMatchObject({
      title: report.title,
      description: report.description,
      category: 'client-report',
      impact: 'high',
      source: 'client',
      reportedBy: { kind: 'client', name: 'Sanne de Vries' },
    });
    expect(after.tickets.find((t) => t.ticketId === filed.body.ticketId)).toMatchObject({ incidentId: 'inc-02', title: report.title, priority: 'high', requiredSkills: [] });
    expect(after.timeline.filter((e) => e.type === 'PROBLEM_REPORTED')).toEqual([expect.objectContaining({ actor: { kind: 'client', name: 'Sanne de Vries' } })]);
  });

  it('files a form report with a thank-you page; a double submit, one after the other or at once, files one incident', async () => {
    const fields = { title: 'Kassa bevriest', description: 'De kassa bevriest bij het afrekenen.\r\nHerstarten helpt even.', impact: 'critical', submissionId: newSubmissionId() };
    const thanks = await postForm(twin, path(), fields);
    expectPage(thanks, 200);
    expect(thanks.text).toContain('<h1>Bedankt, wij hebben uw probleem ontvangen</h1>');
    expect(thanks.text).toMatch(/Uw melding „Kassa bevriest” is ontvangen en staat bij ons genoteerd onder tkt-/);
    expect(thanks.text).toContain(`<a href="mailto:${AM}">${AM}</a>`);
    const again = await postForm(twin, path(), fields);
    expectPage(again, 200);
    expect(again.text).toContain('<h1>Uw melding was al ontvangen</h1>');
    expect(again.text).toContain('er is geen tweede melding aangemaakt');

    // Two clicks that arrive together.
    const burst = { ...fields, title: 'Scanner doet niets', impact: 'low', submissionId: newSubmissionId() };
    const answers = await Promise.all([postForm(twin, path(), burst), postForm(twin, path(), burst)]);
    for (const answer of answers) expectPage(answer, 200);
    expect(answers.map((a) => a.text.match(/<h1>([^<]+)<\/h1>/)?.[1]).sort()).toEqual(['Bedankt, wij hebben uw probleem ontvangen', 'Uw melding was al ontvangen']);

    // That was the last report the link takes (three here): sent once more, it is still the same report, not a refusal.
    const late = await postForm(twin, path(), burst);
    expectPage(late, 200);
    expect(late.text).toContain('<h1>Uw melding was al ontvangen</h1>');

    const after = await detail(monitored.onboardingId);
    expect(after.incidents.filter((i) => i.title === 'Kassa bevriest')).toHaveLength(1);
    expect(after.incidents.filter((i) => i.title === 'Scanner doet niets')).toHaveLength(1);
    // The textarea's CRLF is stored as a line break.
    expect(after.incidents.find((i) => i.title === 'Kassa bevriest')).toMatchObject({ description: 'De kassa bevriest bij het afrekenen.\nHerstarten helpt even.', impact: 'critical' });
    expect(after.incidents.map((i) => i.id)).toEqual(['inc-01', 'inc-02', 'inc-03', 'inc-04']);
    expect(after.tickets).toHaveLength(4);
    expect(after.timeline.filter((e) => e.type === 'PROBLEM_REPORTED')).toHaveLength(3);
    // The first report woke the monitoring wait: a new round for the reported problems.
    expect(['IMPLEMENTING', 'MONITORING']).toContain(after.status);
  });

  it('refuses a fourth client report with 409: the link takes three here; call the account manager', async () => {
    const page = await postForm(twin, path(), { title: 'Nog een', description: 'Nog een probleem', impact: 'normal', submissionId: newSubmissionId() });
    expectPage(page, 409);
    expect(page.text).toContain('Wij kunnen deze melding niet via deze link aannemen');
    expect(page.text).toContain('Via deze link zijn al zoveel problemen gemeld als zij toestaat.');
    expect(page.text).toContain(`<a href="mailto:${AM}">${AM}</a>`);
    const json = expectProblem(await postJson(twin, path(), { title: 'Nog een', description: 'Nog een probleem', impact: 'normal', submissionId: newSubmissionId() }), 409);
    expect(json).toMatchObject({ reason: 'too-many-client-reports', accountManager: AM });
    expect(json.detail).toContain(AM);
    expect((await detail(monitored.onboardingId)).incidents).toHaveLength(4);
    // The form still opens: the link is valid until COMPLETED; only the bound refuses.
    expectPage(await twin.request('GET', path()), 200);
  });
});

describe('the problem link once the onboarding is COMPLETED', () => {
  it('answers 410 saying monitoring has ended, with the account manager’s address, and files nothing', async () => {
    expect((await detail(viaForm.onboardingId)).status).toBe('COMPLETED');
    const path = pathOf(viaForm.problemUrl);
    const page = await twin.request<string>('GET', path);
    expectPage(page, 410);
    expect(page.text).toContain('<h1>De monitoring is afgelopen</h1>');
    expect(page.text).toContain(`Neem dan contact op met uw accountmanager: <a href="mailto:${AM}">${AM}</a>.`);
    expect(page.text).not.toContain('<form');
    const posted = await postForm(twin, path, { title: 'Te laat', description: 'Na afloop', impact: 'low', submissionId: newSubmissionId() });
    expectPage(posted, 410);
    expect(posted.text).toContain('De monitoring is afgelopen');
    const json = expectProblem(await postJson(twin, path, { title: 'Te laat', description: 'Na afloop', impact: 'low', submissionId: newSubmissionId() }), 410);
    expect(json.detail).toContain(AM);
    expect((await detail(viaForm.onboardingId)).incidents).toHaveLength(1);
  });
});

describe('feedback through the report e-mail’s link', () => {
  it('through the form: errors re-rendered (400), stored once (200), then read-only on GET (200) and 409 on a second POST', async () => {
    const path = pathOf(viaForm.feedbackUrl);
    const before = await twin.tableItemCount();
    const invalid = await postForm(twin, path, { comment: 'Geen cijfer <b>gekozen</b>' });
    expectPage(invalid, 400);
    expect(invalid.text).toContain('<a href="#field-score-1">Kies een cijfer van 1 tot en met 5.</a>');
    expect(invalid.text).toContain('Geen cijfer &lt;b&gt;gekozen&lt;/b&gt;</textarea>');
    expect(await twin.tableItemCount()).toBe(before);

    const given = await postForm(twin, path, { score: '4', comment: 'Snel geholpen.\r\nDe printer doet het weer.' });
    expectPage(given, 200);
    expect(given.text).toContain('<h1>Bedankt voor uw feedback</h1>');
    expect(given.text).toContain('<dd>4 van 5</dd>');
    expect(given.text).toContain('<dd>Snel geholpen.<br>De printer doet het weer.</dd>');

    const later = await twin.request<string>('GET', path);
    expectPage(later, 200);
    expect(later.text).toContain('<dd>4 van 5</dd>');
    expect(later.text).toContain('<dd>Tevreden</dd>');
    expect(later.text).not.toContain('<form');

    const second = await postForm(twin, path, { score: '1' });
    expectPage(second, 409);
    expect(second.text).toContain('<h1>U hebt uw feedback al gegeven</h1>');
    expect(second.text).toContain('<dd>4 van 5</dd>');
    expect(expectProblem(await postJson(twin, path, { score: 1 }), 409)).toMatchObject({ score: 4 });

    const after = await detail(viaForm.onboardingId);
    expect(after.feedback).toMatchObject({ score: 4, comment: 'Snel geholpen.\nDe printer doet het weer.' });
    expect(after.timeline.filter((e) => e.type === 'FEEDBACK_RECEIVED')).toEqual([
      expect.objectContaining({ actor: { kind: 'client', name: 'Sanne de Vries' }, detail: 'Feedback: 4/5' }),
    ]);
  });

  it('as JSON: fields validated, two posts at once store one (200 {score}, 409)', async () => {
    const path = pathOf(viaJson.feedbackUrl);
    expect(expectProblem(await postJson(twin, path, { score: 5, stars: 5 }), 400).errors).toEqual([{ pointer: '/stars', message: 'Unknown field' }]);
    expect(expectProblem(await postJson(twin, path, { score: 7, comment: 'x'.repeat(2001) }), 400).errors).toEqual([
      { pointer: '/score', message: 'Kies een cijfer van 1 tot en met 5.' },
      { pointer: '/comment', message: 'De toelichting mag hoogstens 2000 tekens lang zijn.' },
    ]);
    const answers = await Promise.all([postJson(twin, path, { score: 5 }), postJson(twin, path, { score: 2 })]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const stored = answers.find((a) => a.status === 200)!.body as { score: number };
    expect([5, 2]).toContain(stored.score);
    expect((await detail(viaJson.onboardingId)).feedback).toMatchObject({ score: stored.score });
    const page = await twin.request<string>('GET', path);
    expectPage(page, 200);
    expect(page.text).toContain(`<dd>${stored.score} van 5</dd>`);
  });
});
