/**
 * A published count and, when it is a sum, the counts it adds up (which may be sums themselves). A count may be a part
 * of several sums: the cells of a two-way table are parts of their row and of their column.
 */
export interface CountNode {
  readonly count: number;
  readonly parts?: readonly CountNode[];
  /**
   * False for a count that nobody reads in the row, worked out only by someone who knows more than it (the DSI of the
   * batches that sent the 16-74 table, for whoever knows the others'): its being below k tells nothing of a person, so
   * it is not hidden for that, only for what it would give away, and with the counts it is linked to.
   */
  readonly sensitive?: false;
}

/** Two published counts that are the same number reached two ways (a sum of one table, the total of another). */
export type LinkedCounts = readonly [CountNode, CountNode];

/**
 * Which counts of a table (or of several tables, `roots`) to hide so that no number below k (other than 0) can be read
 * or worked out.
 *
 * Primary suppression hides every count from 1 to k - 1 (0 is shown: it singles nobody out). Secondary suppression
 * then closes the gaps subtraction would open: a shown sum with exactly one hidden part would reveal it, and a hidden
 * sum with all its parts shown is their sum; each time the smallest shown non-zero part is hidden too (or, when there
 * is none, the sum itself), until nothing changes. Where a single count can close a gap it is hidden first, before
 * any choice among several: a choice made earlier could hide a count that turns out not to be needed. Two `linked` counts are the same number, so they are hidden
 * together: the 16-74 year-olds are a sum of age bands and the total of the DSI of the 16-74 year-olds. A count that is
 * not published but follows from published ones (the DSI of the people outside 16-74) is given as a node too, so that
 * it is protected like the others; one that is not `sensitive` is never hidden for being small. This protects these
 * tables; differences between other tables (a département minus its communes, two overlapping periods) are not
 * covered: see docs/API.md.
 */
export function suppressSmallCells(roots: CountNode | readonly CountNode[], k: number, linked: readonly LinkedCounts[] = []): Set<CountNode> {
  const sums: CountNode[] = [];
  const hidden = new Set<CountNode>();
  const seen = new Set<CountNode>();
  const visit = (node: CountNode) => {
    // A count may be a part of several sums (a two-way table): it is looked at once.
    if (seen.has(node)) return;
    seen.add(node);
    if (node.count > 0 && node.count < k && node.sensitive !== false) hidden.add(node);
    if (node.parts) {
      sums.push(node);
      node.parts.forEach(visit);
    }
  };
  (Array.isArray(roots) ? roots : [roots]).forEach(visit);

  /** What a sum needs hidden next, or null: a shown sum with one hidden part, a hidden sum with none, give it away. */
  const candidatesOf = (sum: CountNode): CountNode[] | null => {
    const parts = sum.parts!;
    const hiddenParts = parts.filter((part) => hidden.has(part)).length;
    const sumHidden = hidden.has(sum);
    if (sumHidden ? hiddenParts !== 0 : hiddenParts !== 1) return null;
    const candidates = parts.filter((part) => !hidden.has(part) && part.count > 0);
    return candidates.length > 0 || sumHidden ? candidates : [sum];
  };
  // Forced moves first (a link, or a sum with a single count left to hide), until none is left; only then a choice
  // (the smallest of several candidates), and forced moves again. Choosing before the forced moves are made would
  // hide counts that a forced move makes needless.
  for (;;) {
    for (let forced = true; forced; ) {
      forced = false;
      for (const [a, b] of linked) {
        if (hidden.has(a) === hidden.has(b)) continue;
        hidden.add(a).add(b);
        forced = true;
      }
      for (const sum of sums) {
        const candidates = candidatesOf(sum);
        if (candidates?.length !== 1) continue;
        hidden.add(candidates[0]!);
        forced = true;
      }
    }
    const candidates = sums.map(candidatesOf).find((found) => found !== null && found.length > 1);
    if (!candidates) break;
    hidden.add(candidates.reduce((min, part) => (min.count <= part.count ? min : part)));
  }
  return hidden;
}
