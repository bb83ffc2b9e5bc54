import { closeSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { BATCH_TABLES } from './batch-tables';
import { BATCH_FORMATS, type BatchFormat } from './count-groups';

/** A backup that cannot be taken, in words an administrator can act on; nothing was written under the target's name. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface BackupResult {
  /** The backup file (absolute). */
  readonly target: string;
  /** The live database it was copied from (absolute). */
  readonly source: string;
  /** The batches in the backup, per format. */
  readonly batches: Readonly<Record<BatchFormat, number>>;
  readonly schemaVersion: number;
}

/** The whole database in one step of SQLite's backup, from one read snapshot (see below). */
const ALL_PAGES = 0x7fffffff;
const SQLITE_COMPANIONS = ['-wal', '-shm', '-journal'];

const statOrNull = (path: string): Stats | null => {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
};

/** The target names the live database (or one of its companions), however it is spelt: through a link, `..`, another path. */
function isLiveDatabase(source: string, target: string, targetStats: Stats | null): boolean {
  const sourceStats = statSync(source);
  if (targetStats && targetStats.dev === sourceStats.dev && targetStats.ino === sourceStats.ino) return true;
  const real = realpathSync(source);
  const targetReal = join(realpathSync(dirname(target)), basename(target));
  return [real, ...SQLITE_COMPANIONS.map((suffix) => `${real}${suffix}`)].includes(targetReal);
}

function removeTemporary(path: string) {
  for (const suffix of ['', ...SQLITE_COMPANIONS]) rmSync(`${path}${suffix}`, { force: true });
}

function fsync(path: string, flags: string) {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Copies the collector's SQLite database while it runs (SQLite's online backup): the copy is the database as it was at
 * one instant, every batch acknowledged before then in it. It is written to a temporary file beside the target, checked
 * (`PRAGMA integrity_check`), synced, then renamed: a backup cut short never has the target's name, and an older backup
 * under that name is replaced whole or not at all. The copy is one self-contained file (rollback journal, no -wal).
 * Refuses, with a BackupError and before anything is written, a target that is a folder, in a missing or read-only
 * folder, or that is the live database; and a source that does not exist (it is never created).
 */
export async function backupDatabase({ source, target }: { source: string; target: string }): Promise<BackupResult> {
  source = resolve(source);
  target = resolve(target);
  const folder = dirname(target);
  const targetStats = statOrNull(target);
  if (targetStats?.isDirectory()) {
    throw new BackupError(`${target} is a folder: give the backup a file name, like ${join(target, 'collector-backup.db')}.`);
  }
  const folderStats = statOrNull(folder);
  if (!folderStats) throw new BackupError(`the folder ${folder} does not exist: create it, or choose another target.`);
  if (!folderStats.isDirectory()) throw new BackupError(`${folder} is not a folder: choose another target.`);
  const sourceStats = statOrNull(source);
  if (!sourceStats) {
    throw new BackupError(`the database ${source} does not exist: nothing to back up (check REPERE_DB, REPERE_CONFIG or --db).`);
  }
  if (!sourceStats.isFile()) throw new BackupError(`the database ${source} is not a file: check REPERE_DB, REPERE_CONFIG or --db.`);
  if (isLiveDatabase(source, target, targetStats)) {
    throw new BackupError(`${target} is the live database (or one of its -wal, -shm, -journal files): write the backup to another file.`);
  }

  // Created empty first (an empty file is an empty SQLite database): this is the test that the folder takes files,
  // as this user and on this file system (access() would say yes to root on a read-only mount).
  const temporary = `${target}.${process.pid}.partial`;
  try {
    closeSync(openSync(temporary, 'wx', 0o600));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BackupError(`cannot write in the folder ${folder} (${code}): choose a folder this user may write to.`);
  }
  try {
    // Read-write but nothing written: as the last connection to a stopped collector's database, it removes the -wal
    // and -shm files that reading had to create, instead of leaving them to this user.
    const live = new Database(source, { fileMustExist: true });
    try {
      live.pragma('busy_timeout = 5000');
      let version: number;
      try {
        version = live.pragma('user_version', { simple: true }) as number;
      } catch (error) {
        throw new BackupError(`${source} cannot be read as a SQLite database (${error instanceof Error ? error.message : error}).`);
      }
      if (version === 0) throw new BackupError(`${source} has no collector schema version: it is not a Repère collector's database.`);
      // One step: a copy made in several steps starts again whenever the collector writes between two of them, which
      // under steady posting may be forever. In one step it reads one snapshot, and WAL lets the collector write meanwhile.
      await live.backup(temporary, { progress: () => ALL_PAGES });
    } finally {
      live.close();
    }

    const copy = new Database(temporary, { fileMustExist: true });
    let result: BackupResult;
    try {
      copy.pragma('journal_mode = DELETE');
      const integrity = copy.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') throw new BackupError(`the copy of ${source} fails its integrity check (${integrity}); nothing was written to ${target}.`);
      const tables = new Set(copy.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
      const count = (format: BatchFormat) => {
        const { table } = BATCH_TABLES[format];
        return tables.has(table) ? (copy.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number) : 0;
      };
      const batches = Object.fromEntries(BATCH_FORMATS.map((format) => [format, count(format)])) as Record<BatchFormat, number>;
      result = { target, source, batches, schemaVersion: copy.pragma('user_version', { simple: true }) as number };
    } finally {
      copy.close();
    }
    fsync(temporary, 'r+');
    renameSync(temporary, target);
    // The rename itself is on disk only once the folder is.
    fsync(folder, 'r');
    return result;
  } catch (error) {
    removeTemporary(temporary);
    throw error;
  }
}
