import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../src/domain/testing/respondent';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AggregateBatch } from '../src/domain/aggregate';
import type { BatchStore } from './batch-store';
import { openBatchStore } from './open-batch-store';
import { protectStats, statsOf, type StatsScope } from './compute-stats';
import { listWeeks, parseQuarter } from './iso-weeks';
import { quarterProtector, type QuarterProtector } from './quarter-protector';
import { makeBatch, makeBatchV3 } from './testing/make-batch';

const quarter = parseQuarter('2026-Q4')!;
const K = 5;

/** A quarter of batches: a few communes of Côte-d'Or and of the Doubs, each with a batch or two in some weeks. */
function quarterBatches(): AggregateBatch[] {
  const random = seededRandom(31);
  const communes = ['21231', '21054', '21452', '25056', '25388'];
  const batches: AggregateBatch[] = [];
  for (const code of communes) {
    for (const week of listWeeks(quarter.from, quarter.to)) {
      if (random() < 0.4) continue;
      const territory = { level: 'commune' as const, code };
      const weeks = { from: week, to: week };
      batches.push(makeBatchV3({ random, territory, weeks, size: 5 + Math.floor(random() * 10) }));
      if (random() < 0.3) batches.push(makeBatch({ random, territory, weeks }));
    }
  }
  return batches;
}

/** A collector's SQLite file holding them. */
async function storeOf(batches: readonly AggregateBatch[]): Promise<BatchStore> {
  folder = mkdtempSync(join(tmpdir(), 'repere-protector-'));
  const store = openBatchStore(join(folder, 'collector.db'));
  await store.saveAll(batches.map((batch) => ({ batch, contentHash: Buffer.alloc(32), tokenLabel: 'test', receivedOn: '2026-12-01' })));
  return store;
}

/** A store that only gives the sums (as PostgreSQL's does: no file to read from another thread). */
function sumsOnly(store: BatchStore): BatchStore {
  return { sumsByTerritory: (from: string, to: string) => store.sumsByTerritory(from, to) } as BatchStore;
}

const scopes: StatsScope[] = [{ level: 'all' }, { level: 'departement', code: '21' }, { level: 'commune', code: '25056' }, { level: 'region', code: '27' }];

let protector: QuarterProtector | null = null;
let store: BatchStore | null = null;
let folder: string | null = null;
afterEach(async () => {
  await protector?.close();
  await store?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
  protector = null;
  store = null;
  folder = null;
});

describe('quarterProtector', () => {
  it('reads and protects in a worker thread exactly as in the thread that asks, from the file or from given sums', async () => {
    const batches = quarterBatches();
    store = await storeOf(batches);
    expect(await store.offThread!.batchesIn(quarter.from, quarter.to)).toBe(batches.length);
    protector = quarterProtector({ inThreadBelow: 0 });
    const [inWorker, again] = await Promise.all([protector(store, quarter, K), protector(sumsOnly(store), quarter, K)]);
    const inThread = await quarterProtector({ inThreadBelow: Infinity })(store, quarter, K);
    expect(inThread).toEqual(protectStats(await store.sumsByTerritory(quarter.from, quarter.to), quarter, K));
    for (const scope of scopes) {
      for (const [from, to] of [[quarter.from, quarter.to], ['2026-W45', '2026-W45']] as const) {
        const query = { scope, from, to, quarter };
        const expected = statsOf(inThread, query);
        expect(statsOf(inWorker, query)).toEqual(expected);
        expect(statsOf(again, query)).toEqual(expected);
      }
    }
    // Something is hidden and something shown, or the comparison above proves little.
    const dijon = statsOf(inWorker, { scope: { level: 'commune', code: '21231' }, from: quarter.from, to: quarter.to, quarter });
    expect(JSON.stringify(dijon.format2.series)).toContain('null');
    expect(dijon.format2.period.total).toBeGreaterThan(0);
  });

  it('fails the protection with its reason when the worker runs out of memory, and the collector goes on', async () => {
    const batches = quarterBatches();
    store = await storeOf(batches);
    protector = quarterProtector({ inThreadBelow: 0, resourceLimits: { maxOldGenerationSizeMb: 2, maxYoungGenerationSizeMb: 1 } });
    await expect(protector(store, quarter, K)).rejects.toThrow(/the statistics worker stopped: .*out of memory/i);
    // A new worker for the next one (it fails the same way here, with the same limits), never a hang.
    await expect(protector(store, quarter, K)).rejects.toThrow(/the statistics worker stopped/);
    // A small quarter is still protected in this thread.
    const result = await quarterProtector({ inThreadBelow: 1000 })(store, quarter, K);
    const v2 = batches.filter((batch) => batch.format !== 1).length;
    expect(statsOf(result, { scope: { level: 'all' }, from: quarter.from, to: quarter.to, quarter }).format2.period.batches).toBe(v2);
  });
});
