import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DISTANCE_RESULTS, type FinishedResult } from '../domain/result';
import { aFinishedResult } from '../domain/testing/finished-result';
import { seededRandom } from '../domain/testing/respondent';
import { openMemoryStorage, openStorage, type RepereStorage } from './open-storage';
import { openPageStorage } from './page-storage';
import { ALL_RESULTS, type ResultsRange } from './results-queries';

/** 600 results over three months, some in the same millisecond (a seeded device), of every level and both modes. */
function aYearOfResults(): FinishedResult[] {
  const random = seededRandom(14);
  return Array.from({ length: 600 }, (_, i) => {
    // every fifth result shares the instant of the one before it
    const minute = i % 5 === 4 ? i - 1 : i;
    const finishedAt = new Date(Date.UTC(2026, 8, 1) + minute * 3_600_000 * 3).toISOString();
    return aFinishedResult(`r${String(i).padStart(4, '0')}${Math.floor(random() * 1e6)}`, finishedAt, {
      distanceLevel: DISTANCE_RESULTS[Math.floor(random() * DISTANCE_RESULTS.length)]!,
      mode: random() < 0.3 ? 'guided' : 'kiosk',
    });
  });
}

const RANGES: Array<[string, ResultsRange]> = [
  ['everything', ALL_RESULTS],
  ['a month', { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z', level: null, mode: null }],
  ['one level', { from: null, to: null, level: 'firstSteps', mode: null }],
  ['guided sessions', { from: null, to: null, level: null, mode: 'guided' }],
  ['a level of guided sessions in a month', { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z', level: 'autonomous', mode: 'guided' }],
  ['an empty period', { from: '2030-01-01T00:00:00.000Z', to: null, level: null, mode: null }],
];

/** What a full read and sort would give: the reference the indexed reads are checked against. */
function expected(results: readonly FinishedResult[], range: ResultsRange): FinishedResult[] {
  return results
    .filter(
      (r) =>
        (range.from === null || r.finishedAt >= range.from) &&
        (range.to === null || r.finishedAt < range.to) &&
        (range.level === null || r.distanceLevel === range.level) &&
        (range.mode === null || r.mode === range.mode),
    )
    .sort((a, b) => (a.finishedAt < b.finishedAt ? -1 : a.finishedAt > b.finishedAt ? 1 : a.id < b.id ? -1 : 1));
}

const backends: Array<[string, () => Promise<RepereStorage>]> = [
  ['IndexedDB', () => openStorage({ indexedDB: new IDBFactory() })],
  ['memory', async () => openMemoryStorage('refused')],
  // the page's storage: the same reads, their code loaded at the first call
  ['IndexedDB, the page', () => openPageStorage({ indexedDB: new IDBFactory() })],
  ['memory, the page', () => openPageStorage({ indexedDB: undefined })],
];

describe.each(backends)('the history read by index (%s)', (_name, open) => {
  it.each(RANGES)('%s: counts, pages newest first, and batches oldest first give exactly the full sort', async (_range, range) => {
    // given a device with results
    const storage = await open();
    const results = aYearOfResults();
    for (const result of results) await storage.results.put(result);
    const reference = expected(results, range);

    // then the count is the reference's
    expect(await storage.resultQueries.count(range)).toBe(reference.length);
    // and pages of 50, newest first, cover it exactly
    const newest = [...reference].reverse();
    for (const offset of [0, 50, 100, Math.max(0, newest.length - 10)]) {
      const page = await storage.resultQueries.page(range, offset, 50);
      expect(page.map((r) => r.id)).toEqual(newest.slice(offset, offset + 50).map((r) => r.id));
    }
    // and batches of 37 read every result once, oldest first, across results sharing an instant
    const read: string[] = [];
    await storage.resultQueries.batches(range, 37, async (batch) => {
      read.push(...batch.map((r) => r.id));
    });
    expect(read).toEqual(reference.map((r) => r.id));
  });

  it('stops when the reader says so, and does not read a result deleted between two batches', async () => {
    const storage = await open();
    const results = aYearOfResults();
    for (const result of results) await storage.results.put(result);
    const reference = expected(results, ALL_RESULTS);
    const read: string[] = [];
    await storage.resultQueries.batches(ALL_RESULTS, 100, async (batch) => {
      read.push(...batch.map((r) => r.id));
      // retention deletes the next result meanwhile
      if (read.length === 100) await storage.results.delete(reference[100]!.id);
      return read.length < 300;
    });
    expect(read).toHaveLength(300);
    expect(read).not.toContain(reference[100]!.id);
    expect(new Set(read).size).toBe(300);
  });

  it('retention deletes by the date index the results before the cutoff, and those whose date is not one', async () => {
    const storage = await open();
    for (const result of [
      aFinishedResult('old', '2026-08-31T23:59:59.999Z'),
      aFinishedResult('kept', '2026-09-01T00:00:00.000Z'),
      aFinishedResult('broken', 'not a date'),
      aFinishedResult('empty', ''),
    ]) {
      await storage.results.put(result);
    }
    expect(await storage.resultQueries.deleteFinishedBefore('2026-09-01T00:00:00.000Z')).toBe(3);
    expect((await storage.results.getAll()).map((r) => r.id)).toEqual(['kept']);
  });
});
