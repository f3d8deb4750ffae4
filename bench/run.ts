/*
 * `npm run bench` — measures the domain's hot paths and the API on the local twin in one run and
 * prints the results; `npm run bench -- --write` also rewrites docs/benchmarks.md. A benchmark, not a
 * timed test: nothing passes or fails on a machine's speed.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchApi } from './api';
import { benchDomain } from './domain';
import { renderMarkdown, renderText, type Machine } from './report';
import type { Section } from './report-types';

const DOC = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));

async function main(): Promise<void> {
  const write = process.argv.includes('--write');
  const started = Date.now();
  const log = (line: string) => process.stderr.write(`${line}\n`);

  const machine: Machine = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: os.cpus().length,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
  };

  const sections: Section[] = [];
  log('domain hot paths…');
  sections.push(await benchDomain());
  log('API on the local twin…');
  sections.push(await benchApi(log));

  process.stdout.write(`\n${renderText(machine, sections)}\n`);
  if (write) {
    await writeFile(DOC, renderMarkdown(machine, sections));
    log(`wrote ${DOC}`);
  }
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().then(
  // The twin is closed; exit rather than wait on anything an SDK client or emulator left behind.
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
