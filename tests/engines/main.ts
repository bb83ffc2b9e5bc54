// `npm run test:engines`: the journeys on the other engines our users have (issue 21). For each engine: find or
// install it (Debian packages, as for Chromium), run every check, print one line "engines: <name> <version> — N passed,
// N failed" (", N skipped" when an engine cannot run a check, each such check named with its reason above the line), or
// "skipped — <reason>" for an engine that cannot be had, never silently; write reports/engines.json, exit non-zero if
// anything failed.
// Serves REPERE_ENGINES_DIST (default dist/), built first only when it has no index.html.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureFirefox, firefoxVersion } from '../../scripts/firefox.mjs';
import { ensureWebKit, ensureWebKitProfileBrowser, webkitVersion } from '../../scripts/webkit.mjs';
import { handsOnTries, memoryFallback, memoryFallbackWithoutIndexedDb, mediatorSpace, offlineJourney, resultsKeptAcrossRestart, updateWaitsForWelcome, type EngineCheck } from './engine-checks';
import { layoutAtKioskSize, layoutAtPhoneSize } from './layout-check';
import { firefoxLauncher } from './puppeteer-driver';
import { runEngine, type Engine, type EngineReport } from './run-engine';
import { removeUpdateBuild } from './update-build';
import { webkitLauncher } from './webkit-driver';

/** The engines to run (REPERE_ENGINES, comma-separated); the others print a line saying why they were skipped. */
const WANTED = (process.env.REPERE_ENGINES ?? 'firefox-esr,webkit').split(',').map((name) => name.trim());

const ENGINES: readonly Engine[] = [
  {
    name: 'firefox-esr',
    prepare() {
      if (!WANTED.includes('firefox-esr')) return { skipped: 'not in REPERE_ENGINES' };
      const found = ensureFirefox();
      if ('skipped' in found) return found;
      const version = firefoxVersion(found.path) ?? 'unknown';
      return { launch: firefoxLauncher(found.path, version), version };
    },
  },
  {
    name: 'webkit',
    prepare() {
      if (!WANTED.includes('webkit')) return { skipped: 'not in REPERE_ENGINES' };
      const found = ensureWebKit();
      if ('skipped' in found) return found;
      const version = webkitVersion() ?? 'unknown';
      // The MiniBrowser of --automation keeps its storage in memory only: the restart check runs WebKitGTK through its
      // Python bindings instead (webkit-profile-browser.py), or is skipped, saying why, when they cannot be had.
      const profileBrowser = ensureWebKitProfileBrowser();
      return {
        launch: webkitLauncher(found.programs, version, 'python' in profileBrowser ? profileBrowser : null),
        version,
        skips: new Map('skipped' in profileBrowser ? [[resultsKeptAcrossRestart, profileBrowser.skipped]] : []),
      };
    },
  },
];

/** Every check, in the order they run on each engine. */
const ENGINE_CHECKS: readonly EngineCheck[] = [offlineJourney, resultsKeptAcrossRestart, memoryFallback, memoryFallbackWithoutIndexedDb, updateWaitsForWelcome, mediatorSpace, handsOnTries, layoutAtPhoneSize, layoutAtKioskSize];

/** Only the checks whose name holds one of these words (REPERE_ENGINE_CHECKS, comma-separated), to work on one. */
const CHECK_FILTER = (process.env.REPERE_ENGINE_CHECKS ?? '').split(',').map((word) => word.trim()).filter(Boolean);
const CHECKS = CHECK_FILTER.length === 0 ? ENGINE_CHECKS : ENGINE_CHECKS.filter((check) => CHECK_FILTER.some((word) => check.name.includes(word)));

function ensureBuild(outDir: string): boolean {
  if (existsSync(join(outDir, 'index.html'))) return true;
  console.log(`No ${outDir}/index.html: building the app first.`);
  const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', outDir, '--logLevel', 'warn'], { stdio: 'inherit' });
  return result.status === 0;
}

// Stopped by a signal (Ctrl-C, a CI job cancelled, a timeout's kill): Node's default would end at once, without the
// 'exit' handlers that stop the preview servers, Xvfb, WebKitWebDriver and the browsers; exiting runs them.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
  process.once(signal, () => {
    console.error(`engines: stopped by ${signal}; the browsers, servers and displays started are stopped`);
    process.exit(code);
  });
}

const outDir = process.env.REPERE_ENGINES_DIST || 'dist';
const reports: EngineReport[] = [];
let ok = ensureBuild(outDir);
if (!ok) console.error(`engines: the build into ${outDir}/ failed`);
else {
  // The engines run side by side: Firefox takes three to five minutes (its accessibility queries are slow), WebKit under
  // one, and the suite waits for the longer only. Each prepare() is synchronous: an apt-get never runs beside another.
  const runs = ENGINES.map((engine) => runEngine(engine, outDir, CHECKS));
  for (const run of runs) {
    const report = await run;
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
await removeUpdateBuild();
mkdirSync('reports', { recursive: true });
writeFileSync('reports/engines.json', `${JSON.stringify({ engines: reports }, null, 2)}\n`);
// A check that timed out may leave a browser behind: exiting ends it (puppeteer kills the browsers it launched, the
// WebKit driver its Xvfb and WebKitWebDriver).
process.exit(ok ? 0 : 1);
