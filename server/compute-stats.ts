import { DSI_OVERALL_CATEGORIES, DSI_OVERALL_CATEGORIES_V2, EUROSTAT_AGE_BANDS, UNKNOWN, departementOf } from '../src/domain/aggregate';
import { atLeastBasic, type DsiOverall } from '../src/domain/dsi';
import { MAIN_BARRIERS } from '../src/domain/score-profile';
import { LAYOUTS, countName, wholeOf, withholdableGroupsOf, type BatchFormat, type CountGroup } from './count-groups';
import { listWeeks } from './iso-weeks';
import type { Quarter } from './iso-weeks';
import type { SumsByTerritory, WeekSums, WithheldSums } from './batch-store';
import { CountGraph } from './count-graph';
import { communeStatus, departementOfCommune, regionOfDepartement } from './territory-levels';
import { epciAt } from './epci-history';
import { scopeLabel } from './territory-names';
import { OPEN_DATA } from './open-data-notice';
import { quarterLabel, quarterRangeLabel, weekLabel } from './period-labels';

/** A published number, or null when it is hidden (fewer than k results, or it would let one be worked out). */
export type Cell = number | null;

/** The figures of the batches of format 1 (questionnaire 1). */
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

/** The figures of the batches of format 2 (questionnaire 2): "unknown" ("je ne sais pas") is out of every rate. */
export interface StatsRowV2 {
  readonly batches: number;
  readonly total: Cell;
  readonly counts: Readonly<Record<string, unknown>>;
  /** Results whose overall level is known and assessed (total − notAssessed − unknown). */
  readonly assessed: Cell;
  readonly atLeastBasic: Cell;
  /** atLeastBasic / assessed, as in format 1. */
  readonly atLeastBasicShare: Cell;
  /**
   * Results aged 16 to 74 (Eurostat's scope) in the batches that sent their DSI: the sum of `counts.dsiOverall16to74`.
   * It and the three figures below leave out the batches that withheld that table (`withheld16to74Batches`).
   */
  readonly aged16to74: Cell;
  /** Of them, those whose overall level is known (non-users included, as not assessed). */
  readonly dsiKnown16to74: Cell;
  readonly atLeastBasic16to74: Cell;
  /** Eurostat's indicator: atLeastBasic16to74 / dsiKnown16to74 (all 16-74 year-olds, non-users included). */
  readonly atLeastBasic16to74Share: Cell;
  /** Batches that withheld their DSI of the 16-74 year-olds (1 to k − 1 of their results outside 16-74). */
  readonly withheld16to74Batches: number;
  /** Their results aged 16 to 74: counted in `counts.ageBand`, left out of `aged16to74` and the figures after it. */
  readonly aged16to74Withheld: Cell;
  /** illectronism.yes + illectronism.no. */
  readonly illectronismKnown: Cell;
  /** illectronism.yes / illectronismKnown. */
  readonly illectronismRate: Cell;
  /** total − lastUse.unknown. */
  readonly lastUseKnown: Cell;
  /** No use in the last 12 months (lastUse moreThanYear + never), INSEE's 2019 criterion. */
  readonly noUseIn12Months: Cell;
  /** noUseIn12Months / lastUseKnown. */
  readonly noUseIn12MonthsRate: Cell;
  /** Results with a main barrier (motivation + access + skills): the people far from digital, whom the triad divides. */
  readonly withMainBarrier: Cell;
  /** Observed, not Eurostat (docs/TRIES.md): results that did at least one handling try (total − observed.handling.notTaken). */
  readonly handlingTaken: Cell;
  /** Of them, those that did all three: the handling score's denominator. */
  readonly handlingAllThreeDone: Cell;
  /** observed.handling.passed3 / handlingAllThreeDone. */
  readonly handlingAllPassedShare: Cell;
  /** Results that did the scam try. */
  readonly scamTaken: Cell;
  /** observed.scam.right3 / scamTaken: the three messages judged right. */
  readonly scamAllRightShare: Cell;
  /** Results that did the icon try. */
  readonly iconsTaken: Cell;
  /** observed.selfReportGap / handlingTaken: said basic skills or above, and did not pass a handling try they did. */
  readonly selfReportGapShare: Cell;
}

/** A week's row: its ISO week ("2026-W45") and its dates in French ("du 2 au 8 novembre 2026"). */
type Weekly<Row> = Row & { readonly week: string; readonly dates: string };

