import { AGE_BANDS, type AgeBand } from './aggregate';
import {
  ACTIVITY_TYPES,
  EQUIPMENT,
  PLACE_TYPES,
  REFERRALS,
  THEMES,
  TRIES_MATCHES,
  type ActivityType,
  type Equipment,
  type Observation,
  type PlaceType,
  type Referral,
  type Theme,
  type TriesMatch,
} from './observation';
import { DISTANCE_RESULTS, type DistanceResult, type FinishedResult } from './result';
import { AUTONOMY_LEVELS, type AutonomyLevel } from './score-profile';
import type { SessionMode } from './session';
import { formatLocalMonth, isoWeekOfDay, localTimeReader, type LocalTime } from './zoned-time';

/**
 * The counts a mediator reports from the device to their structure: per ISO week and per month (on the calendar of the
 * device's time zone, Europe/Paris), per distance level, per mode, and what they observed in guided sessions (themes,
 * autonomy, activity type, place, equipment, referral, time spent). Folded a batch at a time, so 50 000 results are
 * counted while the history reads them. These counts stay on the device (docs/EXPORT.md).
 *
 * Each single-choice table counts every result once (its rows add up to `total`): a result without the field (a
 * kiosk result, an observation made before the field existed, a result of questionnaire 1) is counted under
 * `notObserved` / `notSaid` / `unknown`. Themes and equipment count the results naming each (a result may name several).
 */

export const NOT_OBSERVED = 'notObserved';
export const NOT_SAID = 'notSaid';
export const UNKNOWN_AGE = 'unknown';

export type Counts<K extends string> = Readonly<Record<K, number>>;

export interface WeekCount {
  /** ISO 8601 week, `2026-W49`. */
  readonly week: string;
  /** Its Monday, `2026-11-30`: the day the mediator reads it by ("semaine du 30 novembre"). */
  readonly monday: string;
  readonly count: number;
}

export interface MonthCount {
  /** `2026-12`. */
  readonly month: string;
  readonly count: number;
}

export interface ReportCounts {
  readonly total: number;
  /** The weeks holding at least one result, oldest first. */
  readonly byWeek: readonly WeekCount[];
  /** The months holding at least one result, oldest first. */
  readonly byMonth: readonly MonthCount[];
  /** Results whose date cannot be read (a broken clock): in `total`, in no week or month. */
  readonly undated: number;
  readonly byDistanceLevel: Counts<DistanceResult>;
  readonly byMode: Counts<SessionMode>;
  /** Guided sessions per theme worked on (several per session, or none). */
  readonly byTheme: Counts<Theme>;
  /** Results in which no theme was observed (kiosk results included). */
  readonly withoutTheme: number;
  readonly byObservedAutonomy: Counts<AutonomyLevel | typeof NOT_OBSERVED>;
  readonly byActivityType: Counts<ActivityType | typeof NOT_SAID>;
  readonly byPlaceType: Counts<PlaceType | typeof NOT_SAID>;
  /** Sessions per equipment used or lent (several per session, or none). */
  readonly byEquipment: Counts<Equipment>;
  readonly byReferral: Counts<Referral | typeof NOT_SAID>;
  readonly byAgeBand: Counts<AgeBand | typeof UNKNOWN_AGE>;
  /** Whether the tries matched what the mediator saw (guided sessions in which a try was done). */
  readonly byTriesMatch: Counts<TriesMatch | typeof NOT_SAID>;
  /**
   * The handling tries beside the mediator's observed autonomy, for the results with both (all three handling tries
   * done, autonomy observed): the two-way table a structure checks the tries with (docs/TRIES.md). "Struggled": the
   * mediator saw the person fully supported or partly autonomous; the tries "caught" them when a handling try was
   * not passed.
   */
  readonly triesCheck: {
    readonly struggledCaught: number;
    readonly struggledMissed: number;
    readonly atEasePassed: number;
    readonly atEaseFlagged: number;
  };
  /** Time spent with people: the sum of the durations said, and how many sessions said one. */
  readonly minutes: { readonly total: number; readonly sessions: number };
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

/** Counts of nothing: the start of a fold. */
export function emptyReportCounts(): ReportCounts {
  return {
    total: 0,
    byWeek: [],
    byMonth: [],
    undated: 0,
    byDistanceLevel: zeros(DISTANCE_RESULTS),
    byMode: zeros(['kiosk', 'guided'] as const),
    byTheme: zeros(THEMES),
    withoutTheme: 0,
    byObservedAutonomy: zeros([...AUTONOMY_LEVELS, NOT_OBSERVED] as const),
    byActivityType: zeros([...ACTIVITY_TYPES, NOT_SAID] as const),
    byPlaceType: zeros([...PLACE_TYPES, NOT_SAID] as const),
    byEquipment: zeros(EQUIPMENT),
    byReferral: zeros([...REFERRALS, NOT_SAID] as const),
    byAgeBand: zeros([...AGE_BANDS, UNKNOWN_AGE] as const),
    byTriesMatch: zeros([...TRIES_MATCHES, NOT_SAID] as const),
    triesCheck: { struggledCaught: 0, struggledMissed: 0, atEasePassed: 0, atEaseFlagged: 0 },
    minutes: { total: 0, sessions: 0 },
  };
}

/**
 * The share of the tries' verdicts that agree with what the mediator saw ("oui" of the answers given), the handling
 * tries' sensitivity (people seen struggling whom the tries caught) and specificity (people at ease who passed); null
 * where nothing is there to divide.
 */
export function triesAgreement(counts: Pick<ReportCounts, 'byTriesMatch' | 'triesCheck'>): {
  readonly agreement: number | null;
  readonly sensitivity: number | null;
  readonly specificity: number | null;
} {
  const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);
  const said = TRIES_MATCHES.reduce((sum, key) => sum + counts.byTriesMatch[key], 0);
  const { struggledCaught, struggledMissed, atEasePassed, atEaseFlagged } = counts.triesCheck;
  return {
    agreement: ratio(counts.byTriesMatch.yes, said),
    sensitivity: ratio(struggledCaught, struggledCaught + struggledMissed),
    specificity: ratio(atEasePassed, atEasePassed + atEaseFlagged),
  };
}

