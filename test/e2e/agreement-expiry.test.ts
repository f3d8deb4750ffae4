import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementLinkFromInbox, decide, detailOf, startIntake, submitAnalysis, type Detail } from '../support/agreement-flow';
import { startTestTwin, eventually, type TestTwin } from '../support/twin';

/**
 * No decision: the client is reminded with the same link, then the agreement expires, the link
 * answers 410 and the account manager is told. Its own twin: the decision wait is seconds here,
 * longer than the offer step's first run (a cold start that renders the offer PDF takes about 2 s;
 * the wait's timeout counts from the task's start).
 */
const COMPANY = 'Bakkerij De Korenschoof B.V.';
const PRIMARY = 'sanne@korenschoof.example';
const LINK = /https?:\/\/\S+\/agreements\/[A-Za-z0-9_-]{43}/g;

let twin: TestTwin;
let accountManager: string;
let onboardingId: string;
let executionArn: string;
let offerUrl: string;
let expired: Detail;

beforeAll(async () => {
  twin = await startTestTwin({ policy: { analysisReminderSeconds: 120, decisionReminderSeconds: 4, decisionMaxReminders: 1 } });
  accountManager = await twin.token('account-manager', 'am@breakfix.example');
  ({ onboardingId, executionArn } = await startIntake(twin, accountManager, COMPANY));
  await submitAnalysis(twin, await twin.token('analyst'), onboardingId);
  // Read the offer's link before anything else arrives.
  offerUrl = await eventually(async () => {
    const offer = (await twin.inbox()).find((m) => m.destination.to.includes(PRIMARY) && m.subject === `Uw serviceovereenkomst staat klaar – ${COMPANY}`);
    return offer?.body.text?.match(LINK)?.[0];
  });
  // The status and its timeline event are two writes: wait for both.
  expired = await eventually(async () => {
    const detail = await detailOf(twin, accountManager, onboardingId);
    return detail.status === 'EXPIRED' && detail.timeline.some((e) => e.type === 'AGREEMENT_EXPIRED') ? detail : undefined;
  }, 30_000);
});
afterAll(async () => {
  await twin?.close();
});

const clientMails = async () => (await twin.inbox()).filter((m) => m.destination.to.includes(PRIMARY));

describe('no decision on the agreement', () => {
  it('reminds the client with the same link as the offer, once (the policy’s maximum)', async () => {
    const reminders = (await clientMails()).filter((m) => m.subject === `Herinnering: uw serviceovereenkomst wacht op uw beslissing – ${COMPANY}`);
    expect(reminders).toHaveLength(1);
    const reminder = reminders[0]!;
    expect(reminder.body.text).toContain('Herinnering 1 van 1');
    expect(reminder.body.text).toContain('Dit is de laatste herinnering.');
    expect(new Set(reminder.body.text!.match(LINK))).toEqual(new Set([offerUrl]));
    expect(reminder.body.html).toContain(`href="${offerUrl}"`);
    // The newest link mail is the reminder, and it still carries the offer's link.
    expect(await agreementLinkFromInbox(twin, COMPANY, PRIMARY)).toBe(offerUrl);
  });

  it('expires the agreement: status EXPIRED, the execution ends successfully', async () => {
    expect(expired.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['AGREEMENT_REMINDER_V1_1', 'AGREEMENT_EXPIRED']));
    expect(expired.timeline.find((e) => e.type === 'AGREEMENT_EXPIRED')).toMatchObject({ status: 'EXPIRED', actor: { kind: 'system', step: 'ExpireAgreement' } });
    expect(expired.agreement?.decision).toBeUndefined();
    const execution = await eventually(async () => {
      const described = await twin.sfn.send(new DescribeExecutionCommand({ executionArn }));
      return described.status === 'RUNNING' ? undefined : described;
    });
    expect(execution.status).toBe('SUCCEEDED');
  });

  it('tells the account manager (and the client) that the offer lapsed', async () => {
    const notices = await eventually(async () => {
      const found = (await twin.inbox()).filter((m) => m.destination.to.includes('am@breakfix.example') && m.subject.startsWith('Overeenkomst verlopen'));
      return found.length > 0 ? found : undefined;
    });
    expect(notices).toHaveLength(1);
    expect(notices[0]!.subject).toBe(`Overeenkomst verlopen: ${COMPANY} heeft niet beslist`);
    expect(notices[0]!.body.text).toContain('Na 1 herinnering');
    expect(notices[0]!.body.text).toContain('status EXPIRED');
    expect(notices[0]!.body.text).not.toMatch(LINK);

    const lapsed = await eventually(async () =>
      (await clientMails()).find((m) => m.subject === `Het aanbod voor uw serviceovereenkomst is verlopen – ${COMPANY}`),
    );
    expect(lapsed.body.text).toContain('werkt de link in onze eerdere e-mails niet meer');
    expect(lapsed.body.text).not.toMatch(LINK);
  });

  it('answers 410 with a Dutch page on GET and on a form POST, problem+json on a JSON POST, and records nothing', async () => {
    const before = await twin.tableItemCount();
    const path = new URL(offerUrl).pathname;
    const get = await twin.request('GET', path);
    const post = await decide(twin, offerUrl, { name: 'Sanne de Vries', decision: 'approve', comment: '', consent: 'yes' });
    for (const response of [get, post]) {
      expect(response.status).toBe(410);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
      expect(response.text).toContain('<html lang="nl">');
      expect(response.text).toContain('Deze link is verlopen');
      expect(response.text).not.toMatch(/<script|<form/i);
    }
    const json = await twin.request('POST', path, { json: { decision: 'approve', name: 'Sanne de Vries', consent: true } });
    expect(json.status).toBe(410);
    expect(json.headers.get('content-type')).toBe('application/problem+json');
    expect(json.body).toMatchObject({ status: 410 });

    expect(await twin.tableItemCount()).toBe(before);
    const { Items } = await twin.dynamodb.send(new ScanCommand({ TableName: twin.twin.tableName, FilterExpression: 'entity = :e', ExpressionAttributeValues: { ':e': { S: 'ClientLink' } } }));
    expect(Items).toHaveLength(1);
    const link = unmarshall(Items![0]!);
    expect(link.revokedAt).toEqual(expect.stringMatching(/^\d{4}-/));
    expect(link.usedAt).toBeUndefined();
    expect(link.decision).toBeUndefined();
    expect((await detailOf(twin, accountManager, onboardingId)).status).toBe('EXPIRED');
  });
});
