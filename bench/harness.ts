/*
 * A tiny measuring harness: warm-up, then N rounds in which every case of a comparison runs once
 * (interleaved, the starting case rotating), so slow drift of the machine (a GC, a noisy neighbour,
 * the CPU clocking down) hits every case alike and a ratio taken from one comparison is fair.
 *
 * A round of a fast synchronous case runs it `opsPerRound` times in a loop (calibrated so that one
 * round lasts about `targetRoundMs`); its sample is the round's time divided by that count. Slow or
 * asynchronous cases run once per round unless told otherwise. Times come from process.hrtime.bigint.
 */

export interface BenchCase {
  /** Short label, used as the row's key. */
  name: string;
  /** One operation. A returned promise is awaited (the case is then measured as asynchronous). */
  run: () => unknown;
}

export interface CompareOptions {
  /** Measured rounds (every case once per round). */
  rounds: number;
  /** Unmeasured rounds first, after calibration (JIT, connection pools, caches). */
  warmupRounds?: number;
  /** Operations per round: a number, or 'auto' to calibrate on targetRoundMs (synchronous cases). */
  opsPerRound?: number | 'auto';
  /** With 'auto': how long one round of a case should take. */
  targetRoundMs?: number;
  /** Runs, untimed, after every case of every round (warm-up included): e.g. wait until the system is quiet again. */
  afterEach?: () => Promise<void>;
}

export interface Stats {
  name: string;
  /** Nanoseconds per operation, one sample per measured round, in round order. */
  samples: number[];
  opsPerRound: number;
  median: number;
  p25: number;
  p75: number;
  min: number;
  max: number;
}

export interface Ratio {
  /** The median of the per-round ratios (rounds are interleaved, so round i of each belong together). */
  value: number;
  /** Quartiles of the per-round ratios. */
  p25: number;
  p75: number;
}

/** Keeps results alive (an exported, module-level write) so the optimiser cannot drop the work being measured. */
export let sink: unknown;

const now = (): bigint => process.hrtime.bigint();

/** How long a synchronous case runs, unmeasured, to warm up (the JIT needs a few hundred ms here). */
const WARMUP_MS = 300;
/** Then how long it runs to size its batch. */
const CALIBRATION_MS = 100;

export async function compare(cases: readonly BenchCase[], options: CompareOptions): Promise<Map<string, Stats>> {
  const { rounds, warmupRounds = 3, opsPerRound = 'auto', targetRoundMs = 5, afterEach } = options;
  if (rounds < 1 || cases.length === 0) throw new RangeError('compare needs at least one case and one round');

  const plans = [];
  for (const benchCase of cases) {
    const first = benchCase.run();
    const isAsync = isThenable(first);
    if (isAsync) await first;
    // A synchronous case first runs hot for a while, then its batch is sized on its rate over
    // CALIBRATION_MS (averaged, so neither cold code nor one GC pause skews it).
    const ops = opsPerRound !== 'auto' ? opsPerRound : isAsync ? 1 : calibrate(benchCase.run, targetRoundMs);
    plans.push({ benchCase, isAsync, ops, samples: [] as number[] });
  }

  for (let round = -warmupRounds; round < rounds; round++) {
    const start = ((round % plans.length) + plans.length) % plans.length;
    for (let i = 0; i < plans.length; i++) {
      const plan = plans[(start + i) % plans.length]!;
      const ns = plan.isAsync ? await timeAsync(plan.benchCase.run, plan.ops) : timeSync(plan.benchCase.run, plan.ops);
      if (round >= 0) plan.samples.push(ns / plan.ops);
      await afterEach?.();
    }
  }

  return new Map(plans.map(({ benchCase, ops, samples }) => [benchCase.name, summarize(benchCase.name, samples, ops)]));
}

/**
 * numerator ÷ denominator, e.g. 3 when the numerator takes 3× as long: the median of the per-round
 * ratios. Both come from one comparison, so each round's pair ran back to back under the same load.
 */
export function ratio(numerator: Stats, denominator: Stats): Ratio {
  const perRound = numerator.samples
    .slice(0, Math.min(numerator.samples.length, denominator.samples.length))
    .map((value, i) => value / denominator.samples[i]!)
    .sort((a, b) => a - b);
  return { value: quantile(perRound, 0.5), p25: quantile(perRound, 0.25), p75: quantile(perRound, 0.75) };
}

/** The reciprocal ratio (for throughput: a time ratio inverted), quartiles swapped accordingly. */
export function inverse(r: Ratio): Ratio {
  return { value: 1 / r.value, p25: 1 / r.p75, p75: 1 / r.p25 };
}

/** A row's statistics from its samples (nanoseconds per operation, in round order). */
export function summarize(name: string, samples: number[], opsPerRound = 1): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    name,
    samples,
    opsPerRound,
    median: quantile(sorted, 0.5),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
  };
}

/** `quantile` of values in any order. */
export const quantileOf = (values: readonly number[], q: number): number => quantile([...values].sort((a, b) => a - b), q);

/** Linear interpolation between the two nearest ranks of an ascending array. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

/** Runs the case in small loops for about `ms`; returns how many times it ran. */
function warmFor(run: () => unknown, ms: number): number {
  const until = now() + BigInt(Math.round(ms * 1e6));
  let ops = 0;
  while (now() < until) {
    for (let i = 0; i < 4; i++) sink = run();
    ops += 4;
  }
  return ops;
}

function timeSync(run: () => unknown, ops: number): number {
  const started = now();
  for (let i = 0; i < ops; i++) sink = run();
  return Number(now() - started);
}

async function timeAsync(run: () => unknown, ops: number): Promise<number> {
  const started = now();
  for (let i = 0; i < ops; i++) sink = await run();
  return Number(now() - started);
}

/** Runs the case for WARMUP_MS, then sizes a batch to targetRoundMs from its rate over CALIBRATION_MS. */
function calibrate(run: () => unknown, targetRoundMs: number): number {
  warmFor(run, WARMUP_MS);
  const started = now();
  const ops = warmFor(run, CALIBRATION_MS);
  const perOpNs = Number(now() - started) / ops;
  return Math.max(1, Math.round((targetRoundMs * 1e6) / perOpNs));
}

function isThenable(value: unknown): boolean {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
