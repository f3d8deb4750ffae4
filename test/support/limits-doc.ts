import { resolve } from 'node:path';
import {
  ASSUMED,
  COUNT_FIELDS,
  COUNTS,
  DYNAMODB_ITEM_LIMIT_BYTES,
  FREE_TEXT_FIELDS,
  ITEM_BUDGET_BYTES,
  TEXT_BOUNDS,
  worstCaseItemSizes,
  WRITE_LIMIT_BYTES,
} from '../../functions/domain/size-budget';

/*
 * The generated tables of docs/limits.md, rendered from functions/domain/size-budget.ts (the
 * bounds the schemas use and the worst-case sizes they add up to). `npm run docs` writes them
 * between `<!-- generated: <name> -->` and `<!-- /generated -->`; test/unit/size-budget.test.ts
 * fails when the document differs.
 */

export const LIMITS_DOC_PATH = resolve(import.meta.dirname, '../../docs/limits.md');
export const LIMITS_SECTION_NAMES = ['item-limits', 'free-text', 'counts', 'assumed', 'worst-case'] as const;
export type LimitsSectionName = (typeof LIMITS_SECTION_NAMES)[number];

const n = (value: number) => value.toLocaleString('en-GB');
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

function table(header: string[], align: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${align.join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

export function renderLimitsSections(): Record<LimitsSectionName, string> {
  const worst = worstCaseItemSizes();
  return {
    'item-limits': table(
      ['Limit', 'Bytes', ''],
      ['---', '---:', '---'],
      [
        ["DynamoDB's item limit", n(DYNAMODB_ITEM_LIMIT_BYTES), kib(DYNAMODB_ITEM_LIMIT_BYTES)],
        ['The pre-write check refuses above', n(WRITE_LIMIT_BYTES), kib(WRITE_LIMIT_BYTES)],
        ['Every worst case below stays under', n(ITEM_BUDGET_BYTES), kib(ITEM_BUDGET_BYTES)],
      ],
    ),
    'free-text': table(
      ['Field', 'Characters', 'UTF-8 bytes', 'Stored on'],
      ['---', '---:', '---:', '---'],
      FREE_TEXT_FIELDS.map(({ bound, where, stored }) => [where, n(TEXT_BOUNDS[bound].chars), n(TEXT_BOUNDS[bound].bytes), stored]),
    ),
    counts: table(
      ['Count', 'At most'],
      ['---', '---:'],
      COUNT_FIELDS.map(({ count, what }) => [what, n(COUNTS[count])]),
    ),
    assumed: table(
      ['Not bounded by the API, assumed', 'Value'],
      ['---', '---:'],
      [
        ["technicians (each one a candidate on a ticket's assignment record)", n(ASSUMED.technicians)],
        ['problems a bound refused (open points of the follow-up report)', n(ASSUMED.refusedProblems)],
        ['bytes of a Step Functions task token', n(ASSUMED.taskTokenBytes)],
        ['bytes of a failed step’s error name on the aggregate', n(ASSUMED.failureErrorBytes)],
        ["bytes of the provider's terms URL (stage config)", n(ASSUMED.termsUrlBytes)],
      ],
    ),
    'worst-case': table(
      ['Item', 'Key', 'Worst case (bytes)', '', "Of DynamoDB's 400 KB"],
      ['---', '---', '---:', '---:', '---:'],
      worst.map(({ item, key, bytes }) => [item, `\`${key}\``, n(bytes), kib(bytes), `${((100 * bytes) / DYNAMODB_ITEM_LIMIT_BYTES).toFixed(1)} %`]),
    ),
  };
}

const SECTION = /<!-- generated: ([\w-]+) -->\n([\s\S]*?)<!-- \/generated -->/g;

/** The generated sections of a document, by name, with their text between the markers. */
export function limitsSectionsIn(doc: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [, name, body] of doc.matchAll(SECTION)) found.set(name!, body!.replace(/\n$/, ''));
  return found;
}

/** The document with every generated section replaced by what renderLimitsSections renders now. */
export function withLimitsSections(doc: string, sections: Record<LimitsSectionName, string> = renderLimitsSections()): string {
  const present = limitsSectionsIn(doc);
  const missing = LIMITS_SECTION_NAMES.filter((name) => !present.has(name));
  if (missing.length > 0) throw new Error(`docs/limits.md lacks the markers of ${missing.join(', ')}: add <!-- generated: <name> --> … <!-- /generated -->`);
  return doc.replace(SECTION, (whole, name: string) => {
    const body = sections[name as LimitsSectionName];
    return body === undefined ? whole : `<!-- generated: ${name} -->\n${body}\n<!-- /generated -->`;
  });
}
