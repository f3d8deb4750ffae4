import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { ROBOTO_BOLD } from './fonts/roboto-bold.generated';
import { ROBOTO_REGULAR } from './fonts/roboto-regular.generated';

/*
 * The PDFs' one font family, Roboto, embedded as a subset: only the glyphs a document uses travel
 * in it. pdf-lib's standard fonts are WinAnsi only and throw on "Łukasz Żółć"; Roboto covers Latin,
 * Greek and Cyrillic. The font bytes come from generated modules (npm run fonts), so the bundler,
 * tsx and vitest load them alike; only the modules that render PDFs import this one.
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
}

/** Characters without a glyph in Roboto, and what stands in for them. */
const FALLBACKS: Record<string, string> = { '\u202f': '\u00a0', '\u2007': ' ', '\u2009': ' ', '\t': ' ' };
const REPLACEMENT = '?';

/**
 * No OpenType shaping: pdf-lib draws each glyph at its advance width (no kerning), so measuring
 * with kerning would misplace right-aligned amounts; ligatures and mark positioning add nothing to
 * Latin, Greek or Cyrillic text in NFC, and shaping was most of the rendering time.
 */
const NO_SHAPING: fontkit.TypeFeatures = {
  ccmp: false,
  locl: false,
  rlig: false,
  liga: false,
  clig: false,
  calt: false,
  rclt: false,
  kern: false,
  mark: false,
  mkmk: false,
  curs: false,
};

/** Parsed on first use, not when the module loads: a container that renders nothing pays nothing. */
let parsed: { regular: fontkit.Font; bold: fontkit.Font } | undefined;

/** Embeds both faces (subset) into `doc`; measurements are cached per document. */
export async function embedFonts(doc: PDFDocument): Promise<PdfFonts> {
  doc.registerFontkit(fontkit);
  const [regular, bold] = await Promise.all([doc.embedFont(ROBOTO_REGULAR, { subset: true, features: NO_SHAPING }), doc.embedFont(ROBOTO_BOLD, { subset: true, features: NO_SHAPING })]);
  parsed ??= { regular: fontkit.create(ROBOTO_REGULAR), bold: fontkit.create(ROBOTO_BOLD) };
  return { regular: face(regular, parsed.regular), bold: face(bold, parsed.bold) };
}

function face(pdf: PDFFont, font: fontkit.Font): FontFace {
  const unitsPerEm = font.unitsPerEm;
  /** Advance width (font units) per code point; undefined: no glyph. */
  const advances = new Map<number, number | undefined>();
  const advanceOf = (codePoint: number) => {
    if (!advances.has(codePoint)) advances.set(codePoint, font.hasGlyphForCodePoint(codePoint) ? font.glyphForCodePoint(codePoint).advanceWidth : undefined);
    return advances.get(codePoint);
  };
  return {
    pdf,
    widthOf(text, size) {
      let units = 0;
      for (const char of text) units += advanceOf(char.codePointAt(0)!) ?? 0;
      return (units * size) / unitsPerEm;
    },
    printable(text) {
      let out = '';
      for (const char of text.normalize('NFC').replace(/\r\n?/g, '\n')) {
        const codePoint = char.codePointAt(0)!;
        if (char === '\n') out += char;
        else if (FALLBACKS[char] !== undefined) out += FALLBACKS[char];
        else if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) out += ' ';
        else out += advanceOf(codePoint) === undefined ? REPLACEMENT : char;
      }
      return out;
    },
  };
}
