import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { departementOf, type AggregateBatch } from '../src/domain/aggregate';
import { BATCH_TABLES, checkBatchTables, columnOf, columnsOf, withheldColumnsOf } from './batch-tables';
import { BATCH_FORMATS, countName, flattenCounts, wholeOf, withholdableGroupsOf, type BatchFormat } from './count-groups';
import { MIGRATIONS, checkSchemaVersion, migrateSchema, type Migration } from './migrations';

/** What happened to a batch sent: stored now, already stored with the same content, or its id taken by another. */
export type SaveOutcome = 'created' | 'duplicate' | 'conflict';

export interface IncomingBatch {
  readonly batch: AggregateBatch;
  /** SHA-256 of the batch's canonical JSON: the same id with another hash is a conflict. */
  readonly contentHash: Buffer;
  /** The label of the enrollment token that sent it (never the token). */
  readonly tokenLabel: string;
  /** The day it arrived (YYYY-MM-DD, UTC): enough to follow a device's sending, no finer. */
  readonly receivedOn: string;
}

/** Whose batches to sum: the whole collector, a département (its own batches and its communes'), or one commune. */
export type TerritoryScope = { readonly level: 'all' } | { readonly level: 'departement' | 'commune'; readonly code: string };

/**
 * For one group a batch may withhold (`mayBeWithheld`): how many batches withheld it, and the sums of its `whole` group
 * over the batches that sent it (like with like: `dsiOverall` of the batches that sent `dsiOverall16to74`).
 */
export interface WithheldSums {
  readonly batches: number;
  readonly wholeWhereSent: readonly number[];
}

/**
 * The sums of the batches of one format counted in one week, the counts in the order of that format's names. A group
 * withheld by some batches sums the others' (0 when all withheld it); `withheld` has one item per group that may be.
 */
export interface WeekSums {
  readonly week: string;
  readonly batches: number;
  readonly total: number;
  readonly counts: readonly number[];
  readonly withheld: readonly WithheldSums[];
}

/** The weekly sums of each format: its counts do not mean the same (docs/SCORING.md), so they are never added up. */
export type SumsByFormat = Readonly<Record<BatchFormat, readonly WeekSums[]>>;

/** The sums of the batches one territory sent, as a commune or as a département (its own batches), in one week. */
export interface TerritoryWeekSums extends WeekSums {
  readonly territory: { readonly level: 'commune' | 'departement'; readonly code: string };
}

/** Every territory's weekly sums, per format: what the statistics protect together (compute-stats.ts). */
export type SumsByTerritory = Readonly<Record<BatchFormat, readonly TerritoryWeekSums[]>>;

