import { viewOf, type Sfnt } from './sfnt';

/*
 * Unicode → glyph id, from the cmap table. Two subtable formats cover Unicode fonts: format 12
 * (groups of 32-bit code points, for fonts beyond the BMP) and format 4 (16-bit segments, the BMP
 * only). The best Unicode subtable is read once into a Map: a few thousand entries for Roboto,
 * and every lookup after that is one Map access. Glyph 0 (.notdef) is "no glyph" and not stored.
 */

/** Unicode subtables, best first: (platform, encoding) and the format they must have. */
const PREFERENCE: ReadonlyArray<{ platform: number; encoding: number; format: number }> = [
  { platform: 3, encoding: 10, format: 12 },
  { platform: 0, encoding: 4, format: 12 },
  { platform: 0, encoding: 6, format: 12 },
  { platform: 3, encoding: 1, format: 4 },
  { platform: 0, encoding: 3, format: 4 },
  { platform: 0, encoding: 0, format: 4 },
  { platform: 0, encoding: 1, format: 4 },
];

export function readCmap(sfnt: Sfnt): Map<number, number> {
  // A font subset for a PDF (ours, see subset.ts) has no cmap: its codes are glyph ids. It maps nothing.
  const bytes = sfnt.tables.get('cmap');
  if (!bytes) return new Map();
  const cmap = viewOf(bytes);
  const subtables: Array<{ platform: number; encoding: number; format: number; offset: number }> = [];
  for (let index = 0, count = cmap.getUint16(2); index < count; index++) {
    const record = 4 + 8 * index;
    const offset = cmap.getUint32(record + 4);
    subtables.push({ platform: cmap.getUint16(record), encoding: cmap.getUint16(record + 2), format: cmap.getUint16(offset), offset });
  }
  for (const wanted of PREFERENCE) {
    const found = subtables.find((table) => table.platform === wanted.platform && table.encoding === wanted.encoding && table.format === wanted.format);
    if (!found) continue;
    return found.format === 12 ? readFormat12(cmap, found.offset) : readFormat4(cmap, found.offset);
  }
  throw new Error('TrueType font has no Unicode cmap (format 4 or 12)');
}

/** Sequential groups: [startCharCode, endCharCode] maps to startGlyphId onwards. */
function readFormat12(cmap: DataView, offset: number): Map<number, number> {
  const map = new Map<number, number>();
  const groups = cmap.getUint32(offset + 12);
  for (let index = 0; index < groups; index++) {
    const group = offset + 16 + 12 * index;
    const start = cmap.getUint32(group);
    const end = cmap.getUint32(group + 4);
    const glyph = cmap.getUint32(group + 8);
    for (let code = start; code <= end; code++) if (glyph + code - start !== 0) map.set(code, glyph + code - start);
  }
  return map;
}

/**
 * Segments [startCode, endCode]; a segment either adds idDelta to the code (modulo 65536) or,
 * with a non-zero idRangeOffset, reads the glyph from glyphIdArray, at an offset counted from the
 * idRangeOffset entry itself (the format's one oddity), and adds idDelta to a non-zero result.
 */
function readFormat4(cmap: DataView, offset: number): Map<number, number> {
  const map = new Map<number, number>();
  const segments = cmap.getUint16(offset + 6) / 2;
  const endCodes = offset + 14;
  const startCodes = endCodes + 2 * segments + 2; // after the reservedPad
  const idDeltas = startCodes + 2 * segments;
  const idRangeOffsets = idDeltas + 2 * segments;
  for (let segment = 0; segment < segments; segment++) {
    const end = cmap.getUint16(endCodes + 2 * segment);
    const start = cmap.getUint16(startCodes + 2 * segment);
    const delta = cmap.getInt16(idDeltas + 2 * segment);
    const rangeOffsetAt = idRangeOffsets + 2 * segment;
    const rangeOffset = cmap.getUint16(rangeOffsetAt);
    for (let code = start; code <= end && code !== 0xffff; code++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (code + delta) & 0xffff;
      else {
        glyph = cmap.getUint16(rangeOffsetAt + rangeOffset + 2 * (code - start));
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) map.set(code, glyph);
    }
  }
  return map;
}
