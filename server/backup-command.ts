import { resolve } from 'node:path';
import { BackupError, backupDatabase } from './backup-database';
import { BATCH_FORMATS } from './count-groups';
import { ConfigError, isPostgresUrl, loadConfig } from './load-config';

const USAGE = 'usage: npm run collector:backup -- <backup-file> [--db <collector.db>]';

/** The target and the --db of the command line, or a BackupError that says what is wrong with them. */
function parseArguments(args: readonly string[]): { target: string; db: string | null } {
  const positional: string[] = [];
  let db: string | null = null;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    if (arg === '--db' || arg.startsWith('--db=')) {
      db = arg === '--db' ? (args[(index += 1)] ?? '') : arg.slice('--db='.length);
      if (db === '') throw new BackupError(`--db needs the database file (${USAGE}).`);
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new BackupError(`unknown option ${arg} (${USAGE}).`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length === 0) throw new BackupError(`no backup file given (${USAGE}).`);
  if (positional.length > 1) throw new BackupError(`one backup file expected, got ${positional.length}: ${positional.join(' ')} (${USAGE}).`);
  return { target: positional[0]!, db };
}

/** What the command ends with: its exit code and its one line (for stdout on success, stderr otherwise). */
export interface CommandOutcome {
  readonly exitCode: 0 | 1;
  readonly line: string;
}

/**
 * `npm run collector:backup -- <file> [--db <collector.db>]` (server/backup.ts): the backup of the collector's database
 * (`--db`, or the collector's own: REPERE_DB, REPERE_CONFIG's "db", the default) into `<file>`. Never throws: every
 * failure is one line and exit code 1.
 */
export async function backupCommand(args: readonly string[], { env, cwd }: { env: NodeJS.ProcessEnv; cwd: string }): Promise<CommandOutcome> {
  try {
    const { target, db } = parseArguments(args);
    // npm runs scripts from the package's folder: paths typed on the command line are the caller's, from where npm was
    // started (INIT_CWD). REPERE_DB is read as the collector reads it, from the working folder.
    const here = env.INIT_CWD ?? cwd;
    const configured = db === null ? loadConfig(env).database : null;
    if (configured !== null && isPostgresUrl(configured)) {
      throw new BackupError(
        'REPERE_DB names a PostgreSQL database: back it up with PostgreSQL’s own tools (pg_dump, or a streaming-replication standby and base backups; docs/SCALING.md).',
      );
    }
    const source = db !== null ? resolve(here, db) : resolve(cwd, configured!);
    const { batches, schemaVersion, source: from, target: written } = await backupDatabase({ source, target: resolve(here, target) });
    const total = BATCH_FORMATS.reduce((sum, format) => sum + batches[format], 0);
    const perFormat = BATCH_FORMATS.map((format) => `${batches[format]} of format ${format}`).join(', ');
    return { exitCode: 0, line: `Repère backup: ${written} written from ${from}: ${total} batches (${perFormat}), schema version ${schemaVersion}.` };
  } catch (error) {
    // A disk error during the copy too: the temporary file is already removed.
    const reason = error instanceof ConfigError ? 'configuration refused. ' : error instanceof BackupError ? '' : 'failed: ';
    return { exitCode: 1, line: `Repère backup: ${reason}${error instanceof Error ? error.message : String(error)}` };
  }
}
