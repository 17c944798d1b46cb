import { defineConfig } from 'vitest/config';

// Three kinds of test: fast pure ones run in parallel; the ones that run `astro build` share the
// project directory (.astro/, node_modules/.vite), so they run one file at a time; the ones against
// the local GitHub server (own port, own temp dir per test) run one file at a time too, but beside
// the builds, since they mostly wait on HTTP.
export default defineConfig({
  test: {
    projects: [
      // The architecture test only reads source files: it belongs to the fast loop (`npm run test:unit`).
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/tooling/architecture.test.ts'] } },
      {
        test: {
          name: 'integration',
          include: [
            'tests/build/**/*.test.ts',
            'tests/api/**/*.test.ts',
            'tests/browser/**/*.test.ts',
            'tests/monitor/page.test.ts',
            'tests/package/**/*.test.ts',
          ],
          fileParallelism: false,
          // A test that runs `astro build` takes 10–20 s on an idle 2-core machine; the margin is for a loaded one.
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
      {
        test: {
          name: 'github',
          include: [
            'tests/sync/**/*.test.ts',
            'tests/announce/**/*.test.ts',
            'tests/respond/**/*.test.ts',
            'tests/notify/**/*.test.ts',
            'tests/tooling/**/*.test.ts',
            'tests/monitor/**/*.test.ts',
          ],
          // The monitor page test runs `astro build`: it is an integration test.
          exclude: ['tests/tooling/architecture.test.ts', 'tests/monitor/page.test.ts', '**/node_modules/**'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
