// `npm test`: typecheck, lint, unit tests (vitest; the collector's store suite on SQLite and on a throw-away PostgreSQL
// cluster, server/testing/postgres-global-setup.ts), end-to-end tests (Playwright in a real Chromium, one project of them
// behind nginx under a sub-path), the same journeys on Firefox ESR (tests/engines), then one closing
// line "N passed, N failed, N skipped, in M min S s" added up from the runners' JSON reports. Exits non-zero if anything failed or
// nothing ran. Every step runs even after a failure, so one run shows everything that is wrong.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './browser.mjs';
import { ensureNginx } from './nginx.mjs';
import { ensurePostgres } from './postgres.mjs';

const REPORTS = 'reports';
const VITEST_REPORT = `${REPORTS}/vitest.json`;
const PLAYWRIGHT_REPORT = `${REPORTS}/playwright.json`;
const ENGINES_REPORT = `${REPORTS}/engines.json`;

rmSync(VITEST_REPORT, { force: true });
rmSync(PLAYWRIGHT_REPORT, { force: true });
rmSync(ENGINES_REPORT, { force: true });
mkdirSync(REPORTS, { recursive: true });

const failedSteps = [];
const suiteStarted = Date.now();
/** Each step's time, said at the end: the whole suite is meant to stay under 15 minutes (README). */
const stepTimes = [];
const minutes = (ms) => `${Math.floor(ms / 60_000)} min ${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')} s`;
function step(name, command, args, env = {}) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  stepTimes.push(`${name} ${minutes(Date.now() - started)}`);
  if (result.status !== 0) failedSteps.push(name);
  return result.status === 0;
}

const node = process.execPath;
step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
step('lint', node, ['node_modules/eslint/bin/eslint.js', '.']);
// The collector's store suite runs on PostgreSQL too: found or installed like nginx; without it, that half is skipped
// with its reason in the report (and counted as skipped), never passed.
try {
  console.log(`PostgreSQL: ${ensurePostgres()}`);
} catch (error) {
  console.error(`${error instanceof Error ? error.message : error} The PostgreSQL store tests will be skipped.`);
}
step('unit tests', node, ['node_modules/vitest/vitest.mjs', 'run'], { VITEST_JSON: VITEST_REPORT, TZ: 'Europe/Paris' });

let chromium = null;
try {
  chromium = ensureChromium();
  console.log(`Chromium: ${chromium}`);
} catch (error) {
  console.error(String(error));
  failedSteps.push('browser');
}
// The sub-path project serves the app behind a real nginx (tests/e2e/subpath.spec.ts): found or installed like Chromium.
try {
  console.log(`nginx: ${ensureNginx()}`);
} catch (error) {
  console.error(String(error));
  failedSteps.push('nginx');
}
if (chromium && step('build', node, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'])) {
  step('end-to-end tests', node, ['node_modules/@playwright/test/cli.js', 'test', '--project=e2e', '--project=subpath'], {
    CHROME_PATH: chromium,
    TZ: 'Europe/Paris',
  });
  // The journeys on the other engines (Firefox ESR and WebKit), on the same build: one line per engine (tests/engines).
  step('other engines', node, ['node_modules/tsx/dist/cli.mjs', 'tests/engines/main.ts'], { TZ: 'Europe/Paris' });
}

function readJson(path) {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const vitest = readJson(VITEST_REPORT);
if (vitest) {
  totals.passed += vitest.numPassedTests ?? 0;
  totals.failed += vitest.numFailedTests ?? 0;
  totals.skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  // A file that failed to load has no tests in it but must not pass unseen.
  if (!vitest.success && !vitest.numFailedTests) totals.failed += Math.max(1, vitest.numFailedTestSuites ?? 0);
} else {
  console.error('No vitest report: unit tests did not run.');
}
const playwright = readJson(PLAYWRIGHT_REPORT);
if (playwright?.stats) {
  const s = playwright.stats;
  totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  totals.failed += s.unexpected ?? 0;
  totals.skipped += s.skipped ?? 0;
  if ((playwright.errors ?? []).length > 0 && !s.unexpected) totals.failed += playwright.errors.length;
} else {
  console.error('No Playwright report: end-to-end tests did not run.');
}

const engines = readJson(ENGINES_REPORT);
if (engines?.engines) {
  for (const engine of engines.engines) {
    totals.passed += engine.passed ?? 0;
    totals.failed += engine.failed ?? 0;
    totals.skipped += engine.skipped ?? 0;
  }
} else if (playwright?.stats) {
  console.error('No engines report: the other engines did not run.');
  totals.failed += 1;
}

const ran = totals.passed + totals.failed;
const ok = failedSteps.length === 0 && totals.failed === 0 && ran > 0 && vitest && playwright?.stats;
console.log(`\n${failedSteps.length ? `Failed steps: ${failedSteps.join(', ')}\n` : ''}`);
console.log(`Times: ${stepTimes.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped, in ${minutes(Date.now() - suiteStarted)}`);
process.exit(ok ? 0 : 1);
