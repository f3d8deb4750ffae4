// Prints "N passed, N failed" from vitest's JSON report. A test file that failed to load (no
// assertions, status failed) counts as one failure; a missing report counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2];
if (!existsSync(file)) {
  console.log('no vitest report was written');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const report = JSON.parse(readFileSync(file, 'utf8'));
let passed = 0;
let failed = 0;
let skipped = 0;
for (const result of report.testResults ?? []) {
  const assertions = result.assertionResults ?? [];
  if (result.status === 'failed' && !assertions.some((a) => a.status === 'failed')) {
    failed += 1;
    console.log(`file failed: ${result.name}: ${(result.message ?? '').split('\n')[0]}`);
  }
  for (const assertion of assertions) {
    if (assertion.status === 'passed') passed += 1;
    else if (assertion.status === 'failed') failed += 1;
    else skipped += 1;
  }
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
