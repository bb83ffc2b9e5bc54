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
 * it is protected like the others; one that is not `sensitive` is never hidden for being small. Tables that add up
 * across rows (a département and its communes, a quarter and its weeks) are given as sums too, linked to the counts
 * they add up to (compute-stats.ts, protectQuarter): see docs/PRIVACY.md, "Differences between tables".
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

  /** How many parts of each sum are hidden, kept up to date by `hide`. */
  const hiddenParts = sums.map((sum) => sum.parts!.filter((part) => hidden.has(part)).length);
  /** What a sum needs hidden next, or null: a shown sum with one hidden part, a hidden sum with none, give it away. */
  const candidatesOf = (index: number): CountNode[] | null => {
    const sum = sums[index]!;
    const parts = sum.parts!;
    const sumHidden = hidden.has(sum);
    if (sumHidden ? hiddenParts[index] !== 0 : hiddenParts[index] !== 1) return null;
    const candidates = parts.filter((part) => !hidden.has(part) && part.count > 0);
    return candidates.length > 0 || sumHidden ? candidates : [sum];
  };

  // Which sums each count is a part of, and which counts it is linked to: hiding a count looks again at those only
  // (tables across territories and weeks hold hundreds of thousands of counts).
  const indexOf = new Map<CountNode, number>(sums.map((sum, index) => [sum, index]));
  const sumsOf = new Map<CountNode, number[]>();
  sums.forEach((sum, index) => {
    for (const part of sum.parts!) {
      const list = sumsOf.get(part);
      if (list) list.push(index);
      else sumsOf.set(part, [index]);
    }
  });
  const linksOf = new Map<CountNode, CountNode[]>();
  const link = (from: CountNode, to: CountNode) => {
    const list = linksOf.get(from);
    if (list) list.push(to);
    else linksOf.set(from, [to]);
  };
  for (const [a, b] of linked) {
    link(a, b);
    link(b, a);
  }
  // Sums to look at, first in the order they were met, so that the outcome does not depend on the order of hiding.
  const forced = new MinHeap();
  const choices = new MinHeap();
  const examine = (index: number) => {
    const candidates = candidatesOf(index);
    if (candidates?.length === 1) forced.push(index);
    else if (candidates && candidates.length > 1) choices.push(index);
  };
  const hide = (node: CountNode): void => {
    if (hidden.has(node)) return;
    hidden.add(node);
    for (const index of sumsOf.get(node) ?? []) hiddenParts[index]! += 1;
    // Two linked counts are the same number: hidden together, at once.
    for (const partner of linksOf.get(node) ?? []) hide(partner);
    for (const index of sumsOf.get(node) ?? []) examine(index);
    const own = indexOf.get(node);
    if (own !== undefined) examine(own);
  };
  for (const node of [...hidden]) {
    for (const partner of linksOf.get(node) ?? []) hide(partner);
  }
  sums.forEach((_, index) => examine(index));

  // Forced moves first (a link, or a sum with a single count left to hide), until none is left; only then a choice
  // (the smallest of several candidates, in the first sum met that needs one), and forced moves again. Choosing before
  // the forced moves are made would hide counts that a forced move makes needless.
  for (;;) {
    while (forced.size > 0) {
      const index = forced.pop();
      const candidates = candidatesOf(index);
      if (candidates?.length === 1) hide(candidates[0]!);
      else if (candidates && candidates.length > 1) choices.push(index);
    }
    let chose = false;
    while (choices.size > 0 && !chose) {
      const index = choices.pop();
      const candidates = candidatesOf(index);
      if (!candidates || candidates.length === 0) continue;
      if (candidates.length === 1) forced.push(index);
      else hide(candidates.reduce((min, part) => (min.count <= part.count ? min : part)));
      chose = true;
    }
    if (!chose) break;
  }
  return hidden;
}

/** A binary heap of sum indexes, smallest first; an index may be in it more than once (each pop looks again). */
class MinHeap {
  private readonly items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(value: number): void {
    const items = this.items;
    items.push(value);
    for (let at = items.length - 1; at > 0; ) {
      const parent = (at - 1) >> 1;
      if (items[parent]! <= value) break;
      items[at] = items[parent]!;
      items[parent] = value;
      at = parent;
    }
  }
  pop(): number {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      for (let at = 0; ; ) {
        const left = 2 * at + 1;
        const right = left + 1;
        let smallest = at;
        if (left < items.length && items[left]! < items[smallest]!) smallest = left;
        if (right < items.length && items[right]! < items[smallest]!) smallest = right;
        if (smallest === at) break;
        [items[at], items[smallest]] = [items[smallest]!, items[at]!];
        at = smallest;
      }
    }
    return top;
  }
}
