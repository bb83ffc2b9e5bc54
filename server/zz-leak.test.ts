import { it, expect } from 'vitest';
import { computeStats } from './compute-stats';
import { flattenCounts } from './count-groups';
import { makeBatchV2 } from './testing/make-batch';
import { aV2FinishedResult } from '../src/domain/testing/finished-result';
import { seededRandom } from '../src/domain/testing/respondent';
it('leak', () => {
  const at = '2026-11-18T10:00:00.000Z';
  const results = [
    ...Array.from({ length: 15 }, (_, i) => aV2FinishedResult(`a${i}`, at)),
    ...Array.from({ length: 5 }, (_, i) => aV2FinishedResult(`s${i}`, at, { dsiOverall: 'basic', distanceLevel: 'autonomous', ageBand: 'from16to24' })),
    aV2FinishedResult('old', at, { ageBand: 'from75' }),
  ];
  const b = makeBatchV2({ random: seededRandom(1), results });
  const stats = computeStats({ 1: [], 2: [{ week: '2026-W47', batches: 1, total: b.total, counts: flattenCounts(b) }] }, { scope: { level: 'all' }, from: '2026-W47', to: '2026-W47' }, 5);
  const c = stats.format2.period.counts as any;
  console.log(c.dsiOverall, c.dsiOverall16to74, c.ageBand, stats.format2.period.aged16to74);
});
