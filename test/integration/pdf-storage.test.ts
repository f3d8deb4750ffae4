import { createHash } from 'node:crypto';
import { GetItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOCAL_CREDENTIALS } from '../../infra/local/local-aws';
import { attachmentBytes, REGION, sesInbox, startTestDynamoDb, startTestSes } from '../support/emulators';

type PdfRepository = typeof import('../../functions/adapters/dynamodb/pdf-repository');
type Mailer = typeof import('../../functions/adapters/ses/mailer');

/**
 * PDFs on DynamoDB Local (their own partition, written once, the first bytes win, nothing over
 * 300 KB) and through the mailer onto aws-ses-v2-local (Simple content attachments, byte for byte).
 */
let db: Awaited<ReturnType<typeof startTestDynamoDb>>;
let ses: Awaited<ReturnType<typeof startTestSes>>;
let repository: PdfRepository;
let mailer: Mailer;
let raw: DynamoDBClient;

beforeAll(async () => {
  db = await startTestDynamoDb('pdf-storage');
  ses = await startTestSes();
  process.env.SENDER_ADDRESS = 'Break & Fix <onboarding@breakfix.example>';
  process.env.SES_CONFIGURATION_SET = 'onboarding-test';
  vi.resetModules();
  repository = await import('../../functions/adapters/dynamodb/pdf-repository');
  mailer = await import('../../functions/adapters/ses/mailer');
  raw = new DynamoDBClient({ endpoint: db.url, region: REGION, credentials: LOCAL_CREDENTIALS });
});
afterAll(async () => {
  raw?.destroy();
  await ses?.close();
  await db?.close();
});

const ONBOARDING = 'onb-01JPDF0000000000000000000A';
/** Bytes that are not text (every byte value), the way a PDF's compressed streams are not. */
const pdfLike = (size: number, seed: number) => Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed * 7 + (i >> 8)) % 256);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('pdf-repository on DynamoDB Local', () => {
  it('stores a PDF on its own item in the DOCUMENT partition, binary, with its hash and size, and reads it back byte for byte', async () => {
    const bytes = pdfLike(40_000, 1);
    const stored = await repository.storePdf({ onboardingId: ONBOARDING, kind: 'offer', version: 2, bytes, createdAt: '2026-11-12T09:30:00.000Z' });
    expect(stored).toMatchObject({ sha256: sha256(bytes), size: 40_000, contentType: 'application/pdf', kind: 'offer', version: 2 });
    const { Item } = await raw.send(new GetItemCommand({ TableName: db.tableName, Key: { pk: { S: `DOCUMENT#${ONBOARDING}` }, sk: { S: 'AGREEMENT#0002#OFFER' } } }));
    expect(Item?.bytes?.B).toBeInstanceOf(Uint8Array);
    expect(Item?.sha256?.S).toBe(sha256(bytes));
    expect(Item?.onboardingId?.S).toBe(ONBOARDING);
    const read = await repository.readPdf(ONBOARDING, 'offer', 2);
    expect(read && Buffer.from(read.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(await repository.readPdf(ONBOARDING, 'decided', 2)).toBeUndefined();
  });

  it('keeps the first bytes: a retried step that rendered again gets the stored PDF back', async () => {
    const first = pdfLike(10_000, 2);
    const second = pdfLike(10_000, 3);
    await repository.storePdf({ onboardingId: ONBOARDING, kind: 'decided', version: 2, bytes: first, createdAt: '2026-11-13T14:05:09.000Z' });
    const again = await repository.storePdf({ onboardingId: ONBOARDING, kind: 'decided', version: 2, bytes: second, createdAt: '2026-11-13T14:06:00.000Z' });
    expect(again.sha256).toBe(sha256(first));
    expect(again.createdAt).toBe('2026-11-13T14:05:09.000Z');
    const report = await repository.storePdf({ onboardingId: ONBOARDING, kind: 'report', version: 1, bytes: second, createdAt: '2027-01-08T10:00:00.000Z' });
    expect(report.sha256).toBe(sha256(second));
    const { Item } = await raw.send(new GetItemCommand({ TableName: db.tableName, Key: { pk: { S: `DOCUMENT#${ONBOARDING}` }, sk: { S: 'REPORT#0001' } } }));
    expect(Item?.size?.N).toBe('10000');
  });

  it('refuses a PDF over 300 KB with ItemTooLargeError before writing anything', async () => {
    expect(repository.MAX_PDF_BYTES).toBe(300 * 1024);
    const tooLarge = pdfLike(300 * 1024 + 1, 4);
    await expect(repository.storePdf({ onboardingId: ONBOARDING, kind: 'offer', version: 3, bytes: tooLarge, createdAt: '2026-11-12T09:30:00.000Z' })).rejects.toMatchObject({
      name: 'ItemTooLargeError',
    });
    expect(await repository.readPdf(ONBOARDING, 'offer', 3)).toBeUndefined();
    // Exactly at the limit is still an item DynamoDB takes.
    const atLimit = pdfLike(300 * 1024, 5);
    expect((await repository.storePdf({ onboardingId: ONBOARDING, kind: 'offer', version: 4, bytes: atLimit, createdAt: '2026-11-12T09:30:00.000Z' })).size).toBe(300 * 1024);
  });
});

describe('attachments through the mailer on aws-ses-v2-local', () => {
  it('sends Simple content with the PDF attached; GET /store returns it base64, byte for byte', async () => {
    const bytes = pdfLike(120_000, 6);
    const messageId = await mailer.sendEmail({
      to: ['sanne@korenschoof.example'],
      onboardingId: ONBOARDING,
      replyTo: ['am@breakfix.example'],
      subject: 'Uw serviceovereenkomst',
      text: 'Zie de bijlage.',
      html: '<p>Zie de bijlage.</p>',
      attachments: [{ fileName: `overeenkomst-${ONBOARDING}-v2.pdf`, contentType: 'application/pdf', bytes }],
    });
    const mail = (await sesInbox(ses.url)).find((m) => m.messageId === messageId)!;
    expect(mail.replyTo).toEqual(['am@breakfix.example']);
    expect(mail.attachments).toHaveLength(1);
    const [attachment] = mail.attachments!;
    expect(attachment).toMatchObject({ filename: `overeenkomst-${ONBOARDING}-v2.pdf`, contentType: 'application/pdf', contentDisposition: 'ATTACHMENT', size: 120_000 });
    expect(sha256(attachmentBytes(attachment!))).toBe(sha256(bytes));
  });

  it('sends no Attachments member when there is nothing to attach', async () => {
    const messageId = await mailer.sendEmail({ to: ['a@b.example'], onboardingId: ONBOARDING, subject: 's', text: 't', html: '<p>t</p>', attachments: [] });
    const mail = (await sesInbox(ses.url)).find((m) => m.messageId === messageId)!;
    expect(mail.attachments ?? []).toEqual([]);
  });
});