export interface Stats {
  /** Who is counted (not a sample of the population), the licence and the source: open-data-notice.ts. */
  readonly notice: typeof OPEN_DATA.notice;
  readonly licence: typeof OPEN_DATA.licence;
  readonly source: typeof OPEN_DATA.source;
  readonly territory: StatsScope;
  /** Its name: "Doubs (25)", "CA du Grand Besançon (EPCI 242500361)", "Tous les territoires". */
  readonly territoryLabel: string;
  /** Said when the territory asked is not the one shown (a commune merged since): resolve-stats-query.ts. */
  readonly territoryNote: string | null;
  /** `label`: the period in French, "4e trimestre 2026, du 28 septembre 2026 au 3 janvier 2027" or "semaine du 2 au 8 novembre 2026". */
  readonly weeks: { readonly from: string; readonly to: string; readonly label: string };
  /** The quarter of ISO weeks the figures are protected in ("2026-Q4"): the whole period, or the quarter of its week. */
  readonly quarter: string;
  readonly k: number;
  readonly notes: {
    readonly attribution: string;
    readonly hidden: string;
    readonly periods: string;
    readonly format2: string;
    readonly withheld16to74: string;
    readonly observed: string;
  };
  /** Format 1, the whole period, each number protected on its own. */
  readonly period: StatsRow;
  /** Format 1, one row per week of the period, weeks without batches included. */
  readonly series: readonly Weekly<StatsRow>[];
  /** The same for the batches of format 2, counted apart. */
  readonly format2: { readonly period: StatsRowV2; readonly series: readonly Weekly<StatsRowV2>[] };
}

const NOTES = {
  attribution:
    "Un lot qui couvre plusieurs semaines (weeks.from à weeks.to) est compté en entier dans sa dernière semaine, weeks.to : ses résultats ne peuvent pas être répartis sans passer sous k.",
  hidden:
    'null (vide en CSV) : nombre masqué, car inférieur à k sans être nul, ou parce qu’il se déduirait des nombres affichés, ici ou dans un autre tableau publié (un autre territoire, une autre semaine du trimestre).',
  periods:
    'Seules des périodes fixes sont publiées : un trimestre de semaines ISO (Q1 = semaines 1 à 13, Q2 = 14 à 26, Q3 = 27 à 39, Q4 = 40 à 52 ou 53) ou une de ses semaines. Les chiffres d’un trimestre, de ses semaines, de chaque territoire, de son département et de l’ensemble sont protégés ensemble : aucune différence entre deux tableaux publiés ne retrouve un nombre masqué.',
  format2:
    'period et series comptent les lots de format 1 (questionnaire 1) ; format2, ceux de format 2 (questionnaire 2), à part car les définitions ont changé. Dans format2, « unknown » (je ne sais pas) n’entre dans aucun taux : illectronismRate = yes / (yes + no), noUseIn12MonthsRate = (moreThanYear + never) / lastUseKnown, atLeastBasic16to74Share = au moins de base parmi les 16-74 ans dont le niveau est connu, non-utilisateurs compris (comme Eurostat).',
  withheld16to74:
    'Un lot où 1 à k − 1 résultats sont hors des 16-74 ans (moins de 16 ans, 75 ans et plus, âge non dit) ne donne pas les compétences de ses 16-74 ans (counts.dsiOverall16to74 à null) : retranchées de celles de tout le lot, elles diraient celles de ce petit groupe. Dans format2, counts.dsiOverall16to74, aged16to74, dsiKnown16to74, atLeastBasic16to74 et atLeastBasic16to74Share ne comptent donc que les lots qui le donnent ; withheld16to74Batches dit combien de lots l’ont retenu, aged16to74Withheld combien de leurs résultats de 16 à 74 ans (comptés dans counts.ageBand) sont ainsi laissés de côté.',
  observed:
    'Dans format2, counts.observed et les chiffres handling*, scam*, iconsTaken et selfReportGapShare sont observés, hors Eurostat : ce que les personnes ont fait sur l’écran pendant les essais (docs/TRIES.md), jamais mêlé aux indicateurs Eurostat ou INSEE. Un essai passé, non proposé ou interrompu est « non passé » (notTaken) ; les lots de format 2 (appareils antérieurs aux essais) comptent tous leurs résultats ainsi. La prise en main se lit parmi ceux qui ont fait les trois essais (handlingAllThreeDone).',
} as const;

/** How a group's counts nest for the hiding: a key of the group, or a sum of parts, named when it is published. */
type Spec = string | { readonly name?: string; readonly parts: readonly Spec[] };
/** A group's table: its parts under the root (`total`, or the sum of the group when `root` names it: a subset). */
interface Tree {
  readonly root?: string;
  readonly parts: readonly Spec[];
}
/** A figure of a row besides the counts: a named sum, or a share [name, numerator, denominator]. */
type Derived = string | readonly [string, string, string];

/**
 * A distribution of all the results (`whole`) beside the same distribution of a part of them (`part`, summing to the
 * named `partTotal`): together a two-way table, category × in the part or not, whose "not" column is the whole minus
 * the part. It is protected as such (see `crossingTables`). `inPart` and `rest` are the named sums of the age table that
 * count the results in the part and outside it; `withheldBatches` and `partWithheld` name the figures saying how many
 * batches withheld the part (`mayBeWithheld`) and how many of their results in the part are left out of it.
 */
