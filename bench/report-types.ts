import type { Ratio, Stats } from './harness';

/** One measured row of the table. */
export interface Row {
  /** Short label shown in the table. */
  label: string;
  /** What the row measures, in a sentence. */
  measures: string;
  stats: Stats;
  /** 'latency' rows print time per operation; 'throughput' rows also print requests per second. */
  kind: 'latency' | 'throughput';
  /** For throughput rows: requests per measured operation (a burst). */
  requestsPerOp?: number;
}

/** One ratio of two rows of the same comparison. */
export interface RatioRow {
  label: string;
  ratio: Ratio;
  /** How to read it. */
  meaning: string;
}

/** A plain table of figures (counts, sizes, costs) that are not timed rows. */
export interface Table {
  caption?: string;
  header: string[];
  rows: string[][];
  /** Per column: 'r' right-aligns (numbers); the default is left. */
  align?: Array<'l' | 'r'>;
}

/** One of the targets: the figure, its value in this run, the target and whether it is met. */
export interface Target {
  figure: string;
  value: string;
  target: string;
  met: boolean;
  /** Where it is missed: why, and what would close it. */
  note?: string;
}

export interface Section {
  title: string;
  /** A paragraph on how the section was measured. */
  method: string;
  rows?: Row[];
  ratios?: RatioRow[];
  tables?: Table[];
  targets?: Target[];
}
