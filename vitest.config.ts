import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

export default defineConfig({
  plugins: [preact()],
  define: { __APP_VERSION__: '"test"', __BUILD_ID__: '"test"' },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tests/unit/**/*.test.ts', 'server/**/*.test.ts'],
    environment: 'node',
    // A throw-away PostgreSQL cluster for the collector's store suite, which runs on it as on SQLite.
    globalSetup: ['server/testing/postgres-global-setup.ts'],
    // opening_hours evaluates in local time: the tests run in France's time zone, whatever the machine's.
    env: { TZ: 'Europe/Paris' },
    reporters: process.env.VITEST_JSON ? ['default', ['json', { outputFile: process.env.VITEST_JSON }]] : ['default'],
  },
});
