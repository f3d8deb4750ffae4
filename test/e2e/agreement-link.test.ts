import { DeleteItemCommand, paginateScan, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { DescribeExecutionCommand, GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { match } from '../support/matchers';
import { agreementLinkFromInbox, decide, detailOf, startIntake, submitAnalysis, untilStatus, type Detail } from '../support/agreement-flow';
import { startTestTwin, eventually, type TestTwin } from '../support/twin';
import type { StoredEmail } from '../support/emulators';

/**
 * The client's agreement link over HTTP on the twin: read from the offer e-mail in the SES store,
 * opened (GET changes nothing), decided once under a burst of concurrent posts, with its evidence.
 */
const COMPANY = 'Bakkerij De Korenschoof B.V.';
const PRIMARY = 'sanne@korenschoof.example';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

let twin: TestTwin;
let accountManager: string;
let analyst: string;
let onboardingId: string;
let executionArn: string;
let url: string;
let path: string;
let token: string;

beforeAll(async () => {
  // No technician exists here: after approval the ticket waits for one, quietly (re-check and escalation far off).
  twin = await startTestTwin({ policy: { analysisReminderSeconds: 120, decisionReminderSeconds: 120, assignmentRecheckSeconds: 600, assignmentEscalateAfterSeconds: 600 } });
  accountManager = await twin.token('account-manager', 'am@breakfix.example');
  analyst = await twin.token('analyst', 'analist@breakfix.example');
  ({ onboardingId, executionArn } = await startIntake(twin, accountManager, COMPANY));
  await submitAnalysis(twin, analyst, onboardingId);
  await untilStatus(twin, accountManager, onboardingId, 'AGREEMENT_SENT');
  url = await agreementLinkFromInbox(twin, COMPANY, PRIMARY);
  path = new URL(url).pathname;
  token = path.split('/').at(-1)!;
  // The offer e-mail is sent by the waiting task itself: wait until the workflow really waits.
  await untilHistoryStable();
});
afterAll(async () => {
  await twin?.close();
});

async function historyLength(): Promise<number> {
  let count = 0;
  let nextToken: string | undefined;
  do {
    const page = await twin.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }));
    count += page.events?.length ?? 0;
    nextToken = page.nextToken;
  } while (nextToken);
  return count;
}

async function executionStatus(): Promise<string | undefined> {
  return (await twin.sfn.send(new DescribeExecutionCommand({ executionArn }))).status;
}

/** Waits until the last event is AwaitClientDecision's TaskSubmitted: its Lambda returned, the task token waits. */
async function untilHistoryStable(): Promise<void> {
  await eventually(async () => {
    const { events } = await twin.sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 1 }));
    return events?.[0]?.type === 'TaskSubmitted' ? true : undefined;
  });
  const first = await historyLength();
  await new Promise((resolve) => setTimeout(resolve, 150));
  expect(await historyLength()).toBe(first);
}

async function allItems(): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, AttributeValue>> = [];
  for await (const page of paginateScan({ client: twin.dynamodb }, { TableName: twin.twin.tableName, ConsistentRead: true })) {
    items.push(...(page.Items ?? []));
  }
  return items.map((item) => unmarshall(item));
}

async function linkItems() {
  return (await allItems()).filter((item) => item.entity === 'ClientLink');
}

