import {
  AGE_BANDS,
  BATCH_FORMAT_V2,
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

/** The batch formats the collector takes: 1 (questionnaire 1) and 2 (questionnaire 2). */
export type BatchFormat = AggregateBatch['format'];
export const BATCH_FORMATS: readonly BatchFormat[] = [BATCH_FORMAT_VERSION, BATCH_FORMAT_V2];

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

/** The groups and flattened names of each format. */
export const LAYOUTS: Readonly<Record<BatchFormat, { readonly groups: readonly CountGroup[]; readonly names: readonly string[] }>> = {
  1: { groups: COUNT_GROUPS, names: COUNT_NAMES },
  2: { groups: COUNT_GROUPS_V2, names: COUNT_NAMES_V2 },
};

/** The counts of a batch, flattened in the order of its format's groups; null for each count of a group it withheld. */
export function flattenCounts(batch: AggregateBatch): (number | null)[] {
  return LAYOUTS[batch.format].groups.flatMap((group) => {
    const values = withheldGroupOf(batch.counts, group);
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
