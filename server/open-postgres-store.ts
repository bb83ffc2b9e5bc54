import pg from 'pg';
import { departementOf } from '../src/domain/aggregate';
import {
  rowOf,
  territoriesOf,
  type BatchStore,
  type IncomingBatch,
  type SaveOutcome,
  type TerritoryScope,
  type TerritoryWeekSums,
  type WeekSums,
} from './batch-store';
import { BATCH_TABLES, columnsOf } from './batch-tables';
import { BATCH_FORMATS, storedFormatOf, type BatchFormat } from './count-groups';
import { describePostgresUrl, unavailableOr } from './postgres-errors';
import { postgresRateCounter } from './postgres-rate-counter';
import { LOCK_NAMESPACE, POSTGRES_MIGRATIONS, migratePostgresSchema, type PostgresMigration } from './postgres-schema';
import { sumsColumns, territoryWeekSumsOf, weekSumsOf } from './sums-query';

/** bigint (COUNT, SUM) as a JavaScript number: sums of counts stay far below 2^53. A date as its text, YYYY-MM-DD. */
export const POSTGRES_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === pg.types.builtins.INT8) return Number;
    if (oid === pg.types.builtins.DATE) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/** The columns that are not text, besides the counts (integers), as postgres-schema.ts creates them. */
const NOT_TEXT: Readonly<Record<string, string>> = { id: 'uuid', content_sha256: 'bytea', format: 'integer', total: 'integer', received_on: 'date' };
/** The PostgreSQL type of each column of a format's table, in the order of columnsOf, for the arrays of an INSERT. */
const columnTypesOf = (format: BatchFormat) =>
  columnsOf(format).map((column) => (BATCH_TABLES[format].counts.includes(column) ? 'integer' : (NOT_TEXT[column] ?? 'text')));

/**
 * An INSERT of any number of rows of a format's table in one statement of fixed text (prepared once per connection):
 * one array per column, zipped by unnest; a row whose id is there already is left as it is (the copy checks it).
 * `rows` are in the order of columnsOf.
 */
export function insertRowsIfNew(format: BatchFormat, rows: readonly (readonly unknown[])[]): pg.QueryConfig {
  const columns = columnsOf(format);
  return {
    name: `insert-${format}-if-new`,
    text: `INSERT INTO ${BATCH_TABLES[format].table} (${columns.join(', ')})
           SELECT * FROM unnest(${columnTypesOf(format).map((type, index) => `$${index + 1}::${type}[]`).join(', ')}) ON CONFLICT (id) DO NOTHING`,
    values: columns.map((_, index) => rows.map((row) => row[index])),
  };
}

/** The territories of some batches, added once each, in one order (two collectors adding the same ones never deadlock). */
export function insertTerritories(territories: readonly { level: string; code: string }[]): pg.QueryConfig {
  return {
    name: 'insert-territories',
    text: 'INSERT INTO territories (level, code) SELECT DISTINCT * FROM unnest($1::text[], $2::text[]) ORDER BY 1, 2 ON CONFLICT DO NOTHING',
    values: [territories.map((territory) => territory.level), territories.map((territory) => territory.code)],
  };
}

/**
 * A group's new batches of both formats and their territories in one statement (one round trip, fixed text): each
 * table's rows as one array per column (an empty array when a format has none), the territories added once each, in
 * one order (two collectors adding the same ones never deadlock).
 */
function insertGroup(rows: Readonly<Record<BatchFormat, readonly (readonly unknown[])[]>>): pg.QueryConfig {
  let parameter = 0;
  const inserts = BATCH_FORMATS.map((format) => {
    const columns = columnsOf(format);
    const arrays = columnTypesOf(format).map((type) => `$${(parameter += 1)}::${type}[]`);
    return `format${format} AS (INSERT INTO ${BATCH_TABLES[format].table} (${columns.join(', ')}) SELECT * FROM unnest(${arrays.join(', ')})
      RETURNING territory_level, territory_code)`;
  });
  return {
    name: 'insert-group',
    text: `WITH ${inserts.join(',\n')}
      INSERT INTO territories (level, code)
      SELECT DISTINCT * FROM (${BATCH_FORMATS.map((format) => `SELECT * FROM format${format}`).join(' UNION ALL ')}) AS sent ORDER BY 1, 2
      ON CONFLICT DO NOTHING`,
    values: BATCH_FORMATS.flatMap((format) => columnsOf(format).map((_, index) => rows[format].map((row) => row[index]))),
  };
}

/** A batch id as the schema takes it (batch-schema.ts): nothing else is ever written into SQL text. */
const BATCH_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Opens a transaction, locks every id of a group (an advisory lock each, in one order: a collector saving one of them
 * waits until this one commits, then finds its row and answers 200 or 409, never a second 201), then reads what is
 * stored under them in either table. One round trip: three statements in one simple query, the ids written into it
 * (checked to be batch ids first); the read, a statement of its own, sees what was committed before the locks were had.
 * The caller commits or rolls back.
 */
