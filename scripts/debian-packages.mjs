// Installs what a test needs from Debian's own packages, the way STACK.md says: apt-get as root on Debian, never a
// download from elsewhere. Used for Chromium (browser.mjs) and nginx (nginx.mjs).
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

/** `apt-get install` of the given packages, the package lists refreshed first. */
export function installDebianPackages(packages) {
  run('apt-get', ['update', '-qq']);
  return run('apt-get', ['install', '-y', '--no-install-recommends', ...packages]);
}
