/*
 * `npm run docs`: rewrites the generated sections of docs/architecture.md (the workflow's states,
 * the statuses and the transitions) from statemachines/onboarding.asl.json, functions/catalog.ts
 * and functions/domain/lifecycle.ts. Everything outside the markers is left as it is.
 * test/unit/architecture-doc.test.ts fails until this has been run after one of those files changed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ARCHITECTURE_DOC_PATH, renderSections, sectionsIn, withSections } from './architecture-tables';

const before = readFileSync(ARCHITECTURE_DOC_PATH, 'utf8');
const sections = renderSections();
const after = withSections(before, sections);
const stale = [...sectionsIn(before)].filter(([name, body]) => name in sections && body !== sections[name as keyof typeof sections]).map(([name]) => name);
const path = relative(process.cwd(), ARCHITECTURE_DOC_PATH);
if (after === before) {
  process.stdout.write(`${path}: generated sections already up to date\n`);
} else {
  writeFileSync(ARCHITECTURE_DOC_PATH, after);
  process.stdout.write(`${path}: rewrote ${stale.join(', ')}\n`);
}
