import { DSI_AREAS, type DsiArea } from './questionnaire';

export type DsiAreaLevel = 'none' | 'basic' | 'aboveBasic';
export type DsiOverall = 'notAssessed' | 'no' | 'limited' | 'narrow' | 'low' | 'basic' | 'aboveBasic';
export type DsiAreaLevels = Readonly<Record<DsiArea, DsiAreaLevel>>;

/**
 * Eurostat DSI 2.0, per-area thresholds: in information and communication one activity is basic and two or more are
 * above basic; in content creation, safety and problem solving one or two are basic and three or more above basic.
 */
export const ABOVE_BASIC_FROM: Readonly<Record<DsiArea, number>> = {
  information: 2,
  communication: 2,
  contentCreation: 3,
  safety: 3,
  problemSolving: 3,
};
/** Eurostat DSI 2.0: one activity in an area is enough for "basic" in every area. */
export const BASIC_FROM = 1;

/** Eurostat DSI 2.0, overall levels: the number of areas at least basic that each level needs (all five above basic = above basic). */
export const AREAS_AT_LEAST_BASIC_FOR = { basic: 5, low: 4, narrow: 3, limited: 2 } as const;

/** INSEE illectronisme: an internet user lacking basic skills in at least this many of the five areas. */
export const ILLECTRONISM_AREAS_WITHOUT_BASIC = 4;

/** The level of one area from the number of its activities done in the last 3 months (Eurostat DSI 2.0). */
export function dsiAreaLevel(area: DsiArea, activityCount: number): DsiAreaLevel {
  if (!Number.isInteger(activityCount) || activityCount < 0) {
    throw new RangeError(`activityCount must be a natural number, got ${activityCount}`);
  }
  if (activityCount >= ABOVE_BASIC_FROM[area]) return 'aboveBasic';
  return activityCount >= BASIC_FROM ? 'basic' : 'none';
}

const atLeastBasicCount = (areas: DsiAreaLevels) => DSI_AREAS.filter((a) => areas[a] !== 'none').length;

/**
 * Eurostat DSI 2.0, overall level: not assessed without internet use in the last 3 months; above basic when all five
 * areas are above basic; basic when all five are at least basic; then low, narrow, limited for four, three, two areas at
 * least basic, and "no overall digital skills" below that.
 */
export function dsiOverall(input: { usedInternetLast3Months: boolean; areas: DsiAreaLevels }): DsiOverall {
  if (!input.usedInternetLast3Months) return 'notAssessed';
  if (DSI_AREAS.every((a) => input.areas[a] === 'aboveBasic')) return 'aboveBasic';
  const count = atLeastBasicCount(input.areas);
  if (count >= AREAS_AT_LEAST_BASIC_FOR.basic) return 'basic';
  if (count === AREAS_AT_LEAST_BASIC_FOR.low) return 'low';
  if (count === AREAS_AT_LEAST_BASIC_FOR.narrow) return 'narrow';
  if (count === AREAS_AT_LEAST_BASIC_FOR.limited) return 'limited';
  return 'no';
}

/**
 * INSEE illectronisme: no internet use in the last 3 months, or an internet user without basic skills in at least four
 * of the five areas.
 */
export function illectronism(input: { usedInternetLast3Months: boolean; areas: DsiAreaLevels }): boolean {
  if (!input.usedInternetLast3Months) return true;
  return DSI_AREAS.length - atLeastBasicCount(input.areas) >= ILLECTRONISM_AREAS_WITHOUT_BASIC;
}

/** The EU Digital Decade 2030 indicator: at least basic overall digital skills. */
export function atLeastBasic(overall: DsiOverall): boolean {
  return overall === 'basic' || overall === 'aboveBasic';
}

/** An area's level when some answers may be missing: "I don't know" is `unknown`, a non-user's area `notAssessed`. */
export type DsiAreaLevelOrUnknown = DsiAreaLevel | 'unknown' | 'notAssessed';
export type DsiAreaLevelsOrUnknown = Readonly<Record<DsiArea, DsiAreaLevelOrUnknown>>;
/** The overall level, or `unknown` when the known answers do not decide it. */
export type DsiOverallOrUnknown = DsiOverall | 'unknown';

/** The areas with every unknown one set to `as` (the two bounds of what the person may have). */
function boundAreas(areas: DsiAreaLevelsOrUnknown, as: DsiAreaLevel): DsiAreaLevels {
  return Object.fromEntries(
    DSI_AREAS.map((a) => [a, areas[a] === 'unknown' || areas[a] === 'notAssessed' ? as : areas[a]]),
  ) as Record<DsiArea, DsiAreaLevel>;
}

/**
 * Eurostat DSI 2.0 overall level with missing answers ("I don't know" is missing data, never a zero): unknown use →
 * not assessed; no use → not assessed; otherwise the level is computed with every unknown area at none and again at
 * above basic (the level only grows with the areas): the same level both ways is the level, else `unknown`.
 */
export function dsiOverallOrUnknown(input: { usedInternetLast3Months: boolean | null; areas: DsiAreaLevelsOrUnknown }): DsiOverallOrUnknown {
  if (input.usedInternetLast3Months !== true) return 'notAssessed';
  const low = dsiOverall({ usedInternetLast3Months: true, areas: boundAreas(input.areas, 'none') });
  const high = dsiOverall({ usedInternetLast3Months: true, areas: boundAreas(input.areas, 'aboveBasic') });
  return low === high ? low : 'unknown';
}

/** The overall level with every unknown area taken at none: the least the person can do, for "au moins". */
export function dsiOverallLowerBound(input: { usedInternetLast3Months: boolean | null; areas: DsiAreaLevelsOrUnknown }): DsiOverall {
  if (input.usedInternetLast3Months !== true) return 'notAssessed';
  return dsiOverall({ usedInternetLast3Months: true, areas: boundAreas(input.areas, 'none') });
}

/** The overall level with every unknown area taken at above basic: the most the person can do. */
export function dsiOverallUpperBound(input: { usedInternetLast3Months: boolean | null; areas: DsiAreaLevelsOrUnknown }): DsiOverall {
  if (input.usedInternetLast3Months !== true) return 'notAssessed';
  return dsiOverall({ usedInternetLast3Months: true, areas: boundAreas(input.areas, 'aboveBasic') });
}

/**
 * INSEE illectronisme with missing answers: true for no use in 3 months; unknown for unknown use; for a user, true
 * when the areas known at none are already four, false when fewer than four even with every unknown area at none,
 * else unknown. "I don't know" can never turn a false into a true.
 */
export function illectronismOrUnknown(input: { usedInternetLast3Months: boolean | null; areas: DsiAreaLevelsOrUnknown }): boolean | null {
  if (input.usedInternetLast3Months === false) return true;
  if (input.usedInternetLast3Months === null) return null;
  const certain = illectronism({ usedInternetLast3Months: true, areas: boundAreas(input.areas, 'aboveBasic') });
  const possible = illectronism({ usedInternetLast3Months: true, areas: boundAreas(input.areas, 'none') });
  if (certain) return true;
  return possible ? null : false;
}
