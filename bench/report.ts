import type { Ratio } from './harness';
import type { Row, Section } from './report-types';

export interface Machine {
  date: string;
  cpu: string;
  cores: number;
  node: string;
  os: string;
  memoryGb: number;
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
    out.push(
      table(
        ['row', 'median', 'p25–p75', 'rounds×ops', 'throughput'],
        section.rows.map((row) => [row.label, formatTime(row.stats.median), spread(row), samples(row), perSecond(row)]),
      ),
    );
    out.push(table(['ratio', 'median', 'per-round p25–p75'], section.ratios.map((r) => [r.label, formatRatio(r.ratio.value), ratioSpread(r.ratio)])));
    out.push('');
  }
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
    'the machine. Nothing here passes or fails; it is a record of one run, to compare with the next.',
    '',
    '## How to run',
    '',
    '```bash',
    'npm run bench              # measure and print the tables (about 30 s on 2 cores)',
    'npm run bench -- --write   # the same, and rewrite this file with the results',
    '```',
    '',
    'Run it on an otherwise idle machine. It starts the local twin in-process on free ports (loopback',
    'only) and stops it at the end; nothing else is needed.',
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
    '',
  ];
  for (const section of sections) {
    out.push(`### ${section.title}`, '', section.method, '');
    out.push('| Row | Measures | Median | p25–p75 | Rounds×ops |', '|---|---|---:|---:|---:|');
    for (const row of section.rows) {
      const median = row.kind === 'throughput' ? `${formatTime(row.stats.median)} (${perSecond(row)})` : formatTime(row.stats.median);
      out.push(`| ${cell(row.label)} | ${cell(row.measures)} | ${median} | ${spread(row)} | ${samples(row)} |`);
    }
    out.push('', '| Ratio | Median | Per-round p25–p75 | How to read it |', '|---|---:|---:|---|');
    for (const r of section.ratios) out.push(`| ${cell(r.label)} | **${formatRatio(r.ratio.value)}** | ${ratioSpread(r.ratio)} | ${cell(r.meaning)} |`);
    out.push('');
  }
  return out.join('\n');
}
