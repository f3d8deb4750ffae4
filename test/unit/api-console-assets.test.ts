import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { CONSOLE_ASSETS, consoleAssetUrl } from '../../functions/api-console/console-assets';
import { FUNCTIONS, type FunctionSpec } from '../../functions/catalog';
import { esbuildOptionsFor } from '../../infra/constructs/bundling';
import { CONSOLE_ASSET_DIRECTORY, CONSOLE_ASSET_FILES, consoleAssetFileBytes, sha256, swaggerUiVersion } from '../support/console-assets';

const ROOT = join(import.meta.dirname, '../..');
const run = promisify(execFile);

describe("the API console's Swagger UI files (npm run console-assets, also on postinstall)", () => {
  it('come from swagger-ui-dist 5.35.0, the pinned devDependency', () => {
    expect(swaggerUiVersion()).toBe('5.35.0');
  });

  for (const asset of CONSOLE_ASSET_FILES) {
    it(`assets/${asset.file} holds exactly swagger-ui-dist's ${asset.file}, and the console serves those bytes`, async () => {
      const packaged = sha256(consoleAssetFileBytes(asset));
      // Copied from the installed package (run npm run console-assets if not).
      expect(sha256(readFileSync(join(CONSOLE_ASSET_DIRECTORY, asset.file))), 'run npm run console-assets').toBe(packaged);
      expect(fileURLToPath(consoleAssetUrl(asset.file))).toBe(join(CONSOLE_ASSET_DIRECTORY, asset.file));
      const served = CONSOLE_ASSETS.get(asset.file)!;
      const body = await served.body();
      expect(sha256(body)).toBe(packaged);
      // Read once per container, then from memory.
      expect(await served.body()).toBe(body);
    });
  }

  it('the console serves every copied file, and only those plus its initializer', () => {
    expect([...CONSOLE_ASSETS.keys()].sort()).toEqual([...CONSOLE_ASSET_FILES.map((a) => a.file), 'console-init.js'].sort());
  });

  it('are generated, not committed: git ignores them, postinstall writes them, and CDK copies them beside ApiConsole only', () => {
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8')).toContain('\nfunctions/api-console/assets/\n');
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.postinstall).toContain('tsx test/support/write-console-assets.ts');
    expect(scripts['console-assets']).toBe('tsx test/support/write-console-assets.ts');
    const withFiles = (FUNCTIONS as readonly FunctionSpec[]).filter((spec) => spec.bundledFiles !== undefined);
    expect(withFiles.map((spec) => [spec.name, spec.bundledFiles])).toEqual([['ApiConsole', 'functions/api-console/assets']]);
  });
});

describe('the ApiConsole bundle: Swagger UI beside index.mjs, not inside it', () => {
  const spec = (FUNCTIONS as readonly FunctionSpec[]).find((f) => f.name === 'ApiConsole')!;
  const dir = join(ROOT, 'node_modules/.cache/api-console-bundle');
  const outfile = join(dir, 'index.mjs');

  /** Loads the bundle in a fresh Node process and asks it for `file`; prints the status and the body's SHA-256. */
  async function serve(file: string): Promise<{ status: number; sha256: string }> {
    const event = { routeKey: 'GET /docs/{file+}', rawPath: `/docs/${file}`, pathParameters: { file }, headers: {}, requestContext: { http: { method: 'GET' } } };
    const script = `
      const { createHash } = await import('node:crypto');
      const { handler } = await import(${JSON.stringify(pathToFileURL(outfile).href)});
      const r = await handler(${JSON.stringify(event)}, { functionName: 'ApiConsole', awsRequestId: 'test' });
      const bytes = Buffer.from(r.body, r.isBase64Encoded ? 'base64' : 'utf8');
      process.stdout.write(JSON.stringify({ status: r.statusCode, sha256: createHash('sha256').update(bytes).digest('hex') }));`;
    const env = { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-west-1', STAFF_CLIENT_ID: 'client', STAFF_SIGN_IN_URL: 'https://sign-in.example', POWERTOOLS_LOG_LEVEL: 'SILENT' };
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env, timeout: 30_000 });
    return JSON.parse(stdout) as { status: number; sha256: string };
  }

  it('carries none of the files, loads without them, and serves them from assets/ once copied there', async () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const result = await build({ ...esbuildOptionsFor(join(ROOT, spec.entry), outfile), metafile: true, sourcemap: false });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => input.startsWith('functions/api-console/assets/'))).toEqual([]);
    expect(readFileSync(outfile).length).toBeLessThan(250 * 1024);

    // Nothing is read at module load: without the folder the bundle starts, and only the file's request fails.
    expect(existsSync(join(dir, 'assets'))).toBe(false);
    expect((await serve('swagger-ui.css')).status).toBe(500);

    // As CDK lays the asset out (the catalog's bundledFiles copied to assets/).
    cpSync(join(ROOT, spec.bundledFiles!), join(dir, 'assets'), { recursive: true });
    for (const file of ['swagger-ui-bundle.js', 'favicon-32x32.png']) {
      const asset = CONSOLE_ASSET_FILES.find((a) => a.file === file)!;
      expect(await serve(file), file).toEqual({ status: 200, sha256: sha256(consoleAssetFileBytes(asset)) });
    }
  }, 60_000);
});