/** What must not move while nothing is decided: the table, the execution and its history. */
async function snapshot() {
  return { items: await twin.tableItemCount(), status: await executionStatus(), history: await historyLength(), links: JSON.stringify(await linkItems()) };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/**
 * Nothing to load from anywhere: no element that fetches, no src, no CSS url(). An absolute URL
 * may only be a link the client follows (the general terms), never something the page loads.
 */
function expectSelfContained(page: string) {
  expect(page).not.toMatch(/<(link|img|iframe|object|embed|video|audio|source)\b|\ssrc=|url\(/i);
  const urls = new Set([...page.matchAll(/https?:\/\/[^\s"<>]+/gi)].map((m) => m[0]));
  const links = new Set([...page.matchAll(/<a\s[^>]*href="(https?:\/\/[^"]+)"/gi)].map((m) => m[1]!));
  expect([...urls].filter((url) => !links.has(url))).toEqual([]);
}

describe('the agreement link in the offer e-mail', () => {
  it('is a 43-character token link to the public API, in a Dutch offer to the primary contact', async () => {
    expect(url).toMatch(new RegExp(`^${twin.twin.urls.api}/agreements/[A-Za-z0-9_-]{43}$`));
    const offers = (await twin.inbox()).filter((m) => m.destination.to.includes(PRIMARY) && m.body.text?.includes(url));
    expect(offers).toHaveLength(1);
    const offer = offers[0]!;
    expect(offer.subject).toBe(`Uw serviceovereenkomst staat klaar – ${COMPANY}`);
    expect(offer.body.text).toContain('Beste Sanne de Vries');
    expect(offer.body.text).toContain('Overeenkomst bekijken en beslissen');
    expect(offer.body.html).toContain(`href="${url}"`);
    expect(offer.destination.to).toEqual([PRIMARY]);
    // Replies reach the account manager, not the sending address.
    expect((offer as StoredEmail & { replyTo?: string[] }).replyTo).toEqual(['am@breakfix.example']);
  });

  it('every e-mail to the client so far replies to the account manager; staff e-mails carry no Reply-To', async () => {
    const mails = (await twin.inbox()) as Array<StoredEmail & { replyTo?: string[] }>;
    const toClient = mails.filter((m) => m.destination.to.includes(PRIMARY));
    expect(toClient.length).toBeGreaterThanOrEqual(2); // the registration confirmation and the offer
    for (const mail of toClient) expect(mail.replyTo, mail.subject).toEqual(['am@breakfix.example']);
    const toAnalysts = mails.filter((m) => m.destination.to.includes('analysts@breakfix.example'));
    expect(toAnalysts.length).toBeGreaterThan(0);
    for (const mail of toAnalysts) expect(mail.replyTo ?? [], mail.subject).toEqual([]);
  });
});

describe('GET /agreements/{token}', () => {
  it('serves the same Dutch confirm page twice, with strict headers, and changes nothing', async () => {
    const before = await snapshot();
    expect(before.status).toBe('RUNNING');
    expect(before.history).toBeGreaterThan(10);
    expect(before.links).toContain('"taskToken"');
    expect(before.links).not.toContain('usedAt');
    const first = await twin.request('GET', path);
    const second = await twin.request('GET', path);
    for (const response of [first, second]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'(;|$)/);
      expect(response.headers.get('content-security-policy')).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('content-language')).toBe('nl');
      expect(response.text).not.toMatch(/<script/i);
      expectSelfContained(response.text);
    }
    expect(second.text).toBe(first.text);
    expect(first.text).toContain('<html lang="nl">');
    expect(first.text).toContain(`action="${path}"`);
    expect(first.text).toContain('name="consent"');
    for (const decision of ['approve', 'request-changes', 'decline']) expect(first.text).toContain(`value="${decision}"`);
    const detail = await detailOf(twin, accountManager, onboardingId);
    for (const incident of detail.incidents) expect(first.text).toContain(incident.title);

    expect(await snapshot()).toEqual(before);
    expect((await detailOf(twin, accountManager, onboardingId)).status).toBe('AGREEMENT_SENT');
  });
});

describe('POST with bad input: a 400 naming the field, nothing recorded', () => {
  it('400 Dutch page naming the consent box when it is not ticked', async () => {
    const before = await snapshot();
    const response = await twin.request('POST', path, { body: form({ name: 'Sanne de Vries', decision: 'approve', comment: '' }), headers: FORM });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(response.text).toContain('Bevestig dat u de overeenkomst hebt gelezen en bevoegd bent te beslissen.');
    expect(response.text).toContain('href="#field-consent"');
    expect(response.text).toContain('id="error-consent"');
    // What the client typed comes back.
    expect(response.text).toContain('value="Sanne de Vries"');
    expect(await snapshot()).toEqual(before);
  });

  it('400 naming the comment when declining without a reason', async () => {
    const before = await snapshot();
    const response = await twin.request('POST', path, { body: form({ name: 'Sanne de Vries', decision: 'decline', consent: 'yes', comment: '  ' }), headers: FORM });
    expect(response.status).toBe(400);
    expect(response.text).toContain('Geef een toelichting: die is verplicht bij afwijzen of wijzigingen aanvragen.');
    expect(response.text).toContain('id="error-comment"');
    expect(response.text).not.toContain('id="error-consent"');
    expect(await snapshot()).toEqual(before);
  });

  it('400 problem+json naming /extra for a JSON body with an unknown field, in the client\'s language', async () => {
    const before = await snapshot();
    const response = await twin.request('POST', path, { json: { decision: 'approve', name: 'Sanne de Vries', consent: true, extra: 1 } });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('content-language')).toBe('nl');
    expect(response.body).toMatchObject({ status: 400, errors: [{ pointer: '/extra', message: 'Onbekend veld' }] });
    expect(await snapshot()).toEqual(before);
  });

  it('400 problem+json naming /consent when JSON says "yes": only the JSON value true counts', async () => {
    const before = await snapshot();
    for (const consent of ['yes', 'true', 1, 'on']) {
      const response = await twin.request<{ detail: string; errors: Array<{ pointer: string; message: string }> }>('POST', path, {
        json: { decision: 'approve', name: 'Sanne de Vries', consent },
      });
      expect(response.status, String(consent)).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.body.errors).toEqual([{ pointer: '/consent', message: match.stringContaining('"consent": true') }]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('400 problem+json in English for Accept-Language: en on a Dutch client\'s link, said in Content-Language', async () => {
    const before = await snapshot();
    for (const acceptLanguage of ['en', 'en-GB,en;q=0.9,nl;q=0.5', 'de-DE, nl;q=0.2, en-US;q=0.8']) {
      const response = await twin.request<{ detail: string; errors: Array<{ pointer: string; message: string }> }>('POST', path, {
        json: { decision: 'decline', consent: 'yes', extra: true },
        headers: { 'accept-language': acceptLanguage },
      });
      expect(response.status, acceptLanguage).toBe(400);
      expect(response.headers.get('content-language'), acceptLanguage).toBe('en');
      expect(response.body.detail).toBe('The decision is invalid; see the fields.');
      expect(response.body.errors).toEqual([
        { pointer: '/extra', message: 'Unknown field' },
        { pointer: '/name', message: 'Enter your name.' },
        { pointer: '/consent', message: 'Confirm with "consent": true that you have read the agreement and are authorised to decide.' },
        { pointer: '/comment', message: 'Add a comment: it is required when you decline or request changes.' },
      ]);
    }
    // Dutch wins by q-value, or as the client's locale when English is refused.
    for (const acceptLanguage of ['en;q=0.5, nl', 'en;q=0, *']) {
      const response = await twin.request<{ detail: string; errors: Array<{ pointer: string; message: string }> }>('POST', path, {
        json: { decision: 'approve', consent: true },
        headers: { 'accept-language': acceptLanguage },
      });
      expect(response.headers.get('content-language'), acceptLanguage).toBe('nl');
      expect(response.body.detail).toBe('De beslissing is ongeldig; zie de velden.');
      expect(response.body.errors).toEqual([{ pointer: '/name', message: 'Vul uw naam in.' }]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('400 problem+json naming each missing field for an empty JSON decision', async () => {
    const before = await snapshot();
    const response = await twin.request<{ errors: Array<{ pointer: string }> }>('POST', path, { json: {} });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body.errors.map((e) => e.pointer)).toEqual(expect.arrayContaining(['/name', '/consent', '/decision']));
    expect(await snapshot()).toEqual(before);
  });
});

describe('20 concurrent decisions on one link', () => {
  let responses: Awaited<ReturnType<TestTwin['request']>>[];
  let approved: Detail;

  beforeAll(async () => {
    responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        twin.request('POST', path, {
          body: form({ name: 'Sanne de Vries', decision: 'approve', comment: '', consent: 'yes' }),
          headers: { ...FORM, 'user-agent': `e2e-client-${i}` },
        }),
      ),
    );
    // The status and its timeline event are two writes: wait for both.
    approved = await eventually(async () => {
      const detail = await detailOf(twin, accountManager, onboardingId);
      return detail.status === 'IMPLEMENTING' && detail.timeline.some((e) => e.type === 'AGREEMENT_APPROVED') ? detail : undefined;
    });
  });

  it('accepts exactly one; the other 19 get 409 with a page saying it was approved', () => {
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const accepted = responses.find((r) => r.status === 200)!;
    expect(accepted.text).toContain('Bedankt, de overeenkomst is goedgekeurd');
    expect(accepted.text).toContain(`Sanne de Vries heeft de serviceovereenkomst op`);
    for (const refused of responses.filter((r) => r.status === 409)) {
      expect(refused.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(refused.text).toContain('Over deze overeenkomst is al beslist');
      expect(refused.text).toMatch(/Deze serviceovereenkomst is op .+ goedgekeurd\./);
    }
  });

  it('resumes the execution: the onboarding reaches IMPLEMENTING, decided by the client, and gets its tickets', async () => {
    expect(approved.agreement?.decision).toMatchObject({ decision: 'approve', name: 'Sanne de Vries' });
    const event = approved.timeline.find((e) => e.type === 'AGREEMENT_APPROVED');
    expect(event).toMatchObject({ status: 'IMPLEMENTING', actor: { kind: 'client', name: 'Sanne de Vries' } });
    expect(approved.timeline.filter((e) => e.type === 'AGREEMENT_APPROVED')).toHaveLength(1);
    // The workflow goes on: the approved agreement's lines become tickets.
    const tickets = await eventually(async () => {
      const detail = await twin.request<{ tickets?: Array<{ incidentId: string }> }>('GET', `/onboardings/${onboardingId}`, { token: accountManager });
      return detail.body.tickets?.length ? detail.body.tickets : undefined;
    });
    expect(tickets.map((t) => t.incidentId)).toEqual(['inc-01', 'inc-02']);
    expect(await executionStatus()).toBe('RUNNING');
    // Both tickets wait for a technician; from here on nothing moves on its own.
    await eventually(async () => {
      const { events = [] } = await twin.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
      const waiting = events.filter((e) => e.type === 'TaskSubmitted').length;
      return waiting >= 4 && events.at(-1)?.type === 'TaskSubmitted' ? true : undefined;
    });
  });

  it('stores the evidence on the link: name, time, IP, user agent of the winner, the agreement’s document hash', async () => {
    const links = await linkItems();
    expect(links).toHaveLength(1);
    const link = links[0]!;
    const winner = responses.findIndex((r) => r.status === 200);
    expect(link).toMatchObject({
      onboardingId,
      purpose: 'agreement-decision',
      agreementVersion: approved.agreement!.version,
      usedAt: match.stringMatching(/^\d{4}-\d\d-\d\dT/),
      decision: {
        decision: 'approve',
        name: 'Sanne de Vries',
        ip: match.stringMatching(/^(127\.0\.0\.1|::1)$/),
        userAgent: `e2e-client-${winner}`,
        documentHash: approved.agreement!.documentHash,
      },
    });
    expect((link.decision as { at: string }).at).toBe(link.usedAt);
    expect(approved.agreement!.documentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps only the token’s hash: the raw token is nowhere in the table', async () => {
    const everything = JSON.stringify(await allItems());
    expect(everything.length).toBeGreaterThan(1000);
    expect(everything).not.toContain(token);
    expect((await linkItems())[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers a later form post 409, a JSON post 409 problem+json, and GET the decided page', async () => {
    const before = await twin.tableItemCount();
    const again = await decide(twin, url, { name: 'Iemand Anders', decision: 'decline', comment: 'Toch niet', consent: 'yes' });
    expect(again.status).toBe(409);
    expect(again.text).toMatch(/Deze serviceovereenkomst is op .+ goedgekeurd\./);

    const json = await twin.request('POST', path, { json: { decision: 'decline', name: 'Iemand Anders', comment: 'Toch niet', consent: true } });
    expect(json.status).toBe(409);
    expect(json.headers.get('content-type')).toBe('application/problem+json');
    expect(json.body).toMatchObject({ status: 409, detail: match.stringContaining('approve') });

    const page = await twin.request('GET', path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Deze overeenkomst is goedgekeurd');
    expect(await twin.tableItemCount()).toBe(before);
    expect((await detailOf(twin, accountManager, onboardingId)).agreement?.decision?.name).toBe('Sanne de Vries');
  });

  it('GET shows the decided agreement read-only: the decision, who and when, the document, the PDF link; no form; strict headers', async () => {
    const before = await snapshot();
    const page = await twin.request('GET', path);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'(;|$)/);
    expect(page.headers.get('content-security-policy')).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('content-language')).toBe('nl');
    expect(page.text).toContain('<html lang="nl">');
    expect(page.text).not.toMatch(/<script/i);
    expectSelfContained(page.text);
    // Read-only: no form, no field, nothing to post.
    expect(page.text).not.toMatch(/<form|<input|<textarea|<button/i);
    expect(page.text).toContain('Deze overeenkomst is goedgekeurd');
    expect(page.text).toMatch(/Sanne de Vries heeft de serviceovereenkomst op \d{1,2}\s\S+\s\d{4}\som\s\d\d:\d\d namens Bakkerij De Korenschoof B\.V\. goedgekeurd\./);
    expect(page.text).toContain('<dt>Beslissing</dt><dd>Goedgekeurd</dd>');
    expect(page.text).toContain('<dt>Door</dt><dd>Sanne de Vries</dd>');
    expect(page.text).toContain(`href="${path}/pdf"`);
    // The agreement itself, as on the confirm page: its lines and its document hash.
    const detail = await detailOf(twin, accountManager, onboardingId);
    for (const incident of detail.incidents) expect(page.text).toContain(incident.title);
    expect(page.text).toContain(detail.agreement!.documentHash);
    // The IP and the user agent are evidence for staff, not for the page.
    expect(page.text).not.toContain('e2e-client-');
    expect(await snapshot()).toEqual(before);
  });

  it('keeps the evidence on its own item, written with the decision: expiresAt = retainUntil = decision + 7 years', async () => {
    const evidence = (await allItems()).filter((item) => item.entity === 'DecisionEvidence');
    expect(evidence).toHaveLength(1);
    const item = evidence[0]!;
    const link = (await linkItems())[0]!;
    const decision = link.decision as { at: string; userAgent: string };
    expect(item).toMatchObject({
      pk: `ONBOARDING#${onboardingId}`,
      sk: 'EVIDENCE#0001',
      onboardingId,
      agreementVersion: 1,
      linkPurpose: 'agreement-decision',
      decision: 'approve',
      name: 'Sanne de Vries',
      at: decision.at,
      ip: match.stringMatching(/^(127\.0\.0\.1|::1)$/),
      userAgent: decision.userAgent,
      documentHash: approved.agreement!.documentHash,
    });
    const at = new Date(decision.at);
    const retainUntil = new Date(at);
    retainUntil.setUTCFullYear(at.getUTCFullYear() + 7);
    expect(item.retainUntil).toBe(retainUntil.toISOString());
    expect(item.expiresAt).toBe(Math.floor(retainUntil.getTime() / 1000));
    // Far beyond the link's own TTL (its validity + 400 days).
    expect(item.expiresAt as number).toBeGreaterThan((link.expiresAt as number) + 5 * 365 * 24 * 3600);
  });
});

describe('unknown links', () => {
  const unknown = `/agreements/${'A'.repeat(43)}`;

  it('404 bilingual page for a well-formed unknown token, on GET and on POST', async () => {
    const before = await twin.tableItemCount();
    for (const response of [
      await twin.request('GET', unknown),
      await twin.request('POST', unknown, { body: form({ name: 'X', decision: 'approve', consent: 'yes' }), headers: FORM }),
    ]) {
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
      expect(response.text).toContain('Deze link is ongeldig');
      expect(response.text).toContain('This link is not valid');
    }
    expect(await twin.tableItemCount()).toBe(before);
  });

  it('404 for a malformed token', async () => {
    for (const bad of ['short', `${'A'.repeat(42)}!`, 'A'.repeat(44), '%3Cscript%3E']) {
      const response = await twin.request('GET', `/agreements/${bad}`);
      expect(response.status, bad).toBe(404);
      expect(response.text, bad).toContain('Deze link is ongeldig');
      expect(response.text, bad).not.toMatch(/<script/i);
    }
  });

  it('404 problem+json for a JSON post to an unknown token', async () => {
    const response = await twin.request('POST', unknown, { json: { decision: 'approve', name: 'X', consent: true } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({ status: 404 });
  });
});

describe('after TTL removed the link item', () => {
  it('GET /onboardings/{id} still shows staff the evidence, with retainUntil = decision + 7 years; the link itself is gone (404)', async () => {
    const detailWith = async () =>
      (await twin.request<{ decisionEvidence: Array<Record<string, unknown>> }>('GET', `/onboardings/${onboardingId}`, { token: accountManager })).body
        .decisionEvidence;
    const shown = await detailWith();
    expect(shown).toHaveLength(1);

    // What DynamoDB's TTL does when the link's time is up: the item is simply deleted.
    const [link] = await linkItems();
    await twin.dynamodb.send(new DeleteItemCommand({ TableName: twin.twin.tableName, Key: { pk: { S: link!.pk as string }, sk: { S: link!.sk as string } } }));
    expect(await linkItems()).toHaveLength(0);

    const kept = await detailWith();
    expect(kept).toEqual(shown);
    const evidence = kept[0]!;
    expect(evidence).toMatchObject({
      onboardingId,
      agreementVersion: 1,
      linkPurpose: 'agreement-decision',
      decision: 'approve',
      name: 'Sanne de Vries',
      ip: match.stringMatching(/^(127\.0\.0\.1|::1)$/),
      userAgent: match.stringMatching(/^e2e-client-\d+$/),
      documentHash: match.stringMatching(/^[0-9a-f]{64}$/),
    });
    // Storage attributes stay inside: no keys, no TTL number.
    expect(Object.keys(evidence)).not.toEqual(expect.arrayContaining(['pk']));
    expect(evidence).not.toHaveProperty('expiresAt');
    const at = new Date(evidence.at as string);
    const years7 = new Date(at);
    years7.setUTCFullYear(at.getUTCFullYear() + 7);
    expect(evidence.retainUntil).toBe(years7.toISOString());

    const page = await twin.request('GET', path);
    expect(page.status).toBe(404);
  });
});
