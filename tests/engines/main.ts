// `npm run test:engines`: the journeys on the other engines our users have (issue 21). For each engine: find or
// install it (Debian packages, as for Chromium), run every check, print one line "engines: <name> <version> — N passed,
// N failed" (", N skipped" when an engine cannot run a check, each such check named with its reason above the line), or
// "skipped — <reason>" for an engine that cannot be had, never silently; write reports/engines.json, exit non-zero if
// anything failed.
// Serves REPERE_ENGINES_DIST (default dist/), built first only when it has no index.html.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureFirefox, FIREFOX_INSTALL_HINT, firefoxVersion } from '../../scripts/firefox.mjs';
import { ensureWebKit, WEBKIT_INSTALL_HINT, webkitVersion } from '../../scripts/webkit.mjs';
import { ENGINE_CHECKS, resultsKeptAcrossRestart, type EngineCheck } from './engine-checks';
import type { LaunchEngine } from './engine-driver';
import { firefoxLauncher } from './firefox-driver';
import { webkitLauncher } from './webkit-driver';

/** An engine the runs know: how to get it here, or why it cannot be had; the checks it cannot run, with why. */
interface Engine {
  readonly name: string;
  prepare(): { launch: LaunchEngine; version: string; skips?: ReadonlyMap<EngineCheck, string> } | { skipped: string };
}

/** The engines to run (REPERE_ENGINES, comma-separated); the others print a line saying why they were skipped. */
const WANTED = (process.env.REPERE_ENGINES ?? 'firefox-esr,webkit').split(',').map((name) => name.trim());

const ENGINES: readonly Engine[] = [
  {
    name: 'firefox-esr',
    prepare() {
      if (!WANTED.includes('firefox-esr')) return { skipped: 'not in REPERE_ENGINES' };
      const path = ensureFirefox();
      if (!path) return { skipped: FIREFOX_INSTALL_HINT };
      const version = firefoxVersion(path) ?? 'unknown';
      return { launch: firefoxLauncher(path, version), version };
    },
  },
  {
    name: 'webkit',
    prepare() {
      if (!WANTED.includes('webkit')) return { skipped: 'not in REPERE_ENGINES' };
      const programs = ensureWebKit();
      if (!programs) return { skipped: WEBKIT_INSTALL_HINT };
      const version = webkitVersion() ?? 'unknown';
      return {
        launch: webkitLauncher(programs, version),
        version,
        skips: new Map([
          [
            resultsKeptAcrossRestart,
            'the MiniBrowser that WebKitWebDriver drives (--automation) keeps its storage in memory only, and has no ' +
              'option for a data folder: a browser restart always starts empty (tried: a result stored, 0 after the restart)',
          ],
        ]),
      };
    },
  },
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
  checks: Array<{ check: string; ok: boolean; durationMs: number } | { check: string; skipped: string }>;
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
      const skip = prepared.skips?.get(check);
      if (skip !== undefined) {
        report.skipped += 1;
        report.checks.push({ check: check.name, skipped: skip });
        console.log(`${engine.name} – skipped: ${check.name}\n  ${skip}`);
        continue;
      }
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
        : `engines: ${report.name} ${report.version} — ${report.passed} passed, ${report.failed} failed${report.skipped > 0 ? `, ${report.skipped} skipped` : ''} (${seconds})`,
    );
    if (report.failed > 0) ok = false;
  }
}
mkdirSync('reports', { recursive: true });
writeFileSync('reports/engines.json', `${JSON.stringify({ engines: reports }, null, 2)}\n`);
// A check that timed out may leave a browser behind: exiting ends it (puppeteer kills the browsers it launched, the
// WebKit driver its Xvfb and WebKitWebDriver).
process.exit(ok ? 0 : 1);
