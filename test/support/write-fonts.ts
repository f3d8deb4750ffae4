/*
 * `npm run fonts` (and postinstall): writes the PDFs' font modules under
 * functions/templates/pdf/fonts/ from the TTFs of @expo-google-fonts/roboto. They are generated,
 * not committed (.gitignore); test/unit/pdf-fonts.test.ts checks they hold the package's bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FONT_DIRECTORY, FONT_MODULES, renderFontModule } from './font-modules';

mkdirSync(FONT_DIRECTORY, { recursive: true });
for (const font of FONT_MODULES) {
  const path = join(FONT_DIRECTORY, font.module);
  writeFileSync(path, renderFontModule(font));
  process.stdout.write(`wrote ${path}\n`);
}
