import {
  AGE_BANDS,
  BATCH_FORMAT_V2,
  BATCH_FORMAT_V3,
  BATCH_FORMAT_VERSION,
  DISTANCE_RESULTS,
  DSI_AREA_LEVELS,
  DSI_AREA_LEVELS_V2,
  DSI_OVERALL_CATEGORIES,
  DSI_OVERALL_CATEGORIES_V2,
  EUROSTAT_AGE_BANDS,
  ILLECTRONISM_ANSWERS,
  MAIN_BARRIER_CATEGORIES,
  PROCEDURES_STATUSES,
  SERVICE_COUNT_KEYS,
  SESSION_MODES,
  UNKNOWN,
  type AggregateBatch,
} from '../src/domain/aggregate';
import { LANGUAGES } from '../src/domain/language';
import { DSI_AREAS } from '../src/domain/questionnaire';
import { DISTANCE_LEVELS } from '../src/domain/result';
import { AUTONOMY_LEVELS, BARRIERS, DEVICE_PROFILES, LAST_USES, ORGANISMS } from '../src/domain/score-profile';
import { HANDLING_SCORES, ICON_SCORES, SCAM_SCORES } from '../src/domain/tries';

/** The batch formats the collector takes: 1 (questionnaire 1), 2 (questionnaire 2), 3 (questionnaire 2 and the tries). */
export type WireFormat = AggregateBatch['format'];
export const WIRE_FORMATS: readonly WireFormat[] = [BATCH_FORMAT_VERSION, BATCH_FORMAT_V2, BATCH_FORMAT_V3];

/**
 * The formats the collector stores, a table each: 1, and 2 for the batches of questionnaire 2, of format 2 or 3. Format 3
 * is format 2 with the tries' scores; a batch of format 2 is stored with its tries "non passé" (nobody was offered
 * any), so that both add up in the same figures (docs/TRIES.md). The table's `format` column keeps the one sent.
 */
export type BatchFormat = 1 | 2;
export const BATCH_FORMATS: readonly BatchFormat[] = [BATCH_FORMAT_VERSION, BATCH_FORMAT_V2];
/** The table a batch of a format sent is stored in. */
export const storedFormatOf = (format: WireFormat): BatchFormat => (format === BATCH_FORMAT_VERSION ? BATCH_FORMAT_VERSION : BATCH_FORMAT_V2);

/**
 * One group of numbers inside a batch's `counts`, as the device builds them (src/domain/aggregate.ts). The schema, the
 * consistency checks, the database columns, the statistics and the CSV are all derived from these lists, themselves
 * derived from the domain's constants: a category added on the device side changes the collector with it.
 */
export interface CountGroup {
  /** Where the group sits under `counts`: ['dsiAreas', 'safety']; [] for a number of its own (`illectronism` in format 1). */
  readonly path: readonly string[];
  readonly keys: readonly string[];
  /**
   * A distribution: every result is in exactly one key, so the keys sum to `total`. Otherwise each key counts the
   * results that have a property (a barrier named, a service needed), between 0 and `total`.
   */
  readonly partition: boolean;
  /**
   * A distribution of part of the results only: it sums to the sum of these keys of another group instead of `total`
   * (`dsiOverall16to74` sums to the `ageBand` counts of Eurostat's ages).
   */
  readonly subsetOf?: { readonly path: readonly string[]; readonly keys: readonly string[]; readonly label: string };
  /**
   * The device sends null instead of the group ("withheld") when between 1 and k − 1 of the batch's results lie outside
   * the part it counts: `whole` minus this group would then describe those few people (docs/PRIVACY.md). `whole` is the
   * distribution of all the results with the same keys (`dsiOverall`). A group that may be withheld is a subset.
   */
  readonly mayBeWithheld?: { readonly whole: readonly string[] };
}

const AGE_BAND_KEYS = [...AGE_BANDS, UNKNOWN];

/** Format 1 (questionnaire 1): BatchCounts. */
export const COUNT_GROUPS: readonly CountGroup[] = [
  { path: ['distanceLevel'], keys: DISTANCE_LEVELS, partition: true },
  { path: ['dsiOverall'], keys: DSI_OVERALL_CATEGORIES, partition: true },
  ...DSI_AREAS.map((area) => ({ path: ['dsiAreas', area], keys: DSI_AREA_LEVELS, partition: true })),
  { path: [], keys: ['illectronism'], partition: false },
  { path: ['barriers'], keys: BARRIERS, partition: false },
  { path: ['autonomy'], keys: [...AUTONOMY_LEVELS, UNKNOWN], partition: true },
  { path: ['ageBand'], keys: AGE_BAND_KEYS, partition: true },
  { path: ['language'], keys: LANGUAGES, partition: true },
  { path: ['mode'], keys: SESSION_MODES, partition: true },
];

/** Format 2 (questionnaire 2): BatchCountsV2, in its order. */
export const COUNT_GROUPS_V2: readonly CountGroup[] = [
  { path: ['distanceLevel'], keys: DISTANCE_RESULTS, partition: true },
  { path: ['dsiOverall'], keys: DSI_OVERALL_CATEGORIES_V2, partition: true },
  ...DSI_AREAS.map((area) => ({ path: ['dsiAreas', area], keys: DSI_AREA_LEVELS_V2, partition: true })),
  {
    path: ['dsiOverall16to74'],
    keys: DSI_OVERALL_CATEGORIES_V2,
    partition: true,
    subsetOf: { path: ['ageBand'], keys: EUROSTAT_AGE_BANDS, label: 'résultats de 16 à 74 ans' },
    mayBeWithheld: { whole: ['dsiOverall'] },
  },
  { path: ['illectronism'], keys: ILLECTRONISM_ANSWERS, partition: true },
  { path: ['lastUse'], keys: LAST_USES, partition: true },
  { path: ['barriers'], keys: BARRIERS, partition: false },
  { path: ['mainBarrier'], keys: MAIN_BARRIER_CATEGORIES, partition: true },
  { path: [], keys: ['doesNotWant'], partition: false },
  { path: ['autonomy'], keys: PROCEDURES_STATUSES, partition: true },
  { path: ['organisms'], keys: ORGANISMS, partition: false },
  { path: ['services'], keys: SERVICE_COUNT_KEYS, partition: false },
  { path: [], keys: ['delegation'], partition: false },
  { path: ['deviceProfile'], keys: DEVICE_PROFILES, partition: true },
  { path: ['ageBand'], keys: AGE_BAND_KEYS, partition: true },
  { path: ['language'], keys: LANGUAGES, partition: true },
  { path: ['mode'], keys: SESSION_MODES, partition: true },
];

