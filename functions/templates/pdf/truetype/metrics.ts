import { requiredTable, viewOf, type Sfnt } from './sfnt';

/*
 * The font-wide numbers a PDF's FontDescriptor and a layout need, in font units: head (units per
 * em, bounding box, the loca format), hhea and OS/2 (ascender, descender, cap height), maxp (the
 * glyph count), post (italic angle, fixed pitch). Ascent and descent are hhea's, as fontkit read
 * them for pdf-lib before (the PDFs' FontDescriptor and line heights stay as they were); OS/2's
 * typographic values stand in only where hhea has none.
 */

export interface FontMetrics {
  unitsPerEm: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  /** 0: loca holds offsets / 2 as uint16; 1: offsets as uint32. */
  indexToLocFormat: 0 | 1;
  numGlyphs: number;
  /** hmtx has this many (advance, lsb) pairs; the glyphs after them repeat the last advance. */
  numberOfHMetrics: number;
  ascent: number;
  /** Negative: below the baseline. */
  descent: number;
  capHeight: number;
  xHeight: number;
  italicAngle: number;
  isFixedPitch: boolean;
  italic: boolean;
  /** OS/2 sFamilyClass (its high byte): 1–7 are serif classes, 10 is script. */
  familyClass: number;
}

export function readMetrics(sfnt: Sfnt): FontMetrics {
  const head = viewOf(requiredTable(sfnt, 'head'));
  const hhea = viewOf(requiredTable(sfnt, 'hhea'));
  const maxp = viewOf(requiredTable(sfnt, 'maxp'));
  const os2Bytes = sfnt.tables.get('OS/2');
  const postBytes = sfnt.tables.get('post');

  const indexToLocFormat = head.getInt16(50);
  if (indexToLocFormat !== 0 && indexToLocFormat !== 1) throw new Error(`Unknown head.indexToLocFormat ${indexToLocFormat}`);
  let ascent = hhea.getInt16(4);
  let descent = hhea.getInt16(6);
  let capHeight = 0;
  let xHeight = 0;
  let familyClass = 0;
  if (os2Bytes) {
    const os2 = viewOf(os2Bytes);
    familyClass = os2.getInt16(30) >> 8;
    // sTypoAscender/Descender (offsets 68/70) are in every OS/2 version; sxHeight and sCapHeight from version 2 on.
    if (os2.byteLength >= 72) {
      ascent ||= os2.getInt16(68);
      descent ||= os2.getInt16(70);
    }
    if (os2.getUint16(0) >= 2 && os2.byteLength >= 90) {
      xHeight = os2.getInt16(86);
      capHeight = os2.getInt16(88);
    }
  }
  let italicAngle = 0;
  let isFixedPitch = false;
  if (postBytes) {
    const post = viewOf(postBytes);
    // A 16.16 fixed-point number.
    italicAngle = post.getInt32(4) / 65536;
    isFixedPitch = post.getUint32(12) !== 0;
  }
  return {
    unitsPerEm: head.getUint16(18),
    bbox: { minX: head.getInt16(36), minY: head.getInt16(38), maxX: head.getInt16(40), maxY: head.getInt16(42) },
    indexToLocFormat,
    numGlyphs: maxp.getUint16(4),
    numberOfHMetrics: hhea.getUint16(34),
    ascent,
    descent,
    capHeight: capHeight || ascent,
    xHeight,
    italicAngle,
    isFixedPitch,
    italic: (head.getUint16(44) & 0x2) !== 0,
    familyClass,
  };
}

/** Every glyph's advance width in font units, by glyph id (hmtx). */
export function readAdvances(sfnt: Sfnt, metrics: FontMetrics): Uint16Array {
  const hmtx = viewOf(requiredTable(sfnt, 'hmtx'));
  const advances = new Uint16Array(metrics.numGlyphs);
  let last = 0;
  for (let glyph = 0; glyph < metrics.numGlyphs; glyph++) {
    if (glyph < metrics.numberOfHMetrics) last = hmtx.getUint16(4 * glyph);
    advances[glyph] = last;
  }
  return advances;
}

/** The PostScript name (name table, name id 6), for the PDF's BaseFont; undefined if the font has none. */
export function readPostScriptName(sfnt: Sfnt): string | undefined {
  const bytes = sfnt.tables.get('name');
  if (!bytes) return undefined;
  const name = viewOf(bytes);
  const count = name.getUint16(2);
  const strings = name.getUint16(4);
  for (let index = 0; index < count; index++) {
    const record = 6 + 12 * index;
    if (name.getUint16(record + 6) !== 6) continue;
    const platform = name.getUint16(record);
    const length = name.getUint16(record + 8);
    const start = strings + name.getUint16(record + 10);
    let text = '';
    // Windows (3) names are UTF-16BE; Macintosh (1) Roman is ASCII for a PostScript name.
    if (platform === 3 || platform === 0) for (let at = 0; at + 1 < length; at += 2) text += String.fromCharCode(name.getUint16(start + at));
    else for (let at = 0; at < length; at++) text += String.fromCharCode(name.getUint8(start + at));
    // A PDF name must not carry spaces or delimiters; PostScript names have none, but be sure.
    const cleaned = text.replace(/[^\x21-\x7e]|[()<>[\]{}/%#]/g, '');
    if (cleaned) return cleaned;
  }
  return undefined;
}
