/*
 * The TrueType container ("sfnt"): a table directory of four-letter tags, each table a run of
 * big-endian bytes. Everything else in this folder reads one table through a DataView from here,
 * so no parser can read past the table it was given (a DataView throws a RangeError instead).
 */

export interface Sfnt {
  readonly bytes: Uint8Array;
  /** Tag → the table's bytes (a view into `bytes`, not a copy). */
  readonly tables: ReadonlyMap<string, Uint8Array>;
}

/** 0x00010000 (TrueType outlines) or 'true' (old Apple fonts); 'OTTO' (CFF outlines) has no glyf to subset. */
const TRUETYPE_VERSIONS = new Set([0x00010000, 0x74727565]);

export function readSfnt(bytes: Uint8Array): Sfnt {
  const view = viewOf(bytes);
  const version = view.getUint32(0);
  if (!TRUETYPE_VERSIONS.has(version)) throw new Error(`Not a TrueType font (sfnt version 0x${version.toString(16)})`);
  const numTables = view.getUint16(4);
  const tables = new Map<string, Uint8Array>();
  for (let index = 0; index < numTables; index++) {
    const record = 12 + 16 * index;
    const tag = String.fromCharCode(bytes[record]!, bytes[record + 1]!, bytes[record + 2]!, bytes[record + 3]!);
    const offset = view.getUint32(record + 8);
    const length = view.getUint32(record + 12);
    if (offset + length > bytes.length) throw new Error(`TrueType table ${tag} runs past the end of the font`);
    // A plain Uint8Array, never a Buffer: Buffer's slice() is a view, where Uint8Array's is a copy.
    tables.set(tag, new Uint8Array(bytes.buffer, bytes.byteOffset + offset, length));
  }
  return { bytes, tables };
}

/** A table every font has (head, hhea, maxp, hmtx, loca, glyf, cmap): its absence is a broken font. */
export function requiredTable(sfnt: Sfnt, tag: string): Uint8Array {
  const table = sfnt.tables.get(tag);
  if (!table) throw new Error(`TrueType font has no ${tag} table`);
  return table;
}

/** A big-endian view of exactly these bytes (a subarray's view starts at its own offset). */
export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
