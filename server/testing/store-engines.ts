import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, inject } from 'vitest';
import { POSTGRES_TYPES } from '../open-postgres-store';

/** A database of either engine, read straight (not through the collector). */
export interface DatabaseReader {
  /** The ids stored (both formats). */
  storedIds(): Promise<string[]>;
  /** Runs SQL on the database (the same text on both engines), returning its rows as objects. */
  query<Row = Record<string, unknown>>(sql: string): Promise<Row[]>;
}

/** A database of one engine, new and empty, for one test or one file. */
export interface TestDatabase extends DatabaseReader {
  /** What REPERE_DB says: the SQLite file's path, or the PostgreSQL database's URL. */
  readonly database: string;
  drop(): Promise<void>;
}

/** One of the two engines the collector's store runs on, as the tests use it. */
export interface StoreEngine {
  readonly kind: 'sqlite' | 'postgres';
  readonly name: 'SQLite' | 'PostgreSQL';
  /** Why the engine's half of the suite is skipped (PostgreSQL could not be had), or null. */
  readonly skipReason: string | null;
  newDatabase(): Promise<TestDatabase>;
  /** Reads a database of this engine that is there already (what REPERE_DB says). */
  reader(database: string): DatabaseReader;
}

const STORED_IDS = 'SELECT id FROM batches UNION ALL SELECT id FROM batches_v2 ORDER BY id';

function readerOf(query: <Row>(sql: string) => Promise<Row[]>): DatabaseReader {
  return { query, storedIds: async () => (await query<{ id: string }>(STORED_IDS)).map((row) => row.id) };
}

export const SQLITE: StoreEngine = {
  kind: 'sqlite',
  name: 'SQLite',
  skipReason: null,
  async newDatabase() {
    const folder = mkdtempSync(join(tmpdir(), 'repere-collector-'));
    const database = join(folder, 'collector.db');
    return { database, ...SQLITE.reader(database), drop: async () => rmSync(folder, { recursive: true, force: true }) };
  },
  reader: (database) =>
    readerOf(async <Row>(sql: string) => {
      const db = new Database(database, { readonly: true });
      try {
        return db.prepare(sql).all() as Row[];
      } finally {
        db.close();
      }
    }),
};

/** The URL of `name` on the server of `url`. */
export const withDatabaseName = (url: string, name: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

/** Runs SQL on the database of `url`, on a connection of its own. */
export async function queryPostgres<Row = Record<string, unknown>>(url: string, sql: string, values: unknown[] = []): Promise<Row[]> {
  // Read as the store reads: bigint as a number, a date as its text.
  const client = new pg.Client({ connectionString: url, types: POSTGRES_TYPES });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as Row[];
  } finally {
    await client.end();
  }
}

/** A new database on the PostgreSQL server of `adminUrl` (a superuser's), dropped by `drop()` whoever is still connected. */
export async function newPostgresDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `repere_test_${randomBytes(6).toString('hex')}`;
  await queryPostgres(adminUrl, `CREATE DATABASE ${name}`);
  const database = withDatabaseName(adminUrl, name);
  return {
    database,
    ...POSTGRES.reader(database),
    drop: async () => void (await queryPostgres(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

/** The PostgreSQL cluster of this run (postgres-global-setup.ts), or why there is none. */
export const providedPostgres = () => inject('postgres');

export const POSTGRES: StoreEngine = {
  kind: 'postgres',
  name: 'PostgreSQL',
  get skipReason() {
    return providedPostgres().skipReason;
  },
  newDatabase: () => newPostgresDatabase(providedPostgres().url!),
  reader: (database) => readerOf(<Row>(sql: string) => queryPostgres<Row>(database, sql)),
};

export const STORE_ENGINES: readonly StoreEngine[] = [SQLITE, POSTGRES];

/**
 * The same tests on each engine: `body` is declared once per engine, under `<name> [SQLite]` and `<name> [PostgreSQL]`.
 * An engine that cannot be had is skipped with its reason in the title, never passed silently.
 */
export function describeEachEngine(name: string, body: (engine: StoreEngine) => void, options: { timeout?: number } = {}) {
  for (const engine of STORE_ENGINES) {
    const reason = engine.skipReason;
    describe.skipIf(reason !== null)(`${name} [${engine.name}]${reason !== null ? ` — skipped: ${reason}` : ''}`, options, () => body(engine));
  }
}

/** Tests on PostgreSQL only (several collectors, the server going away): skipped with the reason when it cannot be had. */
export function describeOnPostgres(name: string, body: () => void, options: { timeout?: number } = {}) {
  const reason = POSTGRES.skipReason;
  describe.skipIf(reason !== null)(`${name}${reason !== null ? ` — skipped: ${reason}` : ''}`, options, body);
}