/** Adds one to `key` if the table has it, else to `fallback`: a value from a later version never breaks a count. */
function bump(table: Record<string, number>, key: string | null | undefined, fallback: string): void {
  if (key !== null && key !== undefined && key in table) table[key]! += 1;
  else table[fallback]! += 1;
}

/** Adds one to each listed key the table has (lists of themes, of equipment). */
function bumpEach(table: Record<string, number>, keys: readonly string[] | undefined): void {
  for (const key of keys ?? []) if (key in table) table[key]! += 1;
}

/** One reader of the local calendar per time zone, kept between batches (its cache makes it cheap). */
const readers = new Map<string, ReturnType<typeof localTimeReader>>();
function readerFor(timeZone: string) {
  let reader = readers.get(timeZone);
  if (!reader) readers.set(timeZone, (reader = localTimeReader(timeZone)));
  return reader;
}

/**
 * Folds one batch of results into the counts and returns the new counts (those given are not changed). Weeks and
 * months are read on the calendar of `timeZone` ("Europe/Paris"): a result finished on Monday at 00:30 in Paris
 * belongs to that Monday's week, whatever the UTC date. Folding the batches one after the other gives the same counts
 * as folding all the results at once.
 */
export function addToReportCounts(counts: ReportCounts, results: readonly FinishedResult[], timeZone: string): ReportCounts {
  const read = readerFor(timeZone);
  const weeks = new Map(counts.byWeek.map((entry) => [entry.week, entry]));
  const months = new Map(counts.byMonth.map((entry) => [entry.month, entry.count]));
  const next = {
    byDistanceLevel: { ...counts.byDistanceLevel },
    byMode: { ...counts.byMode },
    byTheme: { ...counts.byTheme },
    byObservedAutonomy: { ...counts.byObservedAutonomy },
    byActivityType: { ...counts.byActivityType },
    byPlaceType: { ...counts.byPlaceType },
    byEquipment: { ...counts.byEquipment },
    byReferral: { ...counts.byReferral },
    byAgeBand: { ...counts.byAgeBand },
    byTriesMatch: { ...counts.byTriesMatch },
  } as const satisfies Partial<Record<keyof ReportCounts, Record<string, number>>>;
  let { undated, withoutTheme } = counts;
  const triesCheck = { ...counts.triesCheck };
  let minutes = counts.minutes.total;
  let sessions = counts.minutes.sessions;
  // Many results share a day: its week is worked out once.
  const weekOfDay = new Map<string, { week: string; monday: string }>();

  for (const result of results) {
    const local: LocalTime | null = read(result.finishedAt);
    if (local) {
      const dayKey = `${local.year}-${local.month}-${local.day}`;
      let week = weekOfDay.get(dayKey);
      if (!week) weekOfDay.set(dayKey, (week = isoWeekOfDay(local)));
      const before = weeks.get(week.week);
      weeks.set(week.week, { week: week.week, monday: week.monday, count: (before?.count ?? 0) + 1 });
      const month = formatLocalMonth(local);
      months.set(month, (months.get(month) ?? 0) + 1);
    } else {
      undated += 1;
    }
    bump(next.byDistanceLevel, result.distanceLevel, 'unknown');
    bump(next.byMode, result.mode, result.observation ? 'guided' : 'kiosk');
    bump(next.byAgeBand, result.ageBand, UNKNOWN_AGE);

    // An older result has no observation; an older observation has no session fields: both count as not said.
    const observation: Partial<Observation> = result.observation ?? {};
    bump(next.byObservedAutonomy, observation.autonomy, NOT_OBSERVED);
    const themes = observation.themes ?? [];
    if (themes.length === 0) withoutTheme += 1;
    bumpEach(next.byTheme, themes);
    bump(next.byActivityType, observation.activityType, NOT_SAID);
    bump(next.byPlaceType, observation.placeType, NOT_SAID);
    bumpEach(next.byEquipment, observation.equipment);
    bump(next.byReferral, observation.referral, NOT_SAID);
    bump(next.byTriesMatch, observation.triesMatched, NOT_SAID);
    const handling = result.observed?.handling;
    const allThreeDone = handling === 'passed0' || handling === 'passed1' || handling === 'passed2' || handling === 'passed3';
    if (allThreeDone && observation.autonomy) {
      const struggled = observation.autonomy !== 'autonomous';
      const passed = handling === 'passed3';
      if (struggled) triesCheck[passed ? 'struggledMissed' : 'struggledCaught'] += 1;
      else triesCheck[passed ? 'atEasePassed' : 'atEaseFlagged'] += 1;
    }
    if (typeof observation.durationMinutes === 'number') {
      minutes += observation.durationMinutes;
      sessions += 1;
    }
  }

  return {
    ...next,
    total: counts.total + results.length,
    byWeek: [...weeks.values()].sort((a, b) => (a.week < b.week ? -1 : a.week > b.week ? 1 : 0)),
    byMonth: [...months].map(([month, count]) => ({ month, count })).sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0)),
    undated,
    withoutTheme,
    triesCheck,
    minutes: { total: minutes, sessions },
  };
}
