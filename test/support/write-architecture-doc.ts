/*
 * `npm run docs`: rewrites the generated sections of docs/architecture.md (the workflow's states,
 * the statuses and the transitions) from statemachines/onboarding.asl.json, functions/catalog.ts
 * and functions/domain/lifecycle.ts, and those of docs/limits.md (text bounds, counts, worst-case
 * item sizes) from functions/domain/size-budget.ts. Everything outside the markers is left as it
 * is. test/unit/architecture-doc.test.ts and test/unit/size-budget.test.ts fail until this has
 * been run after one of those files changed. It also writes docs/openapi.json, as `npm run
 * openapi` does (test/unit/openapi.test.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ARCHITECTURE_DOC_PATH, renderSections, sectionsIn, withSections } from './architecture-tables';
import { LIMITS_DOC_PATH, limitsSectionsIn, renderLimitsSections, withLimitsSections } from './limits-doc';
import { OPENAPI_DOC_PATH, writeOpenApiDoc } from './openapi-contract';

function rewrite(path: string, render: (doc: string) => string, sections: Record<string, string>, found: (doc: string) => Map<string, string>): void {
  const before = readFileSync(path, 'utf8');
  const after = render(before);
  const stale = [...found(before)].filter(([name, body]) => name in sections && body !== sections[name]).map(([name]) => name);
  const shown = relative(process.cwd(), path);
  if (after === before) {
    process.stdout.write(`${shown}: generated sections already up to date\n`);
  } else {
    writeFileSync(path, after);
    process.stdout.write(`${shown}: rewrote ${stale.join(', ')}\n`);
  }
}

const architecture = renderSections();
rewrite(ARCHITECTURE_DOC_PATH, (doc) => withSections(doc, architecture), architecture, sectionsIn);
const limits = renderLimitsSections();
rewrite(LIMITS_DOC_PATH, (doc) => withLimitsSections(doc, limits), limits, limitsSectionsIn);
const openapi = relative(process.cwd(), OPENAPI_DOC_PATH);
process.stdout.write(writeOpenApiDoc() ? `${openapi}: rewritten\n` : `${openapi}: already up to date\n`);
