import {
  AGE_BANDS,
  DSI_AREA_LEVELS,
  DSI_OVERALL_CATEGORIES,
  SESSION_MODES,
  UNKNOWN,
  type BatchCounts,
} from '../src/domain/aggregate';
import { LANGUAGES } from '../src/domain/language';
import { DSI_AREAS } from '../src/domain/questionnaire';
import { DISTANCE_LEVELS } from '../src/domain/result';
import { AUTONOMY_LEVELS, BARRIERS } from '../src/domain/score-profile';

/**
 * One group of numbers inside a batch's `counts`, as the device builds them (src/domain/aggregate.ts). The schema, the
 * consistency checks, the database columns, the statistics and the CSV are all derived from this list, itself derived
 * from the domain's constants: a category added on the device side changes the collector with it.
 */
export interface CountGroup {
  /** Where the group sits under `counts`: ['dsiAreas', 'safety']; [] for `illectronism`, a number of its own. */
  readonly path: readonly string[];
  readonly keys: readonly string[];
  /**
   * A distribution: every result is in exactly one key, so the keys sum to `total`. Otherwise each key counts the
   * results that have a property (a barrier named, illectronism), between 0 and `total`.
   */
  readonly partition: boolean;
}

export const COUNT_GROUPS: readonly CountGroup[] = [
  { path: ['distanceLevel'], keys: DISTANCE_LEVELS, partition: true },
  { path: ['dsiOverall'], keys: DSI_OVERALL_CATEGORIES, partition: true },
  ...DSI_AREAS.map((area) => ({ path: ['dsiAreas', area], keys: DSI_AREA_LEVELS, partition: true })),
  { path: [], keys: ['illectronism'], partition: false },
  { path: ['barriers'], keys: BARRIERS, partition: false },
  { path: ['autonomy'], keys: [...AUTONOMY_LEVELS, UNKNOWN], partition: true },
  { path: ['ageBand'], keys: [...AGE_BANDS, UNKNOWN], partition: true },
  { path: ['language'], keys: LANGUAGES, partition: true },
  { path: ['mode'], keys: SESSION_MODES, partition: true },
];

/** The dotted name of a count, as in messages and CSV headers: "dsiAreas.safety.none", "illectronism". */
export const countName = (group: CountGroup, key: string) => [...group.path, key].join('.');

/** The object holding a group's keys inside `counts` or any object of its shape (for illectronism, that object). */
export function groupOf<Value = number>(counts: object, group: CountGroup): Readonly<Record<string, Value>> {
  let node: unknown = counts;
  for (const step of group.path) node = (node as Record<string, unknown>)[step];
  return node as Record<string, Value>;
}

/** Every count of a batch, flattened in the order of COUNT_GROUPS: one database column each. */
export const COUNT_NAMES: readonly string[] = COUNT_GROUPS.flatMap((group) => group.keys.map((key) => countName(group, key)));

export function flattenCounts(counts: BatchCounts): number[] {
  return COUNT_GROUPS.flatMap((group) => {
    const values = groupOf(counts, group);
    return group.keys.map((key) => values[key]!);
  });
}
