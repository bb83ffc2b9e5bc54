import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import type { AggregateBatch } from '../src/domain/aggregate';
import { seededRandom } from '../src/domain/testing/respondent';
import { StoreUnavailableError, rowOf, type BatchStore, type IncomingBatch } from './batch-store';
import { BATCHES_V2_COUNTS_BEFORE_TRIES, BATCH_TABLES, columnsOf, withheldColumnsOf } from './batch-tables';
import { canonicalJson } from './canonical-json';
import { BATCH_FORMATS } from './count-groups';
import { SCHEMA_VERSION, triesColumnsAdded } from './migrations';
import { openBatchStore } from './open-batch-store';
import { openPostgresStore } from './open-postgres-store';
import { LOCK_NAMESPACE, POSTGRES_MIGRATIONS } from './postgres-schema';
import { SchemaError } from './schema-error';
import { freePort } from '../scripts/postgres.mjs';
import { makeBatch, makeBatchV2 } from './testing/make-batch';
import { spawnCollector } from './testing/spawn-collector';
import { SQLITE, describeOnPostgres, newPostgresDatabase, providedPostgres, queryPostgres, type TestDatabase } from './testing/store-engines';

const random = seededRandom(15);
const WEEKS = ['2026-W44', '2026-W45', '2026-W46', '2026-W47'];
const TERRITORIES = [
  { level: 'commune', code: '21231' },
  { level: 'commune', code: '21054' },
  { level: 'departement', code: '21' },
  { level: 'commune', code: '25056' },
  { level: 'commune', code: '2A004' },
] as const;

const incoming = (batch: AggregateBatch): IncomingBatch => ({
  batch,
  contentHash: createHash('sha256').update(canonicalJson(batch)).digest(),
  tokenLabel: 'test',
  receivedOn: '2026-11-30',
});

/** Batches of both formats over a few weeks and territories, a third of those of format 2 withholding their 16-74 table. */
const someBatches = (count: number) =>
  Array.from({ length: count }, (_, index) => {
    const week = WEEKS[index % WEEKS.length]!;
    const options = { random, territory: TERRITORIES[index % TERRITORIES.length]!, weeks: { from: week, to: week }, size: 5 + (index % 9) };
    return index % 2 === 0 ? makeBatch(options) : makeBatchV2(options);
  });

const databases: TestDatabase[] = [];
const stores: BatchStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await Promise.all(databases.splice(0).map((database) => database.drop()));
});
async function newDatabase() {
  const database = await newPostgresDatabase(providedPostgres().url!);
  databases.push(database);
  return database;
}
async function open(url: string, options: Parameters<typeof openPostgresStore>[1] = {}) {
  const store = await openPostgresStore(url, options);
  stores.push(store);
  return store;
}

it('has a PostgreSQL schema step for every SQLite one: the two end at the same version', () => {
  expect(POSTGRES_MIGRATIONS.at(-1)!.version).toBe(SCHEMA_VERSION);
});