/** What format 3 adds: the tries' scores, "observé, hors Eurostat" (BatchCountsV3). */
const OBSERVED_GROUPS: readonly CountGroup[] = [
  { path: ['observed', 'handling'], keys: HANDLING_SCORES, partition: true },
  { path: ['observed', 'scam'], keys: SCAM_SCORES, partition: true },
  { path: ['observed', 'icons'], keys: ICON_SCORES, partition: true },
  { path: ['observed'], keys: ['selfReportGap'], partition: false },
];

/** Format 3 (questionnaire 2 with the tries): BatchCountsV3, format 2's groups then the tries'. */
export const COUNT_GROUPS_V3: readonly CountGroup[] = [...COUNT_GROUPS_V2, ...OBSERVED_GROUPS];

/** The dotted name of a count, as in messages and CSV headers: "dsiAreas.safety.none", "illectronism". */
export const countName = (group: CountGroup, key: string) => [...group.path, key].join('.');

/**
 * The object holding a group's keys inside `counts` or any object of its shape (for a number of its own, that object).
 * Null for a group the batch withheld (`mayBeWithheld`): use `withheldGroupOf` where that can be.
 */
export function groupOf<Value = number>(counts: object, group: Pick<CountGroup, 'path'>): Readonly<Record<string, Value>> {
  return withheldGroupOf<Value>(counts, group)!;
}

/** groupOf, or null when the batch withheld the group. */
export function withheldGroupOf<Value = number>(counts: object, group: Pick<CountGroup, 'path'>): Readonly<Record<string, Value>> | null {
  let node: unknown = counts;
  for (const step of group.path) node = (node as Record<string, unknown>)[step];
  return node as Record<string, Value> | null;
}

const namesOf = (groups: readonly CountGroup[]) => groups.flatMap((group) => group.keys.map((key) => countName(group, key)));

/** Every count of a format-1 batch, flattened in the order of COUNT_GROUPS: one database column each. */
export const COUNT_NAMES: readonly string[] = namesOf(COUNT_GROUPS);
export const COUNT_NAMES_V2: readonly string[] = namesOf(COUNT_GROUPS_V2);
export const COUNT_NAMES_V3: readonly string[] = namesOf(COUNT_GROUPS_V3);

type Layout = { readonly groups: readonly CountGroup[]; readonly names: readonly string[] };

/** The groups and flattened names of each format as sent: what the schema and the checks of a batch follow. */
export const WIRE_LAYOUTS: Readonly<Record<WireFormat, Layout>> = {
  1: { groups: COUNT_GROUPS, names: COUNT_NAMES },
  2: { groups: COUNT_GROUPS_V2, names: COUNT_NAMES_V2 },
  3: { groups: COUNT_GROUPS_V3, names: COUNT_NAMES_V3 },
};

/** The groups and flattened names of each stored format: a column each, summed and published (format 2 stores format 3's). */
export const LAYOUTS: Readonly<Record<BatchFormat, Layout>> = { 1: WIRE_LAYOUTS[1], 2: WIRE_LAYOUTS[3] };

/** A batch's counts as its table stores them: a batch of format 2 gets format 3's tries, every score "non passé". */
function storedCountsOf(batch: AggregateBatch): object {
  if (batch.format !== BATCH_FORMAT_V2) return batch.counts;
  const { total } = batch;
  const notTaken = (keys: readonly string[]) => Object.fromEntries(keys.map((key) => [key, key === 'notTaken' ? total : 0]));
  return {
    ...batch.counts,
    observed: { handling: notTaken(HANDLING_SCORES), scam: notTaken(SCAM_SCORES), icons: notTaken(ICON_SCORES), selfReportGap: 0 },
  };
}

/**
 * The counts of a batch, flattened in the order of its stored format's groups; null for each count of a group it
 * withheld.
 */
export function flattenCounts(batch: AggregateBatch): (number | null)[] {
  const counts = storedCountsOf(batch);
  return LAYOUTS[storedFormatOf(batch.format)].groups.flatMap((group) => {
    const values = withheldGroupOf(counts, group);
    return group.keys.map((key) => (values === null ? null : values[key]!));
  });
}

/** The groups of a format that a batch may withhold, in the order of its groups. */
export const withholdableGroupsOf = (format: BatchFormat): readonly CountGroup[] => LAYOUTS[format].groups.filter((group) => group.mayBeWithheld);

/** The group of all the results that a group a batch may withhold is a part of (`mayBeWithheld.whole`). */
export function wholeOf(format: BatchFormat, group: CountGroup): CountGroup {
  const path = group.mayBeWithheld?.whole.join('.');
  const whole = LAYOUTS[format].groups.find((candidate) => candidate.path.join('.') === path);
  if (!whole || whole.keys.join() !== group.keys.join()) throw new Error(`count-groups: ${group.path.join('.')} has no whole of the same keys`);
  return whole;
}
