import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ItemTooLargeError, rethrowTransient } from '../../runtime/errors';
import { documentClient, TABLE_NAME } from './client';
import { pdfKey, withoutKeys, type PdfKind } from './keys';
import { rethrowItemTooLarge } from './transaction';

export type { PdfKind } from './keys';

/**
 * A PDF exactly as it was sent, on its own item (DOCUMENT#<id> / AGREEMENT#<v>#OFFER, …#DECIDED,
 * REPORT#<v>). Written once and never changed: rendering again need not give the same bytes
 * (another pdf-lib, font or template), and evidence must be the very bytes the client received.
 */
export interface StoredPdf {
  onboardingId: string;
  kind: PdfKind;
  version: number;
  bytes: Uint8Array;
  /** SHA-256 of `bytes`, hex. */
  sha256: string;
  size: number;
  contentType: 'application/pdf';
  createdAt: string;
}

/** Well under DynamoDB's 400 KB item limit, with room for the item's other attributes. */
export const MAX_PDF_BYTES = 300 * 1024;
const ENTITY = 'StoredPdf';

/**
 * Stores a PDF once (attribute_not_exists). If one is there already (a retried step rendered
 * again), that one is returned, and it is what the caller sends. A PDF over MAX_PDF_BYTES is
 * refused before anything is written.
 */
export async function storePdf(input: { onboardingId: string; kind: PdfKind; version: number; bytes: Uint8Array; createdAt: string }): Promise<StoredPdf> {
  if (input.bytes.length > MAX_PDF_BYTES) throw new ItemTooLargeError(ENTITY, 'bytes');
  const pdf: StoredPdf = {
    onboardingId: input.onboardingId,
    kind: input.kind,
    version: input.version,
    bytes: input.bytes,
    sha256: createHash('sha256').update(input.bytes).digest('hex'),
    size: input.bytes.length,
    contentType: 'application/pdf',
    createdAt: input.createdAt,
  };
  try {
    await documentClient.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: { ...pdf, ...pdfKey(pdf.onboardingId, pdf.kind, pdf.version), entity: ENTITY },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return pdf;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) {
      rethrowItemTooLarge(error, ENTITY);
      rethrowTransient('DynamoDB', error);
    }
  }
  const stored = await readPdf(input.onboardingId, input.kind, input.version);
  if (!stored) throw new Error(`The ${input.kind} PDF of ${input.onboardingId} v${input.version} vanished between write and read`);
  return stored;
}

/** The stored PDF, or undefined when none was stored (yet). */
export async function readPdf(onboardingId: string, kind: PdfKind, version: number): Promise<StoredPdf | undefined> {
  try {
    const { Item } = await documentClient.send(new GetCommand({ TableName: TABLE_NAME, Key: pdfKey(onboardingId, kind, version), ConsistentRead: true }));
    if (!Item) return undefined;
    const pdf = withoutKeys<StoredPdf>(Item);
    // The document client reads a binary attribute as a Uint8Array.
    return { ...pdf, bytes: new Uint8Array(pdf.bytes) };
  } catch (error) {
    rethrowTransient('DynamoDB', error);
  }
}
