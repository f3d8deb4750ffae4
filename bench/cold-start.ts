import { execFile } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { FUNCTIONS, type FunctionSpec } from '../functions/catalog';
import { ENV } from '../functions/runtime/env';
import { budgetOf, bundleFunction, type BuiltBundle } from '../infra/bundle-budget';
import { LOCAL_STAGE } from '../infra/stage-config';
import { stageEnvironment } from '../infra/stage-environment';
import { quantileOf as quantile } from './harness';
import type { Section, Table, Target } from './report-types';

const run = promisify(execFile);
const median = (values: readonly number[]) => quantile(values, 0.5);
const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'node_modules/.cache/cold-start');
const REFERENCE = { name: 'Reference', entry: 'bench/reference-handler.ts' };
/** Measured rounds (each loads every bundle once in a fresh process), after warm-up rounds that fill the file cache. */
const ROUNDS = Number(process.env.BENCH_COLD_ROUNDS ?? 20);
const WARMUP_ROUNDS = 1;
const PARALLEL_LOADS = 2;

export interface ColdStart {
  name: string;
  bytes: number;
  /** Module init in a fresh process, in ms, one sample per round. */
  initMs: number[];
  /** Median of the per-round ratios to the reference's init. */
  ratio: number;
  ratioP25: number;
  ratioP75: number;
}

/**
 * The environment every bundle loads with: every variable a function may read, with the local
 * stage's values (a module reads its own, once, at load), and NODE_OPTIONS as CDK sets it on AWS.
 */
export function environment(): Record<string, string> {
  const arn = (service: string, resource: string) => `arn:aws:${service}:eu-west-1:000000000000:${resource}`;
  return {
    PATH: process.env.PATH ?? '',
    AWS_REGION: 'eu-west-1',
    NODE_OPTIONS: '--enable-source-maps',
    POWERTOOLS_SERVICE_NAME: 'breakfix-onboarding',
    POWERTOOLS_METRICS_NAMESPACE: 'BreakFixOnboarding/bench',
    [ENV.tableName]: 'onboarding-bench',
    [ENV.stateMachineArn]: arn('states', 'stateMachine:onboarding-bench:live'),
    [ENV.senderAddress]: LOCAL_STAGE.senderAddress,
    [ENV.sesConfigurationSet]: 'onboarding-bench',
    ...stageEnvironment(LOCAL_STAGE),
    [ENV.publicBaseUrl]: 'https://onboarding.example.nl',
    [ENV.stuckAfterHours]: JSON.stringify(LOCAL_STAGE.stuckAfterHours),
    [ENV.linkSigningSecretArn]: arn('secretsmanager', 'secret:link-signing-AbCdEf'),
    [ENV.staffClientId]: 'bench-app-client',
    [ENV.staffSignInUrl]: 'https://sign-in.example.nl',
  };
}

/** Loads one bundle in a fresh Node process and returns how long its `import()` took, in ms. */
async function initTime(bundle: BuiltBundle, env: Record<string, string>): Promise<number> {
  const script = `const started = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(bundle.outfile).href)}); const ms = performance.now() - started; if (typeof m.handler !== 'function') process.exit(3); process.stdout.write(String(ms));`;
  const { stdout } = await run(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], { env, timeout: 30_000 });
  return Number(stdout);
}

/** Every catalog function's bundle and init time, against the reference, rounds interleaved. */
export async function measureColdStarts(log: (line: string) => void): Promise<{ reference: ColdStart; functions: ColdStart[] }> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const specs = [REFERENCE, ...(FUNCTIONS as readonly FunctionSpec[])];
  log(`  bundling ${specs.length} functions with CDK's esbuild settings…`);
  const bundles = await Promise.all(specs.map((spec) => bundleFunction(spec, OUT)));
  const env = environment();
  const samples = specs.map(() => [] as number[]);
  for (let round = -WARMUP_ROUNDS; round < ROUNDS; round++) {
    if (round === 0 || (round > 0 && round % 5 === 0)) log(`  cold starts: round ${round + 1} of ${ROUNDS}…`);
    // Every bundle once per round, the starting one rotating, so drift hits them all alike.
    const offset = ((round % specs.length) + specs.length) % specs.length;
    // A warm-up round loads the reference only: that reads the SDK's files into the page cache, which every bundle shares.
    const order = round < 0 ? [0] : specs.map((_spec, k) => (k + offset) % specs.length);
    // Two processes at a time, one per core of a 2-core machine: the round takes half as long, and
    // the reference shares its round's conditions with every bundle as before.
    let next = 0;
    const worker = async () => {
      while (next < order.length) {
        const i = order[next++]!;
        const ms = await initTime(bundles[i]!, env);
        if (round >= 0) samples[i]!.push(ms);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_LOADS }, worker));
  }
  const referenceMs = samples[0]!;
  const results = specs.map((spec, i): ColdStart => {
    const ratios = samples[i]!.map((ms, round) => ms / referenceMs[round]!);
    return { name: spec.name, bytes: bundles[i]!.bytes, initMs: samples[i]!, ratio: median(ratios), ratioP25: quantile(ratios, 0.25), ratioP75: quantile(ratios, 0.75) };
  });
  return { reference: results[0]!, functions: results.slice(1) };
}

