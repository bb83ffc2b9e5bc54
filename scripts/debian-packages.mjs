// Installs what a test needs from Debian's own packages, the way STACK.md says: apt-get as root on Debian, never a
// download from elsewhere. Used for Chromium (browser.mjs), nginx (nginx.mjs), Firefox and WebKit (firefox.mjs,
// webkit.mjs) and PostgreSQL (postgres.mjs).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export function isDebian() {
  try {
    return /debian/i.test(readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

/** Whether apt-get can install here: Debian, and root. */
export const canInstallDebianPackages = () => isDebian() && process.getuid?.() === 0;

/** Runs a command with its output shown; true when it succeeded. */
export function run(command, args) {
  console.log(`> ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status === 0;
}

/**
 * Past this an apt-get run is stopped: a mirror that cannot be reached must fail the install with its reason, never
 * hang the tests. apt's own timeouts are shortened too (its defaults wait minutes per mirror and retry).
 */
export const APT_TIMEOUT_MS = 10 * 60_000;
const APT_OPTIONS = ['-o', 'Acquire::Retries=1', '-o', 'Acquire::http::Timeout=30', '-o', 'Acquire::https::Timeout=30'];

/** What apt said that explains a failure: its error and warning lines, the last few. */
const aptComplaints = (stderr) =>
  stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^(E|W|Err):/.test(line))
    .slice(-3)
    .join(' / ');

/** One apt-get run, its output shown as it comes (stdout) or after (stderr, kept to say why it failed). */
function aptGet(aptGetCommand, args, timeoutMs) {
  console.log(`> ${aptGetCommand} ${args.join(' ')}`);
  const result = spawnSync(aptGetCommand, [...args.slice(0, 1), ...APT_OPTIONS, ...args.slice(1)], {
    stdio: ['ignore', 'inherit', 'pipe'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  });
  const stderr = result.stderr?.toString() ?? '';
  if (stderr) process.stderr.write(stderr);
  if (result.error?.code === 'ETIMEDOUT' || (result.signal && result.status === null)) {
    return { ok: false, reason: `apt-get ${args[0]} did not end in ${Math.round(timeoutMs / 1000)} s (a package mirror that does not answer?)` };
  }
  if (result.error) return { ok: false, reason: `apt-get ${args[0]} could not run: ${result.error.message}` };
  return { ok: result.status === 0, reason: `apt-get ${args[0]} failed (exit ${result.status})`, complaints: aptComplaints(stderr) };
}

/**
 * `apt-get install` of the given packages, the package lists refreshed first: `{ ok: true }`, or `{ ok: false,
 * reason }` saying why (a mirror that cannot be reached, a package that does not exist, a run that did not end).
 * `aptGet` and `timeoutMs` are for the tests.
 */
export function installDebianPackagesOrSay(packages, { aptGet: aptGetCommand = 'apt-get', timeoutMs = APT_TIMEOUT_MS } = {}) {
  // a failed refresh is not the end: the lists already on the machine may hold the packages
  const update = aptGet(aptGetCommand, ['update', '-qq'], timeoutMs);
  if (!update.ok && update.complaints === undefined) return update;
  const install = aptGet(aptGetCommand, ['install', '-y', '--no-install-recommends', ...packages], timeoutMs);
  if (install.ok) return { ok: true };
  const said = [install.complaints, update.ok ? '' : `before that, ${update.reason}: ${update.complaints || 'no message'}`].filter(Boolean).join('; ');
  return { ok: false, reason: `${install.reason}${said ? `: ${said}` : ''}` };
}

/** `apt-get install` of the given packages, the package lists refreshed first; true when it succeeded. */
export function installDebianPackages(packages) {
  return installDebianPackagesOrSay(packages).ok;
}
