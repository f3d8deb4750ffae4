import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, type FunctionSpec } from '../../functions/catalog';
import { esbuildOptionsFor } from '../../infra/constructs/bundling';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Only the functions that render a PDF carry its weight: pdf-lib, its font engine and the
 * embedded Roboto (about 430 KB of base64). Every catalog function is bundled with CDK's own
 * esbuild settings, and its bundle's inputs say what it carries. The route that serves stored
 * PDFs (AgreementPdf) renders nothing and carries none of it.
 */
const RENDERS_PDF = new Set(['AwaitClientDecision', 'ApplyClientDecision', 'SendFollowUpReport']);
const PDF_INPUTS = [/^node_modules\/pdf-lib\//, /^node_modules\/@pdf-lib\/fontkit\//, /^functions\/templates\/pdf\/fonts\/.+\.generated\.ts$/];
/** The same for the API console's Swagger UI files (about 1.9 MB of text): ApiConsole's bundle only. */
const SERVES_CONSOLE = new Set(['ApiConsole']);
const CONSOLE_INPUTS = [/^functions\/api-console\/assets\/.+\.generated\.ts$/];

async function bundle(spec: FunctionSpec) {
  const result = await build({ ...esbuildOptionsFor(join(ROOT, spec.entry), join(ROOT, 'node_modules/.cache/pdf-weight', `${spec.name}.mjs`)), write: false, metafile: true, sourcemap: false });
  const inputs = Object.keys(result.metafile.inputs);
  const js = result.outputFiles.find((file) => file.path.endsWith('.mjs'))!;
  return { inputs, bytes: js.contents.length };
}

describe('the PDF library only in the functions that render PDFs, Swagger UI only in the console', () => {
  for (const spec of FUNCTIONS as readonly FunctionSpec[]) {
    const renders = RENDERS_PDF.has(spec.name);
    it(`${spec.name} ${renders ? 'carries' : 'does not carry'} pdf-lib, fontkit and the fonts${SERVES_CONSOLE.has(spec.name) ? ', and carries Swagger UI' : ''}`, async () => {
      const { inputs, bytes } = await bundle(spec);
      const carried = PDF_INPUTS.map((pattern) => inputs.some((input) => pattern.test(input)));
      console.log(`${spec.name}: ${(bytes / 1024).toFixed(0)} KB bundle${renders ? ' (renders PDFs)' : ''}`);
      expect(carried, inputs.filter((input) => PDF_INPUTS.some((pattern) => pattern.test(input))).join(', ')).toEqual(PDF_INPUTS.map(() => renders));
      const servesConsole = SERVES_CONSOLE.has(spec.name);
      const consoleInputs = inputs.filter((input) => CONSOLE_INPUTS.some((pattern) => pattern.test(input)));
      expect(consoleInputs.length > 0, consoleInputs.join(', ')).toBe(servesConsole);
      // pdf-lib, fontkit and the fonts add about 1.8 MB, Swagger UI about 1.9 MB: a function without them stays far below.
      if (renders || servesConsole) expect(bytes).toBeGreaterThan(1536 * 1024);
      else expect(bytes).toBeLessThan(1536 * 1024);
    }, 60_000);
  }

  it('names only functions the catalog has', () => {
    const names = new Set((FUNCTIONS as readonly FunctionSpec[]).map((spec) => spec.name));
    for (const name of [...RENDERS_PDF, ...SERVES_CONSOLE]) expect(names.has(name), name).toBe(true);
  });
});
