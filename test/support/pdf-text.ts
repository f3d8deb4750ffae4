import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** What a reader's PDF viewer sees: the text of each page (as pdf.js extracts it) and the document's metadata. */
export interface PdfContent {
  pages: string[];
  /** Every page's text, pages joined by a blank line; no-break spaces read as spaces. */
  text: string;
  info: Record<string, unknown>;
}

/** Extracts text with pdf.js (the engine of Firefox's viewer): only text a reader can select and copy counts. */
export async function pdfContent(bytes: Uint8Array): Promise<PdfContent> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str + (item.hasEOL ? '\n' : '');
      }
      pages.push(text.replace(/\u00a0/g, ' '));
    }
    const { info } = await doc.getMetadata();
    return { pages, text: pages.join('\n\n'), info: info as Record<string, unknown> };
  } finally {
    await doc.destroy();
  }
}
