import { describe, expect, it } from 'vitest';
import type { BatchStore, SumsByTerritory } from './batch-store';
import { parseQuarter } from './iso-weeks';
import { statsSource } from './stats-source';

/** A store with no batch whose reads of a quarter's sums are counted, at a revision the test moves. */
function countingStore() {
  const state = { revision: 1, reads: 0 };
  const store = {
    revision: async () => state.revision,
    sumsByTerritory: async (): Promise<SumsByTerritory> => {
      state.reads += 1;
      // the read takes a moment, as on a real database: a second request comes while it runs
      await new Promise((done) => setTimeout(done, 20));
      return { 1: [], 2: [] };
    },
  } as unknown as BatchStore;
  return { store, state };
}

const quarter = parseQuarter('2026-Q4')!;
const query = { scope: { level: 'all' as const }, from: quarter.from, to: quarter.to, quarter };

describe('statsSource', () => {
  it('protects a quarter once for requests that come together (the page, its map and the API alike)', async () => {
    const { store, state } = countingStore();
    const source = statsSource(store, 5);
    const [page, map, api] = await Promise.all([source(query), source.departements(query), source(query)]);
    expect(state.reads).toBe(1);
    expect(page).toEqual(api);
    expect(map.size).toBe(0);
    // kept until a batch is stored
    await source(query);
    expect(state.reads).toBe(1);
  });

  it('protects it again once a batch is stored, never with the stale one kept beside', async () => {
    const { store, state } = countingStore();
    const source = statsSource(store, 5);
    await source(query);
    state.revision = 2;
    await Promise.all([source(query), source(query)]);
    expect(state.reads).toBe(2);
  });
});
