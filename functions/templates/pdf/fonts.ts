import { PDFFont, type PDFDocument } from 'pdf-lib';
import { ROBOTO_BOLD } from './fonts/roboto-bold.generated';
import { ROBOTO_REGULAR } from './fonts/roboto-regular.generated';
import { TrueTypeEmbedder } from './truetype/embedder';
import { parseTrueType, type TrueTypeFont } from './truetype/font';

/*
 * The PDFs' one font family, Roboto, embedded as a subset: only the glyphs a document uses travel
 * in it. pdf-lib's standard fonts are WinAnsi only and throw on "Łukasz Żółć"; Roboto covers Latin,
 * Greek and Cyrillic. The font bytes come from generated modules (npm run fonts), so the bundler,
 * tsx and vitest load them alike; only the modules that render PDFs import this one.
 *
 * The fonts are parsed and subset by our own small TrueType reader (./truetype), not fontkit:
 * fontkit was 919 KB of each PDF function's bundle, for shaping the layout never used.
 */

/** One embedded face: draw with `pdf`, measure with `widthOf`, and pass text through `printable` first. */
export interface FontFace {
  pdf: PDFFont;
  /** Width in points of `text` at `size`: the sum of its glyphs' advance widths, as they are drawn (no kerning). */
  widthOf(text: string, size: number): number;
  /** The text with every character the font cannot draw replaced (no tofu, nothing thrown). */
  printable(text: string): string;
}

export interface PdfFonts {
  regular: FontFace;
  bold: FontFace;
  /**
   * Writes both faces into the document: the subsets of the glyphs drawn so far and their
   * ToUnicode maps. Call it after the last text is encoded and before `doc.save()`, which embeds
   * only the fonts pdf-lib made itself.
   */
  embed(): Promise<void>;
}

/** Characters without a glyph in Roboto, and what stands in for them. */
const FALLBACKS: Record<string, string> = { '\u202f': '\u00a0', '\u2007': ' ', '\u2009': ' ', '\t': ' ' };
const REPLACEMENT = '?';

/** Parsed on first use, not when the module loads: a container that renders nothing pays nothing. */
let parsed: { regular: TrueTypeFont; bold: TrueTypeFont } | undefined;

/** The two faces for `doc`; each document gets embedders of its own (what it draws is what it embeds). */
export function embedFonts(doc: PDFDocument): Promise<PdfFonts> {
  parsed ??= { regular: parseTrueType(ROBOTO_REGULAR), bold: parseTrueType(ROBOTO_BOLD) };
  const embedders = { regular: new TrueTypeEmbedder(parsed.regular, ROBOTO_REGULAR), bold: new TrueTypeEmbedder(parsed.bold, ROBOTO_BOLD) };
  // PDFFont.of, as PDFDocument.embedFont does it; but only fonts embedFont made are in the document's
  // own (private) list that doc.save() embeds, so ours are written by embed() below instead.
  const regular = PDFFont.of(doc.context.nextRef(), doc, embedders.regular);
  const bold = PDFFont.of(doc.context.nextRef(), doc, embedders.bold);
  return Promise.resolve({
    regular: face(regular, parsed.regular),
    bold: face(bold, parsed.bold),
    async embed() {
      // A face no page drew with is left out: no page names its ref, and its tables would be dead weight.
      if (embedders.regular.encoded) await regular.embed();
      if (embedders.bold.encoded) await bold.embed();
    },
  });
}

function face(pdf: PDFFont, font: TrueTypeFont): FontFace {
  const unitsPerEm = font.metrics.unitsPerEm;
  return {
    pdf,
    widthOf(text, size) {
      let units = 0;
      for (const char of text) {
        // A character without a glyph counts 0, as before (printable() has replaced it anyway).
        const glyph = font.cmap.get(char.codePointAt(0)!);
        if (glyph !== undefined) units += font.advances[glyph]!;
      }
      return (units * size) / unitsPerEm;
    },
    printable(text) {
      let out = '';
      for (const char of text.normalize('NFC').replace(/\r\n?/g, '\n')) {
        const codePoint = char.codePointAt(0)!;
        if (char === '\n') out += char;
        else if (FALLBACKS[char] !== undefined) out += FALLBACKS[char];
        else if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) out += ' ';
        else out += font.cmap.has(codePoint) ? char : REPLACEMENT;
      }
      return out;
    },
  };
}
