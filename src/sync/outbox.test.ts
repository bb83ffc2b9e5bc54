import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { Territory } from '../domain/aggregate';
import type { FinishedResult } from '../domain/result';
import { aFinishedResult } from '../domain/testing/finished-result';
import { openStorage, type RepereStorage } from '../storage/open-storage';
import {
  BACKOFF_BASE_MS,
  BACKOFF_MAX_MS,
  backoffMs,
  flushOutbox,
  pruneSent,
  queueNewBatches,
  requeueRefused,
  withOutboxLock,
  type FlushDeps,
} from './outbox';

const TERRITORY: Territory = { level: 'commune', code: '25056' };
/** Wednesday 2 December 2026: week 49 in progress, week 48 over. */
const NOW = new Date('2026-12-02T11:00:00Z');
const TARGET = { collectorUrl: 'https://collector.example.org/', token: 'tok-1' };

let serial = 0;
const result = (day: string): FinishedResult => aFinishedResult(`r${++serial}`, `${day}T10:00:00.000Z`);

/**
 * A collector as docs/API.md describes it, in memory: 201 stored, 200 same id and content, 409 same id other content.
 * `script` overrides the next answers (a status, or 'down' for a network error; 'lostAck' stores, then fails).
 */
function fakeCollector(script: Array<number | 'down' | 'lostAck' | Response> = []) {
  const stored = new Map<string, string>();
  const requests: Array<{ url: string; auth: string | null; id: string }> = [];
  const fetcher = (async (url: string, init: RequestInit) => {
    const body = String(init.body);
    const id = (JSON.parse(body) as { id: string }).id;
    requests.push({ url, auth: new Headers(init.headers).get('Authorization'), id });
    const next = script.shift();
    if (next === 'down') throw new TypeError('Failed to fetch');
    if (next instanceof Response) return next;
    if (typeof next === 'number') return new Response(JSON.stringify({ message: `refused with ${next}` }), { status: next });
    const had = stored.get(id);
    if (had !== undefined) return new Response('{}', { status: had === body ? 200 : 409 });
    stored.set(id, body);
    if (next === 'lostAck') throw new TypeError('connection reset');
    return new Response('{}', { status: 201 });
  }) as unknown as typeof fetch;
  return { stored, requests, fetcher };
}

async function deviceWith(results: FinishedResult[], factory = new IDBFactory()): Promise<RepereStorage> {
  const storage = await openStorage({ indexedDB: factory });
  expect(storage.backend).toBe('indexedDB');
  for (const r of results) await storage.results.put(r);
  return storage;
}

let ids = 0;
const queue = (storage: RepereStorage, now = NOW) =>
  queueNewBatches({ storage, territory: TERRITORY, k: 5, appVersion: '0.1.0', now: () => now, newId: () => `batch-${++ids}` });
const flushDeps = (storage: RepereStorage, fetcher: typeof fetch, now = NOW): FlushDeps => ({
  storage,
  target: TARGET,
  fetcher,
  now: () => now,
  random: () => 0.5,
});
const later = (ms: number) => new Date(NOW.getTime() + ms);

describe('queueNewBatches', () => {
  it('queues the batch and marks its results counted; a short week waits', async () => {
    const storage = await deviceWith([...Array.from({ length: 6 }, () => result('2026-11-24')), ...Array.from({ length: 2 }, () => result('2026-12-01'))]);
    expect(await queue(storage)).toEqual({ queued: 1, waiting: 2 });
    const [entry] = await storage.outbox.getAll();
    expect(entry).toMatchObject({ status: 'pending', attempts: 0, batch: { total: 6, territory: TERRITORY } });
    const counted = (await storage.results.getAll()).filter((r) => r.countedInBatch === entry!.id);
    expect(counted).toHaveLength(6);
    // run again: nothing counted twice
    expect(await queue(storage)).toEqual({ queued: 0, waiting: 2 });
    expect(await storage.outbox.count()).toBe(1);
  });
});

