import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

/** vitest strips types without checking them; this keeps `tsc --strict` part of `npm test`. */
it('type-checks the whole project (tsc --noEmit)', async () => {
  const result = await run(process.execPath, [resolve(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', root], { cwd: root }).catch(
    (error: Error & { stdout?: string; code?: number }) => ({ stdout: error.stdout ?? String(error), code: error.code }),
  );
  expect(result.stdout.trim()).toBe('');
}, 180_000);
