import type { Ratio } from './harness';
import type { Row, Section } from './report-types';

export interface Machine {
  date: string;
  cpu: string;
  cores: number;
  node: string;
  os: string;
  memoryGb: number;
  /** How long the whole run took, in seconds (filled in at the end). */
  durationSeconds?: number;
}

export function formatTime(ns: number): string {
  if (ns < 1e3) return `${ns.toFixed(0)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(ns < 1e4 ? 2 : 1)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(ns < 1e7 ? 2 : 1)} ms`;
  return `${(ns / 1e9).toFixed(2)} s`;
}

const formatRatio = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)}×`;
const ratioSpread = (r: Ratio) => `${formatRatio(r.p25)}–${formatRatio(r.p75)}`;
const spread = (row: Row) => `${formatTime(row.stats.p25)}–${formatTime(row.stats.p75)}`;
const samples = (row: Row) => `${row.stats.samples.length}×${row.stats.opsPerRound}`;
const perSecond = (row: Row) => (row.kind === 'throughput' ? `${((row.requestsPerOp ?? 1) * 1e9 / row.stats.median).toFixed(0)} req/s` : '');

/** Plain-text tables for the terminal. */
export function renderText(machine: Machine, sections: readonly Section[]): string {
  const out = [`Benchmarks, ${machine.date}`, `${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.os}`, ''];
  for (const section of sections) {
    out.push(section.title);
    if (section.rows?.length) {
      out.push(
        table(
          ['row', 'median', 'p25–p75', 'rounds×ops', 'throughput'],
          section.rows.map((row) => [row.label, formatTime(row.stats.median), spread(row), samples(row), perSecond(row)]),
        ),
      );
    }
    if (section.ratios?.length) out.push(table(['ratio', 'median', 'per-round p25–p75'], section.ratios.map((r) => [r.label, formatRatio(r.ratio.value), ratioSpread(r.ratio)])));
    for (const figures of section.tables ?? []) {
      if (figures.caption) out.push(`  ${figures.caption}`);
      out.push(table(figures.header, figures.rows));
    }
    if (section.targets?.length) out.push(table(['target', 'value', 'wanted', 'met'], section.targets.map((t) => [t.figure, t.value, t.target, t.met ? 'yes' : 'NO'])));
    out.push('');
  }
  const missed = sections.flatMap((section) => section.targets ?? []).filter((t) => !t.met);
  out.push(missed.length === 0 ? 'Every target met.' : `Targets missed: ${missed.map((t) => t.figure).join('; ')}`);
  return out.join('\n');
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => '  ' + cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** docs/benchmarks.md. */
export function renderMarkdown(machine: Machine, sections: readonly Section[]): string {
  const out = [
    '# Benchmarks',
    '',
    'Measured by `npm run bench` (`bench/run.ts`): a benchmark, not a timed test, since timings depend on',
    'the machine. It is a record of one run, to compare with the next, with each of the product\'s',
    'targets marked met or missed. Bundle sizes are also a test (`test/infra/bundle-budget.test.ts`).',
    '',
    '## How to run',
    '',
    '```bash',
    'npm run bench                  # measure, print, and rewrite this file (about 10 minutes on 2 cores)',
    'npm run bench -- --print-only  # the same, leaving this file alone',
    '```',
    '',
    'Run it on an otherwise idle machine, after an `npm test` (whose JSON report gives the developer-loop',
    'figures). It starts the local twin in-process on free ports (loopback only) and stops it at the end;',
    'nothing else is needed. It fails only when a count is wrong (an end-to-end run that lost a ticket,',
    'an e-mail or a timeline event); a missed target is reported, with why and what would close it.',
    '',
    '## How to read it',
    '',
    'Absolute times depend on the machine, its load and the Node version, and move between runs.',
    '**The ratios are what to compare across runs and machines**: each is taken between rows measured',
    'in the same comparison, with their rounds interleaved (every case once per round, the starting case',
    'rotating), so drift during the run affects both sides alike. A ratio is the median of the',
    'per-round ratios (round i of one row ÷ round i of the other), so it can differ a little from the',
    'quotient of the two medians; its "per-round p25–p75" is the middle half of those ratios, a sense of',
    'how firm it is. Times are per operation: the median of the rounds, with the rounds\' p25–p75 as',
    'the spread.',
    'A ratio that moves well outside its earlier spread is worth a look; a changed absolute time alone is not.',
    '',
    '## This run',
    '',
    `- Date: ${machine.date}`,
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, ${machine.os}`,
    `- Node: ${machine.node}`,
    ...(machine.durationSeconds === undefined ? [] : [`- The whole run: ${Math.floor(machine.durationSeconds / 60)} min ${Math.round(machine.durationSeconds % 60)} s (target: under ten minutes on a fresh clone)`]),
    '',
  ];
  const targets = sections.flatMap((section) => (section.targets ?? []).map((target) => ({ section: section.title, target })));
  out.push('### Targets', '', '| Section | Figure | This run | Target | Met |', '|---|---|---:|---:|---|');
  for (const { section, target } of targets) out.push(`| ${cell(section)} | ${cell(target.figure)} | ${cell(target.value)} | ${cell(target.target)} | ${target.met ? 'yes' : '**no**'} |`);
  const missed = targets.filter(({ target }) => !target.met);
  if (missed.length > 0) {
    out.push('', 'Where a target is missed, why, and what would close it:', '');
    for (const { target } of missed) out.push(`- **${target.figure}**: ${target.note ?? 'no note given.'}`);
  }
  out.push('');
  for (const section of sections) {
    out.push(`### ${section.title}`, '', section.method, '');
    if (section.rows?.length) {
      out.push('| Row | Measures | Median | p25–p75 | Rounds×ops |', '|---|---|---:|---:|---:|');
      for (const row of section.rows) {
        const median = row.kind === 'throughput' ? `${formatTime(row.stats.median)} (${perSecond(row)})` : formatTime(row.stats.median);
        out.push(`| ${cell(row.label)} | ${cell(row.measures)} | ${median} | ${spread(row)} | ${samples(row)} |`);
      }
      out.push('');
    }
    if (section.ratios?.length) {
      out.push('| Ratio | Median | Per-round p25–p75 | How to read it |', '|---|---:|---:|---|');
      for (const r of section.ratios) out.push(`| ${cell(r.label)} | **${formatRatio(r.ratio.value)}** | ${ratioSpread(r.ratio)} | ${cell(r.meaning)} |`);
      out.push('');
    }
    for (const figures of section.tables ?? []) {
      if (figures.caption) out.push(figures.caption, '');
      out.push(`| ${figures.header.map(cell).join(' | ')} |`, `|${figures.header.map((_h, i) => (figures.align?.[i] === 'r' ? '---:' : '---')).join('|')}|`);
      for (const row of figures.rows) out.push(`| ${row.map(cell).join(' | ')} |`);
      out.push('');
    }
  }
  return out.join('\n');
}
