/*
 * `npm run holidays`: regenerates functions/domain/dutch-public-holidays.ts from date-holidays.
 * Run it after upgrading date-holidays or widening the year range in dutch-holidays-source.ts.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderHolidayModule } from './dutch-holidays-source';

const path = resolve(import.meta.dirname, '../../functions/domain/dutch-public-holidays.ts');
writeFileSync(path, renderHolidayModule());
process.stdout.write(`wrote ${path}\n`);