describe('flushOutbox', () => {
  async function oneQueued() {
    const storage = await deviceWith(Array.from({ length: 5 }, () => result('2026-11-24')));
    await queue(storage);
    return storage;
  }

  it('sends with the enrollment token and marks the batch sent once acknowledged', async () => {
    const storage = await oneQueued();
    const collector = fakeCollector();
    expect(await flushOutbox(flushDeps(storage, collector.fetcher))).toEqual({ sent: 1, retrying: 0, refused: 0, notDue: 0 });
    expect(collector.requests[0]).toMatchObject({ url: 'https://collector.example.org/api/v1/batches', auth: 'Bearer tok-1' });
    expect((await storage.outbox.getAll())[0]).toMatchObject({ status: 'sent', sentAt: NOW.toISOString() });
    // a second flush sends nothing
    await flushOutbox(flushDeps(storage, collector.fetcher));
    expect(collector.requests).toHaveLength(1);
  });

  it('reaches a collector behind a proxy under a path, with or without its last slash (docs/DEPLOY.md)', async () => {
    for (const collectorUrl of ['https://region.example.fr/collecteur/', 'https://region.example.fr/collecteur']) {
      const storage = await oneQueued();
      const collector = fakeCollector();
      await flushOutbox({ ...flushDeps(storage, collector.fetcher), target: { ...TARGET, collectorUrl } });
      expect(collector.requests[0]?.url).toBe('https://region.example.fr/collecteur/api/v1/batches');
    }
  });

  it('keeps the batch when the network is down, and tries again after a backoff', async () => {
    const storage = await oneQueued();
    const collector = fakeCollector(['down']);
    expect(await flushOutbox(flushDeps(storage, collector.fetcher))).toMatchObject({ retrying: 1 });
    const [entry] = await storage.outbox.getAll();
    expect(entry).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Failed to fetch' });
    expect(Date.parse(entry!.nextAttemptAt!) - NOW.getTime()).toBe(backoffMs(1, () => 0.5));
    // not due yet: not sent
    expect(await flushOutbox(flushDeps(storage, collector.fetcher, later(1000)))).toMatchObject({ notDue: 1, sent: 0 });
    expect(await flushOutbox(flushDeps(storage, collector.fetcher, later(BACKOFF_BASE_MS)))).toMatchObject({ sent: 1 });
    expect(collector.stored.size).toBe(1);
  });

  it('retries a 5xx and a 408, and waits at least what a 429 asks', async () => {
    const storage = await oneQueued();
    const tooMany = new Response('{"message":"slow down"}', { status: 429, headers: { 'Retry-After': '600' } });
    const collector = fakeCollector([503, 408, tooMany]);
    let at = NOW;
    for (const expected of [1, 2, 3]) {
      await flushOutbox(flushDeps(storage, collector.fetcher, at));
      const [entry] = await storage.outbox.getAll();
      expect(entry).toMatchObject({ status: 'pending', attempts: expected });
      if (expected === 3) expect(Date.parse(entry!.nextAttemptAt!) - at.getTime()).toBeGreaterThanOrEqual(600_000);
      at = new Date(Date.parse(entry!.nextAttemptAt!));
    }
    await flushOutbox(flushDeps(storage, collector.fetcher, at));
    expect((await storage.outbox.getAll())[0]!.status).toBe('sent');
  });

  it.each([400, 401, 409, 413, 415])('parks a batch refused with %i, with the collector’s reason, and never retries it', async (status) => {
    const storage = await oneQueued();
    const collector = fakeCollector([status]);
    expect(await flushOutbox(flushDeps(storage, collector.fetcher))).toMatchObject({ refused: 1 });
    expect((await storage.outbox.getAll())[0]).toMatchObject({ status: 'refused', refusedReason: `HTTP ${status} — refused with ${status}` });
    await flushOutbox(flushDeps(storage, collector.fetcher, later(BACKOFF_MAX_MS * 2)));
    expect(collector.requests).toHaveLength(1);
  });

  it('sends a batch again when the acknowledgement was lost, and the collector keeps it once', async () => {
    const storage = await oneQueued();
    const collector = fakeCollector(['lostAck']);
    await flushOutbox(flushDeps(storage, collector.fetcher));
    expect((await storage.outbox.getAll())[0]!.status).toBe('pending');
    await flushOutbox(flushDeps(storage, collector.fetcher, later(BACKOFF_BASE_MS)));
    expect((await storage.outbox.getAll())[0]!.status).toBe('sent');
    expect(collector.requests.map((r) => r.id)).toEqual([collector.requests[0]!.id, collector.requests[0]!.id]);
    expect(collector.stored.size).toBe(1);
  });

  it('stops trying other batches in a flush once the network is down', async () => {
    const storage = await deviceWith([...Array.from({ length: 5 }, () => result('2026-11-10')), ...Array.from({ length: 5 }, () => result('2026-11-17'))]);
    await queue(storage);
    const collector = fakeCollector(['down']);
    expect(await flushOutbox(flushDeps(storage, collector.fetcher))).toEqual({ sent: 0, retrying: 1, refused: 0, notDue: 1 });
    expect(collector.requests).toHaveLength(1);
  });
});

