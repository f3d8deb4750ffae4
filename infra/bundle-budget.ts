import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { FunctionSpec } from '../functions/catalog';
import { esbuildOptionsFor } from './constructs/bundling';

/**
 * How heavy a function's bundle may be. A provider runs a few onboardings a week, so nearly every
 * invocation is a cold start: the bundle's size is parse and compile time on every one of them.
 * `test/infra/bundle-budget.test.ts` fails a bundle over its size; `npm run bench` measures the
 * init time against a bundle that only creates a DynamoDB document client.
 */
export interface BundleBudget {
  kind: 'standard' | 'pdf';
  maxBytes: number;
  /** The most its module init may take, as a multiple of the reference bundle's. */
  maxInitRatio: number;
}

export const STANDARD_BUDGET: BundleBudget = { kind: 'standard', maxBytes: 250 * 1024, maxInitRatio: 1.3 };
/** pdf-lib and two embedded fonts: only the steps that render a PDF carry them. */
export const PDF_BUDGET: BundleBudget = { kind: 'pdf', maxBytes: 1536 * 1024, maxInitRatio: 2 };

/** The steps that render a PDF (the agreement and the follow-up report). AgreementPdf serves stored PDFs and renders none. */
export const RENDERS_PDF: ReadonlySet<string> = new Set(['AwaitClientDecision', 'ApplyClientDecision', 'SendFollowUpReport']);

export function budgetOf(spec: Pick<FunctionSpec, 'name'>): BundleBudget {
  return RENDERS_PDF.has(spec.name) ? PDF_BUDGET : STANDARD_BUDGET;
}

const ROOT = resolve(import.meta.dirname, '..');

export interface BuiltBundle {
  /** The minified JavaScript, without its source map. */
  bytes: number;
  /** Repo-relative inputs, with the bytes each contributes to the output. */
  inputs: Record<string, number>;
  outfile: string;
}

/**
 * Bundles a function exactly as CDK does (same esbuild settings), into `outDir` with its source map
 * when given (to load it), or in memory.
 */
export async function bundleFunction(spec: Pick<FunctionSpec, 'name' | 'entry'>, outDir?: string): Promise<BuiltBundle> {
  const outfile = join(outDir ?? join(ROOT, 'node_modules/.cache/bundles'), `${spec.name}.mjs`);
  const result = await build({ ...esbuildOptionsFor(join(ROOT, spec.entry), outfile), write: outDir !== undefined, metafile: true });
  const output = Object.entries(result.metafile.outputs).find(([path]) => path.endsWith('.mjs'))![1];
  const inputs = Object.fromEntries(Object.entries(output.inputs).map(([path, input]) => [path, input.bytesInOutput]));
  return { bytes: output.bytes, inputs, outfile };
}
