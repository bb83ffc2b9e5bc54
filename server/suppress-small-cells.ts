/** A published count and, when it is a sum, the counts it adds up (which may be sums themselves). */
export interface CountNode {
  readonly count: number;
  readonly parts?: readonly CountNode[];
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
 * is none, the sum itself), until nothing changes. Two `linked` counts are the same number, so they are hidden
 * together: the 16-74 year-olds are a sum of age bands and the total of the DSI of the 16-74 year-olds. This protects
 * these tables; differences between other tables (a département minus its communes, two overlapping periods) are not
 * covered: see docs/API.md.
 */
export function suppressSmallCells(roots: CountNode | readonly CountNode[], k: number, linked: readonly LinkedCounts[] = []): Set<CountNode> {
  const sums: CountNode[] = [];
  const hidden = new Set<CountNode>();
  const visit = (node: CountNode) => {
    if (node.count > 0 && node.count < k) hidden.add(node);
    if (node.parts) {
      sums.push(node);
      node.parts.forEach(visit);
    }
  };
  (Array.isArray(roots) ? roots : [roots]).forEach(visit);

  for (let changed = true; changed; ) {
    changed = false;
    for (const [a, b] of linked) {
      if (hidden.has(a) === hidden.has(b)) continue;
      hidden.add(a).add(b);
      changed = true;
    }
    for (const sum of sums) {
      const parts = sum.parts!;
      const hiddenParts = parts.filter((part) => hidden.has(part)).length;
      const sumHidden = hidden.has(sum);
      if (sumHidden ? hiddenParts !== 0 : hiddenParts !== 1) continue;
      const candidates = parts.filter((part) => !hidden.has(part) && part.count > 0);
      const next = candidates.reduce<CountNode | undefined>((min, part) => (min && min.count <= part.count ? min : part), undefined);
      if (next) hidden.add(next);
      else if (!sumHidden) hidden.add(sum);
      else continue;
      changed = true;
    }
  }
  return hidden;
}
