import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { BATCH_TABLES, checkBatchTables, columnsOf } from './batch-tables';
import { BATCH_FORMATS, type BatchFormat } from './count-groups';
import { SCHEMA_VERSION, checkSchemaVersion } from './migrations';
import { insertRowsIfNew, insertTerritories, lockAndFind } from './open-postgres-store';
import { describePostgresUrl, isUnavailable } from './postgres-errors';
import { migratePostgresSchema } from './postgres-schema';

/** A copy that cannot be made or did not check out, in words an administrator can act on. */
export class CopyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyError';
  }
}

export interface CopyProgress {
  readonly format: BatchFormat;
  /** Batches of this format gone through (copied, or found there already with the same content). */
  readonly done: number;
  readonly total: number;
}

export interface CopyReport {
  /** Batches of the SQLite file, per format: each one is now in PostgreSQL with the same content hash. */
  readonly batches: Readonly<Record<BatchFormat, number>>;
  /** Of them, those written by this run (the others were there already: a run before, or a device that sent it again). */
  readonly copied: number;
  readonly territories: number;
  /** Batches in PostgreSQL once done, per format (more than the file's when collectors already write there). */
  readonly inPostgres: Readonly<Record<BatchFormat, number>>;
}

export interface CopyOptions {
  /** The SQLite file of a collector (stopped, or a backup of it). */
  readonly source: string;
  /** The PostgreSQL database's URL; created tables and all, if empty. */
  readonly target: string;
  /** Batches per transaction. */
  readonly chunkSize?: number;
  /** Told after each transaction. */
  readonly onProgress?: (progress: CopyProgress) => void;
}

/** The SQLite file, read only, refused unless it is a collector's database of this collector's schema version. */
function openSource(source: string): Database.Database {
  if (!existsSync(source)) throw new CopyError(`${source} does not exist: nothing to copy.`);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    const version = checkSchemaVersion(db);
    if (version < SCHEMA_VERSION) {
      throw new CopyError(
        `${source} is at schema version ${version}, and PostgreSQL gets version ${SCHEMA_VERSION}: start this collector on the file once (it upgrades it, after a backup), stop it, then copy.`,
      );
    }
    checkBatchTables(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Copies every batch of a collector's SQLite file into a PostgreSQL database (docs/SCALING.md, "When to move"), each
 * with its content hash, so that a batch a device sends again after the move is still a 200. In transactions of
 * `chunkSize` batches, each taking the same advisory locks as a collector saving them: a batch already in PostgreSQL
 * (a run interrupted and started again, or a device that sent it there meanwhile) is kept as it is, and checked to have
 * the same content, never written twice. At the end, every batch of the file must have been found or written with its
 * hash, and the file must hold no more than it did: a mismatch is a CopyError that says which.
 */
export async function copyToPostgres({ source, target, chunkSize = 1000, onProgress }: CopyOptions): Promise<CopyReport> {
  const where = describePostgresUrl(target);
  const sqlite = openSource(source);
  const client = new pg.Client({ connectionString: target, application_name: 'repere-copy-to-postgres' });
  // A connection that breaks emits 'error' besides failing the query in flight: the failed query says it.
  client.on('error', () => {});
  try {
    try {
      await client.connect();
    } catch (error) {
      throw new CopyError(`cannot reach PostgreSQL at ${where}: ${error instanceof Error ? error.message : error}. Nothing was copied.`);
    }
    await migratePostgresSchema(client, where);

    const batches: Record<BatchFormat, number> = { 1: 0, 2: 0 };
    let copied = 0;
    const different: string[] = [];
    for (const format of BATCH_FORMATS) {
      const { table } = BATCH_TABLES[format];
      const columns = columnsOf(format);
      const total = sqlite.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
      const page = sqlite.prepare(`SELECT ${columns.join(', ')} FROM ${table} WHERE id > ? ORDER BY id LIMIT ?`).raw();
      let after = '';
      for (;;) {
        const rows = page.all(after, chunkSize) as unknown[][];
        if (rows.length === 0) break;
        after = rows.at(-1)![0] as string;
        const ids = rows.map((row) => row[0] as string);
        try {
          // The locks a collector takes: a batch a device sends to PostgreSQL meanwhile is stored once.
          const stored = await lockAndFind(client, ids);
          const there = new Map(stored.map((row) => [row.id, row]));
          const missing = rows.filter((row) => !there.has(row[0] as string));
          for (const row of rows) {
            const found = there.get(row[0] as string);
            if (found && (found.format !== format || !found.content_sha256.equals(row[1] as Buffer))) different.push(row[0] as string);
          }
          if (missing.length > 0) await client.query(insertRowsIfNew(format, missing));
          await client.query('COMMIT');
          copied += missing.length;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        }
        batches[format] += rows.length;
        onProgress?.({ format, done: batches[format], total });
      }
    }
    const territories = sqlite.prepare('SELECT level, code FROM territories').all() as { level: string; code: string }[];
    if (territories.length > 0) await client.query(insertTerritories(territories));
    // The collectors already on PostgreSQL compute their statistics again.
    await client.query("SELECT nextval('batch_revision')");

    // The count check: every batch the file holds now was gone through, and none differs.
    const inFile = Object.fromEntries(
      BATCH_FORMATS.map((format) => [format, sqlite.prepare(`SELECT COUNT(*) FROM ${BATCH_TABLES[format].table}`).pluck().get() as number]),
    ) as Record<BatchFormat, number>;
    const inPostgres = Object.fromEntries(
      await Promise.all(
        BATCH_FORMATS.map(async (format) => {
          const { rows } = await client.query<{ count: number }>(`SELECT COUNT(*)::integer AS count FROM ${BATCH_TABLES[format].table}`);
          return [format, rows[0]!.count] as const;
        }),
      ),
    ) as Record<BatchFormat, number>;
    if (different.length > 0) {
      throw new CopyError(
        `${different.length} batch(es) of ${source} are in PostgreSQL under the same id with another content (${different.slice(0, 5).join(', ')}${different.length > 5 ? '…' : ''}): they were left as they are there. Look at them before going on.`,
      );
    }
    for (const format of BATCH_FORMATS) {
      if (inFile[format] !== batches[format] || inPostgres[format] < batches[format]) {
        throw new CopyError(
          `count check failed for format ${format}: ${inFile[format]} batches in ${source}, ${batches[format]} gone through, ${inPostgres[format]} in PostgreSQL. Was the SQLite collector still running? Stop it and run the copy again (it skips what is there).`,
        );
      }
    }
    return { batches, copied, territories: territories.length, inPostgres };
  } catch (error) {
    if (error instanceof CopyError) throw error;
    if (isUnavailable(error)) {
      throw new CopyError(`PostgreSQL at ${where} went away during the copy (${error instanceof Error ? error.message : error}): run it again once it is back, it goes on where it was.`);
    }
    throw error;
  } finally {
    sqlite.close();
    await client.end().catch(() => {});
  }
}
