import { Buffer } from 'node:buffer';
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { embedFonts, type FontFace, type PdfFonts } from './fonts';

/*
 * A small flow layout on pdf-lib: text wrapped by measured width, headings, label–value lists,
 * side-by-side blocks and tables (amounts right-aligned, the header repeated after a page break),
 * with a header and a "page x of y" footer on every page. Everything moves down one cursor; what
 * does not fit on the page starts the next. Sizes are in points on A4.
 *
 * pdf-lib makes the document (metadata, objects, cross-reference; the font subsets are
 * ./truetype's, through fonts.ts); the pages' content streams are written here: `BT x y Td (glyphs)
 * Tj ET` per line, naming font and colour only when they change, glyph ids as binary strings and
 * deflated at level 9. pdf-lib's drawText adds two font resources per call and writes glyphs as
 * hex; on the largest agreement the file was twice the size, over what its item may hold.
 */

export const A4 = { width: 595.28, height: 841.89 } as const;
const MARGIN = { left: 46, right: 46, top: 58, bottom: 54 } as const;
export const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const LINE_HEIGHT = 1.26;

export const COLORS = {
  text: rgb(0.13, 0.13, 0.15),
  muted: rgb(0.36, 0.38, 0.42),
  accent: rgb(0.05, 0.28, 0.52),
  rule: rgb(0.78, 0.8, 0.83),
  fill: rgb(0.93, 0.95, 0.97),
} as const;

export const SIZES = { title: 18, heading: 12.5, subheading: 10, body: 9, long: 8.5, small: 7.5, table: 8 } as const;

export interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: RGB;
}

/** A table cell: its text, optionally bold, with an optional smaller second text below it (left columns only). */
export type Cell = string | { text: string; bold?: boolean; note?: string };

export interface Column {
  header: string;
  /** Share of the table's width; the shares of a table need not add up to 1. */
  width: number;
  /** Right-aligned cells are one line, shrunk to fit if need be: amounts never wrap. */
  align?: 'left' | 'right';
}

export interface DocumentInfo {
  title: string;
  subject: string;
  author: string;
  /** BCP 47, as the PDF's /Lang: nl-NL or en-GB. */
  language: string;
  keywords: string[];
  /** The document's own instants (never the clock): creation, and the last change (e.g. the decision). */
  createdAt: string;
  modifiedAt?: string;
}

export interface PageChrome {
  /** Top left of every page (who issues the document). */
  header: string;
  /** Top right of every page (what the document is). */
  title: string;
  /** Bottom left of every page (a reference). */
  footer: string;
  /** Bottom right: "Pagina 2 van 5". */
  pageOf: (page: number, pages: number) => string;
}

interface Line {
  text: string;
  face: FontFace;
  size: number;
  color: RGB;
}

/** One page's content stream as it is written, with the text state it is in. */
interface PageContent {
  page: PDFPage;
  chunks: string[];
  fonts: Map<PDFFont, string>;
  font?: string;
  size?: number;
  color?: string;
  /** Inside a text object: where its current line starts (what Td moves from). */
  text?: { x: number; y: number };
}

export class PdfLayout {
  private readonly pages: PageContent[] = [];
  private current!: PageContent;
  private y = 0;

