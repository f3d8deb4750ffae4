import { describe, expect, it } from 'vitest';
import { FUNCTIONS, type FunctionSpec } from '../../functions/catalog';
import { budgetOf, bundleFunction, PDF_BUDGET, RENDERS_PDF, STANDARD_BUDGET } from '../../infra/bundle-budget';

/**
 * Every catalog function is bundled with CDK's own esbuild settings (minified ESM, the AWS SDK
 * left to the runtime) and must stay within its budget (infra/bundle-budget.ts): 250 KB, or
 * 1.5 MB for the steps that render a PDF. Its inputs say what it carries: pdf-lib and the fonts
 * only where a PDF is rendered, Swagger UI's files in no bundle (the console reads them from
 * files beside its bundle), and none of zod's locale files anywhere.
 */
const PDF_INPUTS = [/^node_modules\/pdf-lib\//, /^functions\/templates\/pdf\/fonts\/.+\.generated\.ts$/];
const NEVER_BUNDLED = [/^node_modules\/zod\/v4\/locales\/(?!en\.js$|index\.js$)/, /^functions\/api-console\/assets\//, /^node_modules\/aws-xray-sdk-core\//];

describe('every function bundle within its budget', () => {
  for (const spec of FUNCTIONS as readonly FunctionSpec[]) {
    const budget = budgetOf(spec);
    it(`${spec.name}: ≤ ${budget.maxBytes / 1024} KB${budget.kind === 'pdf' ? ', with pdf-lib and the fonts' : ', without pdf-lib'}`, async () => {
      const { bytes, inputs } = await bundleFunction(spec);
      const paths = Object.keys(inputs);
      console.log(`${spec.name}: ${(bytes / 1024).toFixed(0)} KB of ${budget.maxBytes / 1024} KB`);
      expect(bytes, `${spec.name} is ${(bytes / 1024).toFixed(0)} KB; the largest inputs: ${largest(inputs)}`).toBeLessThanOrEqual(budget.maxBytes);
      const carried = PDF_INPUTS.map((pattern) => paths.some((path) => pattern.test(path)));
      expect(carried, paths.filter((path) => PDF_INPUTS.some((pattern) => pattern.test(path))).join(', ')).toEqual(PDF_INPUTS.map(() => budget.kind === 'pdf'));
      expect(paths.filter((path) => NEVER_BUNDLED.some((pattern) => pattern.test(path)))).toEqual([]);
    }, 60_000);
  }

  it('names only functions the catalog has, and budgets that hold the issue’s numbers', () => {
    const names = new Set((FUNCTIONS as readonly FunctionSpec[]).map((spec) => spec.name));
    for (const name of RENDERS_PDF) expect(names.has(name), name).toBe(true);
    expect(STANDARD_BUDGET).toMatchObject({ maxBytes: 256_000, maxInitRatio: 1.3 });
    expect(PDF_BUDGET).toMatchObject({ maxBytes: 1_572_864, maxInitRatio: 2 });
  });

  it('fails a bundle that imports zod as `{ z }` (all 40 locales come with it)', async () => {
    const { bytes, inputs } = await bundleFunction({ name: 'zod-named-import', entry: 'test/fixtures/bundles/zod-named-import.ts' });
    expect(Object.keys(inputs).some((path) => /^node_modules\/zod\/v4\/locales\/de\.js$/.test(path))).toBe(true);
    expect(bytes).toBeGreaterThan(STANDARD_BUDGET.maxBytes);
  }, 60_000);
});

function largest(inputs: Record<string, number>): string {
  const byPackage = new Map<string, number>();
  for (const [path, bytes] of Object.entries(inputs)) {
    const key = path.replace(/^node_modules\/((?:@[^/]+\/)?[^/]+)\/.*$/, '$1').replace(/^(functions\/[^/]+)\/.*$/, '$1');
    byPackage.set(key, (byPackage.get(key) ?? 0) + bytes);
  }
  return [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([key, bytes]) => `${key} ${(bytes / 1024).toFixed(0)} KB`).join(', ');
}
