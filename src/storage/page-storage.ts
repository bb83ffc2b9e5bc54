import type { ResultsQueries } from './results-queries';
import { openStorageWith, type OpenStorageOptions, type RepereStorage, type ResultsQueriesFactory } from './storage-core';

const loadQueries = () => import('./results-queries');

/** Queries whose code is loaded at their first use (the retention check, the history), then kept. */
function loadedWhenUsed(make: (module: Awaited<ReturnType<typeof loadQueries>>) => ResultsQueries): ResultsQueries {
  let queries: Promise<ResultsQueries> | null = null;
  const ready = () => (queries ??= loadQueries().then(make));
  return {
    count: async (range) => (await ready()).count(range),
    page: async (range, offset, limit) => (await ready()).page(range, offset, limit),
    batches: async (range, size, onBatch) => (await ready()).batches(range, size, onBatch),
    deleteFinishedBefore: async (cutoff) => (await ready()).deleteFinishedBefore(cutoff),
    latestFinishedAt: async (after, upTo) => (await ready()).latestFinishedAt(after, upTo),
  };
}

const PAGE_QUERIES: ResultsQueriesFactory = {
  idb: (db, isClosed) => loadedWhenUsed((module) => module.idbResultsQueries(db, isClosed)),
  memory: (map) => loadedWhenUsed((module) => module.memoryResultsQueries(map)),
};

/**
 * The page's storage (main.tsx): the same as open-storage.ts, but the history's reads, which the first screen never
 * uses, come in their own chunk when first asked for (size.initialJsGzipKB). The service worker cannot load code
 * later: it uses open-storage.ts.
 */
export function openPageStorage(options: OpenStorageOptions = {}): Promise<RepereStorage> {
  return openStorageWith(PAGE_QUERIES, options);
}
