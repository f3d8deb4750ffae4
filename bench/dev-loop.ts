import { readFile, stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { startTwin } from '../infra/local/twin';
import type { Section, Table } from './report-types';

const ROOT = resolve(import.meta.dirname, '..');
/** Written by every `npm test` (vitest's JSON reporter, vitest.config.ts). */
const RESULTS = resolve(ROOT, 'test-results/vitest.json');
const TWIN_STARTS = 1;

interface VitestJson {
  startTime: number;
  success: boolean;
  numTotalTests: number;
  numFailedTests: number;
  testResults: Array<{ name: string; startTime: number; endTime: number; assertionResults: unknown[] }>;
}

/** The last `npm test` on this clone, split by test folder, and how long the twin takes to start. */
export async function benchDevLoop(log: (line: string) => void): Promise<Section> {
  const tables: Table[] = [];
  let lastRun = 'No `npm test` has run on this clone yet (test-results/vitest.json is missing): run it, then the bench, to fill this table.';
  const results = await readFile(RESULTS, 'utf8').then((text) => JSON.parse(text) as VitestJson, () => undefined);
  if (results) {
    const written = (await stat(RESULTS)).mtime;
    const end = Math.max(...results.testResults.map((file) => file.endTime));
    const wallSeconds = (end - results.startTime) / 1000;
    const byFolder = new Map<string, { files: number; tests: number; seconds: number }>();
    for (const file of results.testResults) {
      const folder = relative(ROOT, file.name).split('/').slice(0, 2).join('/');
      const entry = byFolder.get(folder) ?? { files: 0, tests: 0, seconds: 0 };
      entry.files++;
      entry.tests += file.assertionResults.length;
      entry.seconds += (file.endTime - file.startTime) / 1000;
      byFolder.set(folder, entry);
    }
    const summed = [...byFolder.values()].reduce((sum, entry) => sum + entry.seconds, 0);
    lastRun =
      `The last \`npm test\` on this clone (${written.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${results.success ? 'passed' : `${results.numFailedTests} failed`}): ` +
      `**${wallSeconds.toFixed(0)} s** wall time for ${results.numTotalTests} tests in ${results.testResults.length} files, two files at a time (vitest forks, two workers). ` +
      'A folder\'s time is the sum of its files\' durations, so the column adds up to about twice the wall time.';
    tables.push({
      header: ['Folder', 'Files', 'Tests', 'Summed file time', 'Share'],
      align: ['l', 'r', 'r', 'r', 'r'],
      rows: [...byFolder]
        .sort((a, b) => b[1].seconds - a[1].seconds)
        .map(([folder, entry]) => [folder, String(entry.files), String(entry.tests), `${entry.seconds.toFixed(0)} s`, `${((100 * entry.seconds) / summed).toFixed(0)} %`]),
    });
  }

  log(`  starting the twin ${TWIN_STARTS} times…`);
  const starts: number[] = [];
  for (let i = 0; i < TWIN_STARTS; i++) {
    const started = performance.now();
    const twin = await startTwin({ ports: { api: 0, stepFunctions: 0, dynamodb: 0, ses: 0, secretsManager: 0 }, apiLog: () => undefined, schedules: 'off' });
    starts.push(performance.now() - started);
    await twin.close();
  }
  starts.sort((a, b) => a - b);
  tables.push({
    caption: 'The twin\'s start, as `npm start` does it: DynamoDB Local\'s JVM started and its table created, the other emulators bound, the ASL loaded and every HTTP handler module imported.',
    header: ['Twin start', 'Median', 'Fastest', 'Slowest'],
    align: ['l', 'r', 'r', 'r'],
    rows: [[`${TWIN_STARTS} starts`, `${(starts[Math.floor(starts.length / 2)]! / 1000).toFixed(2)} s`, `${(starts[0]! / 1000).toFixed(2)} s`, `${(starts[starts.length - 1]! / 1000).toFixed(2)} s`]],
  });
  return { title: 'Developer loop', method: lastRun, tables };
}
