import { defineConfig } from 'vitest/config';

const integration = ['server/**/*.int.test.ts', 'tests/integration/**/*.test.ts'];

export default defineConfig({
  test: {
    pool: 'forks',
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['server/**/*.test.ts', 'web/src/**/*.test.ts'],
          exclude: [...integration, 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'pglite',
          include: integration,
          env: { DB_KIND: 'pglite' },
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'pg',
          include: integration,
          env: { DB_KIND: 'postgres' },
          globalSetup: ['tests/support/global-setup.ts'],
          setupFiles: ['tests/support/pg-one-query-at-a-time.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: { name: 'e2e', include: ['tests/e2e/**/*.e2e.test.ts'], testTimeout: 180_000, hookTimeout: 300_000, fileParallelism: false },
      },
    ],
  },
});
