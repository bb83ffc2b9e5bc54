import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { version: string; packages: Record<string, { version?: string }> };
const changelog = readFileSync('CHANGELOG.md', 'utf8');
/** The versions the changelog has a note for, newest first, with their dates. */
const entries = [...changelog.matchAll(/^## \[(\d+\.\d+\.\d+)\] — (\d{4}-\d{2}-\d{2})/gm)].map(([, version, date]) => ({ version: version!, date: date! }));

const compare = (a: string, b: string) => {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i += 1) if (x![i] !== y![i]) return x![i]! - y![i]!;
  return 0;
};

describe('the changelog', () => {
  it('has a note for the version the devices show (package.json), at its top', () => {
    expect(entries[0]?.version).toBe(pkg.version);
    const note = changelog.slice(changelog.indexOf(`## [${pkg.version}]`), changelog.indexOf('\n## [', changelog.indexOf(`## [${pkg.version}]`) + 1));
    expect(note.split('\n').filter((line) => line.startsWith('- ')).length).toBeGreaterThan(0);
  });

  it('lists each version once, newest first, with dates that never go back', () => {
    expect(new Set(entries.map((e) => e.version)).size).toBe(entries.length);
    for (let i = 1; i < entries.length; i += 1) {
      expect(compare(entries[i - 1]!.version, entries[i]!.version)).toBeGreaterThan(0);
      expect(entries[i - 1]!.date >= entries[i]!.date).toBe(true);
    }
    expect(entries.at(-1)?.version).toBe('0.1.0');
  });

  it('agrees with the lock file, so that npm ci builds the version written here', () => {
    expect(lock.version).toBe(pkg.version);
    expect(lock.packages['']?.version).toBe(pkg.version);
  });
});
