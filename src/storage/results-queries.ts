import type { IDBPDatabase, IDBPIndex } from 'idb';
import { ALL_RESULTS, type ResultsRange } from '../domain/history-range';
import type { FinishedResult } from '../domain/result';
import { StorageError, toStorageError } from './errors';
import type { RepereDB } from './schema';

export { ALL_RESULTS, type ResultsRange };

/** Where a batched read stopped, to go on in a new transaction (the caller may await other work between batches). */
interface Resume {
  readonly key: IDBValidKey;
  readonly id: string;
}

/** The history's reads, on IndexedDB or in memory (same answers, tested on both). */
export interface ResultsQueries {
  /** How many results the range holds. */
  count(range: ResultsRange): Promise<number>;
  /** Newest first: `limit` results after skipping the `offset` newest. */
  page(range: ResultsRange, offset: number, limit: number): Promise<FinishedResult[]>;
  /**
   * Every result of the range, oldest first, `size` at a time: `onBatch` is awaited before the next batch is read (in a
   * new transaction), and reading stops when it returns false. Results deleted meanwhile are not read; none is read twice.
   */
  batches(range: ResultsRange, size: number, onBatch: (batch: FinishedResult[]) => Promise<boolean | void>): Promise<void>;
  /**
   * Deletes every result finished before `cutoff` (an ISO instant), and any whose date is not one, by the date index:
   * no result is loaded.
   */
  deleteFinishedBefore(cutoff: string): Promise<number>;
  /** The latest `finishedAt` after `after` and up to `upTo` (both excluded/included, null for no bound), or null. */
  latestFinishedAt(after: string | null, upTo: string | null): Promise<string | null>;
}

/** Sorts after every ISO instant (and every level or mode id). */
const HIGH = '\uffff';
const LOW = '';

type ResultsIndexName = 'by-finishedAt' | 'by-level-finishedAt' | 'by-mode-finishedAt' | 'by-mode-level-finishedAt';

/** The index and key range that read exactly `range`. */
export function indexRangeOf(range: ResultsRange): { index: ResultsIndexName; lower: IDBValidKey; upper: IDBValidKey } {
  const from = range.from ?? LOW;
  const to = range.to ?? HIGH;
  if (range.mode && range.level) {
    return { index: 'by-mode-level-finishedAt', lower: [range.mode, range.level, from], upper: [range.mode, range.level, to] };
  }
  if (range.level) return { index: 'by-level-finishedAt', lower: [range.level, from], upper: [range.level, to] };
  if (range.mode) return { index: 'by-mode-finishedAt', lower: [range.mode, from], upper: [range.mode, to] };
  return { index: 'by-finishedAt', lower: from, upper: to };
}

/** IndexedDB's order for the keys of these indexes (strings, and arrays of strings, compared by code unit). */
function compareKeys(a: IDBValidKey, b: IDBValidKey): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
      const order = compareKeys(a[i] as IDBValidKey, b[i] as IDBValidKey);
      if (order !== 0) return order;
    }
    return a.length - b.length;
  }
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The key a result has in an index (to resume after it). */
function keyIn(index: ResultsIndexName, result: FinishedResult): IDBValidKey {
  switch (index) {
    case 'by-mode-level-finishedAt':
      return [result.mode, result.distanceLevel, result.finishedAt];
    case 'by-level-finishedAt':
      return [result.distanceLevel, result.finishedAt];
    case 'by-mode-finishedAt':
      return [result.mode, result.finishedAt];
    default:
      return result.finishedAt;
  }
}

