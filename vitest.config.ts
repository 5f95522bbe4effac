import { defineConfig } from 'vitest/config';

/** Unit, contract and architecture tests: the sources only, no build, so `npm run test:unit` answers in seconds. */
const UNIT = ['test/unit/**/*.test.ts', 'test/contract/**/*.test.ts', 'test/architecture.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests that start servers and databases get their own process each; isolation beats speed here.
    pool: 'forks',
    // Most integration tests wait on the processes they start, not on the CPU: with vitest's default of one
    // worker per CPU but one, a 2-vCPU machine ran them one after the other (260 s); three overlap the waits (115 s).
    maxWorkers: 3,
    setupFiles: ['test/support/capture-stdout.ts'],
    projects: [
      {
        extends: true,
        // These share no state between files, so each worker evaluates the shared modules once (vitest's test-isolation guide).
        test: { name: 'unit', include: UNIT, isolate: false, globalSetup: ['test/support/log-scan-setup.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: UNIT,
          // Built once before any of them: they start the server, the worker and the Lambda bundles as they ship.
          globalSetup: ['test/support/build-setup.ts', 'test/support/log-scan-setup.ts'],
        },
      },
    ],
  },
});
