// `npm run test:engines`: the journeys on the other engines our users have (issue 21). For each engine: find or
// install it (Debian packages, as for Chromium), run every check, print one line "engines: <name> <version> — N passed,
// N failed" (or "skipped — <reason>", never silently), write reports/engines.json, exit non-zero if anything failed.
// Serves REPERE_ENGINES_DIST (default dist/), built first only when it has no index.html.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureFirefox, FIREFOX_INSTALL_HINT, firefoxVersion } from '../../scripts/firefox.mjs';
import { ENGINE_CHECKS, type EngineCheck } from './engine-checks';
import type { LaunchEngine } from './engine-driver';
import { firefoxLauncher } from './firefox-driver';

/** An engine the runs know: how to get it here, or why it cannot be had. */
interface Engine {
  readonly name: string;
  prepare(): { launch: LaunchEngine; version: string } | { skipped: string };
}

const ENGINES: readonly Engine[] = [
  {
    name: 'firefox-esr',
    prepare() {
      const path = ensureFirefox();
      if (!path) return { skipped: FIREFOX_INSTALL_HINT };
      const version = firefoxVersion(path) ?? 'unknown';
      return { launch: firefoxLauncher(path, version), version };
    },
  },
  // WebKit next (webkit2gtk-driver + MiniBrowser under Xvfb, selenium-webdriver): one more entry, same checks.
];

/** No check may hang the suite: past this, it fails with its reason. */
const CHECK_TIMEOUT_MS = 120_000;

interface EngineReport {
  name: string;
  version: string | null;
  passed: number;
  failed: number;
  skipped: number;
  reason?: string;
  durationMs: number;
  failures: Array<{ check: string; message: string }>;
  checks: Array<{ check: string; ok: boolean; durationMs: number }>;
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no end after ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function runEngine(engine: Engine, outDir: string, checks: readonly EngineCheck[]): Promise<EngineReport> {
  const started = Date.now();
  const report: EngineReport = { name: engine.name, version: null, passed: 0, failed: 0, skipped: 0, durationMs: 0, failures: [], checks: [] };
  let prepared: ReturnType<Engine['prepare']>;
  try {
    prepared = engine.prepare();
  } catch (error) {
    prepared = { skipped: `cannot be installed: ${error instanceof Error ? error.message : String(error)}` };
  }
  if ('skipped' in prepared) {
    report.skipped = checks.length;
    report.reason = prepared.skipped;
  } else {
    report.version = prepared.version;
    for (const check of checks) {
      const checkStarted = Date.now();
      try {
        await withTimeout(check.run({ launch: prepared.launch, outDir }), CHECK_TIMEOUT_MS, check.name);
        report.passed += 1;
        report.checks.push({ check: check.name, ok: true, durationMs: Date.now() - checkStarted });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        report.failed += 1;
        report.failures.push({ check: check.name, message });
        report.checks.push({ check: check.name, ok: false, durationMs: Date.now() - checkStarted });
        console.error(`${engine.name} ✗ ${check.name}\n  ${message.replaceAll('\n', '\n  ')}`);
      }
    }
  }
  report.durationMs = Date.now() - started;
  return report;
}

function ensureBuild(outDir: string): boolean {
  if (existsSync(join(outDir, 'index.html'))) return true;
  console.log(`No ${outDir}/index.html: building the app first.`);
  const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', outDir, '--logLevel', 'warn'], { stdio: 'inherit' });
  return result.status === 0;
}

const outDir = process.env.REPERE_ENGINES_DIST || 'dist';
const reports: EngineReport[] = [];
let ok = ensureBuild(outDir);
if (!ok) console.error(`engines: the build into ${outDir}/ failed`);
else {
  for (const engine of ENGINES) {
    const report = await runEngine(engine, outDir, ENGINE_CHECKS);
    reports.push(report);
    const seconds = `${Math.round(report.durationMs / 1000)} s`;
    console.log(
      report.reason
        ? `engines: ${report.name} skipped — ${report.reason}`
        : `engines: ${report.name} ${report.version} — ${report.passed} passed, ${report.failed} failed (${seconds})`,
    );
    if (report.failed > 0) ok = false;
  }
}
mkdirSync('reports', { recursive: true });
writeFileSync('reports/engines.json', `${JSON.stringify({ engines: reports }, null, 2)}\n`);
// A check that timed out may leave a browser behind: exiting ends it (puppeteer kills the browsers it launched).
process.exit(ok ? 0 : 1);
