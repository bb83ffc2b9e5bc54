import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { departementOf, type AggregateBatch } from '../src/domain/aggregate';
import { COUNT_NAMES, flattenCounts } from './count-groups';

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

/** The sums of the batches counted in one week, the counts in the order of COUNT_NAMES. */
export interface WeekSums {
  readonly week: string;
  readonly batches: number;
  readonly total: number;
  readonly counts: readonly number[];
}

export interface BatchStore {
  /** Saves batches in one transaction (one disk sync for all), in order: a later item sees the earlier ones. */
  saveAll(items: readonly IncomingBatch[]): SaveOutcome[];
  /** Sums per week, from `from` to `to` inclusive, of the batches whose last week (`weeks.to`) falls there. */
  sumsByWeek(scope: TerritoryScope, from: string, to: string): WeekSums[];
  /** The last week holding batches of that scope, or null. */
  latestWeek(scope: TerritoryScope): string | null;
  /** The départements and communes that sent batches, for the observatory's picker. */
  territories(): { departements: string[]; communes: string[] };
  close(): void;
}

/** "dsiAreas.safety.none" → dsi_areas_safety_none: plain lowercase names, the same in PostgreSQL. */
const columnOf = (countName: string) => countName.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replaceAll('.', '_').toLowerCase();

const COUNT_COLUMNS = COUNT_NAMES.map(columnOf);

const MIGRATIONS: readonly { readonly version: number; readonly name: string; readonly sql: string }[] = [
  {
    version: 1,
    name: 'batches with one column per count',
    sql: `
      CREATE TABLE batches (
        id TEXT PRIMARY KEY NOT NULL,
        content_sha256 BLOB NOT NULL,
        format INTEGER NOT NULL,
        territory_level TEXT NOT NULL,
        territory_code TEXT NOT NULL,
        departement TEXT NOT NULL,
        week_from TEXT NOT NULL,
        week_to TEXT NOT NULL,
        questionnaire_version TEXT NOT NULL,
        app_version TEXT NOT NULL,
        total INTEGER NOT NULL,
        ${COUNT_COLUMNS.map((column) => `${column} INTEGER NOT NULL`).join(',\n        ')},
        token_label TEXT NOT NULL,
        received_on TEXT NOT NULL
      ) STRICT;
      CREATE INDEX batches_by_week ON batches (week_to, departement);
      -- The territories that sent batches, for the observatory's picker without scanning the batches.
      CREATE TABLE territories (level TEXT NOT NULL, code TEXT NOT NULL, PRIMARY KEY (level, code)) WITHOUT ROWID, STRICT;`,
  },
];

function migrate(db: Database.Database) {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const step of MIGRATIONS.filter((m) => m.version > current)) {
    db.transaction(() => {
      db.exec(step.sql);
      db.pragma(`user_version = ${step.version}`);
    })();
  }
}

// One index, (week_to, departement), serves every scope: each index entry costs ~10 µs on every insert, and a
// statistics query reads a few weeks. A commune is filtered through its département inside the index first.
const SCOPE_WHERE = {
  all: '1 = 1',
  departement: 'departement = @departement',
  commune: 'departement = @departement AND territory_code = @code',
} as const;

/**
 * Opens (creating it and its folder if needed) the SQLite file of the collector. WAL journal with synchronous=FULL:
 * a transaction is on disk, WAL synced, before saveAll returns, so a batch acknowledged survives a killed process and a
 * power cut. Statements are prepared once here.
 */
export function openBatchStore(file: string): BatchStore {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const columns = [
    'id',
    'content_sha256',
    'format',
    'territory_level',
    'territory_code',
    'departement',
    'week_from',
    'week_to',
    'questionnaire_version',
    'app_version',
    'total',
    ...COUNT_COLUMNS,
    'token_label',
    'received_on',
  ];
  const insert = db.prepare(
    `INSERT INTO batches (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT (id) DO NOTHING`,
  );
  const hashOf = db.prepare('SELECT content_sha256 FROM batches WHERE id = ?').pluck();
  const addTerritory = db.prepare('INSERT INTO territories (level, code) VALUES (?, ?) ON CONFLICT DO NOTHING');
  const saveAll = db.transaction((items: readonly IncomingBatch[]) =>
    items.map(({ batch, contentHash, tokenLabel, receivedOn }): SaveOutcome => {
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
        ...flattenCounts(batch.counts),
        tokenLabel,
        receivedOn,
      );
      if (inserted.changes === 1) {
        addTerritory.run(territory.level, territory.code);
        return 'created';
      }
      return contentHash.equals(hashOf.get(batch.id) as Buffer) ? 'duplicate' : 'conflict';
    }),
  );

  const sums = Object.fromEntries(
    Object.entries(SCOPE_WHERE).map(([level, where]) => [
      level,
      db
        .prepare(
          `SELECT week_to, COUNT(*), SUM(total), ${COUNT_COLUMNS.map((column) => `SUM(${column})`).join(', ')}
           FROM batches WHERE ${where} AND week_to BETWEEN @from AND @to GROUP BY week_to ORDER BY week_to`,
        )
        .raw(),
    ]),
  ) as Record<TerritoryScope['level'], Database.Statement>;
  const latest = Object.fromEntries(
    Object.entries(SCOPE_WHERE).map(([level, where]) => [
      level,
      // Read backwards along the index, stopping at the first row of the scope (MAX() would read it all).
      db.prepare(`SELECT week_to FROM batches WHERE ${where} ORDER BY week_to DESC LIMIT 1`).pluck(),
    ]),
  ) as Record<TerritoryScope['level'], Database.Statement>;
  const territories = db.prepare('SELECT level, code FROM territories');

  const bind = (scope: TerritoryScope) =>
    scope.level === 'all' ? {} : { departement: departementOf(scope.code), ...(scope.level === 'commune' ? { code: scope.code } : {}) };

  return {
    saveAll,
    sumsByWeek(scope, from, to) {
      const rows = sums[scope.level].all({ ...bind(scope), from, to }) as [string, number, number, ...number[]][];
      return rows.map(([week, batches, total, ...counts]) => ({ week, batches, total, counts }));
    },
    latestWeek: (scope) => (latest[scope.level].get(...(scope.level === 'all' ? [] : [bind(scope)])) as string | null) ?? null,
    territories() {
      const rows = territories.all() as { level: string; code: string }[];
      const communes = rows.filter((row) => row.level === 'commune').map((row) => row.code);
      const departements = new Set(rows.map((row) => departementOf(row.code)));
      return { departements: [...departements].sort(), communes: communes.sort() };
    },
    close: () => db.close(),
  };
}
