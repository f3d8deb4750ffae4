import { Buffer } from 'node:buffer';
import { deflateSync } from 'node:zlib';
import { CustomFontEmbedder, PDFHexString, PDFRawStream, PDFString, type PDFContext, type PDFRef } from 'pdf-lib';
import { glyphFor, type TrueTypeFont } from './font';
import { subsetTrueType } from './subset';
import { toUnicodeCMap } from './to-unicode';

/*
 * Our TrueType font as pdf-lib embeds a custom font (core/embedders/CustomFontEmbedder.js): a
 * Type0 font, Identity-H, over a CIDFontType2 with CIDToGIDMap /Identity, its W widths, a
 * FontDescriptor with the subset as FontFile2, and a ToUnicode CMap. It extends pdf-lib's
 * CustomFontEmbedder only because PDFFont accepts no other kind of embedder (an instanceof
 * check); every method PDFFont and the layout call is our own, and the fontkit the base class
 * would use is never asked for: the `font` it is given carries just the fields its constructor reads.
 *
 * Text is encoded glyph by glyph from the cmap (no shaping, no kerning), and each glyph is
 * remembered with the characters it was drawn for: the subset and the ToUnicode CMap are made
 * from those when the document is saved, so every glyph must be encoded before that.
 */

/** PDF glyph space is 1000 units per em; widths to two decimals are finer than any device. */
const GLYPH_SPACE = 1000;

export class TrueTypeEmbedder extends CustomFontEmbedder {
  /** Glyph id → the text it was first drawn for (the ToUnicode entry); insertion order is irrelevant. */
  private readonly drawn = new Map<number, string>();
  /** Every glyph drawn, .notdef (0) included if it was: the subset and W list these. */
  private readonly glyphs = new Set<number>();
  private anyText = false;

  constructor(
    private readonly ttf: TrueTypeFont,
    bytes: Uint8Array,
  ) {
    // What CustomFontEmbedder's constructor reads of a fontkit font: unitsPerEm, postscriptName.
    super({ unitsPerEm: ttf.metrics.unitsPerEm, postscriptName: ttf.postScriptName ?? 'Font' } as never, bytes);
  }

  /** Whether any text was encoded (a page may name the font): a face never drawn with need not be written at all. */
  get encoded(): boolean {
    return this.anyText;
  }

  /** The glyph ids, two bytes each (Identity-H: the code is the CID is the glyph id). */
  override encodeText(text: string): PDFHexString {
    this.anyText = true;
    let hex = '';
    for (const char of text) {
      const glyph = glyphFor(this.ttf, char.codePointAt(0)!);
      this.glyphs.add(glyph);
      // .notdef stands for no text: it has no ToUnicode entry.
      if (glyph !== 0 && !this.drawn.has(glyph)) this.drawn.set(glyph, char);
      hex += glyph.toString(16).padStart(4, '0');
    }
    return PDFHexString.of(hex);
  }

  override widthOfTextAtSize(text: string, size: number): number {
    let units = 0;
    for (const char of text) units += this.ttf.advances[glyphFor(this.ttf, char.codePointAt(0)!)]!;
    return (units * size) / this.ttf.metrics.unitsPerEm;
  }

  override heightOfFontAtSize(size: number, options: { descender?: boolean } = {}): number {
    const { ascent, descent } = this.ttf.metrics;
    const height = options.descender === false ? ascent : ascent - descent;
    return (height * size) / this.ttf.metrics.unitsPerEm;
  }

  override sizeOfFontAtHeight(height: number): number {
    const { ascent, descent, unitsPerEm } = this.ttf.metrics;
    return (height * unitsPerEm) / (ascent - descent);
  }

