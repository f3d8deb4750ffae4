import { readPdf, storePdf, type PdfKind, type StoredPdf } from '../adapters/dynamodb/pdf-repository';
import type { EmailAttachment } from '../adapters/ses/mailer';

/**
 * The PDF of a document as the client gets it: the stored one if there is one, else rendered now
 * and stored first. Whoever stores first wins (a retried or concurrent step gets the first
 * bytes back), so every e-mail and every download carries the same bytes. `render` is passed in:
 * this module imports no renderer, and functions that only serve PDFs carry no PDF library.
 */
export async function storedOrRenderedPdf(
  document: { onboardingId: string; kind: PdfKind; version: number },
  render: () => Promise<Uint8Array>,
  now: string,
): Promise<StoredPdf> {
  const stored = await readPdf(document.onboardingId, document.kind, document.version);
  if (stored) return stored;
  return storePdf({ ...document, bytes: await render(), createdAt: now });
}

export function pdfAttachment(pdf: StoredPdf, fileName: string): EmailAttachment {
  return { fileName, contentType: pdf.contentType, bytes: pdf.bytes };
}
