import type { ClientBase } from 'pg';
import { BATCHES_V2_COUNTS_BEFORE_TRIES, BATCH_TABLES, checkBatchColumns, withheldColumnsOf, type ColumnInfo } from './batch-tables';
import { BATCH_FORMATS, type BatchFormat } from './count-groups';
import { SCHEMA_VERSION, SCHEMA_VERSION_TRIES, SCHEMA_VERSION_WITHHOLD_16_TO_74, triesColumnsAdded } from './migrations';
import { SchemaError } from './schema-error';

/** One step of the collector's PostgreSQL schema: SQL run inside the transaction of the whole upgrade. */
export interface PostgresMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Advisory lock keys of the collector (the first half of a two-part key): none of them meets another program's by chance. */
export const LOCK_NAMESPACE = { schema: 0x52_45_50_00, batchId: 0x52_45_50_01 } as const;

/**
 * A format's table as SQLite has it (batch-tables.ts), in PostgreSQL's types: the id a uuid, the hash bytea, the day a
 * date; a group the device may withhold NULL all together or not at all.
 */
export function createPostgresBatchTable(format: BatchFormat, counts: readonly string[] = BATCH_TABLES[format].counts): string {
  const { table } = BATCH_TABLES[format];
  const nullable = withheldColumnsOf(format);
  return `
    CREATE TABLE ${table} (
      id uuid PRIMARY KEY,
      content_sha256 bytea NOT NULL,
      format integer NOT NULL,
      territory_level text NOT NULL,
      territory_code text NOT NULL,
      departement text NOT NULL,
      week_from text NOT NULL,
      week_to text NOT NULL,
      questionnaire_version text NOT NULL,
      app_version text NOT NULL,
      total integer NOT NULL,
      ${counts.map((column) => `${column} integer${nullable.some((group) => group.includes(column)) ? '' : ' NOT NULL'}`).join(',\n      ')},
      token_label text NOT NULL,
      received_on date NOT NULL${nullable
        .map((group) => `,\n      CHECK (${group.slice(1).map((column) => `(${group[0]} IS NULL) = (${column} IS NULL)`).join(' AND ')})`)
        .join('')}
    );
    CREATE INDEX ${table}_by_week ON ${table} (week_to, departement);`;
}

/**
 * Every step of the PostgreSQL schema, in order; `repere_schema_version` holds the last one run. Its versions are
 * SQLite's (migrations.ts): a PostgreSQL database starts at the version SQLite had when PostgreSQL came, and each later
 * SQLite step gets its PostgreSQL step of the same number (postgres-store.test.ts checks that the two lists end together).
 */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: SCHEMA_VERSION_WITHHOLD_16_TO_74,
    name: 'batches of both formats, one column per count, the territories, the revision and the shared rate limits',
    sql: `${createPostgresBatchTable(1)}
    ${createPostgresBatchTable(2, BATCHES_V2_COUNTS_BEFORE_TRIES)}
    CREATE TABLE territories (level text NOT NULL, code text NOT NULL, PRIMARY KEY (level, code));
    -- Bumped after each commit that stored a batch, by whichever collector: the statistics computed before are stale.
    CREATE SEQUENCE batch_revision;
    -- Requests per token or address in the current window, shared by the collectors. Unlogged: lost in a crash, as
    -- one collector's memory would be, and never a disk sync.
    CREATE UNLOGGED TABLE rate_limits (key text PRIMARY KEY, window_start timestamptz NOT NULL, count integer NOT NULL);`,
  },
  {
    version: SCHEMA_VERSION_TRIES,
    name: 'the scores of the hands-on tries (format 3) in batches_v2, "non passé" for the batches of format 2',
    // Added with a default (no rewrite in PostgreSQL 11+), set for the rows there, then without a default as if created so.
    sql: (() => {
      const { columns, before } = triesColumnsAdded();
      return `ALTER TABLE batches_v2 ${columns.map((column) => `ADD COLUMN ${column} integer NOT NULL DEFAULT 0`).join(', ')};
    UPDATE batches_v2 SET ${columns.flatMap((column, index) => (before[index] === '0' ? [] : [`${column} = ${before[index]}`])).join(', ')};
    ALTER TABLE batches_v2 ${columns.map((column) => `ALTER COLUMN ${column} DROP DEFAULT`).join(', ')};`;
    })(),
  },
];

