import type { BatchStore } from './batch-store';
import { isPostgresUrl } from './load-config';
import { openBatchStore } from './open-batch-store';
import { describePostgresUrl } from './postgres-errors';

/**
 * The collector's store for REPERE_DB: a PostgreSQL database for a postgres:// URL (open-postgres-store.ts, loaded only
 * then), otherwise the SQLite file at that path (open-batch-store.ts), the default and the embedded choice.
 */
export async function openStore(database: string, options: { onMigrated?: (from: number, to: number) => void } = {}): Promise<BatchStore> {
  if (!isPostgresUrl(database)) return openBatchStore(database, options);
  const { openPostgresStore } = await import('./open-postgres-store');
  return openPostgresStore(database, options);
}

/** REPERE_DB as it may be logged and shown: a file path as it is, a URL without its password. */
export const describeDatabase = (database: string) => (isPostgresUrl(database) ? describePostgresUrl(database) : database);
