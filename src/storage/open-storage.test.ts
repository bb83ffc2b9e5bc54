import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { countResults } from '../domain/aggregate';
import { DEFAULT_DEVICE_SETTINGS } from '../domain/device-settings';
import type { Place, PlaceDatasetMeta } from '../domain/place';
import type { FinishedResult } from '../domain/result';
import { startSession, type Session } from '../domain/session';
import { StorageError } from './errors';
import { MIGRATIONS } from './migrations';
import { openStorage } from './open-storage';
import { readPlacesMeta } from './places';
import { DB_VERSION, DB_VERSION_ADD_OUTBOX, DB_VERSION_ADD_PLACES, DB_VERSION_INITIAL, type OutboxEntry } from './schema';
import { latestSession } from './sessions';
import { readDeviceSettings, writeDeviceSettings } from './settings';

const aSession = (id: string, minute = 0): Session =>
  startSession({ id, now: new Date(Date.UTC(2026, 10, 29, 10, minute)), language: 'fr', mode: 'kiosk', questionnaireVersion: '1' });

const aResult = (id: string, finishedAt: string): FinishedResult => ({
  id,
  finishedAt,
  mode: 'kiosk',
  language: 'es',
  questionnaireVersion: '1',
  distanceLevel: 'learning',
  dsiOverall: 'narrow',
  dsiAreas: { information: 'basic', communication: 'aboveBasic', contentCreation: 'none', safety: 'none', problemSolving: 'basic' },
  illectronism: false,
  barriers: ['skills'],
  autonomy: 'partlyAutonomous',
  ageBand: 'from25to34',
  countedInBatch: null,
});

const aBatch = (id: string): OutboxEntry => ({
  id,
  createdAt: '2026-11-29T10:00:00.000Z',
  status: 'pending',
  attempts: 0,
  nextAttemptAt: null,
  refusedReason: null,
  batch: {
    format: 1,
    id,
    territory: { level: 'commune', code: '25056' },
    weeks: { from: '2026-W48', to: '2026-W48' },
    questionnaireVersion: '1',
    appVersion: 'test',
    total: 5,
    counts: countResults(['a', 'b', 'c', 'd', 'e'].map((r) => aResult(r, '2026-11-24T10:00:00.000Z'))),
  },
});

const aPlace = (id: string, postalCode = '25000'): Place => ({
  id,
  name: `Lieu ${id}`,
  street: '1 rue de la Paix',
  postalCode,
  commune: 'Besançon',
  inseeCode: '25056',
  lat: 47.24,
  lon: 6.02,
  services: ['Aide aux démarches administratives'],
  phone: null,
  website: null,
  openingHours: 'Mo-Fr 09:00-12:00',
});

const meta = (source: string, count: number): PlaceDatasetMeta => ({
  source,
  fictional: true,
  importedAt: '2026-11-29T10:00:00.000Z',
  updatedAt: null,
  count,
  licence: 'Licence Ouverte 2.0',
});

const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

afterEach(() => vi.restoreAllMocks());

describe('openStorage on IndexedDB', () => {
  it('creates every store the product needs on a new device', async () => {
    const storage = await openStorage({ indexedDB: new IDBFactory() });
    expect(storage.backend).toBe('indexedDB');
    await storage.sessions.put(aSession('s1'));
    await storage.results.put(aResult('r1', '2026-11-29T10:30:00.000Z'));
    await storage.outbox.put(aBatch('b1'));
    await storage.replacePlaces(meta('demo', 1), [aPlace('demo:1')]);
    await writeDeviceSettings(storage, { ...DEFAULT_DEVICE_SETTINGS, inactivitySeconds: 120 });
    expect(await storage.sessions.count()).toBe(1);
    expect(await storage.results.get('r1')).toMatchObject({ language: 'es' });
    expect(await storage.outbox.get('b1')).toMatchObject({ status: 'pending' });
    expect(await storage.places.get('demo:1')).toMatchObject({ commune: 'Besançon' });
    expect(await readPlacesMeta(storage)).toMatchObject({ source: 'demo', count: 1 });
    expect((await readDeviceSettings(storage)).inactivitySeconds).toBe(120);
    storage.close();
  });

  it('fills settings never written with the defaults', async () => {
    const storage = await openStorage({ indexedDB: new IDBFactory() });
    expect(await readDeviceSettings(storage)).toEqual(DEFAULT_DEVICE_SETTINGS);
  });

  it('fills the fields an older version never had, keeping what it set', async () => {
    const storage = await openStorage({ indexedDB: new IDBFactory() });
    // what version 0.1 wrote: no languages offered, no sync, no k…
    const old = { mode: 'mediatorTablet', defaultLanguage: 'ar', inactivitySeconds: 120, inseeCode: '25056', retentionDays: 30, location: null };
    await storage.settings.put({ key: 'device', value: old as never });
    expect(await readDeviceSettings(storage)).toEqual({ ...DEFAULT_DEVICE_SETTINGS, ...old });
    await storage.settings.put({ key: 'device', value: { ...old, sync: { enabled: true } } as never });
    expect((await readDeviceSettings(storage)).sync).toEqual({ enabled: true, collectorUrl: null, token: null });
  });

  it('resumes the session touched last', async () => {
    const storage = await openStorage({ indexedDB: new IDBFactory() });
    await storage.sessions.put(aSession('older', 1));
    await storage.sessions.put(aSession('newer', 7));
    await storage.sessions.put(aSession('middle', 3));
    expect((await latestSession(storage))?.id).toBe('newer');
    await storage.sessions.clear();
    expect(await latestSession(storage)).toBeUndefined();
  });
});

