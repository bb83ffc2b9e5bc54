import { CountGraph } from './count-graph';

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
  const graph = new CountGraph();
  const ids = new Map<CountNode, number>();
  const nodes: CountNode[] = [];
  const sums: CountNode[] = [];
  const visit = (node: CountNode) => {
    // A count may be a part of several sums (a two-way table): it is looked at once.
    if (ids.has(node)) return;
    ids.set(node, graph.add(node.count, node.sensitive !== false));
    nodes.push(node);
    if (node.parts) {
      sums.push(node);
      node.parts.forEach(visit);
    }
  };
  (Array.isArray(roots) ? roots : [roots]).forEach(visit);
  for (const [a, b] of linked) {
    visit(a);
    visit(b);
  }
  // Sums are looked at in the order they were met.
  for (const sum of sums) graph.sum(ids.get(sum)!, sum.parts!.map((part) => ids.get(part)!));
  for (const [a, b] of linked) graph.link(ids.get(a)!, ids.get(b)!);
  const hidden = graph.suppress(k);
  return new Set(nodes.filter((node) => hidden[ids.get(node)!] === 1));
}
