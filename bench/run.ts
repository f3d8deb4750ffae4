/*
 * `npm run bench`: measures what decides the product's speed and cost on AWS in one run (cold
 * starts per function, the domain's hot paths, the API on the local twin, whole onboardings end to
 * end with their cost, memory, the developer loop), prints it and rewrites docs/benchmarks.md
 * (`-- --print-only` leaves the doc alone). A benchmark, not a timed test: it reports each target as
 * met or missed and fails only when a count is wrong.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { benchColdStart } from './cold-start';
import type { EndToEndOptions } from './end-to-end';
import type { SectionName } from './section-process';
import { benchDomain } from './domain';
import { renderMarkdown, renderText, type Machine } from './report';
import type { Section } from './report-types';

const DOC = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));

async function main(): Promise<void> {
  const write = !process.argv.includes('--print-only');
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
  const timed = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    log(`${what}…`);
    const at = Date.now();
    const result = await run();
    log(`  ${what}: ${((Date.now() - at) / 1000).toFixed(0)} s`);
    return result;
  };
  const coldStart = await timed('cold starts', () => benchColdStart(log));
  sections.push(coldStart.section);
  sections.push(await timed('domain hot paths', () => benchDomain()));
  sections.push(...(await timed('API on the local twin', () => inItsOwnProcess('api'))));
  // Lambda bills init on every cold start: the cost model takes the init times just measured.
  sections.push(...(await timed('end to end', () => inItsOwnProcess('end-to-end', { initMsByFunction: Object.fromEntries(coldStart.initMsByFunction) }))));
  sections.push(...(await timed('developer loop', () => inItsOwnProcess('dev-loop'))));

  machine.durationSeconds = (Date.now() - started) / 1000;
  process.stdout.write(`\n${renderText(machine, sections)}\n`);
  if (write) {
    await writeFile(DOC, renderMarkdown(machine, sections));
    log(`wrote ${DOC}`);
  }
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Runs a twin-using section in a fresh process (bench/section-process.ts says why) and returns its sections. */
function inItsOwnProcess(name: SectionName, options: EndToEndOptions = {}): Promise<Section[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./section-process.ts', import.meta.url)), name, JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as Section[]) : reject(new Error(`bench section ${name} exited with ${code}`))));
  });
}

main().then(
  // The twin is closed; exit rather than wait on anything an SDK client or emulator left behind.
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