describe('migrations', () => {
  it('lists versions in order, one step per version, ending at the current version', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(MIGRATIONS.at(-1)?.version).toBe(DB_VERSION);
  });

  it.each([DB_VERSION_INITIAL, DB_VERSION_ADD_OUTBOX, DB_VERSION_ADD_PLACES])(
    'upgrades a device left at version %i without losing what it held',
    async (oldVersion) => {
      // given a device whose database was written by an older version of Repère
      const factory = new IDBFactory();
      const old = await openStorage({ indexedDB: factory, version: oldVersion });
      const session = aSession('in-progress');
      const results = [aResult('r-old', '2026-09-01T08:00:00.000Z'), aResult('r-new', '2026-11-20T08:00:00.000Z')];
      await old.sessions.put(session);
      for (const r of results) await old.results.put(r);
      await writeDeviceSettings(old, { ...DEFAULT_DEVICE_SETTINGS, inseeCode: '21231' });
      if (oldVersion >= DB_VERSION_ADD_OUTBOX) await old.outbox.put(aBatch('b-waiting'));
      old.close();

      // when the current version opens it
      const storage = await openStorage({ indexedDB: factory });

      // then everything is still there, and the new stores work
      expect(await storage.sessions.get('in-progress')).toEqual(session);
      expect(await storage.results.getAll()).toEqual([...results].sort((a, b) => a.id.localeCompare(b.id)));
      expect((await readDeviceSettings(storage)).inseeCode).toBe('21231');
      if (oldVersion >= DB_VERSION_ADD_OUTBOX) expect(await storage.outbox.get('b-waiting')).toEqual(aBatch('b-waiting'));
      await storage.outbox.put(aBatch('b-new'));
      await storage.replacePlaces(meta('demo', 1), [aPlace('demo:1')]);
      expect(await storage.places.count()).toBe(1);
      storage.close();

      // and the retention index covers the results written before it existed
      const raw = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = factory.open('repere');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      expect(raw.version).toBe(DB_VERSION);
      const keys = await new Promise<IDBValidKey[]>((resolve) => {
        const index = raw.transaction('results').objectStore('results').index('by-finishedAt');
        const request = index.getAllKeys(IDBKeyRange.upperBound('2026-10-01'));
        request.onsuccess = () => resolve(request.result);
      });
      expect(keys).toEqual(['r-old']);
      raw.close();

      // and the history's indexes (version 4) cover them too: counted by level and by mode without reading them
      const again = await openStorage({ indexedDB: factory });
      expect(await again.resultQueries.count({ from: null, to: null, level: results[0]!.distanceLevel, mode: null })).toBe(2);
      expect(await again.resultQueries.count({ from: null, to: null, level: null, mode: 'guided' })).toBe(0);
      expect((await again.resultQueries.page({ from: null, to: null, level: null, mode: results[0]!.mode }, 0, 1))[0]?.id).toBe('r-new');
      again.close();
    },
  );
});

