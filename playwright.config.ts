import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/browser.mjs';

/** Not 4173, so that tests run beside a kiosk served by `npm start`. */
export const E2E_PORT = 4174;

export default defineConfig({
  testDir: 'tests/e2e',
  // 2 cores, one preview server, and a test that rebuilds dist/: one worker, in file order.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Playwright wipes test-results/ at start: the JSON report goes to reports/.
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    serviceWorkers: 'allow',
    launchOptions: { executablePath: findChromium() ?? undefined, args: CHROMIUM_ARGS },
  },
  projects: [
    { name: 'e2e', testIgnore: /(screenshots|subpath)\.spec\.ts/, use: { ...devices['Desktop Chrome'] } },
    // Builds under /repere/ into dist-repere/ and serves it behind nginx itself (scripts/nginx.mjs finds it).
    { name: 'subpath', testMatch: /subpath\.spec\.ts/, use: { ...devices['Desktop Chrome'] } },
    { name: 'screenshots', testMatch: /screenshots\.spec\.ts/ },
  ],
  webServer: {
    command: `node node_modules/vite/bin/vite.js preview --port ${E2E_PORT} --strictPort`,
    url: `http://localhost:${E2E_PORT}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