interface Crossing {
  readonly whole: string;
  readonly part: string;
  readonly partTotal: string;
  readonly inPart: string;
  readonly rest: string;
  readonly withheldBatches: string;
  readonly partWithheld: string;
}

interface Plan {
  /** The tables of groups that are more than a flat distribution or property counts, by the group's dotted path. */
  readonly trees: Readonly<Record<string, Tree>>;
  /** Named sums that are the same number. */
  readonly links: readonly (readonly [string, string])[];
  readonly crossings: readonly Crossing[];
  readonly derived: readonly Derived[];
}

/** DSI overall as a tree, so that "assessed" and "at least basic" never reveal a hidden category. */
function dsiTree(keys: readonly string[], names: { assessed: string; atLeastBasic: string }, apart: readonly string[]): Spec[] {
  const known = keys.filter((key) => !apart.includes(key));
  return [
    ...apart,
    {
      name: names.assessed,
      parts: [
        { parts: known.filter((key) => !atLeastBasic(key as DsiOverall)) },
        { name: names.atLeastBasic, parts: known.filter((key) => atLeastBasic(key as DsiOverall)) },
      ],
    },
  ];
}

const PLANS: Readonly<Record<BatchFormat, Plan>> = {
  1: {
    trees: { dsiOverall: { parts: dsiTree(DSI_OVERALL_CATEGORIES, { assessed: 'assessed', atLeastBasic: 'atLeastBasic' }, ['notAssessed']) } },
    links: [],
    crossings: [],
    derived: ['assessed', 'atLeastBasic', ['atLeastBasicShare', 'atLeastBasic', 'assessed'], ['illectronismRate', 'illectronism', 'total']],
  },
  2: {
    trees: {
      dsiOverall: { parts: dsiTree(DSI_OVERALL_CATEGORIES_V2, { assessed: 'assessed', atLeastBasic: 'atLeastBasic' }, ['notAssessed', UNKNOWN]) },
      dsiOverall16to74: {
        root: 'aged16to74',
        parts: [
          UNKNOWN,
          { name: 'dsiKnown16to74', parts: dsiTree(DSI_OVERALL_CATEGORIES_V2.filter((key) => key !== UNKNOWN), { assessed: 'assessed16to74', atLeastBasic: 'atLeastBasic16to74' }, ['notAssessed']) },
        ],
      },
      illectronism: { parts: [UNKNOWN, { name: 'illectronismKnown', parts: ['yes', 'no'] }] },
      lastUse: { parts: [UNKNOWN, { name: 'lastUseKnown', parts: ['last3Months', 'from3to12Months', { name: 'noUseIn12Months', parts: ['moreThanYear', 'never'] }] }] },
      mainBarrier: { parts: ['none', { name: 'withMainBarrier', parts: MAIN_BARRIERS }] },
      // The 16-74 year-olds are published (as the total of their DSI): a sum of the age table, protected with it.
      ageBand: { parts: [{ name: 'ageBand16to74', parts: EUROSTAT_AGE_BANDS }, { name: 'ageBandOutside16to74', parts: ['under16', 'from75', UNKNOWN] }] },
      // The tries (format 3; "non passé" for every result of a format-2 batch): who took them, then their scores.
      'observed.handling': {
        parts: ['notTaken', { name: 'handlingTaken', parts: ['partlyTaken', { name: 'handlingAllThreeDone', parts: ['passed0', 'passed1', 'passed2', 'passed3'] }] }],
      },
      'observed.scam': { parts: ['notTaken', { name: 'scamTaken', parts: ['right0', 'right1', 'right2', 'right3'] }] },
      'observed.icons': { parts: ['notTaken', { name: 'iconsTaken', parts: ['matched0', 'matched1', 'matched2', 'matched3', 'matched4'] }] },
    },
    // aged16to74 and the 16-74 year-olds of the age table are tied by the crossing (crossingTables).
    links: [],
    // dsiOverall − dsiOverall16to74 is the DSI of the people under 16, over 74 or of unknown age: a cross table.
    crossings: [
      {
        whole: 'dsiOverall',
        part: 'dsiOverall16to74',
        partTotal: 'aged16to74',
        inPart: 'ageBand16to74',
        rest: 'ageBandOutside16to74',
        withheldBatches: 'withheld16to74Batches',
        partWithheld: 'aged16to74Withheld',
      },
    ],
    derived: [
      'assessed',
      'atLeastBasic',
      ['atLeastBasicShare', 'atLeastBasic', 'assessed'],
      'aged16to74',
      'dsiKnown16to74',
      'atLeastBasic16to74',
      ['atLeastBasic16to74Share', 'atLeastBasic16to74', 'dsiKnown16to74'],
      'withheld16to74Batches',
      'aged16to74Withheld',
      'illectronismKnown',
      ['illectronismRate', 'illectronism.yes', 'illectronismKnown'],
      'lastUseKnown',
      'noUseIn12Months',
      ['noUseIn12MonthsRate', 'noUseIn12Months', 'lastUseKnown'],
      'withMainBarrier',
      'handlingTaken',
      'handlingAllThreeDone',
      ['handlingAllPassedShare', 'observed.handling.passed3', 'handlingAllThreeDone'],
      'scamTaken',
      ['scamAllRightShare', 'observed.scam.right3', 'scamTaken'],
      'iconsTaken',
      ['selfReportGapShare', 'observed.selfReportGap', 'handlingTaken'],
    ],
  },
};

