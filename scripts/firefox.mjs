// Finds (and if needed installs) the Firefox that the engine runs drive (tests/engines): $FIREFOX_PATH, Debian's
// firefox-esr, else apt-get on Debian as root, exactly as Chromium (browser.mjs) and nginx (nginx.mjs) are found.
// Elsewhere it returns null and the runner prints a visible "skipped" line: never a download from another source.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { canInstallDebianPackages, installDebianPackagesOrSay } from './debian-packages.mjs';

/** What to install when no Firefox is found, for the runner's "skipped" line. */
export const FIREFOX_INSTALL_HINT = 'install firefox-esr (Debian: apt-get install firefox-esr) or set FIREFOX_PATH';

const CANDIDATES = ['/usr/lib/firefox-esr/firefox-esr', '/usr/bin/firefox-esr', '/usr/lib/firefox/firefox', '/usr/bin/firefox'];

/** The path of a Firefox already on this machine, or null. */
export function findFirefox() {
  if (process.env.FIREFOX_PATH && existsSync(process.env.FIREFOX_PATH)) return process.env.FIREFOX_PATH;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

/**
 * A Firefox path, installing Debian's firefox-esr when none is found: `{ path }`, or `{ skipped }` saying why none can
 * be had here (not Debian or not root: what to install; apt-get failed: what it said, e.g. a mirror out of reach).
 */
export function ensureFirefox() {
  const found = findFirefox();
  if (found) return { path: found };
  if (!canInstallDebianPackages()) return { skipped: FIREFOX_INSTALL_HINT };
  console.log('No Firefox found: installing Debian’s firefox-esr with apt-get (the engine runs drive it).');
  const installed = installDebianPackagesOrSay(['firefox-esr']);
  const path = findFirefox();
  if (path) return { path };
  return { skipped: installed.ok ? `firefox-esr installed, but no Firefox at ${CANDIDATES.join(', ')}` : `cannot be installed: ${installed.reason}` };
}

/** The version the browser reports ("153.0.1esr"), or null when it cannot say. */
export function firefoxVersion(path) {
  try {
    const out = execFileSync(path, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'], timeout: 15_000 }).toString();
    return /(\d+[\w.]*)\s*$/.exec(out.trim())?.[1] ?? null;
  } catch {
    return null;
  }
}
