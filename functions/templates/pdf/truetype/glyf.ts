import { requiredTable, viewOf, type Sfnt } from './sfnt';
import type { FontMetrics } from './metrics';

/*
 * Glyph outlines: loca says where each glyph's bytes start in glyf (glyph i runs to glyph i+1's
 * start; an empty glyph, like the space, has none). A composite glyph ("é" as "e" plus an accent)
 * holds no outline of its own but names other glyphs, and a subset must carry those too.
 */

/** Where each glyph's outline is in glyf: numGlyphs + 1 offsets. */
export function readLoca(sfnt: Sfnt, metrics: FontMetrics): Uint32Array {
  const loca = viewOf(requiredTable(sfnt, 'loca'));
  const offsets = new Uint32Array(metrics.numGlyphs + 1);
  for (let glyph = 0; glyph <= metrics.numGlyphs; glyph++) {
    // The short format stores offset / 2.
    offsets[glyph] = metrics.indexToLocFormat === 0 ? 2 * loca.getUint16(2 * glyph) : loca.getUint32(4 * glyph);
  }
  return offsets;
}

// Composite glyph flags (the glyf table's component records).
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** The glyph ids a composite glyph is made of (none for a simple or empty glyph). */
export function componentsOf(outline: Uint8Array): number[] {
  if (outline.length < 10) return [];
  const view = viewOf(outline);
  if (view.getInt16(0) >= 0) return []; // numberOfContours ≥ 0: a simple glyph
  const components: number[] = [];
  let at = 10; // after numberOfContours and the bounding box
  for (;;) {
    const flags = view.getUint16(at);
    components.push(view.getUint16(at + 2));
    at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) at += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
    if (!(flags & MORE_COMPONENTS)) return components;
  }
}
