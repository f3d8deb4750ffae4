import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['infra/local/polyfills.ts'],
    // One DynamoDB Local for the run; every test file uses a table of its own in it.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: run files in a couple of forks; emulators bind free ports and tables have unique names,
    // so files never collide.
    pool: 'forks',
    maxWorkers: 2,
    // The JSON report of every run feeds `npm run bench`'s developer-loop figures (test time by folder).
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
