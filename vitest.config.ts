import { defineConfig } from 'vitest/config';

// One run for every kind of test. `scripts/test.ts` provisions Postgres and Redis first and
// passes their URLs in TEST_DATABASE_URL / TEST_REDIS_URL.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    // Browser tests wait for the page with expect.poll: on two busy cores a page can take a few
    // seconds to settle, so the wait is generous (it ends as soon as the condition holds).
    expect: { poll: { timeout: 15_000, interval: 50 } },
  },
});
