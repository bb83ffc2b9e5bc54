import { departementOf } from './departement';
import { MIN_K } from './k-anonymity';
import { DSI_AREAS, type DsiArea } from './questionnaire';
import type { DsiAreaLevel, DsiOverall } from './dsi';
import { LANGUAGES, type Language } from './language';
import { DISTANCE_LEVELS, type DistanceLevel, type FinishedResult } from './result';
import { AUTONOMY_LEVELS, BARRIERS, type AutonomyLevel, type Barrier } from './score-profile';
import type { SessionMode } from './session';

/**
 * Anonymous weekly batches: what leaves the device for the regional observatory. See docs/PRIVACY.md.
 *
 * A batch holds one-dimensional counts only (never a cross table), for whole ISO weeks (never a finer time), for a
 * territory (a commune or a département), with a random id that changes every batch. It is released only when it covers
 * at least k results; a week that does not reach k waits and is merged with the following weeks of the same territory.
 */

/** Format version of a batch, checked by the collector (docs/API.md). */
export const BATCH_FORMAT_VERSION = 1;
/** k-anonymity: the fewest results a batch may cover. Configurable, never below MIN_K. */
export { DEFAULT_K, MIN_K } from './k-anonymity';

export const DSI_OVERALL_CATEGORIES = ['notAssessed', 'no', 'limited', 'narrow', 'low', 'basic', 'aboveBasic'] as const;
export const DSI_AREA_LEVELS = ['none', 'basic', 'aboveBasic'] as const;
/** The age bands of the questionnaire (INSEE's ten-year bands, 16-24 apart as Eurostat does). */
export const AGE_BANDS = [
  'under16',
  'from16to24',
  'from25to34',
  'from35to44',
  'from45to54',
  'from55to64',
  'from65to74',
  'from75',
] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const SESSION_MODES = ['kiosk', 'guided'] as const;
/** Said for a category the person did not give (age skipped, no online procedure needed). */
export const UNKNOWN = 'unknown';

/** Where the counts come from: the INSEE code of the device's commune, or its département when configured so. */
export interface Territory {
  readonly level: 'commune' | 'departement';
  readonly code: string;
}

type Counts<K extends string> = Record<K, number>;

export interface BatchCounts {
  readonly distanceLevel: Counts<DistanceLevel>;
  readonly dsiOverall: Counts<DsiOverall>;
  /** One distribution per area, side by side: still one dimension each. */
  readonly dsiAreas: Readonly<Record<DsiArea, Counts<DsiAreaLevel>>>;
  /** Results flagged illectronisme (the INSEE definition); the rest of `total` are not. */
  readonly illectronism: number;
  /** Results naming each barrier; a result may name several or none. */
  readonly barriers: Counts<Barrier>;
  readonly autonomy: Counts<AutonomyLevel | typeof UNKNOWN>;
  readonly ageBand: Counts<AgeBand | typeof UNKNOWN>;
  readonly language: Counts<Language>;
  readonly mode: Counts<SessionMode>;
}

/** A batch exactly as the collector receives it (docs/API.md, "Example batch"). */
export interface AggregateBatch {
  readonly format: typeof BATCH_FORMAT_VERSION;
  /** Random, new for every batch: the idempotency key of the collector, never a device identifier. */
  readonly id: string;
  readonly territory: Territory;
  /** ISO weeks covered, inclusive ("2026-W47"); `from` < `to` when short weeks were carried forward. */
  readonly weeks: { readonly from: string; readonly to: string };
  readonly questionnaireVersion: string;
  readonly appVersion: string;
  readonly total: number;
  readonly counts: BatchCounts;
}

export interface BuildBatchesInput {
  /** Finished results on the device; those already counted are left alone. */
  readonly results: readonly FinishedResult[];
  /** null while the device has no commune configured: nothing is batched then. */
  readonly territory: Territory | null;
  readonly k: number;
  readonly appVersion: string;
  readonly now: Date;
  readonly newId: () => string;
}

export interface BuiltBatch {
  readonly batch: AggregateBatch;
  /** The results it counts, to be marked counted in the same transaction that queues the batch. */
  readonly resultIds: readonly string[];
}

export interface BuildBatchesOutput {
  readonly batches: readonly BuiltBatch[];
  /** Results not counted yet: in the current week, or in weeks still below k. */
  readonly waiting: number;
}

export class AggregateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AggregateError';
  }
}

