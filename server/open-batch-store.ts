import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { departementOf } from '../src/domain/aggregate';
import { rowOf, territoriesOf, type BatchStore, type IncomingBatch, type SaveOutcome, type SumsByTerritory, type TerritoryScope, type TerritoryWeekSums, type WeekSums } from './batch-store';
import { BATCH_TABLES, checkBatchTables, columnsOf } from './batch-tables';
import { BATCH_FORMATS, storedFormatOf, type BatchFormat } from './count-groups';
import { MIGRATIONS, checkSchemaVersion, migrateSchema, type Migration } from './migrations';
import { sumsColumns, territoryWeekSumsOf, weekSumsOf } from './sums-query';

// One index, (week_to, departement), serves every scope: each index entry costs ~10 µs on every insert, and a
// statistics query reads a few weeks. A commune is filtered through its département inside the index first.
const SCOPE_WHERE = {
  all: '1 = 1',
  departement: 'departement = @departement',
  commune: 'departement = @departement AND territory_code = @code',
} as const;

type ByScope = Record<TerritoryScope['level'], Database.Statement>;
const byScope = (prepare: (where: string) => Database.Statement): ByScope =>
  Object.fromEntries(Object.entries(SCOPE_WHERE).map(([level, where]) => [level, prepare(where)])) as ByScope;

interface FormatStatements {
  readonly insert: Database.Statement;
  readonly hashOf: Database.Statement;
  readonly sums: ByScope;
  readonly count: Database.Statement;
  readonly latest: ByScope;
}

/**
 * Opens (creating it and its folder if needed) the SQLite file of the collector. WAL journal with synchronous=FULL:
 * a transaction is on disk, WAL synced, before saveAll returns, so a batch acknowledged survives a killed process and a
 * power cut. Statements are prepared once here. A database of an older collector is migrated in place, its batches kept
 * (`onMigrated` is told); one this collector cannot take (newer, not a collector's) is refused with a SchemaError
 * before anything is written to it. `migrations` is the list of steps to run (tests add a failing one).
 */
