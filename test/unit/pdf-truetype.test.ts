import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { embedFonts } from '../../functions/templates/pdf/fonts';
import { ROBOTO_BOLD } from '../../functions/templates/pdf/fonts/roboto-bold.generated';
import { ROBOTO_REGULAR } from '../../functions/templates/pdf/fonts/roboto-regular.generated';
import { PdfLayout } from '../../functions/templates/pdf/layout';
import { glyphFor, outlineOf, parseTrueType } from '../../functions/templates/pdf/truetype/font';
import { componentsOf } from '../../functions/templates/pdf/truetype/glyf';
import { readSfnt } from '../../functions/templates/pdf/truetype/sfnt';
import { glyphClosure, subsetTrueType } from '../../functions/templates/pdf/truetype/subset';
import { toUnicodeCMap } from '../../functions/templates/pdf/truetype/to-unicode';
import { pdfContent } from '../support/pdf-text';

/*
 * Our TrueType reader, subsetter and pdf-lib embedder (functions/templates/pdf/truetype), checked
 * against what Roboto is known to hold, and end to end: what is drawn is what pdf.js reads back.
 */

const regular = parseTrueType(ROBOTO_REGULAR);
const bold = parseTrueType(ROBOTO_BOLD);
const SAMPLE = 'Łukasz Żółć €1.234,56';
const codePoint = (char: string) => char.codePointAt(0)!;
/** A subset's outline is the original's bytes, then zeros up to a multiple of 4 (glyf padding). */
const expectSameOutline = (subset: Uint8Array, original: Uint8Array) => {
  expect(subset.subarray(0, original.length)).toEqual(original);
  expect([...subset.subarray(original.length)].every((byte) => byte === 0) && subset.length - original.length < 4).toBe(true);
};

describe('parsing Roboto', () => {
  it('reads head, hhea, maxp, OS/2, post and the name as the font has them', () => {
    expect(regular.metrics).toMatchObject({
      unitsPerEm: 2048,
      numGlyphs: 1326,
      numberOfHMetrics: 1326,
      bbox: { minX: -1510, minY: -555, maxX: 2353, maxY: 2163 },
      ascent: 1900,
      descent: -500,
      capHeight: 1456,
      xHeight: 1082,
      italicAngle: 0,
      isFixedPitch: false,
      italic: false,
    });
    expect(regular.postScriptName).toBe('Roboto-Regular');
    expect(bold.postScriptName).toBe('Roboto-Bold');
    expect(bold.metrics.unitsPerEm).toBe(2048);
  });

  it("maps 'A', '€' and 'Ł' to their glyphs and advance widths (cmap format 4, hmtx)", () => {
    expect(glyphFor(regular, codePoint('A'))).toBe(37);
    expect(regular.advances[37]).toBe(1336);
    expect(glyphFor(regular, codePoint('€'))).toBe(440);
    expect(regular.advances[440]).toBe(1151);
    expect(glyphFor(regular, codePoint('Ł'))).toBe(143);
    expect(regular.advances[143]).toBe(1103);
    expect(bold.advances[glyphFor(bold, codePoint('A'))]).toBe(1376);
    // The no-break space has a glyph of its own, as wide as the space.
    expect(glyphFor(regular, 0xa0)).not.toBe(glyphFor(regular, 0x20));
    expect(regular.advances[glyphFor(regular, 0xa0)]).toBe(regular.advances[glyphFor(regular, 0x20)]);
  });

  it('has no glyph for what Roboto lacks: .notdef (0), and no cmap entry', () => {
    expect(glyphFor(regular, codePoint('🥐'))).toBe(0);
    expect(regular.cmap.has(codePoint('🥐'))).toBe(false);
    expect(regular.cmap.has(0x202f)).toBe(false);
  });

  it('reads outlines from loca: "A" is a simple glyph, "é" a composite of "e" and the acute', () => {
    expect(outlineOf(regular, glyphFor(regular, codePoint('A'))).length).toBeGreaterThan(10);
    expect(outlineOf(regular, glyphFor(regular, codePoint(' '))).length).toBe(0);
    expect(componentsOf(outlineOf(regular, glyphFor(regular, codePoint('A'))))).toEqual([]);
    expect(componentsOf(outlineOf(regular, glyphFor(regular, codePoint('é'))))).toEqual([glyphFor(regular, codePoint('e')), 117]);
  });

  it('refuses what is not a TrueType font', () => {
    expect(() => parseTrueType(new TextEncoder().encode('%PDF-1.7 not a font'))).toThrow(/Not a TrueType font/);
  });
});