export async function lockAndFind(client: pg.ClientBase, ids: readonly string[]): Promise<{ id: string; format: number; content_sha256: Buffer }[]> {
  const bad = ids.find((id) => !BATCH_ID.test(id));
  if (bad !== undefined) throw new Error(`lockAndFind: ${JSON.stringify(bad)} is not a batch id`);
  const list = ids.map((id) => `'${id}'`).join(', ');
  const results = (await client.query(`BEGIN;
    SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE.batchId}, key)
      FROM (SELECT DISTINCT hashtext(id) AS key FROM unnest(ARRAY[${list}]::text[]) AS id ORDER BY key) AS keys;
    SELECT id::text, format, content_sha256 FROM ${BATCH_TABLES[1].table} WHERE id = ANY(ARRAY[${list}]::uuid[])
    UNION ALL SELECT id::text, format, content_sha256 FROM ${BATCH_TABLES[2].table} WHERE id = ANY(ARRAY[${list}]::uuid[])`)) as unknown as pg.QueryResult[];
  return results.at(-1)!.rows as { id: string; format: number; content_sha256: Buffer }[];
}

const SCOPE_WHERE = {
  all: 'TRUE',
  departement: 'departement = $3',
  commune: 'departement = $3 AND territory_code = $4',
} as const;
const scopeValues = (scope: TerritoryScope) =>
  scope.level === 'all' ? [] : scope.level === 'departement' ? [departementOf(scope.code)] : [departementOf(scope.code), scope.code];

export interface PostgresStoreOptions {
  readonly onMigrated?: (from: number, to: number) => void;
  readonly migrations?: readonly PostgresMigration[];
  /** Connections of the store's pool (the rate counter has its own few). */
  readonly connections?: number;
}

/** A pool that reconnects as needed, and never lets a connection cut while idle (a restarting server) crash the process. */
function poolOf(url: string, config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: 'repere-collector',
    types: POSTGRES_TYPES,
    ...config,
  });
  // The pool drops a connection that breaks while idle; the next query opens a new one (or fails, answered 503).
  pool.on('error', () => {});
  // A connection that breaks while checked out emits 'error' too, and the pool listens only to idle ones: unheard, it
  // would end the process (it did, with PostgreSQL killed under load). Its query fails as well, and is answered 503.
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

/**
 * Opens the collector's PostgreSQL database (REPERE_DB=postgres://…): the same tables as the SQLite file, created or
 * migrated at start-up (a newer schema, or a database that is not a collector's, is refused with a SchemaError), and the
 * same 201 / 200 / 409 rules. Several collectors may share it: a batch id is locked (advisory lock) while a transaction
 * decides what to do with it, so the same batch sent to two collectors at once is stored once, and the rate limit's
 * counts live in the database too (`rateCounter`). A commit is durable (synchronous_commit as the server has it, on by
 * default) before saveAll resolves. Rejects with a StoreUnavailableError when the server cannot be reached.
 */