/** The names of the figures besides the counts, in their order (CSV columns). */
export const DERIVED_NAMES: Readonly<Record<BatchFormat, readonly string[]>> = {
  1: PLANS[1].derived.map((derived) => (typeof derived === 'string' ? derived : derived[0])),
  2: PLANS[2].derived.map((derived) => (typeof derived === 'string' ? derived : derived[0])),
};

// Each tree takes every key of its group exactly once: a category added on the device side must find its place here.
for (const format of [1, 2] as const) {
  for (const [path, tree] of Object.entries(PLANS[format].trees)) {
    const group = LAYOUTS[format].groups.find((g) => g.path.join('.') === path);
    const keys: string[] = [];
    const walk = (spec: Spec): void => (typeof spec === 'string' ? void keys.push(spec) : spec.parts.forEach(walk));
    tree.parts.forEach(walk);
    if (!group || keys.length !== group.keys.length || keys.some((key) => !group.keys.includes(key))) {
      throw new Error(`compute-stats: the table of ${path} (format ${format}) does not take each of its categories once`);
    }
  }
}

const share = (part: Cell, whole: Cell): Cell => (part === null || whole === null || whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);

/**
 * The names a row's counts are published under (a count of a group, a named sum of its tables, a figure of a crossing),
 * each with its place in `RowNodes.named`: every row of a format has the same.
 */
class NamedIds {
  private static readonly places = new Map<BatchFormat, Map<string, number>>();
  static placesOf(format: BatchFormat): Map<string, number> {
    let places = NamedIds.places.get(format);
    if (!places) NamedIds.places.set(format, (places = new Map()));
    return places;
  }
  private readonly places: Map<string, number>;
  readonly ids: number[] = [];
  constructor(format: BatchFormat) {
    this.places = NamedIds.placesOf(format);
  }
  set(name: string, id: number): void {
    let place = this.places.get(name);
    if (place === undefined) this.places.set(name, (place = this.places.size));
    this.ids[place] = id;
  }
  get(name: string): number {
    const id = this.ids[this.places.get(name)!];
    if (id === undefined) throw new Error(`compute-stats: no count named ${name}`);
    return id;
  }
}

/** The tables of one group, as sums and parts in `graph`; named sums are added to `named`. */
function tablesOf(graph: CountGraph, group: CountGroup, tree: Tree | undefined, total: number, leaves: readonly number[], named: NamedIds): void {
  if (tree) {
    const build = (spec: Spec): number => {
      if (typeof spec === 'string') return leaves[group.keys.indexOf(spec)]!;
      const id = graph.addSum(spec.parts.map(build));
      if (spec.name) named.set(spec.name, id);
      return id;
    };
    const parts = tree.parts.map(build);
    if (tree.root) named.set(tree.root, graph.addSum(parts));
    else graph.sum(graph.add(total), parts);
    return;
  }
  // A property (a barrier named, a service needed) is a count and its complement.
  if (!group.partition) {
    for (const leaf of leaves) graph.sum(graph.add(total), [leaf, graph.add(total - graph.count(leaf))]);
    return;
  }
  graph.sum(graph.add(total), leaves);
}

/**
 * The tables a crossing adds to a row, besides those of its groups. Every count is protected like a published one.
 *
 * - Like with like: each category of `whole` over the batches that sent `part` (not published) is its `part` plus the
 *   people outside the part of those batches; the latter sum to those batches' results outside the part. That is the
 *   cross table the batches hold, protected as if the batches that withheld `part` were known from elsewhere (their
 *   own territory or week): each category of it is hidden with the published one of `whole`. Its totals, counts of
 *   part of the batches, are not hidden for being small (not sensitive), only for what they would give away.
 * - Within the row, when some batches withheld `part`: the published `whole` minus `part` is the DSI of the people
 *   outside the part and of every result of those batches. Protected as a table of its own, category by category.
 * - `inPart` of the age table is `partTotal` plus the part's people of the batches that withheld it (`partWithheld`,
 *   published): a sum, linked to `inPart`. With no batch withholding, `partWithheld` is 0 and this is the link between
 *   the two totals; and the people outside the part are `rest` of the age table, linked.
 */
