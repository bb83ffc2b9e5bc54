import { describe, expect, it } from 'vitest';
import { seededRandom } from '../src/domain/testing/respondent';
import { CountGraph } from './count-graph';

const K = 5;

interface Built {
  readonly graph: CountGraph;
  readonly sums: { total: number; parts: number[] }[];
  readonly links: [number, number][];
}

/**
 * Territories by weeks as the observatory publishes them: `communes` communes of one département over `weeks` weeks,
 * each cell a two-way table (age band × level, rows and columns summed), the département the sum of its communes, the
 * quarter the sum of its weeks, and each table's total linked to a second count of the same number.
 */
function observatoryLike(seed: number, communes: number, weeks: number): Built {
  const next = seededRandom(seed);
  const graph = new CountGraph();
  const sums: Built['sums'] = [];
  const links: Built['links'] = [];
  const sum = (total: number, parts: number[]) => {
    graph.sum(total, parts);
    sums.push({ total, parts });
  };
  const addSum = (parts: number[]) => {
    const id = graph.addSum(parts);
    sums.push({ total: id, parts });
    return id;
  };
  const ROWS = 3;
  const COLUMNS = 4;
  /** A cell's table: its inner counts by [row][column], from `values` or drawn (many small, some 0). */
  const table = (values?: number[][]) => {
    const inner = Array.from({ length: ROWS }, (_, row) =>
      Array.from({ length: COLUMNS }, (_, column) => graph.add(values ? values[row]![column]! : next() < 0.2 ? 0 : Math.floor(next() * 14))),
    );
    const rowTotals = inner.map((row) => addSum(row));
    const columnTotals = Array.from({ length: COLUMNS }, (_, column) => addSum(inner.map((row) => row[column]!)));
    const total = addSum(rowTotals);
    sum(total, columnTotals);
    const twin = graph.add(graph.count(total));
    links.push([total, twin]);
    graph.link(total, twin);
    return { inner, rowTotals, columnTotals, total };
  };
  type Table = ReturnType<typeof table>;
  const flat = (t: Table) => [...t.inner.flat(), ...t.rowTotals, ...t.columnTotals, t.total];
  /** A table that is the sum of others, count by count. */
  const sumOfTables = (tables: Table[]) => {
    const values = Array.from({ length: ROWS }, (_, row) =>
      Array.from({ length: COLUMNS }, (_, column) => tables.reduce((total, t) => total + graph.count(t.inner[row]![column]!), 0)),
    );
    const whole = table(values);
    const partsFlat = tables.map(flat);
    flat(whole).forEach((id, index) => sum(id, partsFlat.map((parts) => parts[index]!)));
    return whole;
  };
  const grid = Array.from({ length: communes }, () => Array.from({ length: weeks }, () => table()));
  const communeQuarters = grid.map((row) => sumOfTables(row));
  const departementWeeks = Array.from({ length: weeks }, (_, week) => sumOfTables(grid.map((row) => row[week]!)));
  const departementQuarter = sumOfTables(departementWeeks);
  sum(departementQuarter.total, communeQuarters.map((t) => t.total));
  return { graph, sums, links };
}

/** What `hidden` must hold whatever the choices: nothing small shown, no sum that gives a hidden count away. */
function checkProtected({ graph, sums, links }: Built, hidden: Uint8Array) {
  for (let id = 0; id < graph.size; id += 1) {
    const count = graph.count(id);
    if (count > 0 && count < K) expect(hidden[id], `count ${id} (${count}) shown`).toBe(1);
  }
  for (const { total, parts } of sums) {
    const hiddenParts = parts.filter((part) => hidden[part] === 1).length;
    // A shown sum with one hidden part gives that part away; a hidden sum with every part shown is their sum.
    if (hidden[total] === 0) expect(hiddenParts, `sum ${total} shows all but one part`).not.toBe(1);
    else if (graph.count(total) > 0) expect(hiddenParts, `hidden sum ${total} has every part shown`).toBeGreaterThan(0);
  }
  for (const [a, b] of links) expect(hidden[a]).toBe(hidden[b]);
}

describe('CountGraph.suppress', () => {
  it('leaves no count from 1 to k − 1 readable or worked out, in tables across communes and weeks', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const built = observatoryLike(seed, 6, 5);
      const hidden = built.graph.suppress(K);
      checkProtected(built, hidden);
      // Not everything hidden: the rule hides what it must, and sums of many communes stay readable.
      const shown = hidden.reduce((total, flag) => total + (flag === 0 ? 1 : 0), 0);
      expect(shown).toBeGreaterThan(built.graph.size / 4);
    }
  });

  it('hides a shown sum whose only non-zero part is hidden, and links it', () => {
    const graph = new CountGraph();
    const small = graph.add(3);
    const zero = graph.add(0);
    const total = graph.addSum([small, zero]);
    const twin = graph.add(3);
    graph.link(total, twin);
    const hidden = graph.suppress(K);
    expect([...hidden]).toEqual([1, 0, 1, 1]);
  });

  it('hides the smallest shown part when a sum has one hidden part and a choice of others', () => {
    const graph = new CountGraph();
    const parts = [12, 2, 9, 30].map((count) => graph.add(count));
    graph.addSum(parts);
    const hidden = graph.suppress(K);
    expect([...hidden]).toEqual([0, 1, 1, 0, 0]);
  });

  it('never hides a count that is not sensitive for being small, only for what it gives away', () => {
    const graph = new CountGraph();
    const a = graph.add(2, false);
    const b = graph.add(8);
    const total = graph.addSum([a, b]);
    expect([...graph.suppress(K)]).toEqual([0, 0, 0]);
    const c = graph.add(3);
    graph.sum(graph.add(graph.count(total) + 3), [total, c]);
    const hidden = graph.suppress(K);
    // c is small: the sum over it then needs a second hidden part, the smallest shown non-zero one (the total of a and b).
    expect(hidden[c]).toBe(1);
    expect(hidden[total]).toBe(1);
  });

  it('protects a quarter of 120 communes by 13 weeks (tens of thousands of counts) the same way', () => {
    const built = observatoryLike(42, 120, 13);
    checkProtected(built, built.graph.suppress(K));
    expect(built.graph.size).toBeGreaterThan(30_000);
  });
});