export function openBatchStore(
  file: string,
  { onMigrated, migrations = MIGRATIONS }: { onMigrated?: (from: number, to: number) => void; migrations?: readonly Migration[] } = {},
): BatchStore {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    // Before the journal mode, which may write the file's header.
    checkSchemaVersion(db, migrations);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    const { from, to } = migrateSchema(db, migrations);
    if (from !== to) onMigrated?.(from, to);
    checkBatchTables(db);
  } catch (error) {
    db.close();
    throw error;
  }

  const tables = Object.fromEntries(
    BATCH_FORMATS.map((format) => {
      const { table } = BATCH_TABLES[format];
      const columns = columnsOf(format);
      const sums = sumsColumns(format);
      const statements = {
        insert: db.prepare(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT (id) DO NOTHING`,
        ),
        hashOf: db.prepare(`SELECT content_sha256 FROM ${table} WHERE id = ?`).pluck(),
        sums: byScope(
          (where) =>
            db
              .prepare(`SELECT week_to, ${sums} FROM ${table} WHERE ${where} AND week_to BETWEEN @from AND @to GROUP BY week_to ORDER BY week_to`)
              .raw(),
        ),
        count: db.prepare(`SELECT COUNT(*) FROM ${table} WHERE week_to BETWEEN @from AND @to`).pluck(),
        // Read backwards along the index, stopping at the first row of the scope (MAX() would read it all).
        latest: byScope((where) => db.prepare(`SELECT week_to FROM ${table} WHERE ${where} ORDER BY week_to DESC LIMIT 1`).pluck()),
      };
      return [format, statements];
    }),
  ) as unknown as Record<BatchFormat, FormatStatements>;
  const readSumsByTerritory = territorySumsReader(db);
  const addTerritory = db.prepare('INSERT INTO territories (level, code) VALUES (?, ?) ON CONFLICT DO NOTHING');
  let revision = 0;
  const saveAll = db.transaction((items: readonly IncomingBatch[]) =>
    items.map(({ batch, contentHash, tokenLabel, receivedOn }): SaveOutcome => {
      // The id is the idempotency key across formats: taken in another format's table, it holds another batch (the
      // format is part of the content hashed).
      const stored = storedFormatOf(batch.format);
      if (BATCH_FORMATS.some((format) => format !== stored && tables[format].hashOf.get(batch.id) !== undefined)) return 'conflict';
      const { insert, hashOf } = tables[stored];
      const inserted = insert.run(...rowOf({ batch, contentHash, tokenLabel, receivedOn }));
      if (inserted.changes === 1) {
        revision += 1;
        addTerritory.run(batch.territory.level, batch.territory.code);
        return 'created';
      }
      return contentHash.equals(hashOf.get(batch.id) as Buffer) ? 'duplicate' : 'conflict';
    }),
  );
  const territories = db.prepare('SELECT level, code FROM territories');
  const alive = db.prepare('SELECT 1').pluck();

  const bind = (scope: TerritoryScope) =>
    scope.level === 'all' ? {} : { departement: departementOf(scope.code), ...(scope.level === 'commune' ? { code: scope.code } : {}) };

  // better-sqlite3 is synchronous: each method does its work before returning an already settled promise, so the
  // group commit and the routes see no more than a microtask of difference (docs/SCALING.md).
  return {
    engine: 'sqlite',
    saveAll: async (items) => saveAll(items),
    revision: async () => revision,
    async sumsByWeek(scope, from, to) {
      const sumsOf = (format: BatchFormat): WeekSums[] => {
        const rows = tables[format].sums[scope.level].all({ ...bind(scope), from, to }) as [string, ...number[]][];
        return rows.map(([week, ...values]) => weekSumsOf(format, week, values));
      };
      return { 1: sumsOf(1), 2: sumsOf(2) };
    },
    async sumsByTerritory(from, to) {
      return readSumsByTerritory(from, to);
    },
    ...(file === ':memory:'
      ? {}
      : {
          offThread: {
            file,
            async batchesIn(from: string, to: string) {
              return BATCH_FORMATS.reduce((sum, format) => sum + (tables[format].count.get({ from, to }) as number), 0);
            },
          },
        }),
    async latestWeek(scope) {
      const weeks = BATCH_FORMATS.map(
        (format) => tables[format].latest[scope.level].get(...(scope.level === 'all' ? [] : [bind(scope)])) as string | undefined,
      ).filter((week) => week !== undefined);
      return weeks.length === 0 ? null : weeks.sort().at(-1)!;
    },
    async territories() {
      return territoriesOf(territories.all() as { level: string; code: string }[]);
    },
    async check() {
      alive.get();
    },
    async close() {
      db.close();
    },
  };
}

/**
 * Reads every territory's weekly sums of a period from a collector's SQLite database: the store's own connection, or
 * one a worker thread opened read-only on the same file (protect-worker.ts). Rows come by territory, then week, as
 * PostgreSQL gives them: the protection's choices follow that order.
 */
export function territorySumsReader(db: Database.Database): (from: string, to: string) => SumsByTerritory {
  const statements = Object.fromEntries(
    BATCH_FORMATS.map((format) => [
      format,
      db
        .prepare(
          `SELECT territory_level, territory_code, week_to, ${sumsColumns(format)}
           FROM ${BATCH_TABLES[format].table} WHERE week_to BETWEEN @from AND @to
           GROUP BY territory_level, territory_code, week_to ORDER BY territory_level, territory_code, week_to`,
        )
        .raw(),
    ]),
  ) as Record<BatchFormat, Database.Statement>;
  return (from, to) => {
    const sumsOf = (format: BatchFormat): TerritoryWeekSums[] =>
      (statements[format].all({ from, to }) as unknown[][]).map((row) => territoryWeekSumsOf(format, row));
    return { 1: sumsOf(1), 2: sumsOf(2) };
  };
}