export interface BatchStore {
  /** Saves batches in one transaction (one disk sync for all), in order: a later item sees the earlier ones. */
  saveAll(items: readonly IncomingBatch[]): SaveOutcome[];
  /** Sums per format and week, from `from` to `to` inclusive, of the batches whose last week (`weeks.to`) falls there. */
  sumsByWeek(scope: TerritoryScope, from: string, to: string): SumsByFormat;
  /** Sums per format, territory (as sent: commune, or département for its own batches) and week, from `from` to `to`. */
  sumsByTerritory(from: string, to: string): SumsByTerritory;
  /** The last week holding batches (of either format) of that scope, or null. */
  latestWeek(scope: TerritoryScope): string | null;
  /** A number that changes whenever a batch is stored: statistics computed at one revision stay true until it changes. */
  revision(): number;
  /** The départements and communes that sent batches, for the observatory's picker. */
  territories(): { departements: string[]; communes: string[] };
  close(): void;
}

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
  readonly territorySums: Database.Statement;
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
      const { table, counts } = BATCH_TABLES[format];
      const columns = columnsOf(format);
      const nullable = new Set(withheldColumnsOf(format).flat());
      // Per group that may be withheld: the batches withholding it, and its `whole` summed over the batches sending it.
      const withheldSums = withholdableGroupsOf(format).flatMap((group) => {
        const flag = columnOf(countName(group, group.keys[0]!));
        const whole = wholeOf(format, group);
        return [
          `SUM(${flag} IS NULL)`,
          ...whole.keys.map((key) => `SUM(CASE WHEN ${flag} IS NULL THEN 0 ELSE ${columnOf(countName(whole, key))} END)`),
        ];
      });
      const sumOf = (column: string) => (nullable.has(column) ? `COALESCE(SUM(${column}), 0)` : `SUM(${column})`);
      const statements = {
        insert: db.prepare(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT (id) DO NOTHING`,
        ),
        hashOf: db.prepare(`SELECT content_sha256 FROM ${table} WHERE id = ?`).pluck(),
        sums: byScope(
          (where) =>
            db
              .prepare(
                `SELECT week_to, COUNT(*), SUM(total), ${[...counts.map(sumOf), ...withheldSums].join(', ')}
                 FROM ${table} WHERE ${where} AND week_to BETWEEN @from AND @to GROUP BY week_to ORDER BY week_to`,
              )
              .raw(),
        ),
        territorySums: db
          .prepare(
            `SELECT territory_level, territory_code, week_to, COUNT(*), SUM(total), ${[...counts.map(sumOf), ...withheldSums].join(', ')}
             FROM ${table} WHERE week_to BETWEEN @from AND @to
             GROUP BY territory_level, territory_code, week_to ORDER BY territory_level, territory_code, week_to`,
          )
          .raw(),
        // Read backwards along the index, stopping at the first row of the scope (MAX() would read it all).
        latest: byScope((where) => db.prepare(`SELECT week_to FROM ${table} WHERE ${where} ORDER BY week_to DESC LIMIT 1`).pluck()),
      };
      return [format, statements];
    }),
  ) as unknown as Record<BatchFormat, FormatStatements>;
  const addTerritory = db.prepare('INSERT INTO territories (level, code) VALUES (?, ?) ON CONFLICT DO NOTHING');
  let revision = 0;
  const saveAll = db.transaction((items: readonly IncomingBatch[]) =>
    items.map(({ batch, contentHash, tokenLabel, receivedOn }): SaveOutcome => {
      // The id is the idempotency key across formats: taken in another format's table, it holds another batch (the
      // format is part of the content hashed).
      if (BATCH_FORMATS.some((format) => format !== batch.format && tables[format].hashOf.get(batch.id) !== undefined)) return 'conflict';
      const { insert, hashOf } = tables[batch.format];
      const { territory, weeks } = batch;
      const inserted = insert.run(
        batch.id,
        contentHash,
        batch.format,
        territory.level,
        territory.code,
        departementOf(territory.code),
        weeks.from,
        weeks.to,
        batch.questionnaireVersion,
        batch.appVersion,
        batch.total,
        ...flattenCounts(batch),
        tokenLabel,
        receivedOn,
      );
      if (inserted.changes === 1) {
        revision += 1;
        addTerritory.run(territory.level, territory.code);
        return 'created';
      }
      return contentHash.equals(hashOf.get(batch.id) as Buffer) ? 'duplicate' : 'conflict';
    }),
  );
  const territories = db.prepare('SELECT level, code FROM territories');

  /** One row of sums as read: the counts in the order of the format's names, then the sums of each withholdable group. */
  const weekSums = (format: BatchFormat, week: string, batches: number, total: number, values: readonly number[]): WeekSums => {
    const width = BATCH_TABLES[format].counts.length;
    let at = width;
    const withheld = withholdableGroupsOf(format).map((group) => {
      const wholeWidth = wholeOf(format, group).keys.length;
      const sums = { batches: values[at]!, wholeWhereSent: values.slice(at + 1, at + 1 + wholeWidth) };
      at += 1 + wholeWidth;
      return sums;
    });
    return { week, batches, total, counts: values.slice(0, width), withheld };
  };

  const bind = (scope: TerritoryScope) =>
    scope.level === 'all' ? {} : { departement: departementOf(scope.code), ...(scope.level === 'commune' ? { code: scope.code } : {}) };

  return {
    saveAll,
    revision: () => revision,
    sumsByWeek(scope, from, to) {
      const sumsOf = (format: BatchFormat): WeekSums[] => {
        const rows = tables[format].sums[scope.level].all({ ...bind(scope), from, to }) as [string, number, number, ...number[]][];
        return rows.map(([week, batches, total, ...values]) => weekSums(format, week, batches, total, values));
      };
      return { 1: sumsOf(1), 2: sumsOf(2) };
    },
    sumsByTerritory(from, to) {
      const sumsOf = (format: BatchFormat): TerritoryWeekSums[] => {
        const rows = tables[format].territorySums.all({ from, to }) as ['commune' | 'departement', string, string, number, number, ...number[]][];
        return rows.map(([level, code, week, batches, total, ...values]) => ({ territory: { level, code }, ...weekSums(format, week, batches, total, values) }));
      };
      return { 1: sumsOf(1), 2: sumsOf(2) };
    },
    latestWeek(scope) {
      const weeks = BATCH_FORMATS.map(
        (format) => tables[format].latest[scope.level].get(...(scope.level === 'all' ? [] : [bind(scope)])) as string | undefined,
      ).filter((week) => week !== undefined);
      return weeks.length === 0 ? null : weeks.sort().at(-1)!;
    },
    territories() {
      const rows = territories.all() as { level: string; code: string }[];
      const communes = rows.filter((row) => row.level === 'commune').map((row) => row.code);
      const departements = new Set(rows.map((row) => departementOf(row.code)));
      return { departements: [...departements].sort(), communes: communes.sort() };
    },
    close: () => db.close(),
  };
}
