import type { IDBPDatabase } from 'idb';
import { StorageError, toStorageError } from './errors';
import type { RepereDB, StoreName } from './schema';

/** One object store, the same whether it lives in IndexedDB or, when that is refused, in memory. */
export interface KeyedStore<V> {
  get(key: string): Promise<V | undefined>;
  getAll(): Promise<V[]>;
  count(): Promise<number>;
  /** `key` only for stores without an in-line key (placesMeta). Rejects with a StorageError. */
  put(value: V, key?: string): Promise<void>;
  delete(key: string): Promise<void>;
  clear(): Promise<void>;
}

type Value<N extends StoreName> = RepereDB[N]['value'];

/** A store backed by the IndexedDB database; every failure becomes a StorageError. */
export function idbStore<N extends StoreName>(
  db: IDBPDatabase<RepereDB>,
  name: N,
  isClosed: () => boolean,
): KeyedStore<Value<N>> {
  async function guard<T>(operation: () => Promise<T>): Promise<T> {
    if (isClosed()) throw new StorageError('closed', name);
    try {
      return await operation();
    } catch (error) {
      throw toStorageError(error, name, isClosed());
    }
  }
  return {
    get: (key) => guard(() => db.get(name, key)),
    getAll: () => guard(() => db.getAll(name)),
    count: () => guard(() => db.count(name)),
    put: (value, key) => guard(async () => void (await db.put(name, value, key))),
    delete: (key) => guard(() => db.delete(name, key)),
    clear: () => guard(() => db.clear(name)),
  };
}

/**
 * A store kept in memory only, for browsers that refuse IndexedDB (private mode). Values are cloned as IndexedDB would,
 * so a caller that mutates an object after saving it sees the same behaviour on both backends.
 */
export function memoryStore<V>(keyOf: ((value: V) => string) | null): KeyedStore<V> & { readonly map: Map<string, V> } {
  const map = new Map<string, V>();
  return {
    map,
    get: async (key) => (map.has(key) ? structuredClone(map.get(key)) : undefined),
    getAll: async () => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => structuredClone(v)),
    count: async () => map.size,
    put: async (value, key) => {
      const k = keyOf ? keyOf(value) : key;
      if (k === undefined) throw new TypeError('memoryStore.put needs a key for a store without an in-line key');
      map.set(k, structuredClone(value));
    },
    delete: async (key) => void map.delete(key),
    clear: async () => map.clear(),
  };
}