const HOUR_MS = 3_600_000;
const PARIS_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * ISO 8601 week of an instant, on the calendar of Europe/Paris (a result finished on Monday 00:30 in Dijon belongs to
 * that Monday's week). "2026-W01" is the week holding the year's first Thursday.
 */
export function isoWeek(instant: Date): string {
  const [year, month, day] = PARIS_DATE.format(instant).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  // The Thursday of the same week decides the year.
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const weekYear = date.getUTCFullYear();
  const firstDay = Date.UTC(weekYear, 0, 1);
  const week = Math.ceil(((date.getTime() - firstDay) / 86_400_000 + 1) / 7);
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

export { departementOf };

/** The territory a device's batches carry, from its commune and the level configured for the region. */
export function territoryOf(inseeCode: string | null, level: Territory['level']): Territory | null {
  if (inseeCode === null) return null;
  return level === 'commune' ? { level, code: inseeCode } : { level, code: departementOf(inseeCode) };
}

function zeros<K extends string>(keys: readonly K[]): Counts<K> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Counts<K>;
}

function emptyCounts(): { -readonly [P in keyof BatchCounts]: BatchCounts[P] } {
  return {
    distanceLevel: zeros(DISTANCE_LEVELS),
    dsiOverall: zeros(DSI_OVERALL_CATEGORIES),
    dsiAreas: Object.fromEntries(DSI_AREAS.map((area) => [area, zeros(DSI_AREA_LEVELS)])) as Record<
      DsiArea,
      Counts<DsiAreaLevel>
    >,
    illectronism: 0,
    barriers: zeros(BARRIERS),
    autonomy: zeros([...AUTONOMY_LEVELS, UNKNOWN]),
    ageBand: zeros([...AGE_BANDS, UNKNOWN]),
    language: zeros(LANGUAGES),
    mode: zeros(SESSION_MODES),
  };
}

function isAgeBand(value: string | null): value is AgeBand {
  return value !== null && (AGE_BANDS as readonly string[]).includes(value);
}

/** The one-dimensional counts of some results. */
export function countResults(results: readonly FinishedResult[]): BatchCounts {
  const counts = emptyCounts();
  for (const result of results) {
    counts.distanceLevel[result.distanceLevel] += 1;
    counts.dsiOverall[result.dsiOverall] += 1;
    for (const area of DSI_AREAS) counts.dsiAreas[area][result.dsiAreas[area]] += 1;
    if (result.illectronism) counts.illectronism += 1;
    for (const barrier of new Set(result.barriers)) counts.barriers[barrier] += 1;
    counts.autonomy[result.autonomy ?? UNKNOWN] += 1;
    counts.ageBand[isAgeBand(result.ageBand) ? result.ageBand : UNKNOWN] += 1;
    counts.language[result.language] += 1;
    counts.mode[result.mode] += 1;
  }
  return counts;
}

/**
 * Builds the batches that may leave the device now.
 *
 * Only whole weeks are counted: results of the current week wait until it is over, so a batch never tells more than
 * "these people, that week". Weeks are taken in order and accumulated until they reach k; a remainder below k waits
 * for the following weeks (the batch then covers a range of weeks). Results of another questionnaire version form their
 * own batches. Totals are preserved: every result counted lands in exactly one batch.
 */
export function buildBatches(input: BuildBatchesInput): BuildBatchesOutput {
  const { results, territory, k, appVersion, now, newId } = input;
  if (!Number.isInteger(k) || k < MIN_K) throw new AggregateError(`k must be an integer of at least ${MIN_K}`);
  const uncounted = results.filter((result) => result.countedInBatch === null);
  if (territory === null) return { batches: [], waiting: uncounted.length };

  const currentWeek = isoWeek(now);
  // Paris is a whole number of hours from UTC: within one UTC hour the calendar day, hence the week, cannot change.
  // Reading the calendar (Intl) once per hour instead of once per result makes 100 000 results take milliseconds.
  const weekOfHour = new Map<number, string>();
  const weekOf = (finishedAt: string): string => {
    const hour = Math.floor(Date.parse(finishedAt) / HOUR_MS);
    let week = weekOfHour.get(hour);
    if (week === undefined) {
      week = isoWeek(new Date(hour * HOUR_MS));
      weekOfHour.set(hour, week);
    }
    return week;
  };
  // Results by questionnaire version, then by week: a handful of weeks to put in order, not 100 000 results.
  const byVersion = new Map<string, Map<string, FinishedResult[]>>();
  for (const result of uncounted) {
    const week = weekOf(result.finishedAt);
    if (week >= currentWeek) continue;
    let weeks = byVersion.get(result.questionnaireVersion);
    if (!weeks) byVersion.set(result.questionnaireVersion, (weeks = new Map()));
    const list = weeks.get(week);
    if (list) list.push(result);
    else weeks.set(week, [result]);
  }

  const batches: BuiltBatch[] = [];
  for (const [questionnaireVersion, weeks] of byVersion) {
    let pending: FinishedResult[] = [];
    let from: string | null = null;
    for (const week of [...weeks.keys()].sort()) {
      from ??= week;
      pending = pending.length === 0 ? weeks.get(week)! : pending.concat(weeks.get(week)!);
      if (pending.length < k) continue;
      batches.push({
        batch: {
          format: BATCH_FORMAT_VERSION,
          id: newId(),
          territory,
          weeks: { from, to: week },
          questionnaireVersion,
          appVersion,
          total: pending.length,
          counts: countResults(pending),
        },
        resultIds: pending.map((result) => result.id),
      });
      pending = [];
      from = null;
    }
  }
  const counted = batches.reduce((sum, built) => sum + built.resultIds.length, 0);
  return { batches, waiting: uncounted.length - counted };
}
