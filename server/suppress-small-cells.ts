/** A published count and, when it is a sum, the counts it adds up (which may be sums themselves). */
export interface CountNode {
  readonly count: number;
  readonly parts?: readonly CountNode[];
}

/**
 * Which counts of a table to hide so that no number below k (other than 0) can be read or worked out.
 *
 * Primary suppression hides every count from 1 to k - 1 (0 is shown: it singles nobody out). Secondary suppression
 * then closes the gaps subtraction would open: a shown sum with exactly one hidden part would reveal it, and a hidden
 * sum with all its parts shown is their sum; each time the smallest shown non-zero part is hidden too (or, when there
 * is none, the sum itself), until nothing changes. This protects one table; differences between tables (a
 * département minus its communes, two overlapping periods) are not covered: see docs/API.md.
 */
export function suppressSmallCells(root: CountNode, k: number): Set<CountNode> {
  const sums: CountNode[] = [];
  const hidden = new Set<CountNode>();
  const visit = (node: CountNode) => {
    if (node.count > 0 && node.count < k) hidden.add(node);
    if (node.parts) {
      sums.push(node);
      node.parts.forEach(visit);
    }
  };
  visit(root);

  for (let changed = true; changed; ) {
    changed = false;
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
