import type { StoreName } from './schema';

/**
 * Why the device could not keep something:
 * - `quota`: the device's storage is full;
 * - `closed`: a newer version of Repère opened the database in another tab, this tab must reload;
 * - `unknown`: anything else the browser refused.
 */
export type StorageFailure = 'quota' | 'closed' | 'unknown';

/** A read or write that did not reach the device's storage. What the app holds in memory is untouched. */
export class StorageError extends Error {
  override readonly name = 'StorageError';

  constructor(
    readonly reason: StorageFailure,
    readonly store: StoreName,
    options?: { cause?: unknown },
  ) {
    super(`Storage ${reason} on ${store}`, options);
  }
}

/** Browsers name a full disk differently: QuotaExceededError (spec, Chromium, Safari), legacy code 22, or Firefox's own. */
export function isQuotaExceeded(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22;
}

/** Turns whatever the browser threw into a StorageError that says why. */
export function toStorageError(error: unknown, store: StoreName, closed: boolean): StorageError {
  if (error instanceof StorageError) return error;
  if (isQuotaExceeded(error)) return new StorageError('quota', store, { cause: error });
  const name = (error as { name?: unknown } | null)?.name;
  if (closed || name === 'InvalidStateError') return new StorageError('closed', store, { cause: error });
  return new StorageError('unknown', store, { cause: error });
}