describe('subsetting', () => {
  const used = [...SAMPLE].map((char) => glyphFor(regular, codePoint(char)));
  const subset = subsetTrueType(regular, used);
  const reparsed = parseTrueType(subset);

  it('still parses, with the same glyph ids, metrics and advance widths of the glyphs used', () => {
    // No OS/2 in the subset (cap and x height travel in the PDF's FontDescriptor); the rest is as it was.
    const { unitsPerEm, bbox, numGlyphs, numberOfHMetrics, ascent, descent } = regular.metrics;
    expect(reparsed.metrics).toMatchObject({ unitsPerEm, bbox, numGlyphs, numberOfHMetrics, ascent, descent, indexToLocFormat: 0 });
    for (const glyph of used) {
      expect(reparsed.advances[glyph]).toBe(regular.advances[glyph]);
      expectSameOutline(outlineOf(reparsed, glyph), outlineOf(regular, glyph));
    }
  });

  it("keeps composite glyphs' components and .notdef, and empties every other glyph", () => {
    const kept = glyphClosure(regular, used);
    const z = glyphFor(regular, codePoint('Ż'));
    expect(componentsOf(outlineOf(regular, z)).length).toBeGreaterThan(0);
    for (const component of componentsOf(outlineOf(regular, z))) {
      expect(kept.has(component)).toBe(true);
      expectSameOutline(outlineOf(reparsed, component), outlineOf(regular, component));
    }
    expect(kept.has(0)).toBe(true);
    expect(outlineOf(reparsed, 0).length).toBeGreaterThan(0);
    const q = glyphFor(regular, codePoint('Q'));
    expect(kept.has(q)).toBe(false);
    expect(outlineOf(reparsed, q).length).toBe(0);
    expect(reparsed.advances[q]).toBe(0);
  });

  it('keeps only the tables a PDF draws a TrueType font from, with a valid checksum adjustment', () => {
    expect([...readSfnt(subset).tables.keys()]).toEqual(['cvt ', 'fpgm', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'prep']);
    const view = new DataView(subset.buffer, subset.byteOffset, subset.byteLength);
    let sum = 0;
    for (let at = 0; at < subset.length; at += 4) sum = (sum + view.getUint32(at)) >>> 0;
    expect(sum).toBe(0xb1b0afba);
    expect(subset.length).toBeLessThan(ROBOTO_REGULAR.length / 5);
  });

  it('refuses a glyph id the font does not have', () => {
    expect(() => subsetTrueType(regular, [regular.metrics.numGlyphs])).toThrow(/not in the font/);
  });
});

describe('the ToUnicode CMap', () => {
  it('maps each glyph code to its text in UTF-16BE, surrogate pairs included, at most 100 a section', () => {
    const cmap = toUnicodeCMap(new Map([[143, 'Ł'], [440, '€'], [7, '🥐']]));
    expect(cmap).toContain('3 beginbfchar\n<0007> <D83EDD50>\n<008F> <0141>\n<01B8> <20AC>\nendbfchar');
    const many = toUnicodeCMap(new Map(Array.from({ length: 150 }, (_, index) => [index + 1, 'a'] as const)));
    expect(many).toContain('100 beginbfchar');
    expect(many).toContain('50 beginbfchar');
  });
});

