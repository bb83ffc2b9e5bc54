import { describe, expect, it } from 'vitest';
import type { BatchStore, SumsByTerritory } from './batch-store';
import { parseQuarter, type Quarter } from './iso-weeks';
import { statsSource } from './stats-source';
import { protectStats } from './compute-stats';
import type { QuarterProtector } from './quarter-protector';
import { makeBatchV3, sumBatches } from './testing/make-batch';
import { seededRandom } from '../src/domain/testing/respondent';

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

  it('protects it again once a batch is stored', async () => {
    const { store, state } = countingStore();
    const source = statsSource(store, 5);
    await source(query);
    state.revision = 2;
    await Promise.all([source(query), source(query)]);
    expect(state.reads).toBe(2);
  });

  /** A store at revision 1 with no batch; at revision 2, with one batch of 12 results in Dijon. */
  function growingStore() {
    const state = { revision: 1 };
    const territory = { level: 'commune' as const, code: '21231' };
    const batch = makeBatchV3({ random: seededRandom(7), territory, weeks: { from: '2026-W45', to: '2026-W45' }, size: 12 });
    const store = {
      revision: async () => state.revision,
      sumsByTerritory: async (): Promise<SumsByTerritory> => ({ 1: [], 2: state.revision === 1 ? [] : [{ territory, ...sumBatches(2, [batch], '2026-W45') }] }),
    } as unknown as BatchStore;
    return { store, state };
  }
  /** Protects as the collector does, after `delayMs`, or fails when `fail` says so. */
  function slowProtector(control: { delayMs: number; fail?: boolean }): QuarterProtector {
    const protect = async (store: BatchStore, quarter: Quarter, k: number) => {
      const sums = await store.sumsByTerritory(quarter.from, quarter.to);
      await new Promise((done) => setTimeout(done, control.delayMs));
      if (control.fail) throw new Error('out of memory (a test)');
      return protectStats(sums, quarter, k);
    };
    protect.close = async () => undefined;
    return protect;
  }

  it('shows the figures protected before while a large quarter is protected again, then the new ones', async () => {
    const { store, state } = growingStore();
    const control = { delayMs: 0 };
    const source = statsSource(store, 5, { protect: slowProtector(control), freshWaitMs: 50 });
    expect((await source(query)).format2.period.batches).toBe(0);
    // A batch is stored; protecting the quarter again takes longer than a request may wait.
    state.revision = 2;
    control.delayMs = 400;
    // Answered before the protection ends: with the figures of before.
    expect((await source(query)).format2.period.batches).toBe(0);
    await new Promise((done) => setTimeout(done, 500));
    expect((await source(query)).format2.period.batches).toBe(1);
  });

  it('waits for the new figures when they come within the wait (a small collector: always fresh)', async () => {
    const { store, state } = growingStore();
    const control = { delayMs: 0 };
    const source = statsSource(store, 5, { protect: slowProtector(control), freshWaitMs: 300 });
    await source(query);
    state.revision = 2;
    control.delayMs = 20;
    expect((await source(query)).format2.period.batches).toBe(1);
  });

  it('does not make a request wait when the quarter took longer than the wait to protect last time', async () => {
    const { store, state } = growingStore();
    const control = { delayMs: 80 };
    const source = statsSource(store, 5, { protect: slowProtector(control), freshWaitMs: 40 });
    await source(query);
    state.revision = 2;
    // This time it would come within the wait; but a quarter that took 80 ms is not waited for.
    control.delayMs = 5;
    expect((await source(query)).format2.period.batches).toBe(0);
    await new Promise((done) => setTimeout(done, 50));
    expect((await source(query)).format2.period.batches).toBe(1);
  });

  it('runs one protection at a time and keeps at most one waiting, however many batches and requests come meanwhile', async () => {
    const { store, state } = growingStore();
    let protections = 0;
    let atOnce = 0;
    let mostAtOnce = 0;
    const control = { delayMs: 0 };
    const slow: QuarterProtector = Object.assign(
      async (from: BatchStore, quarter: Quarter, k: number) => {
        protections += 1;
        atOnce += 1;
        mostAtOnce = Math.max(mostAtOnce, atOnce);
        try {
          const sums = await from.sumsByTerritory(quarter.from, quarter.to);
          await new Promise((done) => setTimeout(done, control.delayMs));
          return protectStats(sums, quarter, k);
        } finally {
          atOnce -= 1;
        }
      },
      { close: async () => undefined },
    );
    const source = statsSource(store, 5, { protect: slow, freshWaitMs: 10 });
    await source(query);
    // Ten batches and ten requests while the quarter takes 400 ms to protect again: one protection runs, one waits for
    // the rest (it reads the latest revision when it starts).
    control.delayMs = 400;
    for (let batch = 0; batch < 10; batch += 1) {
      state.revision = 2 + batch;
      await source(query);
    }
    await new Promise((done) => setTimeout(done, 1_000));
    expect(mostAtOnce).toBe(1);
    expect(protections).toBe(3);
    // and the one that waited read the latest revision: a request now is answered from it, with no protection
    expect((await source(query)).format2.period.batches).toBe(1);
    expect(protections).toBe(3);
  });

  it('keeps showing the figures protected before when protecting again fails, and says so', async () => {
    const { store, state } = growingStore();
    const control = { delayMs: 0, fail: false };
    const errors: unknown[] = [];
    const source = statsSource(store, 5, { protect: slowProtector(control), freshWaitMs: 50, onError: (error) => errors.push(error) });
    await source(query);
    state.revision = 2;
    control.fail = true;
    expect((await source(query)).format2.period.batches).toBe(0);
    expect(String(errors[0])).toContain('out of memory');
    // With no figures protected before, the failure is the answer.
    const fresh = statsSource(store, 5, { protect: slowProtector(control) });
    await expect(fresh(query)).rejects.toThrow('out of memory');
    // Once it works again, the new figures come.
    control.fail = false;
    expect((await source(query)).format2.period.batches).toBe(1);
  });
});
