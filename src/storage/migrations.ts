import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { DB_VERSION_ADD_HISTORY_INDEXES, DB_VERSION_ADD_OUTBOX, DB_VERSION_ADD_PLACES, DB_VERSION_INITIAL, type RepereDB } from './schema';

/**
 * One step of the schema. `migrate` runs synchronously inside the upgrade transaction: a step that moves data does it
 * with IndexedDB requests on `tx`, never with another await, or the transaction closes under it.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  migrate(
    db: IDBPDatabase<RepereDB>,
    tx: IDBPTransaction<RepereDB, StoreNames<RepereDB>[], 'versionchange'>,
  ): void;
}

/** Every schema step in order. Never edit a step that has shipped: add the next one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: DB_VERSION_INITIAL,
    name: 'sessions, results and settings',
    migrate(db) {
      db.createObjectStore('sessions', { keyPath: 'id' });
      db.createObjectStore('results', { keyPath: 'id' });
      db.createObjectStore('settings', { keyPath: 'key' });
    },
  },
  {
    version: DB_VERSION_ADD_OUTBOX,
    name: 'outbox of anonymous batches',
    migrate(db) {
      const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
      outbox.createIndex('by-status', 'status');
    },
  },
  {
    version: DB_VERSION_ADD_PLACES,
    name: 'places dataset, and results by date for retention',
    migrate(db, tx) {
      const places = db.createObjectStore('places', { keyPath: 'id' });
      places.createIndex('by-postalCode', 'postalCode');
      db.createObjectStore('placesMeta');
      // Retention deletes results by age: index the results that are already there.
      tx.objectStore('results').createIndex('by-finishedAt', 'finishedAt');
    },
  },
  {
    version: DB_VERSION_ADD_HISTORY_INDEXES,
    name: 'results by level and by mode, then date, for the history at scale',
    migrate(_db, tx) {
      // Built over the results already there, inside the upgrade: a year of results (~50 000) takes a second or two.
      const results = tx.objectStore('results');
      results.createIndex('by-level-finishedAt', ['distanceLevel', 'finishedAt']);
      results.createIndex('by-mode-finishedAt', ['mode', 'finishedAt']);
      results.createIndex('by-mode-level-finishedAt', ['mode', 'distanceLevel', 'finishedAt']);
    },
  },
];

/** Runs, in order, every migration above `oldVersion` up to `newVersion`. */
export function runMigrations(
  db: IDBPDatabase<RepereDB>,
  tx: IDBPTransaction<RepereDB, StoreNames<RepereDB>[], 'versionchange'>,
  oldVersion: number,
  newVersion: number,
  migrations: readonly Migration[] = MIGRATIONS,
): void {
  for (const step of migrations) {
    if (step.version > oldVersion && step.version <= newVersion) step.migrate(db, tx);
  }
}
