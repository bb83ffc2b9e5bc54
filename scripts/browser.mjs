// Finds (and if needed installs) the Chromium that tests and benchmarks drive, in the order STACK.md gives:
// $CHROME_PATH, Playwright's own browser, /usr/bin/chromium; else apt-get on Debian as root, else `npx playwright install`.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { canInstallDebianPackages, installDebianPackages, run } from './debian-packages.mjs';

/** Flags that keep Chromium quiet on a closed network and happy as root in a container. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

function playwrightOwnChromium() {
  try {
    const out = execFileSync(process.execPath, ['-e', "process.stdout.write(require('playwright-core').chromium.executablePath())"], {
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
    return out && existsSync(out) ? out : null;
  } catch {
    return null;
  }
}

/** The path of a Chromium already on this machine, or null. */
export function findChromium() {
  if (process.env.CHROME_PATH && existsSync(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
  return playwrightOwnChromium() ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null);
}

/** A Chromium path, installing one when none is found. Throws when nothing works. */
export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  if (canInstallDebianPackages()) {
    console.log('No Chromium found: installing Debian’s chromium with apt-get.');
    installDebianPackages(['chromium', 'fonts-liberation', 'fonts-dejavu-core']);
  } else {
    console.log('No Chromium found: trying `npx playwright install chromium`.');
    run('npx', ['playwright', 'install', 'chromium']);
  }
  const installed = findChromium();
  if (!installed) throw new Error('No Chromium could be found or installed. Set CHROME_PATH to a Chromium executable.');
  return installed;
}