describe('embedding into a PDF', () => {
  const streamContents = (doc: PDFDocument, ref: unknown) => {
    const stream = doc.context.lookup(ref as PDFRef);
    if (!(stream instanceof PDFRawStream)) throw new Error(`${String(ref)} is not a stream`);
    return inflateSync(stream.contents);
  };
  const fontObjects = (doc: PDFDocument) =>
    doc.context
      .enumerateIndirectObjects()
      .map(([, object]) => object)
      .filter((object): object is PDFDict => object instanceof PDFDict && object.get(PDFName.of('Subtype')) === PDFName.of('Type0'));

  it(`"${SAMPLE}" drawn with pdf-lib's drawText extracts back with pdf.js as the same text`, async () => {
    const doc = await PDFDocument.create();
    const fonts = await embedFonts(doc);
    const page = doc.addPage([400, 200]);
    page.drawText(fonts.regular.printable(SAMPLE), { x: 20, y: 150, size: 14, font: fonts.regular.pdf });
    page.drawText(fonts.bold.printable(SAMPLE), { x: 20, y: 100, size: 14, font: fonts.bold.pdf });
    await fonts.embed();
    const { pages } = await pdfContent(await doc.save());
    expect(pages[0]!.split('\n').map((line) => line.trim())).toEqual([SAMPLE, SAMPLE]);
  });

  it('through the layout too (literal glyph strings in our own content streams), with "?" for what Roboto lacks', async () => {
    const layout = await PdfLayout.create(
      { title: 'T', subject: 'S', author: 'A', language: 'nl-NL', keywords: [], createdAt: '2026-11-12T09:30:00.000Z' },
      { header: 'Break & Fix', title: 'Test', footer: 'Ref', pageOf: (page, pages) => `Pagina ${page} van ${pages}` },
    );
    layout.paragraph(SAMPLE);
    layout.paragraph(`${SAMPLE} 🥐`, { bold: true });
    const { text } = await pdfContent(await layout.save());
    expect(text).toContain(SAMPLE);
    expect(text).toContain(`${SAMPLE} ?`);
    expect(text).toContain('Pagina 1 van 1');
  });

  it('writes a Type0 font, Identity-H, over a CIDFontType2 (CIDToGIDMap /Identity) with W, a FontFile2 subset and ToUnicode', async () => {
    const doc = await PDFDocument.create();
    const fonts = await embedFonts(doc);
    const encoded = fonts.regular.pdf.encodeText('AŁ€');
    expect(encoded.toString()).toBe('<0025008f01b8>');
    await fonts.embed();
    const [type0, ...others] = fontObjects(doc);
    // The bold face drew nothing: PDFFont.embed() writes only a font that encoded text.
    expect(others).toEqual([]);
    expect(type0!.get(PDFName.of('Encoding'))).toBe(PDFName.of('Identity-H'));
    expect(type0!.get(PDFName.of('BaseFont'))!.toString()).toMatch(/^\/[A-Z]{6}\+Roboto-Regular$/);
    const cid = doc.context.lookup(type0!.lookup(PDFName.of('DescendantFonts'), PDFArray).get(0), PDFDict);
    expect(cid.get(PDFName.of('Subtype'))).toBe(PDFName.of('CIDFontType2'));
    expect(cid.get(PDFName.of('CIDToGIDMap'))).toBe(PDFName.of('Identity'));
    // Widths in 1000ths of an em, per run of consecutive glyph ids: 'A' (37), 'Ł' (143), '€' (440).
    expect(cid.get(PDFName.of('W'))!.toString().replace(/\s+/g, ' ')).toBe('[ 37 [ 652.34 ] 143 [ 538.57 ] 440 [ 562.01 ] ]');
    const descriptor = doc.context.lookup(cid.get(PDFName.of('FontDescriptor')), PDFDict);
    expect(descriptor.get(PDFName.of('Ascent'))!.toString()).toBe('927.73');
    const embedded = parseTrueType(streamContents(doc, descriptor.get(PDFName.of('FontFile2'))));
    expectSameOutline(outlineOf(embedded, 143), outlineOf(regular, 143));
    expect(outlineOf(embedded, glyphFor(regular, codePoint('B'))).length).toBe(0);
    expect(streamContents(doc, type0!.get(PDFName.of('ToUnicode'))).toString('latin1')).toContain('<0025> <0041>\n<008F> <0141>\n<01B8> <20AC>');
  });

  it('measures as it draws: advance widths summed, no kerning', async () => {
    const doc = await PDFDocument.create();
    const fonts = await embedFonts(doc);
    expect(fonts.regular.widthOf('AV', 10)).toBeCloseTo(((regular.advances[37]! + regular.advances[glyphFor(regular, codePoint('V'))]!) * 10) / 2048, 10);
    expect(fonts.regular.pdf.widthOfTextAtSize('AV', 10)).toBeCloseTo(fonts.regular.widthOf('AV', 10), 10);
    expect(fonts.regular.pdf.heightAtSize(10)).toBeCloseTo((2400 * 10) / 2048, 10);
    expect(fonts.regular.pdf.sizeAtHeight((2400 * 10) / 2048)).toBeCloseTo(10, 10);
  });
});
