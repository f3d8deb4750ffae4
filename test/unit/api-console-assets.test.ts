import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAVICON_32_PNG_BASE64 } from '../../functions/api-console/assets/favicon-32x32-png.generated';
import { OAUTH2_REDIRECT_HTML } from '../../functions/api-console/assets/oauth2-redirect-html.generated';
import { OAUTH2_REDIRECT_JS } from '../../functions/api-console/assets/oauth2-redirect-js.generated';
import { SWAGGER_UI_BUNDLE_JS } from '../../functions/api-console/assets/swagger-ui-bundle-js.generated';
import { SWAGGER_UI_CSS } from '../../functions/api-console/assets/swagger-ui-css.generated';
import { CONSOLE_ASSETS } from '../../functions/api-console/console-assets';
import {
  CONSOLE_ASSET_DIRECTORY,
  CONSOLE_ASSET_MODULES,
  consoleAssetFileBytes,
  renderConsoleAssetModule,
  sha256,
  swaggerUiVersion,
} from '../support/console-assets';

const ROOT = join(import.meta.dirname, '../..');

describe("the API console's Swagger UI modules (npm run console-assets, also on postinstall)", () => {
  const exported: Record<string, string> = { SWAGGER_UI_BUNDLE_JS, SWAGGER_UI_CSS, OAUTH2_REDIRECT_HTML, OAUTH2_REDIRECT_JS, FAVICON_32_PNG_BASE64 };

  it('come from swagger-ui-dist 5.35.0, the pinned devDependency', () => {
    expect(swaggerUiVersion()).toBe('5.35.0');
  });

  for (const asset of CONSOLE_ASSET_MODULES) {
    it(`${asset.module} holds exactly swagger-ui-dist's ${asset.file}, and the console serves those bytes`, () => {
      const value = exported[asset.exportName];
      expect(typeof value).toBe('string');
      const bytes = Buffer.from(value!, asset.encoding);
      const packaged = consoleAssetFileBytes(asset);
      expect(sha256(bytes)).toBe(sha256(packaged));
      expect(sha256(CONSOLE_ASSETS.get(asset.file)!.body)).toBe(sha256(packaged));
      // Generated from the installed package, as the generator writes it today (run npm run console-assets if not).
      expect(readFileSync(join(CONSOLE_ASSET_DIRECTORY, asset.module), 'utf8'), 'run npm run console-assets').toBe(renderConsoleAssetModule(asset));
    });
  }

  it('the console serves every generated file, and only those plus its initializer', () => {
    expect([...CONSOLE_ASSETS.keys()].sort()).toEqual([...CONSOLE_ASSET_MODULES.map((a) => a.file), 'console-init.js'].sort());
  });

  it('are generated, not committed: git and eslint ignore them, and postinstall writes them', () => {
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8')).toContain('functions/api-console/assets/*.generated.ts');
    expect(readFileSync(join(ROOT, 'eslint.config.js'), 'utf8')).toContain("'functions/api-console/assets/*.generated.ts'");
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.postinstall).toContain('tsx test/support/write-console-assets.ts');
    expect(scripts['console-assets']).toBe('tsx test/support/write-console-assets.ts');
  });
});
