/*
 * One twin-using section of `npm run bench`, run in a process of its own: the handler modules, and
 * the SDK clients they create when they load, belong to the twin they first met, so a second twin
 * in the same process would find them talking to the first one's (closed) emulators. bench/run.ts
 * starts this file once per such section and reads its result from stdout as JSON; progress goes
 * to stderr.
 */
import '../infra/local/polyfills';
import { benchApi } from './api';
import { benchDevLoop } from './dev-loop';
import { benchEndToEnd, type EndToEndOptions } from './end-to-end';
import type { Section } from './report-types';

export const SECTIONS = {
  api: async (log) => [await benchApi(log)],
  'end-to-end': (log, options) => benchEndToEnd(log, options),
  'dev-loop': async (log) => [await benchDevLoop(log)],
} satisfies Record<string, (log: (line: string) => void, options: EndToEndOptions) => Promise<Section[]>>;

export type SectionName = keyof typeof SECTIONS;

async function main(): Promise<void> {
  const name = process.argv[2] as SectionName;
  const run = SECTIONS[name];
  if (!run) throw new Error(`no bench section ${process.argv[2]}; one of ${Object.keys(SECTIONS).join(', ')}`);
  const options = JSON.parse(process.argv[3] ?? '{}') as EndToEndOptions;
  const sections = await run((line) => process.stderr.write(`${line}\n`), options);
  process.stdout.write(JSON.stringify(sections));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench section failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
