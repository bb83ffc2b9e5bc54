import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEPLOY = join(ROOT, 'deploy');
const SYSTEMD_ANALYZE = '/usr/bin/systemd-analyze';
const UNITS = readdirSync(DEPLOY).filter((name) => /\.(service|timer)$/.test(name));
const unit = (name: string) => readFileSync(join(DEPLOY, name), 'utf8');
/** The values of a directive in a unit, every occurrence. */
const directive = (text: string, key: string) => [...text.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((match) => match[1]!);

/** The variables loadConfig reads, as it reads them: an environment that records every name asked of it. */
function variablesReadByLoadConfig(): string[] {
  const read = new Set<string>();
  loadConfig(
    new Proxy({} as Record<string, string | undefined>, {
      get(_target, name) {
        if (typeof name === 'string') read.add(name);
        return undefined;
      },
    }),
  );
  return [...read];
}

/** The assignments of an EnvironmentFile: `active` as written, `commented` those after a `#` (the defaults shown). */
function environmentFile(text: string) {
  const parse = (pattern: RegExp) => Object.fromEntries([...text.matchAll(pattern)].map((match) => [match[1]!, match[2]!]));
  return { active: parse(/^([A-Z_]+)=(.*)$/gm), commented: parse(/^#([A-Z_]+)=(.*)$/gm) };
}

describe('deploy/ systemd units', () => {
  it('are the collector, its backup and the backup’s timer', () => {
    expect([...UNITS].sort()).toEqual(['repere-collector-backup.service', 'repere-collector-backup.timer', 'repere-collector.service']);
  });

  it('start node on scripts of this repository, from the folder the units name', () => {
    for (const name of UNITS.filter((file) => file.endsWith('.service'))) {
      const [workingDirectory] = directive(unit(name), 'WorkingDirectory');
      const [execStart] = directive(unit(name), 'ExecStart');
      expect(workingDirectory).toBe('/opt/repere');
      // The script path, relative to WorkingDirectory, is this repository's.
      const scripts = [...execStart!.matchAll(/--import tsx (server\/[\w-]+\.ts)/g)].map((match) => match[1]!);
      expect(scripts, `${name}: ExecStart=${execStart}`).toHaveLength(1);
      expect(existsSync(join(ROOT, scripts[0]!)), scripts[0]).toBe(true);
      // V8's JIT writes code then makes it executable: MemoryDenyWriteExecute=yes would abort node at start.
      expect(directive(unit(name), 'MemoryDenyWriteExecute')).toEqual([]);
      expect(directive(unit(name), 'EnvironmentFile')).toEqual(['/etc/repere/collector.env']);
    }
  });

  it('find tsx installed by npm ci --omit=dev (a dependency, not a devDependency)', () => {
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).dependencies).toHaveProperty('tsx');
  });

  it.skipIf(!existsSync(SYSTEMD_ANALYZE))(`pass systemd-analyze verify (skipped when ${SYSTEMD_ANALYZE} is missing)`, async () => {
    const folder = mkdtempSync(join(tmpdir(), 'repere-units-'));
    try {
      // verify checks that ExecStart's program exists and is executable: in the copies, /usr/bin/node is the node
      // running this test, wherever it is installed (nvm…). Nothing else is changed.
      for (const name of UNITS) writeFileSync(join(folder, name), unit(name).replaceAll('/usr/bin/node', process.execPath));
      const { stdout, stderr } = await promisify(execFile)(SYSTEMD_ANALYZE, ['verify', '--man=no', ...UNITS.map((name) => join(folder, name))], {
        cwd: folder,
      }).catch((error: { code: number; stdout: string; stderr: string }) => {
        throw new Error(`systemd-analyze verify failed (${error.code}):\n${error.stderr}${error.stdout}`);
      });
      // verify exits 0 on an unknown directive or a value it ignores, and says so: any line about these units fails.
      const aboutOurs = `${stdout}${stderr}`.split('\n').filter((line) => UNITS.some((name) => line.includes(name.replace(/\.\w+$/, ''))));
      expect(aboutOurs).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it.skipIf(!existsSync(SYSTEMD_ANALYZE))('a misspelt directive is reported by systemd-analyze verify (so the check above can fail)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'repere-units-'));
    try {
      const broken = join(folder, 'repere-collector.service');
      copyFileSync(join(DEPLOY, 'repere-collector.service'), broken);
      writeFileSync(broken, readFileSync(broken, 'utf8').replaceAll('/usr/bin/node', process.execPath).replace('ProtectSystem=strict', 'ProtectSytem=strict'));
      const { stderr } = await promisify(execFile)(SYSTEMD_ANALYZE, ['verify', '--man=no', broken]);
      expect(stderr).toMatch(/repere-collector\.service:\d+: Unknown key( name)? 'ProtectSytem'/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('the timer starts the backup service', () => {
    const timer = unit('repere-collector-backup.timer');
    // Without Unit=, a timer starts the service of its own name.
    expect(directive(timer, 'Unit')).toEqual([]);
    expect(existsSync(join(DEPLOY, 'repere-collector-backup.service'))).toBe(true);
    expect(directive(timer, 'OnCalendar')).toHaveLength(1);
    expect(directive(unit('repere-collector-backup.service'), 'ExecStart')[0]).toContain('server/backup.ts');
  });
});

describe('deploy/collector.env.example', () => {
  const example = environmentFile(readFileSync(join(DEPLOY, 'collector.env.example'), 'utf8'));

  it('names every variable loadConfig reads, and no other', () => {
    const read = variablesReadByLoadConfig();
    expect(read.length).toBeGreaterThan(5);
    const named = [...Object.keys(example.active), ...Object.keys(example.commented)];
    expect(new Set(named).size).toBe(named.length);
    expect(named.sort()).toEqual(read.sort());
  });

  it('is a configuration loadConfig takes as it is, and with every default shown uncommented too', () => {
    expect(() => loadConfig(example.active)).not.toThrow();
    // REPERE_CONFIG names a file that is only an example.
    const { REPERE_CONFIG: _file, ...defaults } = example.commented;
    const config = loadConfig({ ...example.active, ...defaults });
    expect(config.database).toBe(example.active.REPERE_DB);
  });
});
