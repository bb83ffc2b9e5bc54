import { idbResultsQueries, memoryResultsQueries } from './results-queries';
import { openMemoryStorageWith, openStorageWith, type MemoryReason, type OpenStorageOptions, type RepereStorage } from './storage-core';

export type { MemoryReason, OpenStorageOptions, RepereStorage } from './storage-core';

/** The history's reads bundled in: for the service worker (which cannot load code later), the tests, the seeding script. */
const BUNDLED_QUERIES = { idb: idbResultsQueries, memory: memoryResultsQueries };

/**
 * Opens the device's storage: IndexedDB when the browser allows it, else memory (the app still runs; nothing is kept).
 * The page opens it with page-storage.ts instead, the same storage with the history's reads loaded when first used.
 */
export function openStorage(options: OpenStorageOptions = {}): Promise<RepereStorage> {
  return openStorageWith(BUNDLED_QUERIES, options);
}

/** The in-memory backend: the same API, gone when the page closes. */
export function openMemoryStorage(reason: MemoryReason): RepereStorage {
  return openMemoryStorageWith(BUNDLED_QUERIES, reason);
}
