import { defineConfig } from 'vitest/config';

// Two kinds of test: fast pure ones run in parallel; the ones that run `astro build` or start
// servers share the project directory and ports, so they run one file at a time.
export default defineConfig({
  test: {
    projects: [
      // The architecture test only reads source files: it belongs to the fast loop (`npm run test:unit`).
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/tooling/architecture.test.ts'] } },
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
          ],
          exclude: ['tests/tooling/architecture.test.ts', '**/node_modules/**'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