  /** Writes the font's objects; called by PDFFont.embed() with the ref the pages already name. */
  override embedIntoContext(context: PDFContext, ref?: PDFRef): Promise<PDFRef> {
    const glyphs = [...this.glyphs].sort((a, b) => a - b);
    // A subset's name carries a tag of six capitals (PDF 32000-1 9.6.4), here derived from its glyphs: the same text, the same name.
    const baseFont = `${subsetTag(glyphs)}+${this.fontName}`;
    const scale = GLYPH_SPACE / this.ttf.metrics.unitsPerEm;
    const { bbox, italicAngle, ascent, descent, capHeight, xHeight } = this.ttf.metrics;

    const fontFile = subsetTrueType(this.ttf, glyphs);
    const fontStream = deflateSync(fontFile, { level: 9 });
    const fontFileRef = context.register(PDFRawStream.of(context.obj({ Filter: 'FlateDecode', Length: fontStream.length, Length1: fontFile.length }), fontStream));
    const descriptorRef = context.register(
      context.obj({
        Type: 'FontDescriptor',
        FontName: baseFont,
        Flags: this.flags(),
        FontBBox: [bbox.minX, bbox.minY, bbox.maxX, bbox.maxY].map((value) => round(value * scale)),
        ItalicAngle: italicAngle,
        Ascent: round(ascent * scale),
        Descent: round(descent * scale),
        CapHeight: round(capHeight * scale),
        XHeight: round(xHeight * scale),
        // Not in the font; viewers do without it (pdf-lib writes 0 too).
        StemV: 0,
        FontFile2: fontFileRef,
      }),
    );
    const cidFontRef = context.register(
      context.obj({
        Type: 'Font',
        Subtype: 'CIDFontType2',
        BaseFont: baseFont,
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
        FontDescriptor: descriptorRef,
        CIDToGIDMap: 'Identity',
        W: this.widths(glyphs, scale),
      }),
    );
    const cmap = deflateSync(Buffer.from(toUnicodeCMap(this.drawn), 'latin1'), { level: 9 });
    const toUnicodeRef = context.register(PDFRawStream.of(context.obj({ Filter: 'FlateDecode', Length: cmap.length }), cmap));
    const fontDict = context.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: baseFont, Encoding: 'Identity-H', DescendantFonts: [cidFontRef], ToUnicode: toUnicodeRef });
    if (!ref) return Promise.resolve(context.register(fontDict));
    context.assign(ref, fontDict);
    return Promise.resolve(ref);
  }

  /** W: `first [w1 w2 …]` for each run of consecutive glyph ids drawn; glyphs not listed are never drawn. */
  private widths(glyphs: readonly number[], scale: number): Array<number | number[]> {
    const widths: Array<number | number[]> = [];
    let run: number[] = [];
    glyphs.forEach((glyph, index) => {
      if (index === 0 || glyph !== glyphs[index - 1]! + 1) {
        run = [];
        widths.push(glyph, run);
      }
      run.push(round(this.ttf.advances[glyph]! * scale));
    });
    return widths;
  }

  /** FontDescriptor Flags (PDF 32000-1 9.8.2), as pdf-lib derives them: always symbolic (our glyph codes are no standard encoding). */
  private flags(): number {
    const { isFixedPitch, familyClass, italic } = this.ttf.metrics;
    let flags = 1 << 2; // Symbolic
    if (isFixedPitch) flags |= 1 << 0;
    if (familyClass >= 1 && familyClass <= 7) flags |= 1 << 1; // Serif
    if (familyClass === 10) flags |= 1 << 3; // Script
    if (italic) flags |= 1 << 6;
    return flags;
  }
}

/** Six capitals from an FNV-1a hash of the glyph ids. */
function subsetTag(glyphs: readonly number[]): string {
  let hash = 0x811c9dc5;
  for (const glyph of glyphs) {
    hash = Math.imul(hash ^ (glyph & 0xff), 0x01000193);
    hash = Math.imul(hash ^ (glyph >> 8), 0x01000193);
  }
  let tag = '';
  for (let index = 0; index < 6; index++) {
    tag += String.fromCharCode(65 + ((hash >>> 0) % 26));
    hash = Math.floor((hash >>> 0) / 26);
  }
  return tag;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
