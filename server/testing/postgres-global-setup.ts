// Vitest's global setup (vitest.config.ts): one throw-away PostgreSQL cluster for the whole run, so that the store
// suite runs on PostgreSQL as well as SQLite. Each test file makes databases of its own in it (store-engines.ts). When
// PostgreSQL cannot be had, the PostgreSQL half of the suite is skipped and its titles say why.
import type { TestProject } from 'vitest/node';
import { findPostgres, startPostgresCluster, type PostgresCluster } from '../../scripts/postgres.mjs';

/** What the test files get (inject('postgres')): the cluster's superuser URL and its programs' folder, or why there is none. */
export interface ProvidedPostgres {
  readonly url: string | null;
  readonly binDir: string | null;
  readonly skipReason: string | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: ProvidedPostgres;
  }
}

/**
 * A run that names only files of the app (`vitest run src/domain/… tests/unit/…`) runs no test of the store: no cluster
 * is started for it. Anything else (no file named, a name filter, a server file) gets one.
 */
function namesOnlyAppFiles(argv: readonly string[] = process.argv.slice(2)): boolean {
  const named = argv.filter((arg) => !arg.startsWith('-') && !['run', 'watch', 'dev'].includes(arg));
  return named.length > 0 && named.every((arg) => /^(\.\/)?(src|tests)\//.test(arg));
}

export default async function setup(project: TestProject) {
  if (namesOnlyAppFiles()) {
    project.provide('postgres', { url: null, binDir: null, skipReason: 'this run names no file of the collector' });
    return;
  }
  // A server of one's own (a CI service): its superuser's URL.
  const external = process.env.REPERE_TEST_POSTGRES;
  const binDir = findPostgres();
  if (external) {
    project.provide('postgres', { url: external, binDir, skipReason: null });
    return;
  }
  if (!binDir) {
    const skipReason = 'PostgreSQL is not installed here (npm test installs Debian’s postgresql as root; or set POSTGRES_BIN, or REPERE_TEST_POSTGRES to a server)';
    console.warn(`PostgreSQL store tests skipped: ${skipReason}`);
    project.provide('postgres', { url: null, binDir: null, skipReason });
    return;
  }
  let cluster: PostgresCluster;
  try {
    cluster = await startPostgresCluster({ binDir });
  } catch (error) {
    const skipReason = `the throw-away PostgreSQL cluster did not start: ${error instanceof Error ? error.message.split('\n')[0] : error}`;
    console.warn(`PostgreSQL store tests skipped: ${skipReason}`);
    project.provide('postgres', { url: null, binDir, skipReason });
    return;
  }
  project.provide('postgres', { url: cluster.url, binDir, skipReason: null });
  return () => cluster.remove();
}
