import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/** The type-aware rules of eslint.config.js (floating promises, unsafe any, …) are part of `npm test`. */
it('lints the whole project (eslint .) without errors or warnings', async () => {
  const eslint = new ESLint({ cwd: root });
  const results = await eslint.lintFiles(['.']);
  const problems = results.reduce((count, result) => count + result.errorCount + result.warningCount, 0);
  const report = problems === 0 ? '' : await (await eslint.loadFormatter('stylish')).format(results);
  expect(report.trim()).toBe('');
}, 180_000);