describe('when IndexedDB is missing or refused', () => {
  it('runs in memory when the browser has no IndexedDB, and says so', async () => {
    const storage = await openStorage({ indexedDB: undefined });
    expect(storage.backend).toBe('memory');
    expect(storage.memoryReason).toBe('unavailable');
    await storage.sessions.put(aSession('s1'));
    expect((await latestSession(storage))?.id).toBe('s1');
  });

  it('runs in memory when opening throws (private mode SecurityError)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const refusing = {
      open: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const storage = await openStorage({ indexedDB: refusing });
    expect(storage.backend).toBe('memory');
    expect(storage.memoryReason).toBe('refused');
  });

  it('runs in memory when the open request fails (Firefox private mode InvalidStateError)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const factory = new IDBFactory();
    vi.spyOn(factory, 'open').mockImplementation(() => {
      const request = new EventTarget() as IDBOpenDBRequest & { error: DOMException };
      Object.defineProperty(request, 'error', { value: new DOMException('refused', 'InvalidStateError') });
      queueMicrotask(() => request.dispatchEvent(new Event('error')));
      return request;
    });
    const storage = await openStorage({ indexedDB: factory });
    expect(storage.memoryReason).toBe('refused');
    const place = aPlace('p1');
    await storage.replacePlaces(meta('demo', 1), [place]);
    expect(await storage.places.getAll()).toEqual([place]);
  });

  it('keeps memory values apart from the caller’s objects, as IndexedDB does', async () => {
    const storage = await openStorage({ indexedDB: undefined });
    const session = { ...aSession('s1'), answers: { q1: 'yes' } };
    await storage.sessions.put(session);
    (session.answers as Record<string, string>).q1 = 'changed after save';
    expect((await storage.sessions.get('s1'))?.answers).toEqual({ q1: 'yes' });
  });
});

describe('when the device is full', () => {
  it('rejects the write with a quota StorageError and keeps what was stored before', async () => {
    // given a session already saved
    const storage = await openStorage({ indexedDB: new IDBFactory() });
    const saved = aSession('s1');
    await storage.sessions.put(saved);
    // when the disk fills up and the next answer is saved
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw quotaError();
    });
    const next = { ...saved, answers: { q1: 'yes' }, updatedAt: '2026-11-29T10:01:00.000Z' };
    const failure = await storage.sessions.put(next).catch((e: unknown) => e);
    // then the error says why, the caller's state is untouched and the stored one is intact
    expect(failure).toBeInstanceOf(StorageError);
    expect(failure).toMatchObject({ reason: 'quota', store: 'sessions' });
    expect(next.answers).toEqual({ q1: 'yes' });
    vi.restoreAllMocks();
    expect(await storage.sessions.get('s1')).toEqual(saved);
  });

  it('leaves the previous places dataset whole when the new one does not fit', async () => {
    const storage = await openStorage({ indexedDB: new IDBFactory() });
    await storage.replacePlaces(meta('demo', 2), [aPlace('demo:1'), aPlace('demo:2')]);
    const realPut = IDBObjectStore.prototype.put;
    let writes = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (++writes > 50) throw quotaError();
      return realPut.apply(this, args);
    });
    const big = Array.from({ length: 200 }, (_, i) => aPlace(`national:${i}`));
    const failure = await storage.replacePlaces(meta('national', 200), big).catch((e: unknown) => e);
    expect(failure).toMatchObject({ reason: 'quota', store: 'places' });
    vi.restoreAllMocks();
    expect((await storage.places.getAll()).map((p) => p.id)).toEqual(['demo:1', 'demo:2']);
    expect(await readPlacesMeta(storage)).toMatchObject({ source: 'demo', count: 2 });
  });
});

