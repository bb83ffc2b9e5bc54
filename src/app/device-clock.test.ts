import { describe, expect, it } from 'vitest';
import { DEFAULT_DEVICE_SETTINGS, type DeviceSettings } from '../domain/device-settings';
import type { FinishedResult } from '../domain/result';
import { aFinishedResult } from '../domain/testing/finished-result';
import { openMemoryStorage, type RepereStorage } from '../storage/open-storage';
import { runSyncCycle } from '../sync/sync-cycle';
import { checkDeviceClock, confirmDeviceDate, readDeviceClock } from './device-clock';
import { applyRetention } from './results-history';

const DAY = 86_400_000;
/** Wednesday 2 December 2026, noon in Paris: the day the kiosk was last used with the right date. */
const TODAY = new Date('2026-12-02T11:00:00.000Z');
const daysAfter = (days: number) => new Date(TODAY.getTime() + days * DAY);

/** A kiosk with results of the last weeks (retention 90 days), its clock checked once today. */
async function kioskUsedToday(): Promise<{ storage: RepereStorage; results: FinishedResult[] }> {
  const storage = openMemoryStorage('unavailable');
  const results = [5, 9, 16, 20, 23, 30, 40].map((daysAgo, index) => aFinishedResult(`r${index}`, daysAfter(-daysAgo).toISOString()));
  for (const result of results) await storage.results.put(result);
  await checkDeviceClock({ storage, now: () => TODAY });
  return { storage, results };
}

const SETTINGS: DeviceSettings = {
  ...DEFAULT_DEVICE_SETTINGS,
  inseeCode: '25056',
  sync: { enabled: true, collectorUrl: 'https://collector.example.org', token: 'tok-1' },
};

/** A collector that takes every batch, and says which weeks it was sent. */
function collector() {
  const weeks: string[] = [];
  const fetcher = (async (_url: string, init: RequestInit) => {
    const batch = JSON.parse(String(init.body)) as { weeks: { from: string; to: string } };
    weeks.push(`${batch.weeks.from}/${batch.weeks.to}`);
    return new Response(JSON.stringify({ status: 'created' }), { status: 201 });
  }) as typeof fetch;
  return { weeks, fetcher };
}

const cycle = (storage: RepereStorage, now: Date, fetcher: typeof fetch) =>
  runSyncCycle({
    storage,
    settings: SETTINGS,
    fetcher,
    appVersion: '0.1.0',
    now: () => now,
    random: () => 0.5,
    newId: () => crypto.randomUUID(),
    locks: undefined,
    holder: 'test',
  });

describe('retention and a clock set wrong', () => {
  it('given a kiosk whose clock is set a year ahead, when retention runs, then nothing is deleted and the clock is said far ahead', async () => {
    const { storage, results } = await kioskUsedToday();
    const yearAhead = () => daysAfter(365);
    expect(await applyRetention({ storage, retentionDays: 90, now: yearAhead })).toEqual({ kind: 'held', clock: 'farAhead' });
    expect(await storage.results.count()).toBe(results.length);
    expect(await readDeviceClock({ storage, now: yearAhead })).toMatchObject({ trust: 'farAhead', latestSeen: TODAY });
  });

  it('given a year-ahead clock that a person used the kiosk with, then the new result does not make the date look right', async () => {
    const { storage, results } = await kioskUsedToday();
    const yearAhead = () => daysAfter(365);
    await storage.results.put(aFinishedResult('during-the-jump', yearAhead().toISOString()));
    expect(await applyRetention({ storage, retentionDays: 90, now: yearAhead })).toEqual({ kind: 'held', clock: 'farAhead' });
    expect(await storage.results.count()).toBe(results.length + 1);
  });

  it('given the clock put right again, then retention runs as usual: only the results of 30 and 40 days ago go', async () => {
    const { storage } = await kioskUsedToday();
    await applyRetention({ storage, retentionDays: 30, now: () => daysAfter(365) });
    expect(await applyRetention({ storage, retentionDays: 30, now: () => daysAfter(1) })).toEqual({ kind: 'applied', deleted: 2 });
  });

  it('given a clock moved back a year, then nothing is deleted and the clock is said behind', async () => {
    const { storage, results } = await kioskUsedToday();
    expect(await applyRetention({ storage, retentionDays: 1, now: () => daysAfter(-365) })).toEqual({ kind: 'held', clock: 'behind' });
    expect(await storage.results.count()).toBe(results.length);
  });

  it('given a device unused for four months, when a mediator confirms the date, then retention runs and the date stays trusted', async () => {
    const { storage } = await kioskUsedToday();
    const fourMonthsOn = () => daysAfter(120);
    expect(await applyRetention({ storage, retentionDays: 90, now: fourMonthsOn })).toEqual({ kind: 'held', clock: 'farAhead' });
    await confirmDeviceDate({ storage, now: fourMonthsOn });
    expect(await readDeviceClock({ storage, now: fourMonthsOn })).toMatchObject({ trust: 'plausible' });
    expect(await applyRetention({ storage, retentionDays: 90, now: fourMonthsOn })).toEqual({ kind: 'applied', deleted: 7 });
    expect(await applyRetention({ storage, retentionDays: 90, now: () => daysAfter(121) })).toEqual({ kind: 'applied', deleted: 0 });
  });

  it('given a device that has seen nothing, then its first check trusts the clock (there is nothing to lose)', async () => {
    const storage = openMemoryStorage('unavailable');
    expect(await applyRetention({ storage, retentionDays: 90, now: () => TODAY })).toEqual({ kind: 'applied', deleted: 0 });
  });
});

describe('anonymous batches and a clock set wrong', () => {
  it('given a clock a year ahead, then no batch is built (its weeks would be wrong); once the date is confirmed, they are', async () => {
    const { storage } = await kioskUsedToday();
    const { weeks, fetcher } = collector();
    const held = await cycle(storage, daysAfter(365), fetcher);
    expect(held).toMatchObject({ kind: 'done', queued: 0, clock: 'farAhead' });
    expect(await storage.outbox.count()).toBe(0);
    expect(weeks).toEqual([]);

    await confirmDeviceDate({ storage, now: () => TODAY });
    const done = await cycle(storage, TODAY, fetcher);
    expect(done).toMatchObject({ kind: 'done', clock: 'plausible' });
    expect(weeks.length).toBeGreaterThan(0);
  });

  it('given a batch queued while the clock was right, when the clock jumps, then that batch is still sent', async () => {
    const { storage } = await kioskUsedToday();
    const offline = (async () => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    await cycle(storage, TODAY, offline);
    const queued = await storage.outbox.count();
    expect(queued).toBeGreaterThan(0);
    const { weeks, fetcher } = collector();
    await cycle(storage, daysAfter(365 + 1), fetcher);
    expect(weeks).toHaveLength(queued);
  });
});