  private constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: PdfFonts,
    private readonly chrome: PageChrome,
  ) {
    this.newPage();
  }

  static async create(info: DocumentInfo, chrome: PageChrome): Promise<PdfLayout> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.setTitle(info.title, { showInWindowTitleBar: true });
    doc.setSubject(info.subject);
    doc.setAuthor(info.author);
    doc.setLanguage(info.language);
    doc.setKeywords(info.keywords);
    doc.setCreator('Break & Fix onboarding');
    doc.setProducer('pdf-lib');
    doc.setCreationDate(new Date(info.createdAt));
    doc.setModificationDate(new Date(info.modifiedAt ?? info.createdAt));
    const fonts = await embedFonts(doc);
    return new PdfLayout(doc, fonts, chrome);
  }

  /** Starts a new page; the cursor goes to its top. */
  newPage(): void {
    this.current = { page: this.doc.addPage([A4.width, A4.height]), chunks: [], fonts: new Map() };
    this.pages.push(this.current);
    this.y = A4.height - MARGIN.top;
  }

  /** Vertical space; at the foot of a page it is dropped rather than carried over. */
  gap(points: number): void {
    this.y -= points;
    if (this.y < MARGIN.bottom) this.newPage();
  }

  /** Moves to a new page unless `height` points still fit on this one. */
  keep(height: number): void {
    if (this.y - height < MARGIN.bottom && this.y < A4.height - MARGIN.top) this.newPage();
  }

  heading(text: string, level: 1 | 2 | 3 = 2): void {
    const size = level === 1 ? SIZES.title : level === 2 ? SIZES.heading : SIZES.subheading;
    this.gap(level === 1 ? 0 : level === 2 ? 10 : 6);
    // A heading never ends a page: it keeps two body lines with it.
    this.keep(this.wrap(text, { size, bold: true }, CONTENT_WIDTH).length * size * LINE_HEIGHT + 2 * SIZES.body * LINE_HEIGHT);
    this.paragraph(text, { size, bold: true, color: level === 3 ? COLORS.text : COLORS.accent });
    this.gap(level === 1 ? 6 : 2);
  }

  /** Wrapped text over the full width (or from `indent`); line breaks in the text are kept. */
  paragraph(text: string, style: TextStyle = {}, indent = 0): void {
    for (const line of this.wrap(text, style, CONTENT_WIDTH - indent)) {
      const height = line.size * LINE_HEIGHT;
      if (this.y - height < MARGIN.bottom) this.newPage();
      this.draw(line, MARGIN.left + indent, this.y, height);
      this.y -= height;
    }
  }

  /** "Label: value" with the label in a column of its own; the value wraps beside it. */
  facts(rows: ReadonlyArray<readonly [string, string]>, labelShare = 0.3, style: TextStyle = {}): void {
    const labelWidth = CONTENT_WIDTH * labelShare;
    const lineHeight = (style.size ?? SIZES.body) * LINE_HEIGHT;
    for (const [label, value] of rows) {
      const labels = this.wrap(label, { ...style, bold: true }, labelWidth - 8);
      const values = this.wrap(value, style, CONTENT_WIDTH - labelWidth);
      const rowLines = Math.max(labels.length, values.length);
      if (rowLines <= 4) this.keep(rowLines * lineHeight);
      for (let i = 0; i < rowLines; i++) {
        if (this.y - lineHeight < MARGIN.bottom) this.newPage();
        const labelLine = labels[i];
        const valueLine = values[i];
        if (labelLine) this.draw(labelLine, MARGIN.left, this.y, lineHeight);
        if (valueLine) this.draw(valueLine, MARGIN.left + labelWidth, this.y, lineHeight);
        this.y -= lineHeight;
      }
      this.y -= 2;
    }
  }

  /** Blocks side by side (the two parties), each wrapped in its own column, kept on one page. */
  columns(blocks: ReadonlyArray<ReadonlyArray<{ text: string; style?: TextStyle }>>): void {
    const gutter = 18;
    const width = (CONTENT_WIDTH - gutter * (blocks.length - 1)) / blocks.length;
    const laidOut = blocks.map((block) => block.flatMap((item) => this.wrap(item.text, item.style ?? {}, width)));
    const heightOf = (lines: Line[]) => lines.reduce((sum, line) => sum + line.size * LINE_HEIGHT, 0);
    const tallest = Math.max(...laidOut.map(heightOf));
    if (tallest > A4.height - MARGIN.top - MARGIN.bottom) {
      // Too tall to stand side by side (only absurdly long names): one after the other instead.
      for (const lines of laidOut) for (const line of lines) this.paragraph(line.text, { size: line.size, bold: line.face === this.fonts.bold, color: line.color });
      return;
    }
    this.keep(tallest);
    const top = this.y;
    laidOut.forEach((lines, index) => {
      let y = top;
      for (const line of lines) {
        const height = line.size * LINE_HEIGHT;
        this.draw(line, MARGIN.left + index * (width + gutter), y, height);
        y -= height;
      }
    });
    this.y = top - tallest;
  }

  /**
   * A table over the full width. Left cells wrap; right cells (amounts) stay on one line. A row
   * moves to the next page whole, and the header is drawn again above it.
   */
  table(columns: readonly Column[], rows: ReadonlyArray<readonly Cell[]>, size: number = SIZES.table): void {
    const pad = { x: 3, y: 2 };
    const totalShare = columns.reduce((sum, column) => sum + column.width, 0);
    const widths = columns.map((column) => (CONTENT_WIDTH * column.width) / totalShare);

    const layoutRow = (cells: readonly Cell[], header: boolean) =>
      columns.map((column, index) => {
        const cell = cells[index] ?? '';
        const content = typeof cell === 'string' ? { text: cell } : cell;
        const inner = widths[index]! - 2 * pad.x;
        const bold = header || (typeof cell !== 'string' && cell.bold === true);
        if (column.align === 'right' && !header) return [this.fitLine(content.text, { size, bold }, inner)];
        const lines = this.wrap(content.text, { size, bold }, inner);
        if (content.note) lines.push(...this.wrap(content.note, { size: size - 1, color: COLORS.muted }, inner));
        return lines;
      });
    const heightOf = (cells: Line[][]) => Math.max(...cells.map((lines) => lines.reduce((sum, line) => sum + line.size * LINE_HEIGHT, 0))) + 2 * pad.y;

    const header = layoutRow(
      columns.map((column) => column.header),
      true,
    );
    const headerHeight = heightOf(header);
    const drawRow = (cells: Line[][], height: number, fill?: RGB) => {
      if (fill) this.rectangle(MARGIN.left, this.y - height, CONTENT_WIDTH, height, fill);
      let x = MARGIN.left;
      cells.forEach((lines, index) => {
        const width = widths[index]!;
        let y = this.y - pad.y;
        for (const line of lines) {
          const lineWidth = line.face.widthOf(line.text, line.size);
          const left = columns[index]!.align === 'right' ? x + width - pad.x - lineWidth : x + pad.x;
          this.draw(line, left, y, line.size * LINE_HEIGHT);
          y -= line.size * LINE_HEIGHT;
        }
        x += width;
      });
      this.y -= height;
      this.rule(this.current, this.y, 0.4);
    };

    this.keep(headerHeight + size * LINE_HEIGHT + 2 * pad.y);
    drawRow(header, headerHeight, COLORS.fill);
    for (const row of rows) {
      const cells = layoutRow(row, false);
      const height = heightOf(cells);
      if (this.y - height < MARGIN.bottom) {
        this.newPage();
        drawRow(header, headerHeight, COLORS.fill);
      }
      drawRow(cells, height);
    }
  }

  /** Right-aligned label–amount rows under a table (subtotal, VAT, total). */
  totals(rows: ReadonlyArray<{ label: string; value: string; strong?: boolean }>, size: number = SIZES.body): void {
    const lineHeight = size * LINE_HEIGHT + 2;
    const valueWidth = CONTENT_WIDTH * 0.24;
    const labelRight = MARGIN.left + CONTENT_WIDTH - valueWidth - 10;
    this.keep(rows.length * lineHeight + 4);
    this.y -= 4;
    for (const row of rows) {
      const style = { size, bold: row.strong === true };
      const label = this.fitLine(row.label, style, CONTENT_WIDTH - valueWidth - 10);
      const value = this.fitLine(row.value, style, valueWidth);
      this.draw(label, labelRight - label.face.widthOf(label.text, label.size), this.y, lineHeight);
      this.draw(value, MARGIN.left + CONTENT_WIDTH - value.face.widthOf(value.text, value.size), this.y, lineHeight);
      this.y -= lineHeight;
    }
  }

  /** Draws the header and "page x of y" on every page, writes the content streams and returns the PDF's bytes. */
  async save(): Promise<Uint8Array> {
    const count = this.pages.length;
    const small = { size: SIZES.small, color: COLORS.muted };
    this.pages.forEach((content, index) => {
      const top = A4.height - MARGIN.top + 22;
      const header = this.fitLine(this.chrome.header, small, CONTENT_WIDTH * 0.55);
      const title = this.fitLine(this.chrome.title, small, CONTENT_WIDTH * 0.43);
      this.drawOn(content, header, MARGIN.left, top);
      this.drawOn(content, title, A4.width - MARGIN.right - title.face.widthOf(title.text, title.size), top);
      this.rule(content, top - 8, 0.5);
      const bottom = MARGIN.bottom - 24;
      const pageOf = this.fitLine(this.chrome.pageOf(index + 1, count), small, CONTENT_WIDTH * 0.2);
      const footer = this.fitLine(this.chrome.footer, small, CONTENT_WIDTH * 0.78);
      this.rule(content, bottom + 12, 0.5);
      this.drawOn(content, footer, MARGIN.left, bottom);
      this.drawOn(content, pageOf, A4.width - MARGIN.right - pageOf.face.widthOf(pageOf.text, pageOf.size), bottom);

      this.endText(content);
      const bytes = deflateSync(Buffer.from(content.chunks.join(''), 'latin1'), { level: 9 });
      const stream = PDFRawStream.of(this.doc.context.obj({ Filter: 'FlateDecode', Length: bytes.length }), bytes);
      content.page.node.set(PDFName.of('Contents'), this.doc.context.register(stream));
    });
    // Our fonts are not pdf-lib's own, so doc.save() would not write them: they go in first.
    await this.fonts.embed();
    return this.doc.save({ useObjectStreams: true });
  }

  /** Wraps at spaces by measured width; a word wider than the line is broken where it must. */
  private wrap(text: string, style: TextStyle, width: number): Line[] {
    const face = style.bold ? this.fonts.bold : this.fonts.regular;
    const size = style.size ?? SIZES.body;
    const color = style.color ?? COLORS.text;
    const lines: Line[] = [];
    const space = face.widthOf(' ', size);
    for (const paragraph of face.printable(text).split('\n')) {
      let current = '';
      let currentWidth = 0;
      const push = () => {
        lines.push({ text: current, face, size, color });
        current = '';
        currentWidth = 0;
      };
      for (const word of paragraph.split(/ +/)) {
        if (word === '') continue;
        let wordWidth = face.widthOf(word, size);
        if (current !== '' && currentWidth + space + wordWidth <= width) {
          current += ` ${word}`;
          currentWidth += space + wordWidth;
          continue;
        }
        if (current !== '') push();
        let rest = word;
        while (wordWidth > width) {
          const cut = longestFitting(rest, face, size, width);
          current = rest.slice(0, cut);
          push();
          rest = rest.slice(cut);
          wordWidth = face.widthOf(rest, size);
        }
        current = rest;
        currentWidth = wordWidth;
      }
      // An empty paragraph (a blank line) still takes a line.
      push();
    }
    return lines;
  }

  /** One line that never wraps: shrunk to fit `width` if it must (an amount of eleven digits). */
  private fitLine(text: string, style: TextStyle, width: number): Line {
    const face = style.bold ? this.fonts.bold : this.fonts.regular;
    const printable = face.printable(text).replace(/\n/g, ' ');
    let size = style.size ?? SIZES.body;
    const natural = face.widthOf(printable, size);
    if (natural > width) size = Math.max(4, (size * width) / natural);
    return { text: printable, face, size, color: style.color ?? COLORS.text };
  }

  /** A line in a box of `height` whose top is at `top`. */
  private draw(line: Line, x: number, top: number, height: number): void {
    this.drawOn(this.current, line, x, top - height + (height - line.size) / 2 + line.size * 0.22);
  }

  private drawOn(content: PageContent, line: Line, x: number, baseline: number): void {
    if (line.text.trim() === '') return;
    let key = content.fonts.get(line.face.pdf);
    if (!key) {
      key = content.page.node.newFontDictionary(line.face.pdf.name, line.face.pdf.ref).toString();
      content.fonts.set(line.face.pdf, key);
    }
    let ops = '';
    // One text object for a run of lines: each line moves from the last one's start (Td), so a
    // paragraph repeats "0 -10.71 Td", which deflate all but drops.
    if (!content.text) {
      ops += 'BT\n';
      content.text = { x: 0, y: 0 };
    }
    const color = colorOperands(line.color);
    if (content.color !== color) ops += `${color} rg\n`;
    const size = round(line.size);
    if (content.font !== key || content.size !== size) ops += `${key} ${size} Tf\n`;
    const at = { x: round(x), y: round(baseline) };
    ops += `${round(at.x - content.text.x)} ${round(at.y - content.text.y)} Td\n(${literal(line.face.pdf.encodeText(line.text).asBytes())}) Tj\n`;
    Object.assign(content, { color, font: key, size, text: at });
    content.chunks.push(ops);
  }

  /** Graphics go between text objects. */
  private endText(content: PageContent): void {
    if (!content.text) return;
    content.chunks.push('ET\n');
    content.text = undefined;
  }

  /** A filled box, in a graphics state of its own (the text colour stays as it was). */
  private rectangle(x: number, y: number, width: number, height: number, color: RGB): void {
    this.endText(this.current);
    this.current.chunks.push(`q\n${colorOperands(color)} rg\n${round(x)} ${round(y)} ${round(width)} ${round(height)} re\nf\nQ\n`);
  }

  /** A horizontal rule over the content width. */
  private rule(content: PageContent, y: number, thickness: number): void {
    this.endText(content);
    content.chunks.push(`q\n${colorOperands(COLORS.rule)} RG\n${thickness} w\n${MARGIN.left} ${round(y)} m\n${round(A4.width - MARGIN.right)} ${round(y)} l\nS\nQ\n`);
  }
}

/** How many UTF-16 units of `word` fit in `width` (at least one character). */
function longestFitting(word: string, face: FontFace, size: number, width: number): number {
  const chars = Array.from(word);
  let low = 1;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (face.widthOf(chars.slice(0, mid).join(''), size) <= width) low = mid;
    else high = mid - 1;
  }
  return chars.slice(0, low).join('').length;
}

/** The glyph codes as a PDF literal string's bytes (one char per byte): parentheses, backslash and line ends escaped. */
function literal(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte === 0x0d) out += '\\r';
    else if (byte === 0x0a) out += '\\n';
    else out += String.fromCharCode(byte);
  }
  return out;
}

function colorOperands(color: RGB): string {
  return `${round(color.red)} ${round(color.green)} ${round(color.blue)}`;
}

/** Two decimals are a hundredth of a point: finer than any printer, and shorter in the file. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}