describe('two tabs flushing at once (lease in IndexedDB, no Web Locks)', () => {
  it('sends every batch exactly once', async () => {
    const factory = new IDBFactory();
    const tabA = await deviceWith(
      [...Array.from({ length: 5 }, () => result('2026-11-10')), ...Array.from({ length: 5 }, () => result('2026-11-17'))],
      factory,
    );
    await queue(tabA);
    const tabB = await openStorage({ indexedDB: factory });
    const collector = fakeCollector();
    const flush = (storage: RepereStorage, holder: string) =>
      withOutboxLock({ locks: undefined, storage, holder, now: () => NOW }, () => flushOutbox(flushDeps(storage, collector.fetcher)));
    const outcomes = await Promise.all([flush(tabA, 'A'), flush(tabB, 'B')]);
    expect(outcomes.filter((o) => o === 'busy')).toHaveLength(1);
    expect(collector.requests).toHaveLength(2);
    expect(new Set(collector.requests.map((r) => r.id)).size).toBe(2);
    // the lease was given back: the next flush may run
    expect(await flush(tabB, 'B')).toEqual({ sent: 0, retrying: 0, refused: 0, notDue: 0 });
  });
});

describe('requeueRefused', () => {
  it('puts refused batches back to wait when the sending settings change, and the corrected token gets them through', async () => {
    const storage = await deviceWith(Array.from({ length: 5 }, () => result('2026-11-24')));
    await queue(storage);
    const collector = fakeCollector([401]);
    await flushOutbox(flushDeps(storage, collector.fetcher));
    expect((await storage.outbox.getAll())[0]!.status).toBe('refused');
    expect(await requeueRefused(storage)).toBe(1);
    expect((await storage.outbox.getAll())[0]).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: null, refusedReason: null });
    expect(await flushOutbox(flushDeps(storage, collector.fetcher))).toMatchObject({ sent: 1 });
    expect(collector.stored.size).toBe(1);
  });

  it('leaves sent and waiting batches alone', async () => {
    const storage = await deviceWith([...Array.from({ length: 5 }, () => result('2026-11-10')), ...Array.from({ length: 5 }, () => result('2026-11-17'))]);
    await queue(storage);
    await flushOutbox(flushDeps(storage, fakeCollector([201, 'down']).fetcher, NOW));
    expect(await requeueRefused(storage)).toBe(0);
    expect((await storage.outbox.getAll()).map((e) => e.status).sort()).toEqual(['pending', 'sent']);
  });
});

describe('backoffMs', () => {
  it('doubles from the base, with jitter between half and all of it, and is capped', () => {
    expect(backoffMs(1, () => 0)).toBe(BACKOFF_BASE_MS / 2);
    expect(backoffMs(3, () => 0.999_999)).toBeCloseTo(BACKOFF_BASE_MS * 4, -1);
    expect(backoffMs(40, () => 0.999_999)).toBeLessThanOrEqual(BACKOFF_MAX_MS);
  });
});

describe('pruneSent', () => {
  it('forgets batches sent more than 30 days ago, keeps the others', async () => {
    const storage = await deviceWith(Array.from({ length: 5 }, () => result('2026-11-24')));
    await queue(storage);
    const [entry] = await storage.outbox.getAll();
    await storage.outbox.put({ ...entry!, status: 'sent', sentAt: '2026-10-01T00:00:00.000Z' });
    await storage.outbox.put({ ...entry!, id: 'pending-one' });
    expect(await pruneSent(storage, NOW)).toBe(1);
    expect((await storage.outbox.getAll()).map((e) => e.id)).toEqual(['pending-one']);
  });
});
