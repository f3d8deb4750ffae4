import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, type FunctionSpec } from '../../functions/catalog';
import { bundleFunction } from '../../infra/bundle-budget';
import { type SynthesizedStage, synthesizeStage } from './synth-stage';
import { type CfnValue, logicalId, renderCfnString, resource, catalogFunction } from './template-queries';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = join(ROOT, 'node_modules/.cache/function-init');
const run = promisify(execFile);

/**
 * Every function reads its environment once, when its module loads. This loads each bundle, built
 * with CDK's own esbuild settings, in a fresh Node process with exactly the environment the
 * synthesized template gives that function, so a module that reads a variable its function has no
 * grant for fails here rather than on AWS (the twin sets every variable for every function).
 */
let dev: SynthesizedStage;
beforeAll(() => {
  dev = synthesizeStage('dev');
  mkdirSync(OUT, { recursive: true });
});

/** The template's environment, with CloudFormation references (table name, ARNs) as plain stand-ins. */
function environmentOf(spec: FunctionSpec): Record<string, string> {
  const lambda = resource(dev.template, logicalId(dev.stack, catalogFunction(dev.stack, spec.name).function));
  const variables = ((lambda.Properties?.Environment as { Variables?: Record<string, CfnValue> } | undefined)?.Variables ?? {});
  return Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, typeof value === 'string' ? value : `stand-in-for-${renderCfnString(value)}`]));
}

describe('each function starts with exactly the environment CDK gives it', () => {
  for (const spec of FUNCTIONS as readonly FunctionSpec[]) {
    it(spec.name, async () => {
      const { outfile } = await bundleFunction(spec, OUT);
      const env = {
        PATH: process.env.PATH ?? '',
        AWS_REGION: 'eu-west-1',
        AWS_LAMBDA_FUNCTION_NAME: spec.name,
        ...environmentOf(spec),
      };
      const script = `const m = await import(${JSON.stringify(pathToFileURL(outfile).href)}); if (typeof m.handler !== 'function') { console.error('no handler export'); process.exit(3); }`;
      const result = await run(process.execPath, ['--input-type=module', '-e', script], { env, timeout: 30_000 }).catch((error: { stderr?: string; code?: number }) => error);
      expect((result as { code?: number }).code ?? 0, (result).stderr).toBe(0);
    });
  }

  it('fails a function whose environment lacks a variable one of its modules reads', async () => {
    const spec = (FUNCTIONS as readonly FunctionSpec[]).find((f) => f.name === 'AwaitClientDecision')!;
    const { outfile } = await bundleFunction(spec, OUT);
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-west-1', ...environmentOf(spec) };
    expect(env.PUBLIC_BASE_URL).toBeDefined();
    delete env.PUBLIC_BASE_URL;
    const script = `await import(${JSON.stringify(pathToFileURL(outfile).href)});`;
    const result = await run(process.execPath, ['--input-type=module', '-e', script], { env, timeout: 30_000 }).catch((error: { stderr?: string; code?: number }) => error);
    expect((result as { code?: number }).code).not.toBe(0);
    expect((result).stderr).toContain('Environment variable PUBLIC_BASE_URL is not set');
  });
});
