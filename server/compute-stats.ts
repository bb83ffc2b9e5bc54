import { atLeastBasic, type DsiOverall } from '../src/domain/dsi';
import { COUNT_GROUPS, COUNT_NAMES, type CountGroup } from './count-groups';
import { listWeeks } from './iso-weeks';
import type { TerritoryScope, WeekSums } from './open-batch-store';
import { suppressSmallCells, type CountNode } from './suppress-small-cells';

/** A published number, or null when it is hidden (fewer than k results, or it would let one be worked out). */
export type Cell = number | null;

export interface StatsRow {
  readonly batches: number;
  readonly total: Cell;
  /** The counts in the shape of a batch's `counts`, each a Cell. */
  readonly counts: Readonly<Record<string, unknown>>;
  /** Results whose overall digital skills were assessed (they used the internet in the last 3 months). */
  readonly assessed: Cell;
  /** Assessed results with at least basic overall digital skills (basic + above basic). */
  readonly atLeastBasic: Cell;
  /** The EU Digital Decade 2030 indicator: atLeastBasic / assessed, rounded to 0.001. */
  readonly atLeastBasicShare: Cell;
  /** INSEE illectronisme rate: illectronism / total, rounded to 0.001. */
  readonly illectronismRate: Cell;
}

export interface Stats {
  readonly territory: TerritoryScope;
  readonly weeks: { readonly from: string; readonly to: string };
  readonly k: number;
  readonly notes: { readonly attribution: string; readonly hidden: string };
  /** The whole period, each number protected on its own. */
  readonly period: StatsRow;
  /** One row per week of the period, weeks without batches included. */
  readonly series: readonly (StatsRow & { readonly week: string })[];
}

const NOTES = {
  attribution:
    "Un lot qui couvre plusieurs semaines (weeks.from à weeks.to) est compté en entier dans sa dernière semaine, weeks.to : ses résultats ne peuvent pas être répartis sans passer sous k.",
  hidden:
    'null (vide en CSV) : nombre masqué, car inférieur à k sans être nul, ou parce qu’il se déduirait des nombres affichés.',
} as const;

const share = (part: Cell, whole: Cell): Cell => (part === null || whole === null || whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);
const sumOf = (nodes: readonly CountNode[]) => nodes.reduce((sum, node) => sum + node.count, 0);

/**
 * The tables of one group, as sums and parts. DSI overall is nested so that the published "assessed" and "at least
 * basic" totals are protected with its categories; flags (illectronism, each barrier) are a count and its complement.
 */
function tablesOf(group: CountGroup, total: number, leaves: readonly CountNode[]) {
  if (!group.partition) {
    return { roots: leaves.map((leaf) => ({ count: total, parts: [leaf, { count: total - leaf.count }] })), assessed: null, atLeastBasic: null };
  }
  if (group.path[0] !== 'dsiOverall') return { roots: [{ count: total, parts: leaves }], assessed: null, atLeastBasic: null };
  const keyed = group.keys.map((key, index) => ({ key: key as DsiOverall, leaf: leaves[index]! }));
  const basicOrAbove = keyed.filter(({ key }) => atLeastBasic(key)).map(({ leaf }) => leaf);
  const below = keyed.filter(({ key }) => key !== 'notAssessed' && !atLeastBasic(key)).map(({ leaf }) => leaf);
  const notAssessed = keyed.find(({ key }) => key === 'notAssessed')!.leaf;
  const atLeast = { count: sumOf(basicOrAbove), parts: basicOrAbove };
  const belowNode = { count: sumOf(below), parts: below };
  const assessed = { count: atLeast.count + belowNode.count, parts: [belowNode, atLeast] };
  return { roots: [{ count: total, parts: [notAssessed, assessed] }], assessed, atLeastBasic: atLeast };
}

/** One row of statistics from the sums of its batches, with small counts hidden. */
function statsRow(batches: number, total: number, counts: readonly number[], k: number): StatsRow {
  const totalHidden = total > 0 && total < k;
  const nested: Record<string, unknown> = {};
  let offset = 0;
  let assessed: Cell = null;
  let basicOrAbove: Cell = null;
  let illectronism: Cell = null;
  for (const group of COUNT_GROUPS) {
    const leaves = counts.slice(offset, offset + group.keys.length).map((count): CountNode => ({ count }));
    offset += group.keys.length;
    const tables = tablesOf(group, total, leaves);
    const hidden = new Set<CountNode>();
    for (const root of tables.roots) suppressSmallCells(root, k).forEach((node) => hidden.add(node));
    const cell = (node: CountNode): Cell => (totalHidden || hidden.has(node) ? null : node.count);

    let target = nested;
    for (const step of group.path) target = (target[step] ??= {}) as Record<string, unknown>;
    group.keys.forEach((key, index) => (target[key] = cell(leaves[index]!)));
    if (tables.assessed && tables.atLeastBasic) {
      assessed = cell(tables.assessed);
      basicOrAbove = cell(tables.atLeastBasic);
    }
    if (group.path.length === 0) illectronism = cell(leaves[0]!);
  }
  const shownTotal = totalHidden ? null : total;
  return {
    batches,
    total: shownTotal,
    counts: nested,
    assessed,
    atLeastBasic: basicOrAbove,
    atLeastBasicShare: share(basicOrAbove, assessed),
    illectronismRate: share(illectronism, shownTotal),
  };
}

/**
 * The observatory's statistics for a territory and a period: one row per week (batches counted in their last week,
 * see NOTES.attribution) and one for the whole period, every count below k hidden.
 */
export function computeStats(sums: readonly WeekSums[], query: { scope: TerritoryScope; from: string; to: string }, k: number): Stats {
  const byWeek = new Map(sums.map((row) => [row.week, row]));
  const period = COUNT_NAMES.map(() => 0);
  let periodBatches = 0;
  let periodTotal = 0;
  const series = listWeeks(query.from, query.to).map((week) => {
    const row = byWeek.get(week) ?? { week, batches: 0, total: 0, counts: COUNT_NAMES.map(() => 0) };
    row.counts.forEach((count, index) => (period[index]! += count));
    periodBatches += row.batches;
    periodTotal += row.total;
    return { week, ...statsRow(row.batches, row.total, row.counts, k) };
  });
  return {
    territory: query.scope,
    weeks: { from: query.from, to: query.to },
    k,
    notes: NOTES,
    period: statsRow(periodBatches, periodTotal, period, k),
    series,
  };
}
