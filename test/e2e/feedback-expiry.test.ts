import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completedOnboarding, FOLLOW_UP_POLICY, followUpPeople } from '../support/follow-up-flow';
import { eventually, startTestTwin, type TestTwin } from '../support/twin';

/**
 * The report e-mail's feedback link past its validity (policy.feedbackValidSeconds): 410, as a page
 * with the account manager to mail or as problem+json, and nothing stored. Its own twin: here the
 * link is valid for one second.
 */
const AM = 'am@breakfix.example';
let twin: TestTwin;
let onboardingId: string;
let path: string;
let accountManager: string;

beforeAll(async () => {
  twin = await startTestTwin({ policy: { ...FOLLOW_UP_POLICY, monitoringSeconds: 1, feedbackValidSeconds: 1 } });
  const people = await followUpPeople(twin);
  accountManager = people.accountManager;
  const completed = await completedOnboarding(twin, people, 'Verlopen Feedback B.V.', 1000);
  onboardingId = completed.onboardingId;
  path = new URL(completed.feedbackUrl).pathname;
}, 90_000);
afterAll(async () => {
  await twin?.close();
});

describe('an expired feedback link', () => {
  it('answers 410 to GET and to both kinds of POST, naming the account manager, and stores nothing', async () => {
    const page = await eventually(async () => {
      const response = await twin.request<string>('GET', path);
      return response.status === 410 ? response : undefined;
    });
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(page.text).toContain('<h1>Deze link is verlopen</h1>');
    expect(page.text).toContain(`<a href="mailto:${AM}">${AM}</a>`);
    expect(page.text).not.toContain('<form');

    const before = await twin.tableItemCount();
    const form = await twin.request<string>('POST', path, { body: 'score=3', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(410);
    expect(form.text).toContain('De termijn om via deze link feedback te geven is verstreken.');
    const json = await twin.request<{ detail: string }>('POST', path, { json: { score: 3 } });
    expect(json.status).toBe(410);
    expect(json.headers.get('content-type')).toBe('application/problem+json');
    expect(json.body.detail).toContain(AM);
    expect(await twin.tableItemCount()).toBe(before);
    const detail = await twin.request<{ feedback: unknown; timeline: Array<{ type: string }> }>('GET', `/onboardings/${onboardingId}`, { token: accountManager });
    expect(detail.body.feedback).toBeNull();
    expect(detail.body.timeline.map((e) => e.type)).not.toContain('FEEDBACK_RECEIVED');
  });
});
