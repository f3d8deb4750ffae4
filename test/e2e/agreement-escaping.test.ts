import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementLinkFromInbox, decide, submitAnalysis, untilStatus } from '../support/agreement-flow';
import { validIntake } from '../support/fixtures';
import { startTestTwin, eventually, type TestTwin } from '../support/twin';

/**
 * Client text is data, never markup: a company, contact, incident, decider and comment full of HTML
 * show as text in the offer e-mail, the confirm page, the error page, the answer pages and the
 * account manager's notice.
 */
const COMPANY = 'Evil <script>alert(1)</script> & "Co"';
const COMPANY_ESCAPED = 'Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;';
const CONTACT = 'Jan "<b>Baas</b>" O\'Brien';
const CONTACT_ESCAPED = 'Jan &quot;&lt;b&gt;Baas&lt;/b&gt;&quot; O&#39;Brien';
const INCIDENT = 'Printer <img src=x onerror=alert(2)> kapot';
const INCIDENT_ESCAPED = 'Printer &lt;img src=x onerror=alert(2)&gt; kapot';
const DECIDER = '"><script>alert(4)</script>';
const DECIDER_ESCAPED = '&quot;&gt;&lt;script&gt;alert(4)&lt;/script&gt;';
const REASON = '</blockquote><script>alert(3)</script> te duur & te traag';
const REASON_ESCAPED = '&lt;/blockquote&gt;&lt;script&gt;alert(3)&lt;/script&gt; te duur &amp; te traag';
const PRIMARY = 'jan@evil.example';

/** Markup an attacker would want to see executed or rendered; none may appear raw. */
const RAW_MARKUP = /<script|<img|<b>|<em>/i;

let twin: TestTwin;
let accountManager: string;
let onboardingId: string;
let url: string;
let path: string;

beforeAll(async () => {
  twin = await startTestTwin({ policy: { analysisReminderSeconds: 120, decisionReminderSeconds: 120 } });
  accountManager = await twin.token('account-manager', 'am@breakfix.example');
  const intake = validIntake({
    client: { companyName: COMPANY, locale: 'nl' },
    contacts: [{ name: CONTACT, email: PRIMARY, role: 'primary' }],
    incidents: [{ title: INCIDENT, description: 'Beschrijving met <em>opmaak</em> & "quotes"', category: 'hardware', impact: 'high' }],
  });
  const accepted = await twin.request<{ onboardingId: string }>('POST', '/onboardings', { token: accountManager, json: intake });
  expect(accepted.status, accepted.text).toBe(202);
  onboardingId = accepted.body.onboardingId;
  await submitAnalysis(twin, await twin.token('analyst'), onboardingId);
  await untilStatus(twin, accountManager, onboardingId, 'AGREEMENT_SENT');
  url = await agreementLinkFromInbox(twin, COMPANY, PRIMARY);
  path = new URL(url).pathname;
});
afterAll(async () => {
  await twin?.close();
});

function expectEscapedHtml(document: string | undefined, ...escaped: string[]) {
  expect(document).toBeDefined();
  expect(document).not.toMatch(RAW_MARKUP);
  for (const text of escaped) expect(document).toContain(text);
}

describe('a company name containing <script>', () => {
  it('is stored as typed', async () => {
    const detail = await twin.request<{ client: { companyName: string }; contacts: Array<{ name: string }> }>('GET', `/onboardings/${onboardingId}`, { token: accountManager });
    expect(detail.body.client.companyName).toBe(COMPANY);
    expect(detail.body.contacts[0]!.name).toBe(CONTACT);
  });

  it('shows escaped in the offer e-mail’s HTML and as typed in its plain text', async () => {
    const offer = (await twin.inbox()).find((m) => m.destination.to.includes(PRIMARY) && m.subject.startsWith('Uw serviceovereenkomst staat klaar'));
    expect(offer).toBeDefined();
    expect(offer!.subject).toBe(`Uw serviceovereenkomst staat klaar – ${COMPANY}`);
    expectEscapedHtml(offer!.body.html, COMPANY_ESCAPED, `Beste ${CONTACT_ESCAPED}`, `<title>Uw serviceovereenkomst staat klaar – ${COMPANY_ESCAPED}</title>`);
    expect(offer!.body.text).toContain(COMPANY);
    expect(offer!.body.text).toContain(url);
  });

  it('shows as text on the confirm page: title, heading, work items, consent', async () => {
    const page = await twin.request('GET', path);
    expect(page.status).toBe(200);
    expectEscapedHtml(page.text, COMPANY_ESCAPED, INCIDENT_ESCAPED, `<title>`);
    expect(page.text).toMatch(new RegExp(`<title>[^<]*${COMPANY_ESCAPED.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^<]*</title>`));
    // Every mention of the company (title, lead, consent) is the escaped form.
    const mentions = page.text.split(COMPANY_ESCAPED).length - 1;
    expect(mentions).toBeGreaterThanOrEqual(3);
    expect(page.text.split('alert(1)').length - 1).toBe(mentions);
  });

  it('echoes a hostile name escaped inside the value attribute of the 400 page', async () => {
    const page = await decide(twin, url, { name: DECIDER, decision: 'approve', comment: '' });
    expect(page.status).toBe(400);
    expectEscapedHtml(page.text, `value="${DECIDER_ESCAPED}"`, COMPANY_ESCAPED);
  });

  it('shows the decider and company escaped on the answer pages; the account manager’s notice escapes the reason', async () => {
    const recorded = await decide(twin, url, { name: DECIDER, decision: 'decline', comment: REASON, consent: 'yes' });
    expect(recorded.status).toBe(200);
    expectEscapedHtml(recorded.text, 'Uw afwijzing is ontvangen', DECIDER_ESCAPED, COMPANY_ESCAPED);

    const again = await decide(twin, url, { name: DECIDER, decision: 'approve', consent: 'yes' });
    expect(again.status).toBe(409);
    expectEscapedHtml(again.text, 'Over deze overeenkomst is al beslist');

    // The spent link shows the decided agreement: the decider, the reason and the company as text.
    const decided = await twin.request('GET', path);
    expect(decided.status).toBe(200);
    expectEscapedHtml(decided.text, 'Deze overeenkomst is afgewezen', DECIDER_ESCAPED, REASON_ESCAPED, COMPANY_ESCAPED, INCIDENT_ESCAPED);

    const declined = await untilStatus(twin, accountManager, onboardingId, 'DECLINED');
    expect(declined.agreement?.decision).toMatchObject({ decision: 'decline', name: DECIDER });

    const notice = await eventually(async () =>
      (await twin.inbox()).find((m) => m.destination.to.includes('am@breakfix.example') && m.subject.startsWith('Overeenkomst afgewezen')),
    );
    expect(notice.subject).toBe(`Overeenkomst afgewezen: ${COMPANY} (versie 1)`);
    expectEscapedHtml(notice.body.html, REASON_ESCAPED, DECIDER_ESCAPED, COMPANY_ESCAPED, CONTACT_ESCAPED);
    expect(notice.body.text).toContain(REASON);
  });

  it('appears raw in no e-mail HTML the onboarding caused', async () => {
    const mails = await twin.inbox();
    expect(mails.length).toBeGreaterThanOrEqual(4);
    for (const mail of mails) {
      expect(mail.body.html, `${mail.subject} → ${mail.destination.to.join(',')}`).not.toMatch(RAW_MARKUP);
    }
  });
});
