import { canonicalJson, sha256Hex } from '../../domain/canonical-json';
import type { Locale } from '../../domain/intake';
import { html, type SafeHtml } from '../html';
import { composeEmail, paragraph, type Block } from './agreement-email-blocks';
import type { RenderedEmail } from './layout';

/*
 * A table block for e-mails with figures (the follow-up report), next to the blocks of
 * agreement-email-blocks.ts, which stay as they are. A table renders as a real HTML table (header
 * cells, numbers right-aligned and kept on one line) and, in the text part, as columns padded with
 * spaces so the figures line up. Every cell is escaped by the html helper.
 */

export interface TableColumn {
  header: string;
  /** Numbers and amounts: 'right' (kept on one line in HTML). */
  align?: 'left' | 'right';
  /** Short labels (a priority, a term): never broken in HTML. Right-aligned columns never are. */
  nowrap?: boolean;
  /** Text part only: cells longer than this many characters wrap onto more lines. */
  textWidth?: number;
}

/** A summary row under the body: the label spans every column but the last, the value sits in the last. */
export interface TableSummaryRow {
  label: string;
  value: string;
  strong?: boolean;
}

export interface TableBlock {
  kind: 'table';
  columns: readonly TableColumn[];
  rows: ReadonlyArray<readonly string[]>;
  summary?: readonly TableSummaryRow[];
}

export type EmailBlock = Block | TableBlock;

const GAP = '  ';

/**
 * composeEmail with tables among the blocks. Each table stands in as a paragraph holding a marker
 * (a hash of all blocks, so no text in them can contain it), which is then replaced by the table
 * in both parts: the other blocks render exactly as in every other e-mail.
 */
export function composeEmailWithTables(locale: Locale, subject: string, blocks: readonly EmailBlock[]): RenderedEmail {
  const nonce = sha256Hex(canonicalJson(blocks));
  const tables: Array<{ marker: string; table: TableBlock }> = [];
  const standIns: Block[] = blocks.map((block) => {
    if (block.kind !== 'table') return block;
    const marker = `[[table-${tables.length}-${nonce}]]`;
    tables.push({ marker, table: block });
    return paragraph(marker);
  });
  const email = composeEmail(locale, subject, standIns);
  let { html: htmlPart, text } = email;
  for (const { marker, table } of tables) {
    const inHtml = new RegExp(`<p(?: [^>]*)?>${escapeRegExp(marker)}</p>`, 'g');
    if (htmlPart.match(inHtml)?.length !== 1 || text.split(marker).length !== 2) {
      throw new Error('A table marker did not come out of composeEmail exactly once');
    }
    htmlPart = htmlPart.replace(inHtml, () => tableHtml(table).value);
    text = text.replace(marker, () => tableText(table));
  }
  return { subject: email.subject, text, html: htmlPart };
}

const CELL = 'padding:6px 8px;vertical-align:top';
const HEAD = `${CELL};border-bottom:2px solid #cbd2d9;color:#52606d;font-weight:bold`;
const BODY = `${CELL};border-bottom:1px solid #e4e7eb`;

function alignStyle(column: TableColumn | undefined): string {
  if (column?.align === 'right') return 'text-align:right;white-space:nowrap';
  return column?.nowrap ? 'text-align:left;white-space:nowrap' : 'text-align:left;word-break:break-word';
}

export function tableHtml(table: TableBlock): SafeHtml {
  const { columns } = table;
  const head = columns.map((column) => html`<th scope="col" style="${HEAD};${alignStyle(column)}">${column.header}</th>`);
  const rows = table.rows.map(
    (row) => html`<tr>${columns.map((column, i) => html`<td style="${BODY};${alignStyle(column)}">${row[i] ?? ''}</td>`)}</tr>`,
  );
  const span = Math.max(columns.length - 1, 1);
  const summary = (table.summary ?? []).map((row) => {
    const weight = row.strong ? ';font-weight:bold' : '';
    return html`<tr><td colspan="${span}" style="${CELL};text-align:right${weight}">${row.label}</td><td style="${CELL};text-align:right;white-space:nowrap${weight}">${row.value}</td></tr>`;
  });
  const foot = summary.length > 0 ? html`<tfoot>${summary}</tfoot>` : null;
  return html`<table style="border-collapse:collapse;width:100%;font-size:14px;margin:8px 0 16px"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody>${foot}</table>`;
}

/** The table as aligned plain text: header, a rule, the rows, and the summary under the last column. */
export function tableText(table: TableBlock): string {
  const { columns } = table;
  const wrapped = table.rows.map((row) => columns.map((column, i) => wrap(oneLine(row[i] ?? ''), column.textWidth)));
  const widths = columns.map((column, i) => Math.max(length(column.header), ...wrapped.map((row) => Math.max(...row[i]!.map(length)))));
  const summary = table.summary ?? [];
  const last = columns.length - 1;
  if (last > 0) {
    widths[last] = Math.max(widths[last]!, ...summary.map((row) => length(row.value)));
    const spanWidth = () => widths.slice(0, last).reduce((sum, width) => sum + width, 0) + GAP.length * (last - 1);
    const longest = Math.max(0, ...summary.map((row) => length(row.label)));
    if (longest > spanWidth()) widths[0] = widths[0]! + longest - spanWidth();
  }
  const cell = (value: string, i: number) => (columns[i]?.align === 'right' ? padStart(value, widths[i]!) : padEnd(value, widths[i]!));
  const line = (cells: readonly string[]) => cells.map(cell).join(GAP).trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join(GAP);

  const out = [line(columns.map((column) => column.header)), rule];
  for (const row of wrapped) {
    const height = Math.max(...row.map((lines) => lines.length));
    for (let k = 0; k < height; k++) out.push(line(row.map((lines) => lines[k] ?? '')));
  }
  if (summary.length > 0) {
    out.push(rule);
    const spanWidth = widths.slice(0, last).reduce((sum, width) => sum + width, 0) + GAP.length * Math.max(last - 1, 0);
    for (const row of summary) out.push(last > 0 ? `${padStart(row.label, spanWidth)}${GAP}${padStart(row.value, widths[last]!)}` : `${row.label}: ${row.value}`);
  }
  return out.join('\n');
}

/** Greedy word wrap to `width` characters; a word longer than that is cut. */
function wrap(value: string, width: number | undefined): string[] {
  if (width === undefined || length(value) <= width) return [value];
  const lines: string[] = [];
  let current = '';
  for (const word of value.split(' ')) {
    let rest = word;
    while (length(rest) > width) {
      if (current) {
        lines.push(current);
        current = '';
      }
      const chars = [...rest];
      lines.push(chars.slice(0, width).join(''));
      rest = chars.slice(width).join('');
    }
    if (!current) current = rest;
    else if (length(current) + 1 + length(rest) <= width) current = `${current} ${rest}`;
    else {
      lines.push(current);
      current = rest;
    }
  }
  if (current) lines.push(current);
  return lines.length > 0 ? lines : [''];
}

/** A cell never breaks the columns: line breaks and runs of white space become one space; a no-break space (in "€ 49,00") stays. */
const oneLine = (value: string): string => value.replace(/[^\S\u00a0]+/g, ' ').trim();
/** Length in code points, so an emoji or accented letter takes one column, as most fonts show it. */
const length = (value: string): number => [...value].length;
const padEnd = (value: string, width: number): string => value + ' '.repeat(Math.max(0, width - length(value)));
const padStart = (value: string, width: number): string => ' '.repeat(Math.max(0, width - length(value))) + value;
const escapeRegExp = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
