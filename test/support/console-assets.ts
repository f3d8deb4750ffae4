import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

/*
 * The API console's static files (Swagger UI, Apache License 2.0, from the devDependency
 * swagger-ui-dist), copied as plain files into functions/api-console/assets/ under the names the
 * console serves them by. The function reads them from disk on first request (never at module
 * load), next to its module when the twin runs the source, and from `assets/` beside index.mjs in
 * the Lambda bundle (CDK copies the folder there: the catalog's `bundledFiles`), so they never
 * weigh on the bundle. `npm run console-assets` (test/support/write-console-assets.ts, also run on
 * postinstall) writes them; they are not committed.
 */
const require = createRequire(import.meta.url);
const PACKAGE = 'swagger-ui-dist';

export interface ConsoleAssetFile {
  /** The file in swagger-ui-dist, its name in functions/api-console/assets/, and the name it is served under at `/docs/<file>`. */
  file: string;
}

export const CONSOLE_ASSET_FILES: readonly ConsoleAssetFile[] = [
  { file: 'swagger-ui-bundle.js' },
  { file: 'swagger-ui.css' },
  { file: 'oauth2-redirect.html' },
  { file: 'oauth2-redirect.js' },
  { file: 'favicon-32x32.png' },
];

export const CONSOLE_ASSET_DIRECTORY = resolve(import.meta.dirname, '../../functions/api-console/assets');

export function swaggerUiVersion(): string {
  return (require(`${PACKAGE}/package.json`) as { version: string }).version;
}

/** The file as the npm package ships it. */
export function consoleAssetFileBytes(asset: ConsoleAssetFile): Buffer {
  return readFileSync(require.resolve(`${PACKAGE}/${asset.file}`));
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
