import { componentsOf } from './glyf';
import { outlineOf, type TrueTypeFont } from './font';
import { viewOf } from './sfnt';

/*
 * A subset that keeps glyph ids: the unused glyphs stay in the font but are emptied (no outline,
 * no metrics), so the PDF's glyph codes (CIDs, with CIDToGIDMap /Identity) are the font's own ids
 * and nothing needs renumbering. loca and hmtx keep an entry per glyph; runs of equal offsets and
 * of zeros are what deflate shrinks best, so they cost the file little.
 *
 * Only the tables a TrueType font in a PDF is drawn from are kept (PDF 32000-1 9.9): head, hhea,
 * hmtx, maxp, loca, glyf and the hinting programs cvt, fpgm and prep. The cmap is not needed (the
 * PDF's codes are glyph ids), nor name, post, OS/2 or the layout tables (GSUB, GPOS, GDEF).
 */

const KEPT_AS_THEY_ARE = ['hhea', 'maxp', 'cvt ', 'fpgm', 'prep'] as const;

/** The glyphs to keep: .notdef, the ones used, and the components of composite ones (recursively). */
export function glyphClosure(font: TrueTypeFont, used: Iterable<number>): Set<number> {
  const kept = new Set<number>();
  const pending = [0, ...used];
  while (pending.length > 0) {
    const glyph = pending.pop()!;
    if (kept.has(glyph)) continue;
    if (glyph >= font.metrics.numGlyphs) throw new Error(`Glyph ${glyph} is not in the font (${font.metrics.numGlyphs} glyphs)`);
    kept.add(glyph);
    pending.push(...componentsOf(outlineOf(font, glyph)));
  }
  return kept;
}

/** The font file with only `used` glyphs' outlines (and their components), glyph ids unchanged. */
export function subsetTrueType(font: TrueTypeFont, used: Iterable<number>): Uint8Array {
  const kept = glyphClosure(font, used);
  const { numGlyphs, numberOfHMetrics } = font.metrics;

  // glyf and loca: each kept outline, padded to 4 bytes; an emptied glyph has length 0. A subset's
  // glyf is small, so loca takes the short format (offset / 2 in 16 bits) whenever it can: half the bytes.
  let glyfLength = 0;
  for (const glyph of kept) glyfLength += pad4(outlineOf(font, glyph).length);
  const shortLoca = glyfLength <= 2 * 0xffff;
  const loca = new Uint8Array((shortLoca ? 2 : 4) * (numGlyphs + 1));
  const locaView = viewOf(loca);
  const setLoca = (glyph: number, offset: number) => (shortLoca ? locaView.setUint16(2 * glyph, offset / 2) : locaView.setUint32(4 * glyph, offset));
  const glyf = new Uint8Array(glyfLength);
  let offset = 0;
  for (let glyph = 0; glyph < numGlyphs; glyph++) {
    setLoca(glyph, offset);
    if (!kept.has(glyph)) continue;
    const outline = outlineOf(font, glyph);
    glyf.set(outline, offset);
    offset += pad4(outline.length);
  }
  setLoca(numGlyphs, offset);

  // hmtx: the kept glyphs' (advance, lsb), zeros for the rest. The last long metric stays: the
  // glyphs after it (if any) take their advance from it.
  const hmtx = new Uint8Array(font.sfnt.tables.get('hmtx')!); // a copy: the parsed font is shared
  const hmtxView = viewOf(hmtx);
  for (let glyph = 0; glyph < numGlyphs; glyph++) {
    if (kept.has(glyph)) continue;
    if (glyph < numberOfHMetrics) {
      if (glyph !== numberOfHMetrics - 1) hmtxView.setUint32(4 * glyph, 0);
    } else hmtxView.setInt16(4 * numberOfHMetrics + 2 * (glyph - numberOfHMetrics), 0);
  }

  // head: the loca format, and checkSumAdjustment 0 until the whole file's checksum is known.
  const head = new Uint8Array(font.sfnt.tables.get('head')!);
  const headView = viewOf(head);
  headView.setUint32(8, 0);
  headView.setInt16(50, shortLoca ? 0 : 1);

  const tables = new Map<string, Uint8Array>([
    ['head', head],
    ['hmtx', hmtx],
    ['loca', loca],
    ['glyf', glyf],
  ]);
  for (const tag of KEPT_AS_THEY_ARE) {
    const table = font.sfnt.tables.get(tag);
    if (table) tables.set(tag, table);
  }
  const file = writeSfnt(tables);
  // The whole file's checksum, with the adjustment 0, subtracted from a magic number (OpenType spec, head).
  const fileView = viewOf(file);
  const headOffset = tableOffset(file, 'head');
  fileView.setUint32(headOffset + 8, (0xb1b0afba - checksum(file)) >>> 0);
  return file;
}

/** A table directory (tags in ascending order, as the format asks), then each table padded to 4 bytes. */
function writeSfnt(tables: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const directoryLength = 12 + 16 * tags.length;
  let length = directoryLength;
  for (const tag of tags) length += pad4(tables.get(tag)!.length);
  const file = new Uint8Array(length);
  const view = viewOf(file);
  // The binary-search hints: the largest power of two ≤ numTables, times 16, its log2, and the rest.
  const power = 2 ** Math.floor(Math.log2(tags.length));
  view.setUint32(0, 0x00010000);
  view.setUint16(4, tags.length);
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log2(power));
  view.setUint16(10, tags.length * 16 - power * 16);
  let offset = directoryLength;
  tags.forEach((tag, index) => {
    const table = tables.get(tag)!;
    const record = 12 + 16 * index;
    for (let char = 0; char < 4; char++) view.setUint8(record + char, tag.charCodeAt(char));
    file.set(table, offset);
    view.setUint32(record + 4, checksum(file.subarray(offset, offset + pad4(table.length))));
    view.setUint32(record + 8, offset);
    view.setUint32(record + 12, table.length);
    offset += pad4(table.length);
  });
  return file;
}

function tableOffset(file: Uint8Array, tag: string): number {
  const view = viewOf(file);
  for (let index = 0; index < view.getUint16(4); index++) {
    const record = 12 + 16 * index;
    if (String.fromCharCode(...file.subarray(record, record + 4)) === tag) return view.getUint32(record + 8);
  }
  throw new Error(`No ${tag} table`);
}

/** The sum of the bytes as big-endian uint32s, modulo 2^32 (a length not a multiple of 4 reads as zero-padded). */
function checksum(bytes: Uint8Array): number {
  let sum = 0;
  const whole = bytes.length & ~3;
  const view = viewOf(bytes);
  for (let at = 0; at < whole; at += 4) sum = (sum + view.getUint32(at)) >>> 0;
  if (whole < bytes.length) {
    let last = 0;
    for (let at = whole; at < whole + 4; at++) last = (last << 8) | (bytes[at] ?? 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

function pad4(length: number): number {
  return (length + 3) & ~3;
}