/** Why a standard function's init is over 1.3× the reference, and what would close it. */
const SLOW_INIT_NOTE =
  'The reference\'s own init is almost all the AWS SDK\'s DynamoDB client loading from the runtime\'s node_modules (ApiDescription and ApiConsole, which load no SDK, take a fraction of it). ' +
  'What a function adds on top is its own module\'s top-level work: parsing 130–220 KB of minified code and building, at module scope, its zod schemas, the catalog\'s route table, the templates and Powertools\' logger and metrics. ' +
  'The SES, Step Functions and Secrets Manager clients are already loaded on first use, and the PDF steps load pdf-lib on first render. ' +
  'To close it: build schemas and templates on first use per route instead of at module scope, so a function pays for the route it serves; or ship a V8 compile cache with the bundle (module.enableCompileCache, Node 22 and later, so available on the Node 24 runtime); ' +
  'bundling the SDK clients instead of leaving them external loads them about 3× faster (measured: 200 ms against 670 ms for the DynamoDB client on a loaded machine) but adds about 340 KB to every bundle, trading the size budget for this one.';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} KB`;

export async function benchColdStart(log: (line: string) => void): Promise<{ section: Section; initMsByFunction: Map<string, number> }> {
  const { reference, functions } = await measureColdStarts(log);
  const rows = functions.map((fn) => {
    const budget = budgetOf(fn);
    const sizeMet = fn.bytes <= budget.maxBytes;
    const initMet = fn.ratio <= budget.maxInitRatio;
    return { fn, budget, sizeMet, initMet };
  });
  const table: Table = {
    header: ['Function', 'Bundle', 'Budget', 'Init (median)', 'Init ÷ reference', 'Per-round p25–p75', 'Ratio budget', 'Met'],
    align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
    rows: [
      [REFERENCE.name, kb(reference.bytes), '', `${median(reference.initMs).toFixed(1)} ms`, '1.00×', '', '', ''],
      ...rows
        .sort((a, b) => b.fn.ratio - a.fn.ratio)
        .map(({ fn, budget, sizeMet, initMet }) => [
          fn.name + (budget.kind === 'pdf' ? ' (PDF)' : ''),
          kb(fn.bytes),
          kb(budget.maxBytes),
          `${median(fn.initMs).toFixed(1)} ms`,
          `${fn.ratio.toFixed(2)}×`,
          `${fn.ratioP25.toFixed(2)}×–${fn.ratioP75.toFixed(2)}×`,
          `${budget.maxInitRatio.toFixed(1)}×`,
          sizeMet && initMet ? 'yes' : `no (${[sizeMet ? '' : 'size', initMet ? '' : 'init'].filter(Boolean).join(', ')})`,
        ]),
    ],
  };
  const targets: Target[] = [];
  for (const kind of ['standard', 'pdf'] as const) {
    const ofKind = rows.filter((row) => row.budget.kind === kind);
    if (ofKind.length === 0) continue;
    const budget = ofKind[0]!.budget;
    const largest = ofKind.reduce((a, b) => (b.fn.bytes > a.fn.bytes ? b : a));
    const slowest = ofKind.reduce((a, b) => (b.fn.ratio > a.fn.ratio ? b : a));
    const label = kind === 'pdf' ? `the ${ofKind.length} functions that render PDFs` : `the other ${ofKind.length} functions`;
    const oversize = ofKind.filter((row) => !row.sizeMet).map((row) => row.fn.name);
    const slow = ofKind.filter((row) => !row.initMet).map((row) => row.fn.name);
    targets.push({
      figure: `Largest bundle of ${label}`,
      value: `${kb(largest.fn.bytes)} (${largest.fn.name})`,
      target: `≤ ${kb(budget.maxBytes)}`,
      met: oversize.length === 0,
      note: oversize.length ? `over budget: ${oversize.join(', ')}.` : undefined,
    });
    targets.push({
      figure: `Slowest init of ${label}, ÷ reference`,
      value: `${slowest.fn.ratio.toFixed(2)}× (${slowest.fn.name})`,
      target: `≤ ${budget.maxInitRatio.toFixed(1)}×`,
      met: slow.length === 0,
      note: slow.length ? `over: ${slow.join(', ')}. ${kind === 'pdf' ? '' : SLOW_INIT_NOTE}` : undefined,
    });
  }
  const method =
    `Every catalog function is bundled with CDK's own esbuild settings (minified ESM for node24, the AWS SDK external as on the Lambda runtime; infra/bundle-budget.ts), and so is a reference that only creates a DynamoDB document client (bench/reference-handler.ts). ` +
    `Init is the time of the bundle's \`import()\` in a fresh Node process started with \`--enable-source-maps\`, as CDK sets NODE_OPTIONS on AWS, with every environment variable a function may read: ` +
    `${ROUNDS} rounds after ${WARMUP_ROUNDS} warm-up load of the reference (the SDK's files into the page cache), each round loading every bundle once, the starting bundle rotating, ${PARALLEL_LOADS} processes at a time. A ratio is the median of the per-round ratios to the reference's load in the same round. ` +
    `The reference loads in ${median(reference.initMs).toFixed(1)} ms here; on Lambda (arm64, a fraction of a vCPU at 512 MB) every figure is larger, the ratios much the same. ` +
    'No function carries the X-Ray SDK: Powertools Tracer is left out everywhere, since its 120 KB would cost every cold start and Lambda\'s active tracing still times each invocation (init and invocation) without it. zod is imported as a namespace (`import * as z`), so esbuild keeps only what is used and none of its 40 locale files (a lint rule forbids the named `z`).';
  return {
    section: { title: 'Cold start, per function', method, tables: [table], targets },
    initMsByFunction: new Map(functions.map((fn) => [fn.name, median(fn.initMs)])),
  };
}
