import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { isoWeek, type AggregateBatch } from '../src/domain/aggregate';
import { seededRandom } from '../src/domain/testing/respondent';
import { addWeeks } from './iso-weeks';
import { backupCommand } from './backup-command';
import { SCHEMA_VERSION } from './migrations';
import { openBatchStore } from './open-batch-store';
import { makeBatch, makeBatchV2 } from './testing/make-batch';
import { spawnCollector, type ChildCollector } from './testing/spawn-collector';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TOKEN = 'backup-test-token-2b9d4f71';
const random = seededRandom(1717);
// The child collectors run on the real clock: batches of last week.
const lastWeek = addWeeks(isoWeek(new Date()), -1);
const aBatch = () => (random() < 0.5 ? makeBatch : makeBatchV2)({ random, weeks: { from: lastWeek, to: lastWeek } });

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}
/** Runs a command to its end, as an administrator would, with the environment given (and none of the collector's). */
function run(command: string, args: readonly string[], { cwd = ROOT, env = {}, uid }: { cwd?: string; env?: Record<string, string>; uid?: number } = {}) {
  const { REPERE_DB: _db, REPERE_CONFIG: _config, INIT_CWD: _initCwd, ...inherited } = process.env;
  const child = spawn(command, args, { cwd, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'], ...(uid === undefined ? {} : { uid, gid: uid }) });
  let [stdout, stderr] = ['', ''];
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<Finished>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
/** server/backup.ts as the backup unit runs it (npm run collector:backup is tsx on it, and npm's own lines). */
const backupScript = (args: readonly string[], options?: Parameters<typeof run>[2]) => run(process.execPath, ['--import', 'tsx', 'server/backup.ts', ...args], options);

const post = (url: string, batch: AggregateBatch) =>
  fetch(`${url}/api/v1/batches`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(batch),
  });
const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
};
const bytesOf = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
/** Every file under a folder, with its content's hash: "nothing created, nothing changed" in one value. */
const snapshot = (folder: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(folder, { recursive: true, encoding: 'utf8' }).map((name) => {
      const path = join(folder, name);
      return [name, lstatSync(path).isFile() ? bytesOf(path) : lstatSync(path).isDirectory() ? 'folder' : 'link'];
    }),
  );

let folders: string[] = [];
afterEach(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  folders = [];
});
const newFolder = () => {
  const folder = mkdtempSync(join(tmpdir(), 'repere-backup-'));
  folders.push(folder);
  return folder;
};

