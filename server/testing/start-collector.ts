import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../build-app';
import { DEFAULTS, sha256, type CollectorConfig } from '../load-config';
import { openBatchStore } from '../open-batch-store';

export const TEST_TOKEN = 'test-token-7f3a9c2e51';
export const REVOKED_TOKEN = 'revoked-token-0b4d8e';

export interface RunningCollector {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly databaseFile: string;
  /** POSTs a body (an object is sent as JSON) to /api/v1/batches with the test token unless told otherwise. */
  post(body: unknown, init?: { token?: string | null; contentType?: string }): Promise<Response>;
  /** The ids stored (batches of both formats), read straight from the SQLite file. */
  storedIds(): string[];
  stop(): Promise<void>;
}

/** Test helper: the real collector on 127.0.0.1, a free port and a fresh SQLite file in a temporary folder. */
export async function startCollector(overrides: Partial<CollectorConfig> = {}, now?: () => Date): Promise<RunningCollector> {
  const folder = mkdtempSync(join(tmpdir(), 'repere-collector-'));
  const config: CollectorConfig = {
    ...DEFAULTS,
    port: 0,
    host: '127.0.0.1',
    databaseFile: join(folder, 'collector.db'),
    logLevel: 'silent',
    tokens: [
      { label: 'test', sha256: sha256(TEST_TOKEN), revoked: false },
      { label: 'revoked', sha256: sha256(REVOKED_TOKEN), revoked: true },
    ],
    ...overrides,
  };
  const store = openBatchStore(config.databaseFile);
  const app = buildApp({ config, store, ...(now ? { now } : {}) });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    app,
    databaseFile: config.databaseFile,
    post(body, { token = TEST_TOKEN, contentType = 'application/json' } = {}) {
      const headers: Record<string, string> = { 'content-type': contentType };
      if (token !== null) headers.authorization = `Bearer ${token}`;
      return fetch(`${address}/api/v1/batches`, {
        method: 'POST',
        headers,
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
    storedIds() {
      const db = new Database(config.databaseFile, { readonly: true });
      try {
        return db.prepare('SELECT id FROM batches UNION ALL SELECT id FROM batches_v2 ORDER BY id').pluck().all() as string[];
      } finally {
        db.close();
      }
    },
    async stop() {
      await app.close();
      store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