function crossingTables(graph: CountGraph, groups: readonly CountGroup[], crossing: Crossing, named: NamedIds, sums: WithheldSums | undefined): void {
  const whole = groups.find((group) => group.path.join('.') === crossing.whole)!;
  const partTotal = named.get(crossing.partTotal);
  const withheldBatches = sums?.batches ?? 0;
  /** The two-way table of `whole` (as counted in `wholeCounts`) and `part`; returns the sum of its rests. */
  const table = (wholeCounts: readonly number[], sensitive: boolean): number => {
    const rests = whole.keys.map((key, index) => {
      const inPart = named.get(`${crossing.part}.${key}`);
      const rest = graph.add(wholeCounts[index]! - graph.count(inPart));
      const category = graph.add(wholeCounts[index]!, sensitive);
      graph.sum(category, [inPart, rest]);
      graph.link(category, named.get(countName(whole, key)));
      return rest;
    });
    const outside = graph.addSum(rests, sensitive);
    graph.sum(graph.add(graph.count(partTotal) + graph.count(outside), sensitive), [partTotal, outside]);
    return outside;
  };
  const published = whole.keys.map((key) => graph.count(named.get(countName(whole, key))));
  const outsideWhereSent = table(sums?.wholeWhereSent ?? published, withheldBatches === 0);
  if (withheldBatches === 0) graph.link(outsideWhereSent, named.get(crossing.rest));
  else table(published, true);
  const inPart = named.get(crossing.inPart);
  const partWithheld = graph.add(graph.count(inPart) - graph.count(partTotal));
  const inPartToo = graph.add(graph.count(inPart));
  graph.sum(inPartToo, [partTotal, partWithheld]);
  graph.link(inPartToo, inPart);
  named.set(crossing.partWithheld, partWithheld);
  // A number of batches, not of people: in no table, never hidden.
  named.set(crossing.withheldBatches, graph.add(withheldBatches, false));
}

/** One row's counts in the graph: every published count by name. */
interface RowNodes {
  readonly format: BatchFormat;
  readonly batches: number;
  readonly total: number;
  readonly named: NamedIds;
}

/** One row of statistics from the sums of its batches, added to `graph` with its tables, the hiding not done yet. */
function rowNodes(graph: CountGraph, format: BatchFormat, sums: Omit<WeekSums, 'week'>): RowNodes {
  const { batches, total, counts, withheld } = sums;
  const { groups } = LAYOUTS[format];
  const plan = PLANS[format];
  const named = new NamedIds(format);
  let offset = 0;
  for (const group of groups) {
    const leaves = group.keys.map((_, index) => graph.add(counts[offset + index]!));
    offset += group.keys.length;
    group.keys.forEach((key, index) => named.set(countName(group, key), leaves[index]!));
    tablesOf(graph, group, plan.trees[group.path.join('.')], total, leaves, named);
  }
  for (const [a, b] of plan.links) graph.link(named.get(a), named.get(b));
  const withholdable = withholdableGroupsOf(format);
  for (const crossing of plan.crossings) {
    crossingTables(graph, groups, crossing, named, withheld[withholdable.findIndex((group) => group.path.join('.') === crossing.part)]);
  }
  return { format, batches, total, named };
}

/**
 * One format's tables of a quarter once protected, as plain data (typed arrays and a Map) that a worker thread can hand
 * over without copying (protect-worker.ts): for each row (a territory at a week or the whole period, by `rowKey`) its
 * batches, its total, and each published count with whether it is shown.
 */
export interface ProtectedTable {
  readonly format: BatchFormat;
  readonly k: number;
  /** The published names, in the order of each row's values. */
  readonly names: readonly string[];
  readonly rows: ReadonlyMap<string, number>;
  readonly batches: Float64Array;
  readonly totals: Float64Array;
  /** Row r's count of names[n] is values[r * names.length + n]; shown[…] is 0 where it is hidden. */
  readonly values: Int32Array;
  readonly shown: Uint8Array;
  /** The départements with batches in the quarter (their codes). */
  readonly departements: readonly string[];
}

const rowKey = (territory: string, time: string) => `${territory}|${time}`;

/** The typed arrays of a protected quarter, to hand them over rather than copy them. */
export function transferablesOf(quarter: ProtectedQuarter): ArrayBuffer[] {
  return Object.values(quarter.tables).flatMap((table) => [table.values, table.shown, table.batches, table.totals].map((array) => array.buffer as ArrayBuffer));
}

/** The row of a territory with no batches in the quarter: every count 0. */
const emptyTables = new Map<string, ProtectedTable>();
function emptyTable(format: BatchFormat, k: number): ProtectedTable {
  const key = `${format}:${k}`;
  let table = emptyTables.get(key);
  if (!table) {
    const graph = new CountGraph();
    const row = rowNodes(graph, format, new Accumulator(format));
    emptyTables.set(key, (table = tableOf(format, k, graph, [row], [''], new Uint8Array(graph.size), [])));
  }
  return table;
}

