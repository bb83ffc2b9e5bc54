/**
 * Published counts and the sums that tie them, held compactly: each count is an integer id, its number and whether it
 * is sensitive sit in typed arrays, and each sum (a count = the sum of other counts) is a run of ids. A quarter of a
 * Région's observatory holds millions of counts (every territory by every week, suppress-small-cells.ts): as objects
 * they took gigabytes and most of the time went to the garbage collector; here they take a few bytes each.
 *
 * `suppress(k)` is the rule of suppress-small-cells.ts (primary then secondary suppression, forced moves before any
 * choice, sums looked at in the order they were added), on ids.
 */
export class CountGraph {
  private readonly counts = ints();
  /** 1 for a count that is never hidden for being small (see CountNode.sensitive). */
  private readonly insensitive = new Vector((length) => new Uint8Array(length));
  private readonly totals = ints();
  /** Where each sum's parts start in `parts`; the first is 0, the last is where the next sum's will. */
  private readonly starts = ints();
  private readonly parts = ints();
  private readonly linkA = ints();
  private readonly linkB = ints();

  constructor() {
    this.starts.push(0);
  }

  get size(): number {
    return this.counts.length;
  }

  get sums(): number {
    return this.totals.length;
  }

  /** A new count; its id. */
  add(count: number, sensitive = true): number {
    this.counts.push(count);
    this.insensitive.push(sensitive ? 0 : 1);
    return this.counts.length - 1;
  }

  count(id: number): number {
    return this.counts.at(id);
  }

  /** `total` is the sum of `parts`: a published table (a count may be the total of several, and a part of several). */
  sum(total: number, parts: ArrayLike<number>): void {
    this.totals.push(total);
    for (let index = 0; index < parts.length; index += 1) this.parts.push(parts[index]!);
    this.starts.push(this.parts.length);
  }

  /** A new count that is the sum of `parts`; its id. */
  addSum(parts: ArrayLike<number>, sensitive = true): number {
    let count = 0;
    for (let index = 0; index < parts.length; index += 1) count += this.counts.at(parts[index]!);
    const id = this.add(count, sensitive);
    this.sum(id, parts);
    return id;
  }

  /** Two counts that are the same number reached two ways: hidden together. */
  link(a: number, b: number): void {
    this.linkA.push(a);
    this.linkB.push(b);
  }

  /**
   * The counts to hide so that no number from 1 to k − 1 can be read or worked out: `hidden[id]` is 1 for those.
   * Primary suppression hides every sensitive count from 1 to k − 1. Then, until nothing changes: a shown sum with
   * exactly one hidden part, or a hidden sum with every part shown, would give a hidden number away. Where a single count
   * closes such a gap it is hidden first (a forced move); only when none is left, the smallest shown non-zero part of the
   * first sum that needs a choice (or the sum itself when every part is 0 or hidden). Linked counts are hidden together.
   */
  suppress(k: number): Uint8Array {
    const nodes = this.counts.length;
    const sums = this.totals.length;
    const counts = this.counts.view();
    const totals = this.totals.view();
    const starts = this.starts.view();
    const parts = this.parts.view();
    const insensitive = this.insensitive.view();
    const hidden = new Uint8Array(nodes);
    for (let id = 0; id < nodes; id += 1) {
      const count = counts[id]!;
      if (count > 0 && count < k && insensitive[id] === 0) hidden[id] = 1;
    }
    // Which sums each count is a part of, which it is the total of, and which counts it is linked to.
    const partOf = invert(nodes, sums, starts, parts);
    const totalOf = invert(nodes, sums, rangeOfOne(sums), totals);
    const linkA = this.linkA.view();
    const linkB = this.linkB.view();
    const linkEnds = new Int32Array(linkA.length * 2);
    linkEnds.set(linkA);
    linkEnds.set(linkB, linkA.length);
    const linkFrom = new Int32Array(linkA.length * 2);
    linkFrom.set(linkB);
    linkFrom.set(linkA, linkA.length);
    // links: for each end, its partner (the other end).
    const links = invertPairs(nodes, linkEnds, linkFrom);

    const hiddenParts = new Int32Array(sums);
    for (let sum = 0; sum < sums; sum += 1) {
      let hiddenCount = 0;
      for (let at = starts[sum]!; at < starts[sum + 1]!; at += 1) hiddenCount += hidden[parts[at]!]!;
      hiddenParts[sum] = hiddenCount;
    }

    /** The count `state` chose: the only candidate, or the smallest of several. */
    let pick = -1;
    /** What a sum needs hidden next: NONE, ONE (pick) or MANY (pick = the smallest, the first met of equal ones). */
    const state = (sum: number): number => {
      const total = totals[sum]!;
      const sumHidden = hidden[total] === 1;
      if (sumHidden ? hiddenParts[sum] !== 0 : hiddenParts[sum] !== 1) return NONE;
      let candidates = 0;
      pick = -1;
      for (let at = starts[sum]!; at < starts[sum + 1]!; at += 1) {
        const part = parts[at]!;
        if (hidden[part] === 1 || counts[part]! <= 0) continue;
        candidates += 1;
        if (pick === -1 || counts[part]! < counts[pick]!) pick = part;
      }
      if (candidates === 0) {
        if (sumHidden) return NONE;
        pick = total;
        return ONE;
      }
      return candidates === 1 ? ONE : MANY;
    };
    const forced = new MinHeap();
    const choices = new MinHeap();
    const examine = (sum: number) => {
      const found = state(sum);
      if (found === ONE) forced.push(sum);
      else if (found === MANY) choices.push(sum);
    };
    const pending: number[] = [];
    const hide = (first: number): void => {
      pending.push(first);
      while (pending.length > 0) {
        const id = pending.pop()!;
        if (hidden[id] === 1) continue;
        hidden[id] = 1;
        for (let at = partOf.starts[id]!; at < partOf.starts[id + 1]!; at += 1) hiddenParts[partOf.items[at]!]! += 1;
        for (let at = links.starts[id]!; at < links.starts[id + 1]!; at += 1) pending.push(links.items[at]!);
        for (let at = partOf.starts[id]!; at < partOf.starts[id + 1]!; at += 1) examine(partOf.items[at]!);
        for (let at = totalOf.starts[id]!; at < totalOf.starts[id + 1]!; at += 1) examine(totalOf.items[at]!);
      }
    };
    // A count hidden as small hides what it is linked to.
    for (let id = 0; id < nodes; id += 1) {
      if (hidden[id] !== 1) continue;
      for (let at = links.starts[id]!; at < links.starts[id + 1]!; at += 1) {
        const partner = links.items[at]!;
        if (hidden[partner] !== 1) hide(partner);
      }
    }
    for (let sum = 0; sum < sums; sum += 1) examine(sum);

    for (;;) {
      while (forced.size > 0) {
        const sum = forced.pop();
        const found = state(sum);
        if (found === ONE) hide(pick);
        else if (found === MANY) choices.push(sum);
      }
      let chose = false;
      while (choices.size > 0 && !chose) {
        const sum = choices.pop();
        const found = state(sum);
        if (found === NONE) continue;
        if (found === ONE) forced.push(sum);
        else hide(pick);
        chose = true;
      }
      if (!chose) break;
    }
    return hidden;
  }
}

