import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROBOTO_BOLD } from '../../functions/templates/pdf/fonts/roboto-bold.generated';
import { ROBOTO_REGULAR } from '../../functions/templates/pdf/fonts/roboto-regular.generated';
import { FONT_DIRECTORY, FONT_MODULES, fontFileBytes, renderFontModule, sha256 } from '../support/font-modules';

describe("the PDFs' font modules (npm run fonts, also on postinstall)", () => {
  const exported = { ROBOTO_REGULAR, ROBOTO_BOLD } as const;

  for (const font of FONT_MODULES) {
    it(`${font.module} holds exactly @expo-google-fonts/roboto's ${font.ttf}`, () => {
      const bytes = exported[font.exportName];
      expect(bytes).toBeInstanceOf(Uint8Array);
      expect(sha256(bytes)).toBe(sha256(fontFileBytes(font)));
      // Generated from the installed package, as the generator writes it today (run npm run fonts if not).
      expect(readFileSync(join(FONT_DIRECTORY, font.module), 'utf8'), 'run npm run fonts').toBe(renderFontModule(font));
    });
  }

  it('are generated, not committed: git and eslint ignore them', () => {
    expect(readFileSync(join(import.meta.dirname, '../../.gitignore'), 'utf8')).toContain('functions/templates/pdf/fonts/*.generated.ts');
    expect(readFileSync(join(import.meta.dirname, '../../eslint.config.js'), 'utf8')).toContain("'functions/templates/pdf/fonts/*.generated.ts'");
    const scripts = (JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.postinstall).toContain('patch-package && tsx test/support/write-fonts.ts');
    expect(scripts.fonts).toBe('tsx test/support/write-fonts.ts');
  });
});