describe('when another tab opens a newer version', () => {
  it('lets the new version upgrade, tells the old tab to reload, and loses nothing', async () => {
    // given a tab open on the previous version with a session saved
    const factory = new IDBFactory();
    const onStale = vi.fn();
    const oldTab = await openStorage({ indexedDB: factory, version: DB_VERSION_ADD_OUTBOX, onStale });
    await oldTab.sessions.put(aSession('s1'));

    // when a new version of the app opens the database in another tab
    const newTab = await openStorage({ indexedDB: factory, onBlocked: vi.fn() });

    // then the old tab was told, has let go, and refuses further writes with a clear reason
    expect(onStale).toHaveBeenCalledOnce();
    expect(await oldTab.sessions.put(aSession('s2')).catch((e: unknown) => e)).toMatchObject({ reason: 'closed' });
    // and the new tab has the session the old one wrote
    expect(newTab.backend).toBe('indexedDB');
    expect((await newTab.sessions.getAll()).map((s) => s.id)).toEqual(['s1']);
    newTab.close();
  });

  it('waits, and says it is blocked, when the old tab does not let go', async () => {
    const factory = new IDBFactory();
    const raw = await new Promise<IDBDatabase>((resolve) => {
      const request = factory.open('repere', DB_VERSION_INITIAL);
      // the stores of the first version, as a build of that time created them
      request.onupgradeneeded = () => {
        request.result.createObjectStore('sessions', { keyPath: 'id' });
        request.result.createObjectStore('results', { keyPath: 'id' });
        request.result.createObjectStore('settings', { keyPath: 'key' });
      };
      request.onsuccess = () => resolve(request.result);
    });
    // an old tab that ignores versionchange (an old build, or a frozen tab)
    const onBlocked = vi.fn();
    const opening = openStorage({ indexedDB: factory, onBlocked });
    await vi.waitFor(() => expect(onBlocked).toHaveBeenCalled());
    raw.close();
    const storage = await opening;
    expect(storage.backend).toBe('indexedDB');
    await storage.outbox.put(aBatch('b1'));
    expect(await storage.outbox.count()).toBe(1);
  });
});

describe('queueBatches', () => {
  it('writes the batches and marks the results they count in one transaction', async () => {
    const storage = await openStorage({ indexedDB: new IDBFactory() });
    const results = ['r1', 'r2'].map((id) => aResult(id, '2026-11-24T10:00:00.000Z'));
    for (const result of results) await storage.results.put(result);
    await storage.queueBatches([aBatch('b1')], results.map((r) => ({ ...r, countedInBatch: 'b1' })));
    expect((await storage.outbox.get('b1'))?.batch.total).toBe(5);
    expect((await storage.results.getAll()).map((r) => r.countedInBatch)).toEqual(['b1', 'b1']);
  });

  it('writes nothing when the transaction fails: no result is marked counted without its batch', async () => {
    const storage = await openStorage({ indexedDB: new IDBFactory() });
    const result = aResult('r1', '2026-11-24T10:00:00.000Z');
    await storage.results.put(result);
    // A value IndexedDB cannot clone aborts the transaction after the first request was queued.
    const broken = { ...aBatch('b2'), batch: { ...aBatch('b2').batch, appVersion: (() => 'x') as unknown as string } };
    await expect(storage.queueBatches([aBatch('b1'), broken], [{ ...result, countedInBatch: 'b1' }])).rejects.toBeInstanceOf(StorageError);
    expect(await storage.outbox.count()).toBe(0);
    expect((await storage.results.get('r1'))?.countedInBatch).toBeNull();
  });
});

describe('leases (the outbox lock where Web Locks are missing)', () => {
  const NOW = new Date('2026-11-29T10:00:00Z');

  it('lets one holder in at a time, across two connections to the same database', async () => {
    const factory = new IDBFactory();
    const [tabA, tabB] = await Promise.all([openStorage({ indexedDB: factory }), openStorage({ indexedDB: factory })]);
    const attempts = await Promise.all([
      tabA.acquireLease('outbox', 'A', NOW, 60_000),
      tabB.acquireLease('outbox', 'B', NOW, 60_000),
    ]);
    expect(attempts.filter(Boolean)).toHaveLength(1);
  });

  it('is given back, renewed by its holder, and lapses by itself', async () => {
    const storage = await openStorage({ indexedDB: new IDBFactory() });
    expect(await storage.acquireLease('outbox', 'A', NOW, 60_000)).toBe(true);
    expect(await storage.acquireLease('outbox', 'A', NOW, 60_000)).toBe(true);
    expect(await storage.acquireLease('outbox', 'B', new Date(NOW.getTime() + 59_000), 60_000)).toBe(false);
    expect(await storage.acquireLease('outbox', 'B', new Date(NOW.getTime() + 60_000), 60_000)).toBe(true);
    await storage.releaseLease('outbox', 'A'); // no longer A's: nothing happens
    expect(await storage.acquireLease('outbox', 'A', new Date(NOW.getTime() + 61_000), 60_000)).toBe(false);
    await storage.releaseLease('outbox', 'B');
    expect(await storage.acquireLease('outbox', 'A', new Date(NOW.getTime() + 61_000), 60_000)).toBe(true);
  });
});
