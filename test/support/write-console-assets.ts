/*
 * `npm run console-assets` (and postinstall): copies the API console's static files (Swagger UI)
 * from swagger-ui-dist into functions/api-console/assets/, byte for byte, under the names the
 * console serves. They are generated, not committed (.gitignore); test/unit/api-console-assets.test.ts
 * checks they hold the package's bytes. Removes what an older generator left there (the
 * `*.generated.ts` modules the console was once bundled from), since CDK copies the whole folder.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLE_ASSET_DIRECTORY, CONSOLE_ASSET_FILES, consoleAssetFileBytes } from './console-assets';

mkdirSync(CONSOLE_ASSET_DIRECTORY, { recursive: true });
const wanted = new Set(CONSOLE_ASSET_FILES.map((asset) => asset.file));
for (const name of readdirSync(CONSOLE_ASSET_DIRECTORY)) {
  if (wanted.has(name)) continue;
  rmSync(join(CONSOLE_ASSET_DIRECTORY, name), { recursive: true, force: true });
  process.stdout.write(`removed ${join(CONSOLE_ASSET_DIRECTORY, name)}\n`);
}
for (const asset of CONSOLE_ASSET_FILES) {
  const path = join(CONSOLE_ASSET_DIRECTORY, asset.file);
  writeFileSync(path, consoleAssetFileBytes(asset));
  process.stdout.write(`wrote ${path}\n`);
}
