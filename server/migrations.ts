import type Database from 'better-sqlite3';
import { BATCHES_V2_COUNTS_BEFORE_TRIES, BATCH_TABLES, createBatchTable, createWeekIndex, columnsOf, withheldColumnsOf } from './batch-tables';
import { SchemaError } from './schema-error';

/** Batches of format 1, one column per count, and the territories that sent them. */
export const SCHEMA_VERSION_INITIAL = 1;
/** Batches of format 2 (questionnaire 2) in a table of their own. */
export const SCHEMA_VERSION_ADD_FORMAT_2 = 2;
/** The DSI of the 16-74 year-olds of a batch of format 2 may be withheld (NULL). */
export const SCHEMA_VERSION_WITHHOLD_16_TO_74 = 3;
/** batches_v2 holds the tries' scores of format 3; the batches of format 2 there count them "non passé". */
export const SCHEMA_VERSION_TRIES = 4;

/** The columns batches_v2 gains at version 4, and the value each takes for a batch stored before (format 2). */
export function triesColumnsAdded(): { readonly columns: readonly string[]; readonly before: readonly string[] } {
  const columns = BATCH_TABLES[2].counts.filter((column) => !BATCHES_V2_COUNTS_BEFORE_TRIES.includes(column));
  // Nobody of a format-2 batch was offered a try: each score is "non passé" for all of them, no one in the gap.
  return { columns, before: columns.map((column) => (column.endsWith('_not_taken') ? 'total' : '0')) };
}

/** One step of the collector's SQLite schema. `migrate` runs inside the transaction of the whole upgrade. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  migrate(db: Database.Database): void;
}

/**
 * Every step of the schema, in order (PRAGMA user_version holds the last one run). A step is never changed once shipped:
 * add the next one. The SQL is generated from today's count groups; server/testing/schema-history.ts keeps what each
 * version created, and migrations.test.ts checks that it still does.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: SCHEMA_VERSION_INITIAL,
    name: 'batches with one column per count',
    migrate(db) {
      db.exec(`${createBatchTable(1)}${createWeekIndex(1)}
      -- The territories that sent batches, for the observatory's picker without scanning the batches.
      CREATE TABLE territories (level TEXT NOT NULL, code TEXT NOT NULL, PRIMARY KEY (level, code)) WITHOUT ROWID, STRICT;`);
    },
  },
  {
    version: SCHEMA_VERSION_ADD_FORMAT_2,
    name: 'batches of format 2 (questionnaire 2) in a table of their own, one column per count',
    migrate(db) {
      db.exec(`${createBatchTable(2, { counts: BATCHES_V2_COUNTS_BEFORE_TRIES })}${createWeekIndex(2)}`);
    },
  },
  {
    // SQLite cannot drop a NOT NULL: the table is rebuilt, its rows copied as they are (none has a NULL yet).
    version: SCHEMA_VERSION_WITHHOLD_16_TO_74,
    name: 'the DSI of the 16-74 year-olds of a batch of format 2 may be withheld (NULL)',
    migrate(db) {
      const columns = columnsOf(2, BATCHES_V2_COUNTS_BEFORE_TRIES).join(', ');
      db.exec(`${createBatchTable(2, { table: 'batches_v2_next', nullable: withheldColumnsOf(2), counts: BATCHES_V2_COUNTS_BEFORE_TRIES })}
      INSERT INTO batches_v2_next (${columns}) SELECT ${columns} FROM batches_v2;
      DROP TABLE batches_v2;
      ALTER TABLE batches_v2_next RENAME TO batches_v2;${createWeekIndex(2)}`);
    },
  },
  {
    version: SCHEMA_VERSION_TRIES,
    name: 'the scores of the hands-on tries (format 3) in batches_v2, "non passé" for the batches of format 2',
    migrate(db) {
      const kept = columnsOf(2, BATCHES_V2_COUNTS_BEFORE_TRIES).join(', ');
      const added = triesColumnsAdded();
      db.exec(`${createBatchTable(2, { table: 'batches_v2_next', nullable: withheldColumnsOf(2) })}
      INSERT INTO batches_v2_next (${kept}, ${added.columns.join(', ')}) SELECT ${kept}, ${added.before.join(', ')} FROM batches_v2;
      DROP TABLE batches_v2;
      ALTER TABLE batches_v2_next RENAME TO batches_v2;${createWeekIndex(2)}`);
    },
  },
];

/** The schema version this collector migrates a database to. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

const versionOf = (db: Database.Database) => db.pragma('user_version', { simple: true }) as number;

/**
 * Refuses, before anything is written, a database this collector cannot take: one made by a newer collector (its
 * steps unknown here), or a SQLite file with tables but no schema version (not a collector's database). Returns the
 * schema version of the file.
 */
export function checkSchemaVersion(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  let version: number;
  let tables: number;
  try {
    version = versionOf(db);
    tables = db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").pluck().get() as number;
  } catch (error) {
    throw new SchemaError(`${db.name} cannot be read as a SQLite database (${error instanceof Error ? error.message : error}): check REPERE_DB.`);
  }
  const latest = migrations.at(-1)!.version;
  if (version > latest) {
    throw new SchemaError(
      `${db.name} is at schema version ${version}: it was written by a newer Repère collector, and this one knows versions up to ${latest}. Upgrade the collector (or, to roll back, restore the backup taken before the upgrade). The file was left as it is.`,
    );
  }
  if (version === 0 && tables > 0) {
    throw new SchemaError(`${db.name} holds tables but no collector schema version: it is not a Repère collector's database. Check REPERE_DB. The file was left as it is.`);
  }
  return version;
}

/**
 * Brings the database to the last version: every step above its version, in order, then the new version, all in one
 * transaction. A step that fails leaves the file exactly as it was (at its old version, every batch kept), so the
 * collector it came from can still open it. Returns the versions before and after.
 */
export function migrateSchema(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  const from = checkSchemaVersion(db, migrations);
  const pending = migrations.filter((step) => step.version > from);
  if (pending.length === 0) return { from, to: from };
  const to = pending.at(-1)!.version;
  let running = pending[0]!;
  try {
    db.transaction(() => {
      for (const step of pending) {
        running = step;
        step.migrate(db);
      }
      db.pragma(`user_version = ${to}`);
    }).immediate();
  } catch (error) {
    throw new SchemaError(
      `${db.name}: the migration to schema version ${running.version} (${running.name}) failed: ${error instanceof Error ? error.message : error}. Nothing was changed: the database is still at version ${from}.`,
    );
  }
  return { from, to };
}
