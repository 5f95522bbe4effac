import { defineConfig } from 'vitest/config';

/** `npm run test:faults`: the reliability scenarios at full size, writing docs/reliability.md from the run. */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    globalSetup: ['test/support/build-setup.ts', 'test/support/log-scan-setup.ts', 'test/faults/support/report-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['test/support/capture-stdout.ts'],
    // Side by side the scenarios would compete for the same cores, and their figures would say so.
    fileParallelism: false,
  },
});