export function idbResultsQueries(db: IDBPDatabase<RepereDB>, isClosed: () => boolean): ResultsQueries {
  async function guard<T>(operation: () => Promise<T>): Promise<T> {
    if (isClosed()) throw new StorageError('closed', 'results');
    try {
      return await operation();
    } catch (error) {
      throw toStorageError(error, 'results', isClosed());
    }
  }
  const open = (range: ResultsRange) => {
    const { index, lower, upper } = indexRangeOf(range);
    // [from, to): the upper bound is open
    return { index, keys: IDBKeyRange.bound(lower, upper, false, true), store: db.transaction('results').store };
  };
  return {
    count: (range) =>
      guard(async () => {
        const { store, index, keys } = open(range);
        return store.index(index).count(keys);
      }),
    page: (range, offset, limit) =>
      guard(async () => {
        const { store, index: name, keys } = open(range);
        const index = store.index(name);
        // The page's oldest key, found by a key cursor skipping in the browser's own code (page 1 000 costs no more
        // than page 2), then the page in one getAll: no cursor step per row, which a slow tablet pays dearly.
        const total = await index.count(keys);
        const end = total - offset;
        if (end <= 0) return [];
        const start = Math.max(0, end - limit);
        let cursor = await index.openKeyCursor(keys);
        if (cursor && start > 0) cursor = await cursor.advance(start);
        if (!cursor) return [];
        const { upper } = indexRangeOf(range);
        const found = await index.getAll(IDBKeyRange.bound(cursor.key, upper, false, true), end - start + 64);
        // Rows sharing the first key and before its primary key belong to the page before.
        const firstId = String(cursor.primaryKey);
        const from = found.findIndex((result) => compareKeys(keyIn(name, result), cursor!.key) > 0 || result.id >= firstId);
        return found.slice(from, from + (end - start)).reverse();
      }),
    deleteFinishedBefore: (cutoff) =>
      guard(async () => {
        const tx = db.transaction('results', 'readwrite');
        const byDate = tx.store.index('by-finishedAt');
        // ISO instants start with a digit: a text sorting after '9' is no date, and nothing shows it is still kept.
        const [expired, unreadable] = await Promise.all([byDate.getAllKeys(IDBKeyRange.upperBound(cutoff, true)), byDate.getAllKeys(IDBKeyRange.lowerBound(':'))]);
        const keys = [...expired, ...unreadable];
        for (const key of keys) void tx.store.delete(key).catch(() => {});
        await tx.done;
        return keys.length;
      }),
    latestFinishedAt: (after, upTo) =>
      guard(async () => {
        const keys =
          after !== null && upTo !== null
            ? after < upTo
              ? IDBKeyRange.bound(after, upTo, true, false)
              : null
            : after !== null
              ? IDBKeyRange.lowerBound(after, true)
              : upTo !== null
                ? IDBKeyRange.upperBound(upTo)
                : undefined;
        if (keys === null) return null;
        const cursor = await db.transaction('results').store.index('by-finishedAt').openKeyCursor(keys, 'prev');
        return cursor ? String(cursor.key) : null;
      }),
    batches: (range, size, onBatch) =>
      guard(async () => {
        const { index: name, lower, upper } = indexRangeOf(range);
        let resume: Resume | null = null;
        for (;;) {
          if (isClosed()) throw new StorageError('closed', 'results');
          const index: IDBPIndex<RepereDB, ['results'], 'results', ResultsIndexName> = db.transaction('results').store.index(name);
          const batch = await readAfter(index, lower, upper, resume, size);
          if (batch.length === 0) return;
          const last = batch[batch.length - 1]!;
          resume = { key: keyIn(name, last), id: last.id };
          if ((await onBatch(batch)) === false) return;
          if (batch.length < size) return;
        }
      }),
  };
}

/**
 * Up to `size` results of [lower, upper) in index order after `resume` (one getAll: no cursor step per record). Equal
 * keys come in primary-key order, so those equal to the last key and not after its id were already read.
 */
async function readAfter(
  index: IDBPIndex<RepereDB, ['results'], 'results', ResultsIndexName>,
  lower: IDBValidKey,
  upper: IDBValidKey,
  resume: Resume | null,
  size: number,
): Promise<FinishedResult[]> {
  if (!resume) return index.getAll(IDBKeyRange.bound(lower, upper, false, true), size);
  // Results sharing the last key (finished in the same millisecond) are few: ask for that many more.
  for (let extra = 16; ; extra *= 4) {
    const found = await index.getAll(IDBKeyRange.bound(resume.key, upper, false, true), size + extra);
    const fresh = found.filter((result) => compareKeys(keyIn(index.name as ResultsIndexName, result), resume.key) > 0 || result.id > resume.id);
    if (fresh.length >= size || found.length < size + extra) return fresh.slice(0, size);
  }
}

/** The same reads over the memory backend's map (a browser that refuses IndexedDB). */
export function memoryResultsQueries(map: Map<string, FinishedResult>): ResultsQueries {
  const select = (range: ResultsRange) =>
    [...map.values()]
      .filter(
        (r) =>
          (range.from === null || r.finishedAt >= range.from) &&
          (range.to === null || r.finishedAt < range.to) &&
          (range.level === null || r.distanceLevel === range.level) &&
          (range.mode === null || r.mode === range.mode),
      )
      .sort((a, b) => (a.finishedAt < b.finishedAt ? -1 : a.finishedAt > b.finishedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    latestFinishedAt: async (after, upTo) => {
      let latest: string | null = null;
      for (const { finishedAt } of map.values()) {
        if ((after === null || finishedAt > after) && (upTo === null || finishedAt <= upTo) && (latest === null || finishedAt > latest)) latest = finishedAt;
      }
      return latest;
    },
    deleteFinishedBefore: async (cutoff) => {
      const expired = [...map.values()].filter((r) => r.finishedAt < cutoff || r.finishedAt >= ':');
      for (const result of expired) map.delete(result.id);
      return expired.length;
    },
    count: async (range) => select(range).length,
    page: async (range, offset, limit) => select(range).reverse().slice(offset, offset + limit).map((r) => structuredClone(r)),
    batches: async (range, size, onBatch) => {
      let after: FinishedResult | null = null;
      for (;;) {
        const all = select(range);
        const last: FinishedResult | null = after;
        const start: number = last ? all.findIndex((r) => r.finishedAt > last.finishedAt || (r.finishedAt === last.finishedAt && r.id > last.id)) : 0;
        if (start === -1) return;
        const batch: FinishedResult[] = all.slice(start, start + size).map((r) => structuredClone(r));
        if (batch.length === 0) return;
        after = batch[batch.length - 1]!;
        if ((await onBatch(batch)) === false) return;
        if (batch.length < size) return;
      }
    },
  };
}