/** The published row, once the hiding is done: every count, or null where it is hidden. */
function renderRow(table: ProtectedTable, territory: string, time: string): Record<string, unknown> {
  let row = table.rows.get(rowKey(territory, time));
  if (row === undefined) {
    table = emptyTable(table.format, table.k);
    row = 0;
  }
  const { format, k, values, shown, names } = table;
  const batches = table.batches[row]!;
  const total = table.totals[row]!;
  const { groups } = LAYOUTS[format];
  const plan = PLANS[format];
  const places = placesOf(names);
  const at = (name: string) => row * names.length + places.get(name)!;
  // A row of 1 to k − 1 results (only if k was raised after batches were stored) is hidden whole.
  const totalHidden = total > 0 && total < k;
  const cell = (name: string): Cell => (totalHidden || shown[at(name)] === 0 ? null : values[at(name)]!);
  const shownTotal = totalHidden ? null : total;
  const cellOf = (name: string): Cell => (name === 'total' ? shownTotal : cell(name));

  const nested: Record<string, unknown> = {};
  for (const group of groups) {
    let target = nested;
    for (const step of group.path) target = (target[step] ??= {}) as Record<string, unknown>;
    for (const key of group.keys) target[key] = cell(countName(group, key));
  }
  const published: Record<string, unknown> = { batches, total: shownTotal, counts: nested };
  for (const derived of plan.derived) {
    if (typeof derived === 'string') published[derived] = cellOf(derived);
    else published[derived[0]] = share(cellOf(derived[1]), cellOf(derived[2]));
  }
  // A number of batches, not of people: always shown, as `batches` is.
  for (const crossing of plan.crossings) published[crossing.withheldBatches] = values[at(crossing.withheldBatches)]!;
  return published;
}

/** Where each name is in a row's ids (one Map per list of names, kept). */
const placesCache = new WeakMap<readonly string[], Map<string, number>>();
function placesOf(names: readonly string[]): Map<string, number> {
  let places = placesCache.get(names);
  if (!places) placesCache.set(names, (places = new Map(names.map((name, index) => [name, index]))));
  return places;
}

/**
 * The plain data of a format's protected tables, `rows` in the order of `keys`: only the published counts of each row
 * and whether each is shown (not the sums the hiding used), a few tens of megabytes for a Région's quarter.
 */
function tableOf(format: BatchFormat, k: number, graph: CountGraph, rows: readonly RowNodes[], keys: readonly string[], hidden: Uint8Array, departements: readonly string[]): ProtectedTable {
  const names = [...NamedIds.placesOf(format).keys()];
  const values = new Int32Array(rows.length * names.length);
  const shown = new Uint8Array(rows.length * names.length);
  rows.forEach((row, index) =>
    names.forEach((name, place) => {
      const id = row.named.get(name);
      values[index * names.length + place] = graph.count(id);
      shown[index * names.length + place] = hidden[id] === 1 ? 0 : 1;
    }),
  );
  return {
    format,
    k,
    names,
    rows: new Map(keys.map((key, index) => [key, index])),
    batches: Float64Array.from(rows, (row) => row.batches),
    totals: Float64Array.from(rows, (row) => row.total),
    values,
    shown,
    departements,
  };
}

/** Sums of batches that add up: a territory's week, a département, a quarter. */
class Accumulator {
  batches = 0;
  total = 0;
  readonly counts: number[];
  readonly withheld: { batches: number; wholeWhereSent: number[] }[];
  constructor(format: BatchFormat) {
    this.counts = new Array<number>(LAYOUTS[format].names.length).fill(0);
    this.withheld = withholdableGroupsOf(format).map((group) => ({ batches: 0, wholeWhereSent: new Array<number>(wholeOf(format, group).keys.length).fill(0) }));
  }
  add(sums: Omit<WeekSums, 'week'>): void {
    this.batches += sums.batches;
    this.total += sums.total;
    sums.counts.forEach((count, index) => (this.counts[index]! += count));
    sums.withheld.forEach((part, index) => {
      const into = this.withheld[index]!;
      into.batches += part.batches;
      part.wholeWhereSent.forEach((count, at) => (into.wholeWhereSent[at]! += count));
    });
  }
}

/**
 * A territory the observatory publishes: the whole collector, a région, a département, an EPCI (intercommunalité, by
 * its SIREN) or a commune (by its INSEE code, as it is today).
 */
export type StatsScope = { readonly level: 'all' } | { readonly level: 'region' | 'departement' | 'epci' | 'commune'; readonly code: string };

/** Where a territory's cells stand in the published tables. */
const ALL = 'all';
const regionKey = (code: string) => `region:${code}`;
const departementKey = (code: string) => `departement:${code}`;
const epciKey = (code: string) => `epci:${code}`;
/** A département's own batches (sent at the département level): not published, but its total minus its communes. */
const ownKey = (code: string) => `own:${code}`;
const communeKey = (code: string) => `commune:${code}`;
const scopeKey = (scope: StatsScope) => (scope.level === 'all' ? ALL : `${scope.level}:${scope.code}`);

