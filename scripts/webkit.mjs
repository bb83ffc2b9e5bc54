// Finds (and if needed installs) the WebKit that the engine runs drive (tests/engines): WebKitWebDriver (Debian's
// webkit2gtk-driver), the MiniBrowser of libwebkit2gtk-4.1-0 and Xvfb (the MiniBrowser needs a display), else apt-get on
// Debian as root, exactly as Firefox (firefox.mjs) and Chromium (browser.mjs) are found. Elsewhere it returns null and
// the runner prints a visible "skipped" line: never a download from another source.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { canInstallDebianPackages, installDebianPackagesOrSay } from './debian-packages.mjs';

/** What to install when something is missing, for the runner's "skipped" line. */
export const WEBKIT_INSTALL_HINT =
  'install webkit2gtk-driver, libwebkit2gtk-4.1-0 and xvfb (Debian: apt-get install webkit2gtk-driver libwebkit2gtk-4.1-0 xvfb)';

const PACKAGES = ['webkit2gtk-driver', 'libwebkit2gtk-4.1-0', 'xvfb'];
const DRIVERS = ['/usr/bin/WebKitWebDriver'];
const MINI_BROWSERS = ['/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser', '/usr/libexec/webkit2gtk-4.1/MiniBrowser'];
const XVFBS = ['/usr/bin/Xvfb'];

const first = (paths) => paths.find((path) => existsSync(path)) ?? null;

/** The three programs if they are all on this machine ($WEBKIT_WEBDRIVER_PATH, $WEBKIT_MINIBROWSER_PATH first), or null. */
export function findWebKit() {
  const driver = first([process.env.WEBKIT_WEBDRIVER_PATH, ...DRIVERS].filter(Boolean));
  const miniBrowser = first([process.env.WEBKIT_MINIBROWSER_PATH, ...MINI_BROWSERS].filter(Boolean));
  const xvfb = first(XVFBS);
  return driver && miniBrowser && xvfb ? { driver, miniBrowser, xvfb } : null;
}

/**
 * The programs, installing Debian's packages when any is missing: `{ programs }`, or `{ skipped }` saying why they
 * cannot be had here (not Debian or not root: what to install; apt-get failed: what it said).
 */
export function ensureWebKit() {
  const found = findWebKit();
  if (found) return { programs: found };
  if (!canInstallDebianPackages()) return { skipped: WEBKIT_INSTALL_HINT };
  console.log(`WebKit not found: installing Debian’s ${PACKAGES.join(', ')} with apt-get (the engine runs drive it).`);
  const installed = installDebianPackagesOrSay(PACKAGES);
  const programs = findWebKit();
  if (programs) return { programs };
  return { skipped: installed.ok ? `${PACKAGES.join(', ')} installed, but WebKitWebDriver, the MiniBrowser or Xvfb is still missing` : `cannot be installed: ${installed.reason}` };
}

/** The WebKitGTK version of Debian's package ("2.50.6"), or null when dpkg cannot say (the MiniBrowser needs a display). */
export function webkitVersion() {
  try {
    const out = execFileSync('dpkg-query', ['-W', '-f', '${Version}', 'libwebkit2gtk-4.1-0'], { stdio: ['ignore', 'pipe', 'ignore'], timeout: 15_000 }).toString();
    return /^(?:\d+:)?([\d.]+)/.exec(out.trim())?.[1] ?? null;
  } catch {
    return null;
  }
}

/** The GObject bindings the browser that keeps its storage needs (tests/engines/webkit-profile-browser.py). */
const PROFILE_BROWSER_PACKAGES = ['python3-gi', 'gir1.2-webkit2-4.1', 'gir1.2-gtk-3.0'];
const PYTHON = '/usr/bin/python3';

function hasWebKitBindings() {
  try {
    execFileSync(PYTHON, ['-c', "import gi; gi.require_version('Gtk', '3.0'); gi.require_version('WebKit2', '4.1'); from gi.repository import WebKit2"], {
      stdio: 'ignore',
      timeout: 30_000,
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * Debian's Python with WebKitGTK's bindings, for the browser that keeps its storage across a restart (the MiniBrowser
 * of --automation keeps none): `{ python }`, installing the packages as the others are, or `{ skipped }` saying why.
 */
export function ensureWebKitProfileBrowser() {
  if (existsSync(PYTHON) && hasWebKitBindings()) return { python: PYTHON };
  const hint = `install ${PROFILE_BROWSER_PACKAGES.join(', ')} (Debian: apt-get install ${PROFILE_BROWSER_PACKAGES.join(' ')})`;
  if (!canInstallDebianPackages()) return { skipped: `WebKitGTK's Python bindings are missing: ${hint}` };
  console.log(`WebKitGTK's Python bindings not found: installing Debian’s ${PROFILE_BROWSER_PACKAGES.join(', ')} with apt-get (the restart check needs them).`);
  const installed = installDebianPackagesOrSay(PROFILE_BROWSER_PACKAGES);
  if (existsSync(PYTHON) && hasWebKitBindings()) return { python: PYTHON };
  return { skipped: installed.ok ? `${PROFILE_BROWSER_PACKAGES.join(', ')} installed, but ${PYTHON} still cannot load WebKit2 4.1` : `WebKitGTK's Python bindings cannot be installed: ${installed.reason}` };
}