if (POSTGRES_MIGRATIONS.at(-1)!.version !== SCHEMA_VERSION) {
  throw new Error('postgres-schema: every SQLite schema step (migrations.ts) needs its PostgreSQL step of the same version');
}

const VERSION_TABLE = 'repere_schema_version';

async function versionOf(client: ClientBase): Promise<{ version: number; tables: number }> {
  const { rows } = await client.query<{ versioned: boolean; tables: number }>(
    `SELECT to_regclass('${VERSION_TABLE}') IS NOT NULL AS versioned,
            (SELECT COUNT(*)::integer FROM pg_tables WHERE schemaname = current_schema()) AS tables`,
  );
  const { versioned, tables } = rows[0]!;
  if (!versioned) return { version: 0, tables };
  const version = await client.query<{ version: number }>(`SELECT version FROM ${VERSION_TABLE}`);
  return { version: version.rows[0]?.version ?? 0, tables };
}

/**
 * Brings the database to the last version, as migrateSchema does a SQLite file: refused before anything is written
 * when a newer collector made it, or when it holds tables but no collector schema version; else every step above its
 * version and the new version in one transaction (a failed step leaves it as it was). An advisory lock makes collectors
 * starting together on a new database take turns. Then checks that the tables hold the columns of today's formats.
 * `where` names the database in messages (its URL without the password).
 */
export async function migratePostgresSchema(
  client: ClientBase,
  where: string,
  migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS,
): Promise<{ from: number; to: number }> {
  const latest = migrations.at(-1)!.version;
  await client.query('BEGIN');
  let from = 0;
  let running: PostgresMigration | null = null;
  try {
    await client.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK_NAMESPACE.schema]);
    const found = await versionOf(client);
    from = found.version;
    if (from > latest) {
      throw new SchemaError(
        `${where} is at schema version ${from}: it was written by a newer Repère collector, and this one knows versions up to ${latest}. Upgrade the collector (or, to roll back, restore the database from before the upgrade). The database was left as it is.`,
      );
    }
    if (from === 0 && found.tables > 0) {
      throw new SchemaError(
        `${where} holds tables but no collector schema version: it is not a Repère collector's database. Give the collector a database of its own (createdb repere) and check REPERE_DB. The database was left as it is.`,
      );
    }
    const pending = migrations.filter((step) => step.version > from);
    for (const step of pending) {
      running = step;
      await client.query(step.sql);
    }
    running = null;
    if (pending.length > 0) {
      if (from === 0) await client.query(`CREATE TABLE ${VERSION_TABLE} (version integer NOT NULL)`);
      await client.query(`DELETE FROM ${VERSION_TABLE}`);
      await client.query(`INSERT INTO ${VERSION_TABLE} (version) VALUES ($1)`, [latest]);
    }
    const columns = await client.query<{ table_name: string; column_name: string; is_nullable: string }>(
      `SELECT table_name, column_name, is_nullable FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = ANY($1) ORDER BY ordinal_position`,
      [BATCH_FORMATS.map((format) => BATCH_TABLES[format].table)],
    );
    checkBatchColumns((table) =>
      columns.rows.filter((row) => row.table_name === table).map((row): ColumnInfo => ({ name: row.column_name, notnull: row.is_nullable === 'NO' })),
    );
    await client.query('COMMIT');
    return { from, to: pending.length > 0 ? latest : from };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    if (running) {
      throw new SchemaError(
        `${where}: the migration to schema version ${running.version} (${running.name}) failed: ${error instanceof Error ? error.message : error}. Nothing was changed: the database is still at version ${from}.`,
      );
    }
    throw error;
  }
}
