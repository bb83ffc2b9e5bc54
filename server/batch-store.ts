import { departementOf, type AggregateBatch } from '../src/domain/aggregate';
import { flattenCounts, type BatchFormat } from './count-groups';

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

/** A request counted against a rate limit: how many in the current window, this one included, and the ms left in it. */
export interface RateCount {
  readonly current: number;
  readonly ttl: number;
}

/** Request counts kept where every collector of the database sees them, so that a limit holds across collectors. */
export interface RateCounter {
  /** Counts one request of `key` in a fixed window of `windowMs` that starts at its first request. */
  count(key: string, windowMs: number): Promise<RateCount>;
}

/**
 * Where the batches are kept: one SQLite file (open-batch-store.ts) or a PostgreSQL database that several collectors
 * may share (open-postgres-store.ts). The same tables, the same idempotency rules, the same sums.
 */
export interface BatchStore {
  /** Which engine, for the logs. */
  readonly engine: 'sqlite' | 'postgres';
  /**
   * Saves batches in one transaction (one disk sync for all), in order: a later item sees the earlier ones. Resolves
   * once they are durable. Rejects with a StoreUnavailableError when the database cannot be reached: nothing is
   * acknowledged then, and the devices keep their batches to send again.
   */
  saveAll(items: readonly IncomingBatch[]): Promise<SaveOutcome[]>;
  /** Sums per format and week, from `from` to `to` inclusive, of the batches whose last week (`weeks.to`) falls there. */
  sumsByWeek(scope: TerritoryScope, from: string, to: string): Promise<SumsByFormat>;
  /** Sums per format, territory (as sent: commune, or département for its own batches) and week, from `from` to `to`. */
  sumsByTerritory(from: string, to: string): Promise<SumsByTerritory>;
  /** The last week holding batches (of either format) of that scope, or null. */
  latestWeek(scope: TerritoryScope): Promise<string | null>;
  /**
   * A number that changes whenever a batch is stored (by this collector or, on PostgreSQL, another one): statistics
   * computed at one revision stay true until it changes.
   */
  revision(): Promise<number>;
  /** The départements and communes that sent batches, for the observatory's picker. */
  territories(): Promise<{ departements: string[]; communes: string[] }>;
  /** Resolves when the database answers (GET /healthz); rejects with a StoreUnavailableError when it does not. */
  check(): Promise<void>;
  /** Set when several collectors may share the database: the per-token and per-address request counts, kept in it. */
  readonly rateCounter?: RateCounter;
  /**
   * Set by a store in a SQLite file: another thread may open the file to read a quarter's sums (quarter-protector.ts),
   * which takes seconds on a Région's collector and would hold this thread meanwhile. `batchesIn` counts the batches
   * of a period, quickly (along the index), to tell a large quarter from a small one.
   */
  readonly offThread?: { readonly file: string; batchesIn(from: string, to: string): Promise<number> };
  close(): Promise<void>;
}

/**
 * The database cannot be reached (PostgreSQL stopped, restarting, or out of reach): the request is answered 503 with
 * Retry-After, nothing was acknowledged, and the collector goes on once the database is back.
 */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** The territories table's rows as the observatory's picker lists them: départements (with their communes'), communes. */
export function territoriesOf(rows: readonly { level: string; code: string }[]): { departements: string[]; communes: string[] } {
  const communes = rows.filter((row) => row.level === 'commune').map((row) => row.code);
  const departements = new Set(rows.map((row) => departementOf(row.code)));
  return { departements: [...departements].sort(), communes: communes.sort() };
}

/** A row's values in the order of columnsOf (batch-tables.ts), as both stores write it. */
export function rowOf({ batch, contentHash, tokenLabel, receivedOn }: IncomingBatch): unknown[] {
  const { territory, weeks } = batch;
  return [
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
  ];
}
