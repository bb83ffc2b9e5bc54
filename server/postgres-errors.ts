import { StoreUnavailableError } from './batch-store';

/** Node's errors of a connection that could not be made or was cut. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);
/**
 * PostgreSQL's SQLSTATEs of a server that is going away or cannot take us now: shutting down or crashed (57P01-57P03),
 * read-only because it is a standby or in recovery (25006), too many connections (53300), a connection problem (08…).
 */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '25006', '53300']);
/** node-postgres's own words for a connection that ended, or never came. */
const CLIENT_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout|not queryable/i;

/** Whether an error of node-postgres means the database is out of reach (as opposed to a bug or a refused query). */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = error as { code?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.has(code) || code.startsWith('08'))) return true;
  return CLIENT_MESSAGES.test(error.message);
}

/** The error to throw: a StoreUnavailableError when the database is out of reach, the error itself otherwise. */
export function unavailableOr(error: unknown, what: string): unknown {
  if (!isUnavailable(error)) return error;
  return new StoreUnavailableError(`PostgreSQL cannot be reached (${what}): ${error instanceof Error ? error.message : error}`, { cause: error });
}

/** A PostgreSQL URL as it may be shown and logged: without its password. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
    return parsed.toString();
  } catch {
    return 'postgres://(an address that is not a URL)';
  }
}