/**
 * Where a territory as sent by a device lies on today's map (territory-levels.ts, COG of the installed
 * @etalab/decoupage-administratif): a commune that merged since counts with the commune nouvelle, an arrondissement with
 * its city; its département is the commune's (not always its code's first digits), its EPCI and région today's. A code
 * the map does not know keeps its département by its digits, and no EPCI. Read once per territory and quarter.
 */
interface Placement {
  readonly own: string;
  readonly departement: string;
  readonly region: string | null;
  readonly epci: string | null;
}
function placementOf(territory: { readonly level: 'commune' | 'departement'; readonly code: string }, year: number): Placement {
  if (territory.level === 'departement') {
    return { own: ownKey(territory.code), departement: territory.code, region: regionOfDepartement(territory.code)?.code ?? null, epci: null };
  }
  const status = communeStatus(territory.code);
  const current = status.kind === 'merged' || status.kind === 'arrondissement' ? status.into.code : territory.code;
  const departement = departementOfCommune(current)?.code ?? departementOf(territory.code);
  // The EPCI of the commune as sent, at the batch's date (epci-history.ts): compositions change every 1 January.
  return { own: communeKey(current), departement, region: regionOfDepartement(departement)?.code ?? null, epci: epciAt(territory.code, year)?.code ?? null };
}
/** The whole period's column beside the weeks. */
const PERIOD = 'period';

/**
 * Protects one format's published tables together, for one quarter: every territory (the whole collector, each région,
 * département, EPCI and commune, and each département's own batches, which its total minus its communes gives away) by
 * every week and the whole quarter. Each cell is one row of statistics with its own tables; besides, each count of a
 * département is the sum of that count over its communes and its own batches, a région's the sum over its
 * départements, an EPCI's the sum over its communes (an EPCI may lie across two départements: the two sums overlap,
 * which the hiding takes as it takes a two-way table), the collector's the sum over the régions, and a quarter's the
 * sum over its weeks. Hiding them all at once, with the same rule as within a row,
 * means no difference between two published tables (a quarter minus its other weeks, a département minus its
 * communes) works out a hidden count. The result is the same whichever table is asked, since every query of the
 * quarter protects the same cells.
 */
function protectQuarter(format: BatchFormat, sums: SumsByTerritory[BatchFormat], weeks: readonly string[], k: number): ProtectedTable {
  const cells = new Map<string, Map<string, Accumulator>>();
  const cellOf = (territory: string, time: string) => {
    let byTime = cells.get(territory);
    if (!byTime) cells.set(territory, (byTime = new Map()));
    let cell = byTime.get(time);
    if (!cell) byTime.set(time, (cell = new Accumulator(format)));
    return cell;
  };
  /** Which territories each published territory adds up. */
  const children = new Map<string, Set<string>>([[ALL, new Set()]]);
  const addChild = (parent: string, child: string) => {
    if (!children.has(parent)) children.set(parent, new Set());
    children.get(parent)!.add(child);
  };
  const inQuarter = new Set(weeks);
  const placements = new Map<string, Placement>();
  for (const row of sums) {
    if (!inQuarter.has(row.week)) continue;
    // The year of the batch's last ISO week: the map of its 1 January (a quarter's weeks are all of one ISO year).
    const year = Number(row.week.slice(0, 4));
    const sent = `${row.territory.level}:${row.territory.code}:${year}`;
    let placement = placements.get(sent);
    if (!placement) placements.set(sent, (placement = placementOf(row.territory, year)));
    const departement = departementKey(placement.departement);
    // A département of no known région (a code the map lacks) is a child of the whole collector itself.
    const above = placement.region === null ? ALL : regionKey(placement.region);
    if (above !== ALL) addChild(ALL, above);
    addChild(above, departement);
    addChild(departement, placement.own);
    const territories = [placement.own, departement, ...(above === ALL ? [] : [above]), ALL];
    if (placement.epci !== null) {
      addChild(epciKey(placement.epci), placement.own);
      territories.push(epciKey(placement.epci));
    }
    for (const territory of territories) {
      cellOf(territory, row.week).add(row);
      cellOf(territory, PERIOD).add(row);
    }
  }

  const graph = new CountGraph();
  const nodes = new Map<Accumulator, RowNodes>();
  for (const byTime of cells.values()) {
    for (const cell of byTime.values()) nodes.set(cell, rowNodes(graph, format, cell));
  }
  const withheldBatches = new Set(PLANS[format].crossings.map((crossing) => crossing.withheldBatches));
  const names = [...NamedIds.placesOf(format).keys()].filter((name) => !withheldBatches.has(name));
  /** Each published count of `whole` is the sum of the same count in `parts`: a table across rows. */
  const addUp = (whole: Accumulator | undefined, parts: readonly (Accumulator | undefined)[]) => {
    if (!whole) return;
    const wholeNodes = nodes.get(whole)!;
    const partNodes = parts.filter((part): part is Accumulator => part !== undefined && part.total > 0).map((part) => nodes.get(part)!);
    for (const name of names) {
      graph.sum(wholeNodes.named.get(name), partNodes.map((part) => part.named.get(name)));
    }
  };
  for (const byTime of cells.values()) {
    addUp(byTime.get(PERIOD), weeks.map((week) => byTime.get(week)));
  }
  for (const [parent, kids] of children) {
    const byTime = cells.get(parent);
    if (!byTime) continue;
    for (const time of [...weeks, PERIOD]) {
      addUp(byTime.get(time), [...kids].map((kid) => cells.get(kid)?.get(time)));
    }
  }
  const hidden = graph.suppress(k);
  const keys: string[] = [];
  const rows: RowNodes[] = [];
  for (const [territory, byTime] of cells) {
    for (const [time, cell] of byTime) {
      keys.push(rowKey(territory, time));
      rows.push(nodes.get(cell)!);
    }
  }
  const departements = [...cells.keys()].filter((key) => key.startsWith('departement:')).map((key) => key.slice('departement:'.length));
  return tableOf(format, k, graph, rows, keys, hidden, departements);
}

