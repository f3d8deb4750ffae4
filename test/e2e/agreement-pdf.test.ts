import { createHash, randomBytes } from 'node:crypto';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementLinkFromInbox, decide, detailOf, startIntake, submitAnalysis, untilStatus } from '../support/agreement-flow';
import { attachmentBytes, type StoredEmail } from '../support/emulators';
import { pdfContent } from '../support/pdf-text';
import { eventually, startTestTwin, type TestTwin } from '../support/twin';

/**
 * The client keeps the PDF: on the twin, the offer e-mail carries the offer PDF, GET
 * /agreements/{token}/pdf serves the very same bytes, and once decided the confirmation carries
 * the decided PDF (the offer plus its evidence page), which the same URL serves from then on.
 */
const COMPANY = 'Ørsted Bakkerij B.V.';
const PRIMARY = 'sanne@korenschoof.example';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let twin: TestTwin;
let accountManager: string;
let onboardingId: string;
let url: string;
let pdfPath: string;

interface PdfResponse {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

async function getPdf(path: string): Promise<PdfResponse> {
  const response = await fetch(`${twin.twin.urls.api}${path}`);
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

const pdfAttachmentsTo = async (to: string, subject: RegExp): Promise<Array<{ mail: StoredEmail; bytes: Buffer; fileName?: string }>> =>
  (await twin.inbox())
    .filter((mail) => mail.destination.to.includes(to) && subject.test(mail.subject))
    .flatMap((mail) => (mail.attachments ?? []).filter((a) => a.contentType === 'application/pdf').map((a) => ({ mail, bytes: attachmentBytes(a), fileName: a.filename })));

beforeAll(async () => {
  twin = await startTestTwin({ policy: { analysisReminderSeconds: 120, decisionReminderSeconds: 120, assignmentRecheckSeconds: 600, assignmentEscalateAfterSeconds: 600 } });
  accountManager = await twin.token('account-manager', 'am@breakfix.example');
  const analyst = await twin.token('analyst', 'analist@breakfix.example');
  ({ onboardingId } = await startIntake(twin, accountManager, COMPANY));
  await submitAnalysis(twin, analyst, onboardingId);
  await untilStatus(twin, accountManager, onboardingId, 'AGREEMENT_SENT');
  url = await agreementLinkFromInbox(twin, COMPANY, PRIMARY);
  pdfPath = `${new URL(url).pathname}/pdf`;
});
afterAll(async () => {
  await twin?.close();
});

describe('the offer', () => {
  it('is attached to the offer e-mail as a PDF, and GET /agreements/{token}/pdf returns the same bytes', async () => {
    const [offer, ...more] = await eventually(async () => {
      const found = await pdfAttachmentsTo(PRIMARY, /serviceovereenkomst staat klaar/i);
      return found.length > 0 ? found : undefined;
    });
    expect(more).toHaveLength(0);
    expect(offer!.fileName).toBe(`overeenkomst-${onboardingId}-v1.pdf`);
    expect(offer!.mail.body.text).toContain(url);

    const served = await getPdf(pdfPath);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(served.headers.get('content-disposition')).toBe(`inline; filename="overeenkomst-${onboardingId}-v1.pdf"`);
    expect(served.headers.get('cache-control')).toBe('no-store');
    expect(sha256(served.bytes)).toBe(sha256(offer!.bytes));
    // Served again: still the stored bytes, not a new rendering.
    expect(sha256((await getPdf(pdfPath)).bytes)).toBe(sha256(offer!.bytes));

    const detail = (await detailOf(twin, accountManager, onboardingId)) as Awaited<ReturnType<typeof detailOf>> & { agreement: { offerPdf?: { sha256: string; bytes: number } } };
    expect(detail.agreement.offerPdf).toEqual({ sha256: sha256(offer!.bytes), bytes: offer!.bytes.length });
    const { text } = await pdfContent(served.bytes);
    expect(text).toContain(detail.agreement.documentHash);
    expect(text).toContain(COMPANY);
  });

  it('answers 404 for an unknown or malformed token, 410 for an expired link', async () => {
    expect((await getPdf(`/agreements/${randomBytes(32).toString('base64url')}/pdf`)).status).toBe(404);
    expect((await getPdf('/agreements/not-a-token/pdf')).status).toBe(404);
    // A link to the same agreement whose decision window closed without a decision.
    const token = randomBytes(32).toString('base64url');
    const past = '2026-01-01T00:00:00.000Z';
    const tokenHash = createHash('sha256').update(token).digest('hex');
    await twin.dynamodb.send(
      new PutItemCommand({
        TableName: twin.twin.tableName,
        Item: marshall({
          pk: `LINK#${tokenHash}`,
          sk: 'LINK',
          entity: 'ClientLink',
          tokenHash,
          purpose: 'agreement-decision',
          onboardingId,
          agreementVersion: 1,
          taskToken: 'expired-test',
          createdAt: past,
          validUntil: past,
          allowChanges: true,
        }),
      }),
    );
    const expired = await getPdf(`/agreements/${token}/pdf`);
    expect(expired.status).toBe(410);
    expect(expired.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });
});

describe('after the decision', () => {
  let offerSha: string;
  let decided: { mail: StoredEmail; bytes: Buffer; fileName?: string };

  beforeAll(async () => {
    offerSha = sha256((await getPdf(pdfPath)).bytes);
    const response = await decide(twin, url, { name: 'Łukasz Żółć', decision: 'approve', comment: '', consent: 'yes' });
    expect(response.status, response.text).toBe(200);
    decided = await eventually(async () => (await pdfAttachmentsTo(PRIMARY, /goedgekeurd/i))[0], 20_000);
  });

  it('the confirmation carries the decided PDF: the offer plus the evidence page', async () => {
    expect(decided.fileName).toBe(`overeenkomst-${onboardingId}-v1.pdf`);
    expect(sha256(decided.bytes)).not.toBe(offerSha);
    const { pages } = await pdfContent(decided.bytes);
    const evidence = pages.at(-1)!.replace(/\s+/g, ' ');
    expect(evidence).toContain('Bewijs van de beslissing');
    expect(evidence).toContain('Beslissing Goedgekeurd');
    expect(evidence).toContain('Naam Łukasz Żółć');
    expect(evidence).toContain(`SHA-256 van de aangeboden pdf ${offerSha}`);
    expect(evidence).toContain('art. 3:15a BW');
  });

  it('GET /agreements/{token}/pdf now serves the decided PDF, byte for byte, and keeps serving it', async () => {
    for (let i = 0; i < 2; i++) {
      const served = await getPdf(pdfPath);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('application/pdf');
      expect(sha256(served.bytes)).toBe(sha256(decided.bytes));
    }
    const detail = (await detailOf(twin, accountManager, onboardingId)) as Awaited<ReturnType<typeof detailOf>> & {
      agreement: { offerPdf?: { sha256: string }; decidedPdf?: { sha256: string; bytes: number } };
    };
    expect(detail.agreement.offerPdf?.sha256).toBe(offerSha);
    expect(detail.agreement.decidedPdf).toEqual({ sha256: sha256(decided.bytes), bytes: decided.bytes.length });
  });
});

describe('a decline', () => {
  it('is confirmed to the client with the decided PDF too, its evidence page naming the decline and the reason', async () => {
    const company = 'Weigerachtig B.V.';
    const analyst = await twin.token('analyst', 'analist@breakfix.example');
    const { onboardingId: declinedId } = await startIntake(twin, accountManager, company);
    await submitAnalysis(twin, analyst, declinedId);
    await untilStatus(twin, accountManager, declinedId, 'AGREEMENT_SENT');
    const link = await agreementLinkFromInbox(twin, company, PRIMARY);
    const response = await decide(twin, link, { name: 'Sanne de Vries', decision: 'decline', comment: 'Te duur voor dit jaar.', consent: 'yes' });
    expect(response.status, response.text).toBe(200);
    const confirmation = await eventually(async () => (await pdfAttachmentsTo(PRIMARY, new RegExp(`afgewezen.*${company}`, 'i')))[0], 20_000);
    const evidence = (await pdfContent(confirmation.bytes)).pages.at(-1)!.replace(/\s+/g, ' ');
    expect(evidence).toContain('Beslissing Afgewezen');
    expect(evidence).toContain('Toelichting Te duur voor dit jaar.');
    const served = await getPdf(`${new URL(link).pathname}/pdf`);
    expect(sha256(served.bytes)).toBe(sha256(confirmation.bytes));
  });
});
