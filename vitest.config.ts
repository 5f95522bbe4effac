import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests that start servers and databases get their own process each; isolation beats speed here.
    pool: 'forks',
    setupFiles: ['test/support/capture-stdout.ts'],
  },
});
