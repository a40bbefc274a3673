import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/property/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/helpers/childCoverage.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/helpers/childCoverage.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        // Against a real broker: skipped unless MT5_LIVE_SERVER, MT5_LIVE_LOGIN and MT5_LIVE_PASSWORD
        // are set (test/live/_env.ts); `npm run test:live`, scheduled by .github/workflows/live.yml.
        test: {
          name: 'live',
          include: ['test/live/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'copier-unit',
          include: ['examples/copier/test/unit/**/*.test.ts', 'examples/copier/test/property/**/*.test.ts'],
          environment: 'node',
          benchmark: { include: ['examples/copier/bench/**/*.bench.ts'] },
        },
      },
      {
        test: {
          name: 'copier-e2e',
          include: ['examples/copier/test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'copier-chaos',
          include: ['examples/copier/test/chaos/**/*.test.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'types',
          include: ['test/types/**/*.test-d.ts'],
          typecheck: { enabled: true, only: true, include: ['test/types/**/*.test-d.ts'] },
        },
      },
    ],
    benchmark: { include: ['bench/**/*.bench.ts'] },
    // `npm run coverage` (scripts/coverage.ts): the SDK's sources, in-process through V8, plus the
    // child processes the tests spawn (merged afterwards, see scripts/coverage.ts).
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'json', 'json-summary'],
      reportsDirectory: 'coverage/vitest',
      // Ratchet: just under the in-process figures measured on 2026-12-05 (lines 91.81, statements
      // 89.04, functions 88.78, branches 81.23); raise them when coverage rises, never lower them
      // (a drop fails the run). The line figure with the CLI child processes is printed apart.
      thresholds: { lines: 91.3, statements: 88.5, functions: 88.3, branches: 80.7 },
    },
  },
})
