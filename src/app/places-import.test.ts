import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { loadDemoPlaces } from '../content/demo-places';
import { importPlaces } from '../places/import-places';
import { openStorage, type RepereStorage } from '../storage/open-storage';
import { readPlacesMeta } from '../storage/places';
import { importPlacesFile, placesSourceName, refreshPlacesFromSource, type ImportProgress, type ImportRunner } from './places-import';

// The real files are read from ../shared (never committed here); CI has them at the same relative path.
const SHARED = join(import.meta.dirname, '../../../shared/data/places');
const BFC_V1 = readFileSync(join(SHARED, 'derived/bfc-ternum-derived-lieux-de-mediation-numerique-v1.csv'), 'utf8');
const NOW = new Date('2026-11-29T10:00:00Z');
const inThread: ImportRunner = async (text, source, onRows) => importPlaces(text, { source, onProgress: onRows });
const options = { source: 'bfc', licence: 'Licence Ouverte 2.0 (Etalab)' };

/** A device with the fictional demo dataset on it, as a new kiosk has. */
async function deviceWithDemo(): Promise<RepereStorage> {
  const storage = await openStorage({ indexedDB: new IDBFactory() });
  expect(storage.backend).toBe('indexedDB');
  const demo = await loadDemoPlaces();
  await storage.replacePlaces(demo.meta, demo.places);
  return storage;
}

const deps = (storage: RepereStorage, progress: ImportProgress[] = []) => ({
  storage,
  run: inThread,
  now: () => NOW,
  onProgress: (p: ImportProgress) => progress.push(p),
});

async function expectDemoUntouched(storage: RepereStorage) {
  expect(await readPlacesMeta(storage)).toMatchObject({ fictional: true, count: 8 });
  expect(await storage.places.getAll()).toHaveLength(8);
}

describe('importPlacesFile', () => {
  it('imports the real BFC file picked on the device, with a progress bar that only goes forward to the end', async () => {
    const storage = await deviceWithDemo();
    const progress: ImportProgress[] = [];
    const outcome = await importPlacesFile(deps(storage, progress), new Blob([BFC_V1]), options);
    expect(outcome).toMatchObject({ kind: 'imported', report: { shape: 'standard-v1-csv', rowsRead: 697, imported: 697 } });
    expect(await storage.places.getAll()).toHaveLength(697);
    expect(await readPlacesMeta(storage)).toMatchObject({ fictional: false, count: 697, source: 'bfc', importedAt: NOW.toISOString() });
    const ratios = progress.map((p) => p.ratio);
    expect(ratios).toEqual([...ratios].sort((a, b) => a - b));
    expect(new Set(progress.map((p) => p.stage))).toEqual(new Set(['reading', 'parsing', 'saving']));
    expect(ratios.at(-1)).toBe(1);
    expect(progress.filter((p) => p.stage === 'parsing').length).toBeGreaterThan(1);
  });

  it('says the licence of the raw BFC file (ODbL), not the Licence Ouverte of the national files', async () => {
    const storage = await deviceWithDemo();
    const raw = readFileSync(join(SHARED, 'data/bfc-ternum/bfc-ternum-dataset.csv'), 'utf8');
    const outcome = await importPlacesFile(deps(storage), new Blob([raw]), options);
    expect(outcome).toMatchObject({ kind: 'imported', report: { shape: 'bfc-ternum-raw-csv' } });
    expect((await readPlacesMeta(storage))?.licence).toMatch(/^ODbL/);
    // a national-standard file keeps the licence the caller gave
    await importPlacesFile(deps(storage), new Blob([BFC_V1]), options);
    expect((await readPlacesMeta(storage))?.licence).toBe('Licence Ouverte 2.0 (Etalab)');
  });

  it.each([
    ['an image', new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])]), 'notPlacesFile'],
    ['an empty file', new Blob(['']), 'empty'],
    ['a CSV of something else', new Blob(['nom;prix\npommes;2\n']), 'notPlacesFile'],
    ['a places header with no usable row', new Blob([BFC_V1.split('\n')[0] + '\n,,,,\n']), 'noPlaces'],
  ])('refuses %s with one clear reason and keeps the dataset in use', async (_name, file, reason) => {
    const storage = await deviceWithDemo();
    const outcome = await importPlacesFile(deps(storage), file, options);
    expect(outcome).toMatchObject({ kind: 'failed', reason });
    if (outcome.kind === 'failed') expect(outcome.detail.length).toBeGreaterThan(0);
    await expectDemoUntouched(storage);
  });

  it('keeps the dataset in use when saving fails (storage full)', async () => {
    const storage = await deviceWithDemo();
    const full = { ...storage, placesMeta: storage.placesMeta, replacePlaces: async () => Promise.reject(new Error('QuotaExceededError')) };
    const outcome = await importPlacesFile({ ...deps(storage), storage: full }, new Blob([BFC_V1]), options);
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'storage' });
    await expectDemoUntouched(storage);
  });
});

