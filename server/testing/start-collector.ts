import type { FastifyInstance } from 'fastify';
import type { BatchStore } from '../batch-store';
import { buildApp } from '../build-app';
import { DEFAULTS, sha256, type CollectorConfig } from '../load-config';
import { openStore } from '../open-store';
import { SQLITE, type StoreEngine, type TestDatabase } from './store-engines';

export const TEST_TOKEN = 'test-token-7f3a9c2e51';
export const REVOKED_TOKEN = 'revoked-token-0b4d8e';

export interface RunningCollector {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly store: BatchStore;
  /** REPERE_DB: the SQLite file, or the PostgreSQL database's URL. */
  readonly database: string;
  /** POSTs a body (an object is sent as JSON) to /api/v1/batches with the test token unless told otherwise. */
  post(body: unknown, init?: { token?: string | null; contentType?: string }): Promise<Response>;
  /** The ids stored (batches of both formats), read straight from the database. */
  storedIds(): Promise<string[]>;
  /** Runs SQL straight on the database (the same text on both engines). */
  query<Row = Record<string, unknown>>(sql: string): Promise<Row[]>;
  stop(): Promise<void>;
}

/**
 * Test helper: the real collector on 127.0.0.1 and a free port, on a new database of `engine` (SQLite by default: a
 * fresh file in a temporary folder), or on `overrides.database` when given (left in place at the end).
 */
export async function startCollector(overrides: Partial<CollectorConfig> = {}, now?: () => Date, engine: StoreEngine = SQLITE): Promise<RunningCollector> {
  const fresh: TestDatabase | null = overrides.database === undefined ? await engine.newDatabase() : null;
  const given = overrides.database ?? fresh!.database;
  const config: CollectorConfig = {
    ...DEFAULTS,
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    tokens: [
      { label: 'test', sha256: sha256(TEST_TOKEN), revoked: false },
      { label: 'revoked', sha256: sha256(REVOKED_TOKEN), revoked: true },
    ],
    ...overrides,
    database: given,
  };
  const reader = engine.reader(config.database);
  const store = await openStore(config.database);
  const app = buildApp({ config, store, ...(now ? { now } : {}) });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    app,
    store,
    database: config.database,
    post(body, { token = TEST_TOKEN, contentType = 'application/json' } = {}) {
      const headers: Record<string, string> = { 'content-type': contentType };
      if (token !== null) headers.authorization = `Bearer ${token}`;
      return fetch(`${address}/api/v1/batches`, {
        method: 'POST',
        headers,
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
    storedIds: () => reader.storedIds(),
    query: (sql) => reader.query(sql),
    async stop() {
      await app.close();
      await store.close();
      await fresh?.drop();
    },
  };
}
