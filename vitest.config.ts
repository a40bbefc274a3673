import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/property/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
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
  },
})
