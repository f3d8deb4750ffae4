/*
 * `npm run console-assets` (and postinstall): writes the API console's static files (Swagger UI)
 * as modules under functions/api-console/assets/ from swagger-ui-dist. They are generated, not
 * committed (.gitignore); test/unit/api-console-assets.test.ts checks they hold the package's bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLE_ASSET_DIRECTORY, CONSOLE_ASSET_MODULES, renderConsoleAssetModule } from './console-assets';

mkdirSync(CONSOLE_ASSET_DIRECTORY, { recursive: true });
for (const asset of CONSOLE_ASSET_MODULES) {
  const path = join(CONSOLE_ASSET_DIRECTORY, asset.module);
  writeFileSync(path, renderConsoleAssetModule(asset));
  process.stdout.write(`wrote ${path}\n`);
}
