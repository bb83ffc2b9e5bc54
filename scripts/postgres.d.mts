/** Types of postgres.mjs, for the collector's tests. */
export function findPostgres(): string | null;
export function ensurePostgres(): string;
export function freePort(): Promise<number>;

export interface PostgresCluster {
  /** A superuser's URL on its `postgres` database (trust authentication, 127.0.0.1 only). */
  readonly url: string;
  readonly port: number;
  readonly folder: string;
  start(): void;
  /** `fast` by default; `immediate` is a crash (no checkpoint, recovery from the WAL at the next start). */
  stop(mode?: 'smart' | 'fast' | 'immediate'): void;
  remove(): void;
}

export function startPostgresCluster(options?: { binDir?: string; port?: number }): Promise<PostgresCluster>;