describe('the backup (server/backup.ts) while the collector takes batches', { timeout: 60_000 }, () => {
  let collector: ChildCollector | null = null;
  afterEach(async () => {
    collector?.child.kill('SIGTERM');
    await collector?.exited;
    collector = null;
  });

  it('copies every batch acknowledged before it started; the collector restored from it answers 200 to each of them', async () => {
    const folder = newFolder();
    const live = join(folder, 'collector.db');
    collector = await spawnCollector({ REPERE_DB: live, REPERE_TOKENS: TOKEN, REPERE_RATE_LIMIT: '1000000' });
    const { url } = collector;

    // Two devices posting without a pause until told to stop; every answer is kept.
    const acked: AggregateBatch[] = [];
    const statuses: number[] = [];
    let [posting, sent] = [true, 0];
    const writers = Promise.all(
      Array.from({ length: 2 }, async () => {
        while (posting) {
          const batch = aBatch();
          sent += 1;
          const { status } = await post(url, batch);
          statuses.push(status);
          if (status === 201) acked.push(batch);
        }
      }),
    );
    await until(() => acked.length >= 100);
    const ackedBefore = acked.slice();
    // The script as the backup timer runs it (deploy/repere-collector-backup.service), the database from REPERE_DB.
    const target = join(folder, 'backup.db');
    const backup = await backupScript([target], { env: { REPERE_DB: live } });
    const [ackedAtEnd, sentAtEnd] = [acked.length, sent];
    await until(() => acked.length >= ackedAtEnd + 30);
    posting = false;
    await writers;
    collector.child.kill('SIGTERM');
    expect(await collector.exited).toBe(0);
    collector = null;

    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    // Mid-stream: the collector acknowledged batches while the backup ran, and refused none.
    expect(ackedAtEnd).toBeGreaterThan(ackedBefore.length);
    expect(new Set(statuses)).toEqual(new Set([201]));
    const said = new RegExp(
      `^Repère backup: ${target} written from ${live}: (\\d+) batches \\((\\d+) of format 1, (\\d+) of format 2\\), schema version ${SCHEMA_VERSION}\\.\\n$`,
    ).exec(backup.stdout);
    expect(said, backup.stdout).not.toBeNull();

    // One self-contained file that passes SQLite's integrity check, holding what the command said.
    expect(readdirSync(folder).sort()).toEqual(['backup.db', 'collector.db']);
    const copy = new Database(target, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    const counts = ['batches', 'batches_v2'].map((table) => copy.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number);
    copy.close();
    expect([counts[0]! + counts[1]!, ...counts]).toEqual(said!.slice(1).map(Number));
    expect(counts[0]! + counts[1]!).toBeGreaterThanOrEqual(ackedBefore.length);
    expect(counts[0]! + counts[1]!).toBeLessThanOrEqual(sentAtEnd);

    // Restore as docs/DEPLOY.md says: the collector stopped, the database and its -wal and -shm moved away, the backup
    // copied in its place.
    const replaced = join(folder, 'replaced');
    mkdirSync(replaced);
    for (const name of readdirSync(folder).filter((file) => file.startsWith('collector.db'))) renameSync(join(folder, name), join(replaced, name));
    copyFileSync(target, live);
    collector = await spawnCollector({ REPERE_DB: live, REPERE_TOKENS: TOKEN, REPERE_RATE_LIMIT: '1000000' });
    const restored = collector.url;
    const again = async (batches: readonly AggregateBatch[]) => {
      const answers: number[] = [];
      for (let at = 0; at < batches.length; at += 20) {
        answers.push(...(await Promise.all(batches.slice(at, at + 20).map(async (batch) => (await post(restored, batch)).status))));
      }
      return answers;
    };
    expect(await again(ackedBefore)).toEqual(ackedBefore.map(() => 200));
    // The batches acknowledged once the backup was done are not in it: this is the backup, not the old file.
    const after = acked.slice(ackedAtEnd);
    expect(after.length).toBeGreaterThan(0);
    expect(await again(after)).toEqual(after.map(() => 201));
  });
});

describe('backupCommand', () => {
  it('reads a relative target from the folder npm was started in (INIT_CWD), and REPERE_DB from the working folder, as the collector', async () => {
    const [caller, working] = [newFolder(), newFolder()];
    const store = openBatchStore(join(working, 'collector.db'));
    await store.saveAll([{ batch: aBatch(), contentHash: Buffer.alloc(32), tokenLabel: 'test', receivedOn: '2026-12-01' }]);
    await store.close();
    const outcome = await backupCommand(['backup.db'], { env: { INIT_CWD: caller, REPERE_DB: './collector.db' }, cwd: working });
    expect(outcome).toEqual({
      exitCode: 0,
      line: expect.stringMatching(
        new RegExp(`^Repère backup: ${join(caller, 'backup.db')} written from ${join(working, 'collector.db')}: 1 batches \\([01] of format 1, [01] of format 2\\), schema version ${SCHEMA_VERSION}\\.$`),
      ),
    });
    expect(readdirSync(caller)).toEqual(['backup.db']);
  });

  it('replaces an older backup of the same name whole', async () => {
    const folder = newFolder();
    const live = join(folder, 'collector.db');
    const target = join(folder, 'collector-1.db');
    const store = openBatchStore(live);
    const save = (count: number) =>
      store.saveAll(Array.from({ length: count }, () => ({ batch: aBatch(), contentHash: Buffer.alloc(32), tokenLabel: 'test', receivedOn: '2026-12-01' })));
    try {
      await save(2);
      expect((await backupCommand(['--db', live, target], { env: {}, cwd: ROOT })).line).toContain(': 2 batches (');
      await save(3);
      expect((await backupCommand(['--db', live, target], { env: {}, cwd: ROOT })).line).toContain(': 5 batches (');
    } finally {
      await store.close();
    }
    const copy = new Database(target, { readonly: true });
    expect(copy.prepare('SELECT (SELECT COUNT(*) FROM batches) + (SELECT COUNT(*) FROM batches_v2)').pluck().get()).toBe(5);
    copy.close();
    expect(readdirSync(folder).sort()).toEqual(['collector-1.db', 'collector.db']);
  });
});

describe('collector:backup refuses, in one line, with nothing created and the live database untouched', () => {
  /** A stopped collector's database with batches in it, in `<folder>/live/collector.db`. */
  async function liveDatabase() {
    const folder = newFolder();
    const live = join(folder, 'live', 'collector.db');
    const store = openBatchStore(live);
    await store.saveAll(
      Array.from({ length: 5 }, (_, index) => ({ batch: aBatch(), contentHash: Buffer.alloc(32, index), tokenLabel: 'test', receivedOn: '2026-12-01' })),
    );
    await store.close();
    return { folder, live };
  }

  /**
   * The command refuses: exit code 1, its one line, and not a byte changed or added under the folder. In-process
   * (backupCommand is all of server/backup.ts but the printing, which the two process tests below check).
   */
  async function expectRefused(folder: string, args: readonly string[], line: string, env: NodeJS.ProcessEnv = {}) {
    const before = snapshot(folder);
    expect(await backupCommand(args, { env, cwd: ROOT })).toEqual({ exitCode: 1, line: `Repère backup: ${line}` });
    expect(snapshot(folder)).toEqual(before);
  }

  it('no target given', async () => {
    const { folder, live } = await liveDatabase();
    await expectRefused(folder, ['--db', live], 'no backup file given (usage: npm run collector:backup -- <backup-file> [--db <collector.db>]).');
  });

  it('a target folder that does not exist', async () => {
    const { folder, live } = await liveDatabase();
    const target = join(folder, 'backups', 'collector.db');
    await expectRefused(folder, ['--db', live, target], `the folder ${join(folder, 'backups')} does not exist: create it, or choose another target.`);
  });

  it('a target that is a folder', async () => {
    const { folder, live } = await liveDatabase();
    const target = join(folder, 'backups');
    mkdirSync(target);
    await expectRefused(folder, [target], `${target} is a folder: give the backup a file name, like ${target}/collector-backup.db.`, { REPERE_DB: live });
  });

  it('a database that does not exist (it is not created, nor its folder)', async () => {
    const folder = newFolder();
    const missing = join(folder, 'data', 'collector.db');
    const message = `the database ${missing} does not exist: nothing to back up (check REPERE_DB, REPERE_CONFIG or --db).`;
    await expectRefused(folder, [join(folder, 'backup.db')], message, { REPERE_DB: missing });
    await expectRefused(folder, ['--db', missing, join(folder, 'backup.db')], message);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('a file that is not a collector’s database (the temporary copy removed)', async () => {
    const folder = newFolder();
    const notes = join(folder, 'notes.txt');
    writeFileSync(notes, 'not a database\n'.repeat(200));
    await expectRefused(folder, ['--db', notes, join(folder, 'backup.db')], `${notes} cannot be read as a SQLite database (file is not a database).`);
    const other = join(folder, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE notes (text TEXT)');
    db.close();
    await expectRefused(folder, ['--db', other, join(folder, 'backup.db')], `${other} has no collector schema version: it is not a Repère collector's database.`);
  });

  it('the live database itself, however its name is written', async () => {
    const { folder, live } = await liveDatabase();
    symlinkSync(join(folder, 'live'), join(folder, 'alias'));
    for (const target of [live, `${folder}/live/../live/collector.db`, join(folder, 'alias', 'collector.db'), `${live}-wal`]) {
      await expectRefused(folder, [target], `${resolve(target)} is the live database (or one of its -wal, -shm, -journal files): write the backup to another file.`, {
        REPERE_DB: live,
      });
    }
  });

  describe('as a process', { timeout: 30_000 }, () => {
    it('npm run collector:backup says so on stderr, nothing on stdout, exit code 1', async () => {
      const { folder, live } = await liveDatabase();
      const before = snapshot(folder);
      expect(await run('npm', ['run', '--silent', 'collector:backup'], { env: { REPERE_DB: live } })).toEqual({
        code: 1,
        stdout: '',
        stderr: 'Repère backup: no backup file given (usage: npm run collector:backup -- <backup-file> [--db <collector.db>]).\n',
      });
      expect(snapshot(folder)).toEqual(before);
    });

    it('a target folder that this user may not write to', async () => {
      const { folder, live } = await liveDatabase();
      const readOnly = join(folder, 'read-only');
      mkdirSync(readOnly);
      chmodSync(readOnly, 0o555);
      // root writes anywhere: as root, the script runs as nobody (65534), who may read the live database but not write there.
      const asRoot = process.getuid?.() === 0;
      if (asRoot) for (const path of [folder, join(folder, 'live')]) chmodSync(path, 0o755);
      const before = snapshot(folder);
      expect(await backupScript(['--db', live, join(readOnly, 'collector.db')], asRoot ? { uid: 65_534 } : {})).toEqual({
        code: 1,
        stdout: '',
        stderr: `Repère backup: cannot write in the folder ${readOnly} (EACCES): choose a folder this user may write to.\n`,
      });
      expect(snapshot(folder)).toEqual(before);
    });
  });
});