export async function openPostgresStore(url: string, { onMigrated, migrations = POSTGRES_MIGRATIONS, connections = 8 }: PostgresStoreOptions = {}): Promise<BatchStore> {
  const where = describePostgresUrl(url);
  // Every statement planned with its values: a plan cached while the tables were small (a sequential scan) stays in
  // use as they grow. The id lookup of a group, a prepared statement then, took 2 ms instead of 0.07 at 30 000 batches.
  const pool = poolOf(url, { max: connections, options: '-c plan_cache_mode=force_custom_plan' });
  try {
    const client = await pool.connect().catch((error: unknown) => {
      throw unavailableOr(error, 'connecting');
    });
    try {
      const { from, to } = await migratePostgresSchema(client, where, migrations);
      if (from !== to) onMigrated?.(from, to);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    throw unavailableOr(error, `opening ${where}`);
  }
  // Losing a count of requests in a crash is harmless: the rate counter's commits do not wait for the disk.
  const ratePool = poolOf(url, { max: 2, options: '-c synchronous_commit=off' });

  /** Runs `work` on one connection; an error that means the server is out of reach becomes a StoreUnavailableError. */
  async function withClient<T>(what: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw unavailableOr(error, what);
    }
    try {
      const result = await work(client);
      client.release();
      return result;
    } catch (error) {
      // A connection in doubt (cut mid-transaction) is closed, not given back to the pool.
      client.release(error instanceof Error ? error : true);
      throw unavailableOr(error, what);
    }
  }

  const query = <Row extends pg.QueryResultRow = pg.QueryResultRow>(what: string, config: pg.QueryConfig) =>
    pool.query<Row>(config).catch((error: unknown) => {
      throw unavailableOr(error, what);
    });
  const queryRows = (what: string, config: pg.QueryConfig) =>
    pool.query({ ...config, rowMode: 'array' }).then(
      (result) => result.rows as unknown[][],
      (error: unknown) => {
        throw unavailableOr(error, what);
      },
    );

  async function saveAll(items: readonly IncomingBatch[]): Promise<SaveOutcome[]> {
    if (items.length === 0) return [];
    const ids = [...new Set(items.map((item) => item.batch.id))];
    const outcomes = await withClient('saving batches', async (client) => {
      try {
        const stored = await lockAndFind(client, ids);
        const known = new Map(stored.map((row) => [row.id, { format: row.format, hash: row.content_sha256 }]));
        const rows: Record<BatchFormat, unknown[][]> = { 1: [], 2: [] };
        // In order: a later copy of a batch in the same group finds the first one.
        const decided = items.map((item): SaveOutcome => {
          const there = known.get(item.batch.id);
          // The id is the idempotency key across formats (the format is part of the content hashed).
          if (there) return there.format === item.batch.format && there.hash.equals(item.contentHash) ? 'duplicate' : 'conflict';
          known.set(item.batch.id, { format: item.batch.format, hash: item.contentHash });
          rows[storedFormatOf(item.batch.format)].push(rowOf(item));
          return 'created';
        });
        const created = decided.includes('created');
        if (created) await client.query(insertGroup(rows));
        // After the commit, in the same round trip: a statistic read before it, at the old revision, is computed again.
        await client.query(created ? "COMMIT; SELECT nextval('batch_revision')" : 'COMMIT');
        return decided;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    });
    return outcomes;
  }

  const sumsText = (format: BatchFormat, where: string) =>
    `SELECT week_to, ${sumsColumns(format)} FROM ${BATCH_TABLES[format].table}
     WHERE ${where} AND week_to BETWEEN $1 AND $2 GROUP BY week_to ORDER BY week_to`;
  const territorySumsText = (format: BatchFormat) =>
    `SELECT territory_level, territory_code, week_to, ${sumsColumns(format)} FROM ${BATCH_TABLES[format].table}
     WHERE week_to BETWEEN $1 AND $2
     GROUP BY territory_level, territory_code, week_to ORDER BY territory_level, territory_code, week_to`;

  let closed = false;
  return {
    engine: 'postgres',
    saveAll,
    rateCounter: postgresRateCounter(ratePool),
    async revision() {
      const { rows } = await query<{ revision: number }>('reading the revision', {
        name: 'revision',
        text: 'SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS revision FROM batch_revision',
      });
      return rows[0]!.revision;
    },
    async sumsByWeek(scope, from, to) {
      const sumsOf = async (format: BatchFormat): Promise<WeekSums[]> => {
        const rows = await queryRows('reading the statistics', {
          name: `sums-${format}-${scope.level}`,
          text: sumsText(format, SCOPE_WHERE[scope.level]),
          values: [from, to, ...scopeValues(scope)],
        });
        return rows.map(([week, ...values]) => weekSumsOf(format, week as string, values as number[]));
      };
      const [v1, v2] = await Promise.all([sumsOf(1), sumsOf(2)]);
      return { 1: v1, 2: v2 };
    },
    async sumsByTerritory(from, to) {
      const sumsOf = async (format: BatchFormat): Promise<TerritoryWeekSums[]> =>
        (await queryRows('reading the statistics', { name: `territory-sums-${format}`, text: territorySumsText(format), values: [from, to] })).map((row) =>
          territoryWeekSumsOf(format, row),
        );
      const [v1, v2] = await Promise.all([sumsOf(1), sumsOf(2)]);
      return { 1: v1, 2: v2 };
    },
    async latestWeek(scope) {
      // Read backwards along each table's index, stopping at the first row of the scope.
      const latest = (format: BatchFormat) =>
        `(SELECT week_to FROM ${BATCH_TABLES[format].table} WHERE ${SCOPE_WHERE[scope.level].replaceAll('$3', '$1').replaceAll('$4', '$2')}
          ORDER BY week_to DESC LIMIT 1)`;
      const { rows } = await query<{ week: string | null }>('reading the latest week', {
        name: `latest-${scope.level}`,
        text: `SELECT MAX(week_to) AS week FROM (${BATCH_FORMATS.map(latest).join(' UNION ALL ')}) AS latest`,
        values: scopeValues(scope),
      });
      return rows[0]?.week ?? null;
    },
    async territories() {
      const { rows } = await query<{ level: string; code: string }>('reading the territories', { name: 'territories', text: 'SELECT level, code FROM territories' });
      return territoriesOf(rows);
    },
    async check() {
      await query('checking the database', { text: 'SELECT 1' });
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([pool.end(), ratePool.end()]);
    },
  };
}