/** What a query publishes: a territory, one week or its whole quarter, protected within the quarter. */
export interface StatsRequest {
  readonly scope: StatsScope;
  readonly from: string;
  readonly to: string;
  readonly quarter: Quarter;
  readonly territoryNote?: string;
}

/** Every table of a quarter, protected together (`protectQuarter`), for both formats: what any query of it shows. */
export interface ProtectedQuarter {
  readonly quarter: Quarter;
  readonly k: number;
  readonly tables: Readonly<Record<BatchFormat, ProtectedTable>>;
}

/** Protects every table of a quarter at once, from every territory's weekly sums of it (`store.sumsByTerritory`). */
export function protectStats(sums: SumsByTerritory, quarter: Quarter, k: number): ProtectedQuarter {
  const weeks = listWeeks(quarter.from, quarter.to);
  return { quarter, k, tables: { 1: protectQuarter(1, sums[1], weeks, k), 2: protectQuarter(2, sums[2], weeks, k) } };
}

/**
 * The observatory's statistics for a territory and a fixed period (a quarter of ISO weeks, or one week of it): for
 * each format, one row per week (batches counted in their last week, see NOTES.attribution) and one for the period,
 * every count below k hidden, and every count that a difference with another published table would give away hidden
 * too (`protectQuarter`). Format 1 stays at the top level (`period`, `series`) as before format 2 existed; format 2 is
 * under `format2`.
 */
export function statsOf(protectedQuarter: ProtectedQuarter, query: StatsRequest): Stats {
  const shownWeeks = listWeeks(query.from, query.to);
  const territory = scopeKey(query.scope);
  const rowsOf = (format: BatchFormat) => {
    const tables = protectedQuarter.tables[format];
    const series = shownWeeks.map((week) => ({ week, dates: weekLabel(week), ...renderRow(tables, territory, week) }));
    const period = renderRow(tables, territory, shownWeeks.length === 1 ? shownWeeks[0]! : PERIOD);
    return { period, series };
  };
  const v1 = rowsOf(1);
  const v2 = rowsOf(2);
  return {
    ...OPEN_DATA,
    territory: query.scope,
    territoryLabel: scopeLabel(query.scope),
    territoryNote: query.territoryNote ?? null,
    weeks: {
      from: query.from,
      to: query.to,
      label:
        query.from === query.to
          ? `semaine ${weekLabel(query.from)}`
          : `${quarterLabel(query.quarter.name)}, ${quarterRangeLabel(query.quarter.name)}`,
    },
    quarter: query.quarter.name,
    k: protectedQuarter.k,
    notes: NOTES,
    period: v1.period as unknown as StatsRow,
    series: v1.series as unknown as Weekly<StatsRow>[],
    format2: { period: v2.period as unknown as StatsRowV2, series: v2.series as unknown as Weekly<StatsRowV2>[] },
  };
}

/**
 * The published row of questionnaire 2 (formats 2 and 3) of every département with batches, for the query's period
 * (its week, or its whole quarter): the numbers the map draws, protected with every other table of the quarter.
 */
export function departementRows(protectedQuarter: ProtectedQuarter, query: Pick<StatsRequest, 'from' | 'to'>): Map<string, StatsRowV2> {
  const tables = protectedQuarter.tables[2];
  const time = query.from === query.to ? query.from : PERIOD;
  return new Map(tables.departements.map((code) => [code, renderRow(tables, departementKey(code), time) as unknown as StatsRowV2]));
}

/** statsOf for one query, from every territory's weekly sums of its quarter. */
export function computeStats(sums: SumsByTerritory, query: StatsRequest, k: number): Stats {
  return statsOf(protectStats(sums, query.quarter, k), query);
}
