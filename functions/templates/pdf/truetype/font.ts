import { readCmap } from './cmap';
import { readLoca } from './glyf';
import { readAdvances, readMetrics, readPostScriptName, type FontMetrics } from './metrics';
import { readSfnt, requiredTable, type Sfnt } from './sfnt';

/*
 * A TrueType font parsed as far as drawing, measuring and subsetting need: its metrics, every
 * glyph's advance width, the Unicode cmap and where each outline is. No layout (no GSUB/GPOS): a
 * character is drawn as the glyph the cmap names, at that glyph's advance width.
 */

export interface TrueTypeFont {
  readonly sfnt: Sfnt;
  readonly metrics: FontMetrics;
  readonly postScriptName: string | undefined;
  /** Advance width in font units, by glyph id. */
  readonly advances: Uint16Array;
  /** Code point → glyph id; absent: the font has no glyph for it. */
  readonly cmap: ReadonlyMap<number, number>;
  /** The glyf table and numGlyphs + 1 offsets into it. */
  readonly glyf: Uint8Array;
  readonly loca: Uint32Array;
}

export function parseTrueType(bytes: Uint8Array): TrueTypeFont {
  const sfnt = readSfnt(bytes);
  const metrics = readMetrics(sfnt);
  return {
    sfnt,
    metrics,
    postScriptName: readPostScriptName(sfnt),
    advances: readAdvances(sfnt, metrics),
    cmap: readCmap(sfnt),
    glyf: requiredTable(sfnt, 'glyf'),
    loca: readLoca(sfnt, metrics),
  };
}

/** The glyph for a code point; 0 (.notdef) when the font has none. */
export function glyphFor(font: TrueTypeFont, codePoint: number): number {
  return font.cmap.get(codePoint) ?? 0;
}

/** A glyph's outline bytes (empty for a glyph without contours, like the space). */
export function outlineOf(font: TrueTypeFont, glyph: number): Uint8Array {
  return font.glyf.subarray(font.loca[glyph], font.loca[glyph + 1]);
}
