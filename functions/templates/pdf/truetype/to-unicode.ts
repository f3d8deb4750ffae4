/*
 * The ToUnicode CMap: glyph code → the text it stands for. It is what copy/paste, search and
 * pdf.js's text extraction read; without it a CID font's codes (glyph ids) mean nothing to them.
 * Codes are 2 bytes (Identity-H); each glyph maps to the characters it was first drawn for, in
 * UTF-16BE. bfchar sections hold at most 100 entries each (PDF 32000-1 9.10.3, the CMap format).
 */

const PER_SECTION = 100;

export function toUnicodeCMap(textOfGlyph: ReadonlyMap<number, string>): string {
  const entries = [...textOfGlyph].sort(([a], [b]) => a - b).map(([glyph, text]) => `<${hex4(glyph)}> <${utf16Hex(text)}>`);
  const sections: string[] = [];
  for (let start = 0; start < entries.length; start += PER_SECTION) {
    const section = entries.slice(start, start + PER_SECTION);
    sections.push(`${section.length} beginbfchar\n${section.join('\n')}\nendbfchar\n`);
  }
  return (
    '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n' +
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n' +
    '/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n' +
    '1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n' +
    sections.join('') +
    'endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n'
  );
}

/** JavaScript strings are UTF-16 already: each code unit is four hex digits (surrogate pairs included). */
function utf16Hex(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index++) out += hex4(text.charCodeAt(index));
  return out;
}

function hex4(value: number): string {
  return value.toString(16).toUpperCase().padStart(4, '0');
}
