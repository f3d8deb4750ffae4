import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../functions/catalog';
import { ONBOARDING_STATUSES, TRANSITIONS } from '../../functions/domain/lifecycle';
import { ARCHITECTURE_DOC_PATH, SECTION_NAMES, loadAslForDocs, renderSections, sectionsIn } from '../support/architecture-tables';

const ROOT = resolve(import.meta.dirname, '../..');
const doc = readFileSync(ARCHITECTURE_DOC_PATH, 'utf8');
const inDoc = sectionsIn(doc);
const rendered = renderSections();
const asl = loadAslForDocs();

/** docs/architecture.md's generated tables, kept in step with the ASL, the catalog and lifecycle.ts. */
describe('docs/architecture.md', () => {
  it('has each generated section once, and no other', () => {
    expect([...inDoc.keys()]).toEqual([...SECTION_NAMES]);
  });

  it.each(SECTION_NAMES)('section "%s" is what the generator renders now', (name) => {
    expect(inDoc.get(name), `docs/architecture.md's generated section "${name}" is out of date: run \`npm run docs\``).toBe(rendered[name]);
  });

  it('names every state of the ASL, every status and every transition', () => {
    for (const state of Object.keys(asl.States)) expect(rendered['workflow-states']).toContain(`| \`${state}\``);
    for (const status of ONBOARDING_STATUSES) expect(rendered.statuses).toContain(`| \`${status}\` |`);
    for (const name of Object.keys(TRANSITIONS)) expect(rendered.transitions).toContain(`| \`${name}\` |`);
    for (const fn of FUNCTIONS.filter((f) => 'aslKey' in f)) expect(rendered['workflow-states']).toContain(`\`${fn.entry}\``);
  });
});

/** The README and docs/ stand on their own: every file they point to is in the repository. */
describe('README.md and docs/', () => {
  const files = [resolve(ROOT, 'README.md'), ...readdirSync(resolve(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => resolve(ROOT, 'docs', f))];

  it.each(files.map((file) => [file.slice(ROOT.length + 1), file]))('%s links only to files that exist in the repository', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!).filter((target) => !/^(https?:|mailto:|#)/.test(target));
    const missing = targets.filter((target) => {
      const path = resolve(dirname(file), target.split('#')[0]!);
      return !path.startsWith(`${ROOT}/`) || !existsSync(path);
    });
    expect(missing).toEqual([]);
    expect(text).not.toMatch(/DESIGN(\.md)?\s*§|DESIGN\.md|onboardingsproces|\.\.\/shared\//);
  });
});
