import { describe, expect, it } from 'vitest';
import { seededRandom } from '../src/domain/testing/respondent';
import { EUROSTAT_AGE_BANDS, type AggregateBatchV2 } from '../src/domain/aggregate';
import { computeStats, type Cell } from './compute-stats';
import { LAYOUTS, groupOf, wholeOf, withheldGroupOf, withholdableGroupsOf, type BatchFormat } from './count-groups';
import { quarterOf } from './iso-weeks';
import { makeBatch, makeBatchV2, sumBatches } from './testing/make-batch';

const K = 5;
const random = seededRandom(404);
const small = (value: number) => value > 0 && value < K;

/**
 * One week holding a few small batches of a format, built as a device builds them; in format 2, some from an app that
 * always sends the DSI of the 16-74 year-olds (k = 1), the others withholding it when 1 to 4 are outside 16-74.
 */
function publishedRow(format: BatchFormat) {
  const batches = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
    format === 1 ? makeBatch({ random, size: 5 + Math.floor(random() * 12) }) : makeBatchV2({ random, size: 5 + Math.floor(random() * 12), k: random() < 0.3 ? 1 : K }),
  );
  const sums = { territory: { level: 'commune' as const, code: '21231' }, ...sumBatches(format, batches) };
  const stats = computeStats({ 1: format === 1 ? [sums] : [], 2: format === 2 ? [sums] : [] }, { scope: { level: 'all' }, from: '2026-W47', to: '2026-W47', quarter: quarterOf('2026-W47') }, K);
  const row = (format === 1 ? stats.period : stats.format2.period) as unknown as Record<string, unknown> & { total: Cell; counts: object };
  return { row, batches };
}

/** A shown sum with exactly one hidden part gives it away. */
function expectProtected(label: string, whole: Cell, parts: readonly Cell[]) {
  if (whole === null) return;
  const hidden = parts.filter((part) => part === null).length;
  expect(hidden, `${label}: one hidden part of a shown sum`).not.toBe(1);
}

const sumOf = (cells: readonly Cell[]): Cell => (cells.includes(null) ? null : (cells as number[]).reduce((a, b) => a + b, 0));
/** A difference anyone can work out from two shown numbers must not be a count below k. */
function expectNotSmall(label: string, a: Cell, b: Cell) {
  if (a !== null && b !== null) expect(small(a - b), `${label}: ${a} − ${b}`).toBe(false);
}