describe('refreshPlacesFromSource', () => {
  const URL = 'https://data.example.org/lieux.csv';
  type Call = { url: string; headers: Record<string, string> };

  /** A source that answers with the given responses in turn, and records what it was asked. */
  function source(...responses: Array<Response | Error>) {
    const calls: Call[] = [];
    const fetcher = (async (url: string, init?: RequestInit) => {
      calls.push({ url, headers: { ...(init?.headers as Record<string, string>) } });
      const next = responses.shift();
      if (!next) throw new Error('no more answers');
      if (next instanceof Error) throw next;
      return next;
    }) as typeof fetch;
    return { calls, fetcher };
  }
  const csv = (text: string, headers: Record<string, string> = {}) => new Response(text, { status: 200, headers });

  it('imports from the URL, then asks again conditionally and keeps the dataset when it has not changed', async () => {
    const storage = await deviceWithDemo();
    const { calls, fetcher } = source(
      csv(BFC_V1, { ETag: '"v1"', 'Last-Modified': 'Tue, 24 Nov 2026 08:00:00 GMT' }),
      new Response(null, { status: 304 }),
    );
    const first = await refreshPlacesFromSource({ ...deps(storage), fetcher }, { url: URL, ...options });
    expect(first).toMatchObject({ kind: 'imported', meta: { sourceUrl: URL, etag: '"v1"', count: 697 } });
    expect(calls[0]!.headers).toEqual({});

    const second = await refreshPlacesFromSource({ ...deps(storage), fetcher }, { url: URL, ...options });
    expect(second).toEqual({ kind: 'unchanged' });
    expect(calls[1]!.headers).toEqual({ 'If-None-Match': '"v1"', 'If-Modified-Since': 'Tue, 24 Nov 2026 08:00:00 GMT' });
    expect(await storage.places.getAll()).toHaveLength(697);
  });

  it.each([
    ['no network', new TypeError('Failed to fetch'), 'network'],
    ['a server error', new Response('oops', { status: 503 }), 'http'],
    ['a page that is not a places file', new Response('<html><body>Maintenance</body></html>', { status: 200 }), 'notPlacesFile'],
  ])('keeps the dataset in use on %s', async (_name, answer, reason) => {
    const storage = await deviceWithDemo();
    const { fetcher } = source(answer);
    const outcome = await refreshPlacesFromSource({ ...deps(storage), fetcher }, { url: URL, ...options });
    expect(outcome).toMatchObject({ kind: 'failed', reason });
    await expectDemoUntouched(storage);
  });

  it('does not send the validators of another source', async () => {
    const storage = await deviceWithDemo();
    const { calls, fetcher } = source(csv(BFC_V1, { ETag: '"a"' }), csv(BFC_V1));
    await refreshPlacesFromSource({ ...deps(storage), fetcher }, { url: URL, ...options });
    await refreshPlacesFromSource({ ...deps(storage), fetcher }, { url: 'https://other.example.org/x.csv', ...options });
    expect(calls[1]!.headers).toEqual({});
  });
});

describe('placesSourceName', () => {
  it('names a dataset after the file at the address, else its host', () => {
    expect(placesSourceName('https://www.data.gouv.fr/fr/datasets/r/lieux-de-mediation-numerique.csv')).toBe('lieux-de-mediation-numerique');
    expect(placesSourceName('https://data.example.org/')).toBe('data.example.org');
    expect(placesSourceName('https://data.example.org/export/Lieux%20BFC.json?format=v1')).toBe('Lieux BFC');
  });
});

