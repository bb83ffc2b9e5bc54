import { describe, expect, it } from 'vitest';
import { suppressSmallCells, type CountNode } from './suppress-small-cells';

const K = 5;
const leaves = (...counts: number[]) => counts.map((count): CountNode => ({ count }));
const table = (...counts: number[]) => {
  const parts = leaves(...counts);
  return { root: { count: counts.reduce((a, b) => a + b, 0), parts }, parts };
};
const shown = (hidden: Set<CountNode>, nodes: readonly CountNode[]) => nodes.map((node) => (hidden.has(node) ? null : node.count));

describe('suppressSmallCells', () => {
  it('shows every count of k or more, and zeros', () => {
    const { root, parts } = table(5, 0, 12, 7);
    expect(shown(suppressSmallCells(root, K), parts)).toEqual([5, 0, 12, 7]);
  });

  it('hides a count below k and the smallest other non-zero count, which would give it away', () => {
    const { root, parts } = table(3, 9, 6, 0);
    expect(shown(suppressSmallCells(root, K), parts)).toEqual([null, 9, null, 0]);
  });

  it('needs nothing more when two counts are already hidden', () => {
    const { root, parts } = table(2, 4, 10);
    expect(shown(suppressSmallCells(root, K), parts)).toEqual([null, null, 10]);
  });

  it('hides the total itself when it is below k', () => {
    const { root } = table(1, 2);
    expect(suppressSmallCells(root, K).has(root)).toBe(true);
  });

  it('protects nested sums: a shown sum never reveals a hidden part, a hidden sum is not the sum of shown parts', () => {
    // total 20 → notAssessed 0, assessed 20 → below 3 (3 "no"), at least basic 17 (10 basic, 7 above).
    const [no, basic, above] = leaves(3, 10, 7) as [CountNode, CountNode, CountNode];
    const below: CountNode = { count: 3, parts: [no] };
    const atLeast: CountNode = { count: 17, parts: [basic, above] };
    const notAssessed: CountNode = { count: 0 };
    const assessed: CountNode = { count: 20, parts: [below, atLeast] };
    const root: CountNode = { count: 20, parts: [notAssessed, assessed] };
    const hidden = suppressSmallCells(root, K);
    // "below" (3) is hidden, so "at least basic" (17 = 20 - 3) must be too, and then one of its parts.
    expect(shown(hidden, [root, notAssessed, assessed, below, atLeast, no, basic, above])).toEqual([20, 0, 20, null, null, null, 10, null]);
  });

  it('hides two linked counts together, and what would give away either', () => {
    // Ages: 6 aged 16-74 and 2 aged 75+ (total 8); the DSI of the 16-74 year-olds: 6 "narrow".
    const [inScope, older] = leaves(6, 2) as [CountNode, CountNode];
    const aged16to74: CountNode = { count: 6, parts: [inScope] };
    const ages: CountNode = { count: 8, parts: [aged16to74, older] };
    const [narrow] = leaves(6) as [CountNode];
    const dsi16to74: CountNode = { count: 6, parts: [narrow] };
    const alone = suppressSmallCells([ages, dsi16to74], K);
    // Unlinked, the DSI table shows 6 and 8 − 6 gives away the 2 aged 75+.
    expect(shown(alone, [narrow, dsi16to74])).toEqual([6, 6]);
    const linked = suppressSmallCells([ages, dsi16to74], K, [[aged16to74, dsi16to74]]);
    expect(shown(linked, [ages, aged16to74, inScope, older, dsi16to74, narrow])).toEqual([8, null, null, null, null, null]);
  });
});