describe('computeStats hides nothing that the published numbers give away', () => {
  let withheldRows = 0;
  it.each([1, 2] as const)('in 400 random weeks of format %i', (format) => {
    for (let run = 0; run < 400; run += 1) {
      const { row, batches } = publishedRow(format);
      for (const group of LAYOUTS[format].groups) {
        const values = groupOf<Cell>(row.counts, group);
        const cells = group.keys.map((key) => values[key]!);
        for (const value of cells) if (value !== null) expect(small(value), `${group.path.join('.')}: a count below k shown`).toBe(false);
        if (!group.partition) {
          for (const value of cells) if (value !== null && row.total !== null) expect(small(row.total - value), 'a complement below k').toBe(false);
        } else if (group.subsetOf) {
          expectProtected(group.path.join('.'), row.aged16to74 as Cell, cells);
        } else {
          expectProtected(group.path.join('.'), row.total, cells);
        }
      }
      if (format === 2) {
        const counts = row.counts as Record<string, Record<string, Cell>>;
        const age = counts.ageBand!;
        const aged16to74 = row.aged16to74 as Cell;
        // The 16-74 year-olds of the age table: from its bands, as aged16to74 plus those left out (both published), or
        // as the total minus the ages outside 16-74. Known one way, it must not give away a hidden count the others.
        const bands16to74 = EUROSTAT_AGE_BANDS.map((band) => age[band]!);
        const outsideBands = [age.under16!, age.from75!, age.unknown!];
        const ageBandOutside = sumOf(outsideBands);
        const published16to74 = sumOf([aged16to74, row.aged16to74Withheld as Cell]);
        const ageBand16to74 = sumOf(bands16to74) ?? published16to74 ?? (row.total === null || ageBandOutside === null ? null : row.total - ageBandOutside);
        expectProtected('16-74 in the age table', ageBand16to74, bands16to74);
        expectProtected('16-74: aged16to74 and those left out', ageBand16to74, [aged16to74, row.aged16to74Withheld as Cell]);
        expectProtected('ages outside 16-74', ageBand16to74 === null || row.total === null ? null : row.total - ageBand16to74, outsideBands);
        expectProtected('illectronism known', row.illectronismKnown as Cell, [counts.illectronism!.yes!, counts.illectronism!.no!]);
        expectProtected('no use in 12 months', row.noUseIn12Months as Cell, [counts.lastUse!.moreThanYear!, counts.lastUse!.never!]);
        expectProtected('main barrier', row.withMainBarrier as Cell, [counts.mainBarrier!.motivation!, counts.mainBarrier!.access!, counts.mainBarrier!.skills!]);
        // Within the row: the DSI of all ages minus that of the 16-74 year-olds, category by category, and in total
        // (the people outside 16-74 of the batches that sent it, and all those of the batches that withheld it).
        for (const [category, all] of Object.entries(counts.dsiOverall!)) expectNotSmall(`dsiOverall.${category} − dsiOverall16to74.${category}`, all, counts.dsiOverall16to74![category]!);
        expectNotSmall('total − aged16to74', row.total, aged16to74);
        // The 16-74 year-olds left out: the age bands' minus aged16to74, published as aged16to74Withheld.
        expectNotSmall('16-74 of the age table − aged16to74', ageBand16to74, aged16to74);
        const v2 = batches as AggregateBatchV2[];
        const sent = v2.filter((batch) => batch.counts.dsiOverall16to74 !== null);
        expect(row.withheld16to74Batches).toBe(batches.length - sent.length);
        const leftOut = v2.filter((batch) => batch.counts.dsiOverall16to74 === null).reduce((sum, batch) => sum + EUROSTAT_AGE_BANDS.reduce((n, band) => n + batch.counts.ageBand[band], 0), 0);
        if (row.aged16to74Withheld !== null) expect(row.aged16to74Withheld).toBe(leftOut);
        if (ageBand16to74 !== null && aged16to74 !== null) expect(ageBand16to74 - aged16to74).toBe(leftOut);
        if (sent.length < batches.length) withheldRows += 1;
        else expect(ageBandOutside === null || aged16to74 === null || row.total === null || row.total - aged16to74 === ageBandOutside).toBe(true);
        // Like with like, for someone who knows the batches that withheld the table (from their own territory or week):
        // they know the DSI of the batches that sent it whenever dsiOverall is shown, and so its people outside 16-74.
        const group = withholdableGroupsOf(2)[0]!;
        const whole = wholeOf(2, group);
        const withheldDsi = (key: string) => v2.filter((batch) => withheldGroupOf(batch.counts, group) === null).reduce((sum, batch) => sum + batch.counts.dsiOverall[key as 'no']!, 0);
        const outsideWhereSent = whole.keys.map((key) => {
          const all = counts.dsiOverall![key]!;
          const inScope = counts.dsiOverall16to74![key]!;
          return all === null || inScope === null ? null : all - withheldDsi(key) - inScope;
        });
        for (const [index, outside] of outsideWhereSent.entries()) if (outside !== null) expect(small(outside), `like with like: outside 16-74 in ${whole.keys[index]}`).toBe(false);
        // …and, knowing also those batches' totals and ages, the number outside 16-74 of the others: at most one unknown.
        const sentTotal = sent.reduce((sum, batch) => sum + batch.total, 0);
        if (aged16to74 !== null && outsideWhereSent.filter((cell) => cell === null).length === 1) {
          const rest = sentTotal - aged16to74 - outsideWhereSent.reduce<number>((sum, cell) => sum + (cell ?? 0), 0);
          expect(small(rest), 'like with like: the one hidden category outside 16-74').toBe(false);
        }
      }
    }
    if (format === 2) expect(withheldRows, 'rows with a batch withholding its 16-74 table').toBeGreaterThan(50);
  });
});
