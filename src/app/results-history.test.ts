import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { ALL_RESULTS } from '../domain/history-range';
import type { FinishedResult } from '../domain/result';
import { aFinishedResult, aV2FinishedResult } from '../domain/testing/finished-result';
import { StorageError } from '../storage/errors';
import { openStorage } from '../storage/open-storage';
import { HISTORY_BATCH_SIZE, applyRetention, foldResults, saveObservation, writeResultsFile, type StreamedFileWriter } from './results-history';

const NOW = new Date('2026-12-07T10:00:00.000Z');
const noPause = async () => {};
const text = (parts: readonly Uint8Array[]) => parts.map((part) => new TextDecoder().decode(part)).join('');

async function deviceWith(results: readonly FinishedResult[]) {
  const storage = await openStorage({ indexedDB: new IDBFactory() });
  await storage.queueBatches([], results);
  return storage;
}

/** A writer that lists the ids it was given, batch by batch. */
const idsWriter: StreamedFileWriter = { header: '[', rows: (results, first) => (first ? '' : ',') + results.map((r) => r.id).join(','), footer: ']' };

describe('an observation kept with its result', () => {
  it('is stored with the time of the change, and corrected later', async () => {
    const storage = await deviceWith([aV2FinishedResult('r1', '2026-12-01T10:00:00.000Z', { mode: 'guided' })]);
    expect(await saveObservation(storage, 'r1', { autonomy: 'fullySupported', themes: ['email'], durationMinutes: 30 }, NOW)).toBe(true);
    const later = new Date(NOW.getTime() + 86_400_000);
    expect(await saveObservation(storage, 'r1', { autonomy: 'partlyAutonomous', themes: ['email'], durationMinutes: 45 }, later)).toBe(true);
    expect((await storage.results.get('r1'))?.observation).toEqual({
      autonomy: 'partlyAutonomous',
      themes: ['email'],
      durationMinutes: 45,
      updatedAt: later.toISOString(),
    });
  });

  it('is not written when retention deleted its result meanwhile: nothing comes back to life', async () => {
    // a device in daily use (a result yesterday) holding one result of June
    const storage = await deviceWith([aV2FinishedResult('old', '2026-06-01T10:00:00.000Z', { mode: 'guided' }), aV2FinishedResult('yesterday', '2026-12-06T10:00:00.000Z')]);
    // the form is open on the June result; retention runs
    expect(await applyRetention({ storage, retentionDays: 90, now: () => NOW })).toEqual({ kind: 'applied', deleted: 1 });
    expect(await saveObservation(storage, 'old', { autonomy: 'autonomous', themes: [] }, NOW)).toBe(false);
    expect(await storage.results.get('old')).toBeUndefined();
  });

  it('on a full device, rejects with a quota error and the result keeps its previous observation', async () => {
    const before = { autonomy: 'autonomous' as const, themes: [], updatedAt: '2026-12-01T10:00:00.000Z' };
    const storage = await deviceWith([aV2FinishedResult('r1', '2026-12-01T10:00:00.000Z', { mode: 'guided', observation: before })]);
    vi.spyOn(storage.results, 'put').mockRejectedValueOnce(new StorageError('quota', 'results'));
    await expect(saveObservation(storage, 'r1', { autonomy: 'fullySupported', themes: ['health'] }, NOW)).rejects.toMatchObject({ reason: 'quota' });
    expect((await storage.results.get('r1'))?.observation).toEqual(before);
  });
});

describe('a file written batch by batch', () => {
  const results = Array.from({ length: 1_203 }, (_, i) =>
    // results of an older version (no v2 categories, no observation) among them
    (i % 7 === 0 ? aFinishedResult : aV2FinishedResult)(`r${String(i).padStart(5, '0')}`, new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString()),
  );

  it('holds every result of the range once, oldest first, and says how far it got', async () => {
    const storage = await deviceWith(results);
    const progress: number[] = [];
    const { parts, count } = await writeResultsFile({ storage, yieldToPage: noPause }, { range: ALL_RESULTS }, idsWriter, (done) => progress.push(done));
    expect(count).toBe(1_203);
    expect(JSON.parse(text(parts).replace(/(r\d+)/g, '"$1"'))).toEqual(results.map((r) => r.id));
    // one step per batch, the last one partial
    expect(progress).toEqual([...Array.from({ length: Math.floor(1_203 / HISTORY_BATCH_SIZE) }, (_, i) => (i + 1) * HISTORY_BATCH_SIZE), 1_203]);
  });

  it('holds the results picked by id, in date order, leaving out one deleted meanwhile', async () => {
    const storage = await deviceWith(results);
    await storage.results.delete('r00005');
    const { parts, count } = await writeResultsFile({ storage, yieldToPage: noPause }, { ids: ['r00009', 'r00005', 'r00002'] }, idsWriter);
    expect(count).toBe(2);
    expect(text(parts)).toBe('[r00002,r00009]');
  });

  it('stays whole when retention deletes results between two batches: each result is in it once or not at all', async () => {
    const storage = await deviceWith(results);
    const { parts } = await writeResultsFile(
      {
        storage,
        yieldToPage: async () => {
          // between batches, the daily retention removes the oldest results
          await storage.resultQueries.deleteFinishedBefore('2026-01-10T00:00:00.000Z');
        },
      },
      { range: ALL_RESULTS },
      idsWriter,
    );
    const ids = JSON.parse(text(parts).replace(/(r\d+)/g, '"$1"')) as string[];
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
  });
});

describe('counts folded batch by batch', () => {
  it('see every result once, and stop when cancelled', async () => {
    const storage = await deviceWith(Array.from({ length: 1_100 }, (_, i) => aV2FinishedResult(`r${i}`, new Date(Date.UTC(2026, 5, 1) + i * 60_000).toISOString())));
    expect(await foldResults({ storage, yieldToPage: noPause }, ALL_RESULTS, 0, (n, batch) => n + batch.length)).toBe(1_100);
    let batches = 0;
    const cancelled = await foldResults({ storage, yieldToPage: noPause }, ALL_RESULTS, 0, (n, batch) => (batches += 1, n + batch.length), () => batches >= 1);
    expect(cancelled).toBe(HISTORY_BATCH_SIZE);
  });
});

describe('retention at scale', () => {
  it('deletes by the date index only the results older than the delay', async () => {
    const storage = await deviceWith([
      aV2FinishedResult('older', '2026-09-07T09:59:59.000Z'),
      aV2FinishedResult('kept', '2026-09-07T10:00:00.000Z'),
      aV2FinishedResult('recent', '2026-12-06T10:00:00.000Z'),
    ]);
    expect(await applyRetention({ storage, retentionDays: 91, now: () => NOW })).toEqual({ kind: 'applied', deleted: 1 });
    expect((await storage.results.getAll()).map((r) => r.id).sort()).toEqual(['kept', 'recent']);
  });
});
