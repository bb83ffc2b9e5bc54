import { wrap, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Place, PlaceDatasetMeta } from '../domain/place';
import type { FinishedResult } from '../domain/result';
import type { Session } from '../domain/session';
import { StorageError, toStorageError } from './errors';
import { idbStore, memoryStore, type KeyedStore } from './keyed-store';
import { MIGRATIONS, runMigrations, type Migration } from './migrations';
import { DB_NAME, DB_VERSION, PLACES_META_KEY, type OutboxEntry, type RepereDB, type SettingRecord } from './schema';

/** Why the app keeps things in memory only: no IndexedDB at all, or a browser that refuses it (private mode). */
export type MemoryReason = 'unavailable' | 'refused';

/** Everything Repère keeps on the device, behind one object whose backend is IndexedDB or, failing that, memory. */
export interface RepereStorage {
  readonly backend: 'indexedDB' | 'memory';
  /** Set when backend is memory: the UI shows a discreet notice that nothing is kept. */
  readonly memoryReason: MemoryReason | null;
  readonly sessions: KeyedStore<Session>;
  readonly results: KeyedStore<FinishedResult>;
  readonly settings: KeyedStore<SettingRecord>;
  readonly outbox: KeyedStore<OutboxEntry>;
  readonly places: KeyedStore<Place>;
  readonly placesMeta: KeyedStore<PlaceDatasetMeta>;
  /** Swaps the whole places dataset and its description in one transaction: all or nothing. */
  replacePlaces(meta: PlaceDatasetMeta, places: readonly Place[]): Promise<void>;
  close(): void;
}

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
 * Opens the device's storage: IndexedDB when the browser allows it, else memory (the app still runs; nothing is kept).
 */
export async function openStorage(options: OpenStorageOptions = {}): Promise<RepereStorage> {
  const factory = 'indexedDB' in options ? options.indexedDB : globalThis.indexedDB;
  if (!factory) return openMemoryStorage('unavailable');
  try {
    const db = await openDatabase(factory, options);
    return idbStorage(db, options.onStale);
  } catch (error) {
    // Private modes refuse with InvalidStateError, SecurityError or UnknownError: run in memory rather than not at all.
    console.warn('Repère: IndexedDB refused, keeping data in memory only', error);
    return openMemoryStorage('refused');
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

function idbStorage(db: IDBPDatabase<RepereDB>, onStale: (() => void) | undefined): RepereStorage {
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
    close() {
      closed = true;
      db.close();
    },
  };
}

/** The in-memory backend: the same API, gone when the page closes. */
export function openMemoryStorage(reason: MemoryReason): RepereStorage {
  const places = memoryStore<Place>((p) => p.id);
  const placesMeta = memoryStore<PlaceDatasetMeta>(null);
  return {
    backend: 'memory',
    memoryReason: reason,
    sessions: memoryStore<Session>((s) => s.id),
    results: memoryStore<FinishedResult>((r) => r.id),
    settings: memoryStore<SettingRecord>((s) => s.key),
    outbox: memoryStore<OutboxEntry>((o) => o.id),
    places,
    placesMeta,
    async replacePlaces(meta, list) {
      places.map.clear();
      for (const place of list) places.map.set(place.id, structuredClone(place));
      placesMeta.map.set(PLACES_META_KEY, structuredClone(meta));
    },
    close() {},
  };
}