const NONE = 0;
const ONE = 1;
const MANY = 2;

/** Each sum's one total, as a run of one. */
function rangeOfOne(sums: number): Int32Array {
  const starts = new Int32Array(sums + 1);
  for (let index = 0; index <= sums; index += 1) starts[index] = index;
  return starts;
}

/** For each count, the sums whose runs (`starts`, `items`) hold it, in the order of the sums. */
function invert(nodes: number, sums: number, starts: Int32Array, items: Int32Array): { starts: Int32Array; items: Int32Array } {
  const counts = new Int32Array(nodes + 1);
  for (let at = 0; at < starts[sums]!; at += 1) counts[items[at]! + 1]! += 1;
  for (let id = 0; id < nodes; id += 1) counts[id + 1]! += counts[id]!;
  const fill = counts.slice(0, nodes);
  const inverted = new Int32Array(starts[sums]!);
  for (let sum = 0; sum < sums; sum += 1) {
    for (let at = starts[sum]!; at < starts[sum + 1]!; at += 1) inverted[fill[items[at]!]!++] = sum;
  }
  return { starts: counts, items: inverted };
}

/** For each count in `from`, the counts paired with it in `to`. */
function invertPairs(nodes: number, from: Int32Array, to: Int32Array): { starts: Int32Array; items: Int32Array } {
  const counts = new Int32Array(nodes + 1);
  for (const id of from) counts[id + 1]! += 1;
  for (let id = 0; id < nodes; id += 1) counts[id + 1]! += counts[id]!;
  const fill = counts.slice(0, nodes);
  const items = new Int32Array(from.length);
  from.forEach((id, index) => (items[fill[id]!++] = to[index]!));
  return { starts: counts, items };
}

type Typed = Int32Array | Uint8Array;

/** A growing typed array: 32-bit integers (ids, counts) or bytes (flags). */
class Vector<T extends Typed> {
  private data: T;
  length = 0;
  constructor(private readonly make: (length: number) => T) {
    this.data = make(1024);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = this.make(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  at(index: number): number {
    return this.data[index]!;
  }
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

const ints = () => new Vector((length) => new Int32Array(length));

/** A binary heap of sum indexes, smallest first; an index may be in it more than once (each pop looks again). */
class MinHeap {
  private items = new Int32Array(1024);
  size = 0;
  push(value: number): void {
    if (this.size === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    const items = this.items;
    let at = this.size++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (items[parent]! <= value) break;
      items[at] = items[parent]!;
      at = parent;
    }
    items[at] = value;
  }
  pop(): number {
    const items = this.items;
    const top = items[0]!;
    const last = items[--this.size]!;
    if (this.size > 0) {
      let at = 0;
      for (;;) {
        const left = 2 * at + 1;
        if (left >= this.size) break;
        const right = left + 1;
        const child = right < this.size && items[right]! < items[left]! ? right : left;
        if (items[child]! >= last) break;
        items[at] = items[child]!;
        at = child;
      }
      items[at] = last;
    }
    return top;
  }
}
