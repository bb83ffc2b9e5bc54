import { wrap, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Place, PlaceDatasetMeta } from '../domain/place';
import type { FinishedResult } from '../domain/result';
import type { Session } from '../domain/session';
import { StorageError, toStorageError } from './errors';
import { idbStore, memoryStore, type KeyedStore } from './keyed-store';
import { MIGRATIONS, runMigrations, type Migration } from './migrations';
import type { idbResultsQueries, memoryResultsQueries, ResultsQueries } from './results-queries';
import { DB_NAME, DB_VERSION, PLACES_META_KEY, type Lease, type OutboxEntry, type RepereDB, type SettingRecord } from './schema';

/**
 * How the storage gets the history's reads (results-queries.ts): bundled in (open-storage.ts: the service worker, the
 * tests), or loaded when first used (page-storage.ts: the page, whose first screen does not read the history).
 */
export interface ResultsQueriesFactory {
  readonly idb: typeof idbResultsQueries;
  readonly memory: typeof memoryResultsQueries;
}

/** Why the app keeps things in memory only: no IndexedDB at all, or a browser that refuses it (private mode). */
export type MemoryReason = 'unavailable' | 'refused';

/** Everything Repère keeps on the device, behind one object whose backend is IndexedDB or, failing that, memory. */
export interface RepereStorage {
  readonly backend: 'indexedDB' | 'memory';
  /** Set when backend is memory: the UI shows a discreet notice that nothing is kept. */
  readonly memoryReason: MemoryReason | null;
  readonly sessions: KeyedStore<Session>;
  readonly results: KeyedStore<FinishedResult>;
  /** The history's reads: counts by index, pages, batches (results-queries.ts). */
  readonly resultQueries: ResultsQueries;
  readonly settings: KeyedStore<SettingRecord>;
  readonly outbox: KeyedStore<OutboxEntry>;
  readonly places: KeyedStore<Place>;
  readonly placesMeta: KeyedStore<PlaceDatasetMeta>;
  /** Swaps the whole places dataset and its description in one transaction: all or nothing. */
  replacePlaces(meta: PlaceDatasetMeta, places: readonly Place[]): Promise<void>;
  /**
   * Queues anonymous batches and marks the results they count, in one transaction: a result is never counted in a
   * batch that was not kept, nor kept uncounted once its batch is queued.
   */
  queueBatches(entries: readonly OutboxEntry[], counted: readonly FinishedResult[]): Promise<void>;
  /**
   * Takes the lease `name` for `holder` until now + ttl when it is free, lapsed or already this holder's; false when
   * someone else holds it. Read and write happen in one transaction, so two tabs cannot both get it.
   */
  acquireLease(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean>;
  /** Gives the lease back, if this holder still has it. */
  releaseLease(name: string, holder: string): Promise<void>;
  close(): void;
}

/** Whether a lease may be taken by `holder` at `now`. */
const leaseIsFree = (lease: Lease | undefined, holder: string, now: Date) =>
  !lease || lease.holder === holder || Date.parse(lease.until) <= now.getTime();

export interface OpenStorageOptions {
  /** The IndexedDB factory; defaults to the browser's. Tests pass fake-indexeddb's, or undefined to mean "missing". */
  readonly indexedDB?: IDBFactory | undefined;
  readonly version?: number;
  readonly migrations?: readonly Migration[];
  /** Another tab is still open on an older version: the upgrade waits for it to let go. */
  readonly onBlocked?: () => void;
  /**
   * A newer version of Repère opened the database in another tab: this tab has let go of it and must reload.
   * Every write so far is already committed, so nothing is lost.
   */
  readonly onStale?: () => void;
}

type UpgradeTx = IDBPTransaction<RepereDB, StoreNames<RepereDB>[], 'versionchange'>;

/**
 * Opens the device's storage: IndexedDB when the browser allows it, else memory (the app still runs; nothing is kept),
 * with the history's reads from `queries`.
 */
export async function openStorageWith(queries: ResultsQueriesFactory, options: OpenStorageOptions = {}): Promise<RepereStorage> {
  const factory = 'indexedDB' in options ? options.indexedDB : globalThis.indexedDB;
  if (!factory) return openMemoryStorageWith(queries, 'unavailable');
  try {
    const db = await openDatabase(factory, options);
    return idbStorage(db, queries, options.onStale);
  } catch (error) {
    // Private modes refuse with InvalidStateError, SecurityError or UnknownError: run in memory rather than not at all.
    console.warn('Repère: IndexedDB refused, keeping data in memory only', error);
    return openMemoryStorageWith(queries, 'refused');
  }
}

function openDatabase(factory: IDBFactory, options: OpenStorageOptions): Promise<IDBPDatabase<RepereDB>> {
  const version = options.version ?? DB_VERSION;
  const migrations = options.migrations ?? MIGRATIONS;
  return new Promise((resolve, reject) => {
    const request = factory.open(DB_NAME, version);
    request.addEventListener('upgradeneeded', (event) => {
      const db = wrap(request.result) as unknown as IDBPDatabase<RepereDB>;
      const tx = wrap(request.transaction as IDBTransaction) as unknown as UpgradeTx;
      runMigrations(db, tx, event.oldVersion, event.newVersion ?? version, migrations);
    });
    request.addEventListener('blocked', () => options.onBlocked?.());
    request.addEventListener('success', () => resolve(wrap(request.result) as unknown as IDBPDatabase<RepereDB>));
    request.addEventListener('error', () => reject(request.error ?? new DOMException('open failed', 'UnknownError')));
  });
}

function idbStorage(db: IDBPDatabase<RepereDB>, queries: ResultsQueriesFactory, onStale: (() => void) | undefined): RepereStorage {
  let closed = false;
  const isClosed = () => closed;
  db.addEventListener('versionchange', () => {
    closed = true;
    db.close();
    onStale?.();
  });
  return {
    backend: 'indexedDB',
    memoryReason: null,
    sessions: idbStore(db, 'sessions', isClosed),
    results: idbStore(db, 'results', isClosed),
    resultQueries: queries.idb(db, isClosed),
    settings: idbStore(db, 'settings', isClosed),
    outbox: idbStore(db, 'outbox', isClosed),
    places: idbStore(db, 'places', isClosed),
    placesMeta: idbStore(db, 'placesMeta', isClosed),
    async replacePlaces(meta, places) {
      if (closed) throw new StorageError('closed', 'places');
      let tx: IDBPTransaction<RepereDB, ['places', 'placesMeta'], 'readwrite'> | undefined;
      try {
        tx = db.transaction(['places', 'placesMeta'], 'readwrite');
        const done = tx.done;
        done.catch(() => {}); // awaited below, or superseded by the error that aborts it
        const placeStore = tx.objectStore('places');
        // Requests are queued without awaiting each one: the transaction stays active and commits once.
        void placeStore.clear().catch(() => {});
        for (const place of places) void placeStore.put(place).catch(() => {});
        void tx.objectStore('placesMeta').put(meta, PLACES_META_KEY).catch(() => {});
        await done;
      } catch (error) {
        // A request that threw before being queued leaves the transaction open: abort it, or half a dataset commits.
        try {
          tx?.abort();
        } catch {
          // already aborted by the browser (quota): nothing was written
        }
        throw toStorageError(error, 'places', closed);
      }
    },
    async queueBatches(entries, counted) {
      if (closed) throw new StorageError('closed', 'outbox');
      let tx: IDBPTransaction<RepereDB, ['outbox', 'results'], 'readwrite'> | undefined;
      try {
        tx = db.transaction(['outbox', 'results'], 'readwrite');
        const done = tx.done;
        done.catch(() => {});
        for (const entry of entries) void tx.objectStore('outbox').put(entry).catch(() => {});
        for (const result of counted) void tx.objectStore('results').put(result).catch(() => {});
        await done;
      } catch (error) {
        // As in replacePlaces: a request refused before it was queued must not let the others commit.
        try {
          tx?.abort();
        } catch {
          // already aborted
        }
        throw toStorageError(error, 'outbox', closed);
      }
    },
    async acquireLease(name, holder, now, ttlMs) {
      if (closed) throw new StorageError('closed', 'settings');
      try {
        const tx = db.transaction('settings', 'readwrite');
        const key = `lease:${name}` as const;
        const record = (await tx.store.get(key)) as { value: Lease } | undefined;
        const free = leaseIsFree(record?.value, holder, now);
        if (free) await tx.store.put({ key, value: { holder, until: new Date(now.getTime() + ttlMs).toISOString() } });
        await tx.done;
        return free;
      } catch (error) {
        throw toStorageError(error, 'settings', closed);
      }
    },
    async releaseLease(name, holder) {
      if (closed) return;
      try {
        const tx = db.transaction('settings', 'readwrite');
        const key = `lease:${name}` as const;
        const record = (await tx.store.get(key)) as { value: Lease } | undefined;
        if (record?.value.holder === holder) await tx.store.delete(key);
        await tx.done;
      } catch (error) {
        throw toStorageError(error, 'settings', closed);
      }
    },
    close() {
      closed = true;
      db.close();
    },
  };
}

/** The in-memory backend: the same API, gone when the page closes; the history's reads from `queries`. */
export function openMemoryStorageWith(queries: ResultsQueriesFactory, reason: MemoryReason): RepereStorage {
  const places = memoryStore<Place>((p) => p.id);
  const placesMeta = memoryStore<PlaceDatasetMeta>(null);
  const results = memoryStore<FinishedResult>((r) => r.id);
  const settings = memoryStore<SettingRecord>((s) => s.key);
  const outbox = memoryStore<OutboxEntry>((o) => o.id);
  return {
    backend: 'memory',
    memoryReason: reason,
    sessions: memoryStore<Session>((s) => s.id),
    results,
    resultQueries: queries.memory(results.map),
    settings,
    outbox,
    places,
    placesMeta,
    async replacePlaces(meta, list) {
      places.map.clear();
      for (const place of list) places.map.set(place.id, structuredClone(place));
      placesMeta.map.set(PLACES_META_KEY, structuredClone(meta));
    },
    async queueBatches(entries, counted) {
      for (const entry of entries) outbox.map.set(entry.id, structuredClone(entry));
      for (const result of counted) results.map.set(result.id, structuredClone(result));
    },
    // One page holds the memory: no other tab can share it, so the lease is always this page's.
    async acquireLease(name, holder, now, ttlMs) {
      const key = `lease:${name}` as const;
      const current = settings.map.get(key) as { value: Lease } | undefined;
      if (!leaseIsFree(current?.value, holder, now)) return false;
      settings.map.set(key, { key, value: { holder, until: new Date(now.getTime() + ttlMs).toISOString() } });
      return true;
    },
    async releaseLease(name, holder) {
      const key = `lease:${name}` as const;
      if ((settings.map.get(key) as { value: Lease } | undefined)?.value.holder === holder) settings.map.delete(key);
    },
    close() {},
  };
}
