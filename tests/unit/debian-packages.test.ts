// Installing a browser from Debian's packages fails with its reason, and never hangs, when the package mirror cannot be
// reached (issue 21): a fake apt-get stands for the real one.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { installDebianPackagesOrSay } from '../../scripts/debian-packages.mjs';

const folder = mkdtempSync(join(tmpdir(), 'repere-fake-apt-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A fake apt-get: a shell script given the text of its `update` and `install` branches. */
function fakeAptGet(name: string, update: string, install: string): string {
  const path = join(folder, name);
  writeFileSync(path, `#!/bin/sh\nfor a in "$@"; do case "$a" in update) ${update} ;; install) ${install} ;; esac; done\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('installDebianPackagesOrSay', () => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

  it('says what apt said when the mirror cannot be reached', () => {
    const aptGet = fakeAptGet(
      'unreachable',
      `echo "W: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease  Could not resolve 'deb.debian.org'" >&2; echo "E: Some index files failed to download." >&2; exit 100`,
      'echo "E: Unable to locate package firefox-esr" >&2; exit 100',
    );
    const result = installDebianPackagesOrSay(['firefox-esr'], { aptGet });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toContain('apt-get install failed (exit 100)');
    expect(result.reason).toContain('Unable to locate package firefox-esr');
    expect(result.reason).toContain("Could not resolve 'deb.debian.org'");
  });

  it('stops an apt-get that never ends, and says so', () => {
    const aptGet = fakeAptGet('hangs', 'exec sleep 30', 'exit 0');
    const started = Date.now();
    const result = installDebianPackagesOrSay(['firefox-esr'], { aptGet, timeoutMs: 500 });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result).toEqual({ ok: false, reason: 'apt-get update did not end in 1 s (a package mirror that does not answer?)' });
  });

  it('installs from the lists already there when only the refresh failed', () => {
    const aptGet = fakeAptGet('stale-lists', `echo "W: Failed to fetch http://deb.debian.org/ Temporary failure resolving" >&2; exit 100`, 'exit 0');
    expect(installDebianPackagesOrSay(['xvfb'], { aptGet })).toEqual({ ok: true });
  });
});