describeOnPostgres('the PostgreSQL store', () => {
  it('creates the tables of SQLite from the same count groups: the same columns, NULL only where a batch may withhold a group', async () => {
    const { database, query } = await newDatabase();
    const migrated: [number, number][] = [];
    await open(database, { onMigrated: (from, to) => migrated.push([from, to]) });
    expect(migrated).toEqual([[0, SCHEMA_VERSION]]);
    for (const format of BATCH_FORMATS) {
      const { table } = BATCH_TABLES[format];
      const columns = await query<{ column_name: string; is_nullable: string }>(
        `SELECT column_name, is_nullable FROM information_schema.columns WHERE table_name = '${table}' ORDER BY ordinal_position`,
      );
      // In another order than SQLite's: PostgreSQL adds the columns of a later version at the end (every statement
      // names its columns).
      expect(columns.map((column) => column.column_name).sort()).toEqual([...columnsOf(format)].sort());
      const nullable = withheldColumnsOf(format).flat();
      expect(columns.filter((column) => column.is_nullable === 'YES').map((column) => column.column_name).sort()).toEqual([...nullable].sort());
    }
    expect(await query('SELECT version FROM repere_schema_version')).toEqual([{ version: SCHEMA_VERSION }]);
    // Opened again: nothing to migrate.
    migrated.length = 0;
    await open(database, { onMigrated: (from, to) => migrated.push([from, to]) });
    expect(migrated).toEqual([]);
  });

  it('gives the same sums, latest weeks and territories as SQLite for the same batches, withheld groups included', async () => {
    const { database } = await newDatabase();
    const postgres = await open(database);
    const sqliteDatabase = await SQLITE.newDatabase();
    const sqlite = openBatchStore(sqliteDatabase.database);
    try {
      const batches = someBatches(120);
      expect(batches.some((batch) => batch.format === 2 && batch.counts.dsiOverall16to74 === null)).toBe(true);
      const items = batches.map(incoming);
      // A group with a copy of its own batch and another content under a stored id: the outcomes too are the same.
      const extra = [items[3]!, { ...items[4]!, contentHash: Buffer.alloc(32) }, items[5]!];
      expect(await postgres.saveAll([...items, ...extra])).toEqual(await sqlite.saveAll([...items, ...extra]));
      for (const scope of [{ level: 'all' }, { level: 'departement', code: '21' }, { level: 'commune', code: '21231' }, { level: 'departement', code: '2A' }] as const) {
        expect(await postgres.sumsByWeek(scope, WEEKS[0]!, WEEKS.at(-1)!)).toEqual(await sqlite.sumsByWeek(scope, WEEKS[0]!, WEEKS.at(-1)!));
        expect(await postgres.latestWeek(scope)).toEqual(await sqlite.latestWeek(scope));
      }
      expect(await postgres.latestWeek({ level: 'commune', code: '39300' })).toBeNull();
      expect(await postgres.sumsByTerritory(WEEKS[1]!, WEEKS[2]!)).toEqual(await sqlite.sumsByTerritory(WEEKS[1]!, WEEKS[2]!));
      expect(await postgres.territories()).toEqual(await sqlite.territories());
    } finally {
      await sqlite.close();
      await sqliteDatabase.drop();
    }
  });

  it('keys a batch on its id across formats and across stores: another store on the database sees it, and its revision moves', async () => {
    const { database } = await newDatabase();
    const [one, other] = [await open(database), await open(database)];
    const batch = makeBatch({ random });
    const revision = await other.revision();
    expect(await one.saveAll([incoming(batch)])).toEqual(['created']);
    expect(await other.revision()).not.toBe(revision);
    const sameIdOtherFormat = { ...makeBatchV2({ random }), id: batch.id };
    expect(await other.saveAll([incoming(batch), incoming(sameIdOtherFormat)])).toEqual(['duplicate', 'conflict']);
    // The same new batch saved by both stores at once: one of them stores it.
    const fresh = makeBatchV2({ random });
    const outcomes = (await Promise.all([one.saveAll([incoming(fresh)]), other.saveAll([incoming(fresh)])])).flat();
    expect(outcomes.sort()).toEqual(['created', 'duplicate']);
  });

  it('keeps a group of the 16-74 year-olds NULL all together: PostgreSQL refuses half of it', async () => {
    const { database, query } = await newDatabase();
    const store = await open(database);
    await store.saveAll([incoming(makeBatchV2({ random, k: 1 }))]);
    await expect(query('UPDATE batches_v2 SET dsi_overall16to74_basic = NULL')).rejects.toThrow(/check constraint/);
  });

  it('refuses a database from a newer collector, saying so, and leaves it as it is', async () => {
    const { database, query } = await newDatabase();
    const store = await open(database);
    await store.saveAll(someBatches(3).map(incoming));
    await query(`UPDATE repere_schema_version SET version = ${SCHEMA_VERSION + 1}`);
    const refused = openPostgresStore(database);
    await expect(refused).rejects.toThrow(SchemaError);
    await expect(openPostgresStore(database)).rejects.toThrow(
      new RegExp(`is at schema version ${SCHEMA_VERSION + 1}: it was written by a newer Repère collector, and this one knows versions up to ${SCHEMA_VERSION}\\..*The database was left as it is\\.`),
    );
    expect(await query('SELECT version FROM repere_schema_version')).toEqual([{ version: SCHEMA_VERSION + 1 }]);
    expect(await query('SELECT COUNT(*)::integer AS count FROM (SELECT id FROM batches UNION ALL SELECT id FROM batches_v2) AS ids')).toEqual([{ count: 3 }]);
  });

  it('refuses a database with tables but no collector schema version, and one whose migration fails midway leaves it as it was', async () => {
    const { database, query } = await newDatabase();
    await query("CREATE TABLE notes (id integer PRIMARY KEY, text text); INSERT INTO notes VALUES (1, 'keep me')");
    await expect(openPostgresStore(database)).rejects.toThrow(/holds tables but no collector schema version: it is not a Repère collector's database/);
    expect(await query('SELECT text FROM notes')).toEqual([{ text: 'keep me' }]);

    const empty = await newDatabase();
    const failing = [{ ...POSTGRES_MIGRATIONS[0]!, sql: `${POSTGRES_MIGRATIONS[0]!.sql}\nCREATE TABLE half_done (id text); SELECT 1 / 0;` }];
    await expect(openPostgresStore(empty.database, { migrations: failing })).rejects.toThrow(
      new RegExp(`the migration to schema version ${POSTGRES_MIGRATIONS[0]!.version} \\(.*\\) failed: division by zero\\. Nothing was changed: the database is still at version 0\\.`),
    );
    expect(await empty.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).toEqual([]);
  });

  it('brings a database of version 3 to the tries: its batches of format 2 count every score "non passé", none in the gap', async () => {
    const { database, query } = await newDatabase();
    // The database as the collector of version 3 left it, with one batch of format 2 in it.
    await queryPostgres(database, `${POSTGRES_MIGRATIONS[0]!.sql}; CREATE TABLE repere_schema_version (version integer NOT NULL); INSERT INTO repere_schema_version VALUES (3)`);
    const batch = makeBatchV2({ random, weeks: { from: WEEKS[0]!, to: WEEKS[0]! }, size: 9 });
    const before = columnsOf(2, BATCHES_V2_COUNTS_BEFORE_TRIES);
    const today = columnsOf(2);
    const row = rowOf(incoming(batch));
    const values = before.map((column) => row[today.indexOf(column)]);
    await queryPostgres(database, `INSERT INTO batches_v2 (${before.join(', ')}) VALUES (${before.map((_, index) => `$${index + 1}`).join(', ')})`, values);

    const migrated: [number, number][] = [];
    const store = await open(database, { onMigrated: (from, to) => migrated.push([from, to]) });
    expect(migrated).toEqual([[3, SCHEMA_VERSION]]);
    const [stored] = await query<Record<string, number>>('SELECT * FROM batches_v2');
    const { columns } = triesColumnsAdded();
    for (const column of columns) expect([column, stored![column]]).toEqual([column, column.endsWith('_not_taken') ? 9 : 0]);
    // The store answers for it as a duplicate, and its sums are those of a batch of format 2 stored today.
    expect(await store.saveAll([incoming(batch)])).toEqual(['duplicate']);
    const sums = await store.sumsByWeek({ level: 'all' }, WEEKS[0]!, WEEKS[0]!);
    const sqliteDatabase = await SQLITE.newDatabase();
    const sqlite = openBatchStore(sqliteDatabase.database);
    try {
      await sqlite.saveAll([incoming(batch)]);
      expect(sums).toEqual(await sqlite.sumsByWeek({ level: 'all' }, WEEKS[0]!, WEEKS[0]!));
    } finally {
      await sqlite.close();
      await sqliteDatabase.drop();
    }
  });

  it('migrates once when collectors start together on a new database', async () => {
    const { database } = await newDatabase();
    const migrated: [number, number][] = [];
    const opened = await Promise.all(Array.from({ length: 3 }, () => openPostgresStore(database, { onMigrated: (from, to) => migrated.push([from, to]) })));
    stores.push(...opened);
    expect(migrated).toEqual([[0, SCHEMA_VERSION]]);
  });

  it('answers a connection cut in the middle of a group with a StoreUnavailableError (503), and goes on with a new one', async () => {
    const { database } = await newDatabase();
    const store = await open(database);
    const batch = makeBatch({ random });
    // Another session holds the lock of the batch's id: the store's transaction waits on it, its connection checked out.
    const holder = new pg.Client({ connectionString: database });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_NAMESPACE.batchId, batch.id]);
      // its outcome taken at once: it may fail while the test is still ending the other session (an unhandled
      // rejection in between made vitest fail the run once, in CI)
      const saving = store.saveAll([incoming(batch)]).then(
        () => null,
        (error: unknown) => error,
      );
      const waiting = "SELECT pid FROM pg_stat_activity WHERE application_name = 'repere-collector' AND wait_event_type = 'Lock'";
      for (let tries = 0; (await queryPostgres(database, waiting)).length === 0; tries += 1) {
        if (tries > 100) throw new Error('the store never waited on the lock');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // Its server process ends (as in a restart): the connection breaks while the pool has it lent out.
      await queryPostgres(database, `SELECT pg_terminate_backend(pid) FROM (${waiting}) AS waiting`);
      expect(await saving).toBeInstanceOf(StoreUnavailableError);
      await holder.query('ROLLBACK');
    } finally {
      await holder.end();
    }
    expect(await store.saveAll([incoming(batch)])).toEqual(['created']);
  });

  it('says the server cannot be reached, quickly, when nothing listens at the address', async () => {
    const port = await freePort();
    const started = Date.now();
    const failed = openPostgresStore(`postgres://repere:s3cret-pass@127.0.0.1:${port}/repere`);
    await expect(failed).rejects.toThrow(StoreUnavailableError);
    await expect(failed).rejects.toThrow(/PostgreSQL cannot be reached .*ECONNREFUSED/);
    await expect(failed).rejects.not.toThrow(/s3cret-pass/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('the collector process exits non-zero at start-up when PostgreSQL cannot be reached, in one line without the password', async () => {
    const port = await freePort();
    const started = spawnCollector({ REPERE_DB: `postgres://repere:s3cret-pass@127.0.0.1:${port}/repere`, REPERE_TOKENS: 'token-unreachable-1234' });
    const failure = await started.then(
      () => null,
      (error: unknown) => String(error),
    );
    expect(failure).toMatch(/collector exited \(1\) before listening: Repère collector: cannot reach the database postgres:\/\/repere:\*\*\*@127\.0\.0\.1:\d+\/repere \(REPERE_DB\): is PostgreSQL running and reachable from here\? PostgreSQL cannot be reached .*ECONNREFUSED/);
    expect(failure).not.toContain('s3cret-pass');
  });

  it('the collector process refuses a database from a newer collector, in one line, exit code 1', async () => {
    const { database } = await newDatabase();
    await (await open(database)).close();
    await queryPostgres(database, `UPDATE repere_schema_version SET version = ${SCHEMA_VERSION + 1}`);
    const failure = await spawnCollector({ REPERE_DB: database, REPERE_TOKENS: 'token-newer-1234' }).then(
      () => null,
      (error: unknown) => String(error),
    );
    expect(failure).toMatch(new RegExp(`collector exited \\(1\\) before listening: Repère collector: database refused\\. .* is at schema version ${SCHEMA_VERSION + 1}: it was written by a newer Repère collector`));
  });
}, { timeout: 30_000 });
