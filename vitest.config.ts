import { defineConfig } from 'vitest/config';

// Two kinds of test: fast pure ones run in parallel; the ones that run `astro build` or start
// servers share the project directory and ports, so they run one file at a time.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        test: {
          name: 'integration',
          include: [
            'tests/sync/**/*.test.ts',
            'tests/build/**/*.test.ts',
            'tests/announce/**/*.test.ts',
            'tests/api/**/*.test.ts',
            'tests/browser/**/*.test.ts',
            'tests/tooling/**/*.test.ts',
            'tests/monitor/**/*.test.ts',
          ],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
