import { departementOf } from './departement';
import { DEFAULT_K, MIN_K } from './k-anonymity';
import { DSI_AREAS, type DsiArea } from './questionnaire';
import type { DsiAreaLevel, DsiAreaLevelOrUnknown, DsiOverall, DsiOverallOrUnknown } from './dsi';
import { LANGUAGES, type Language } from './language';
import { NATIONAL_SERVICES, type NationalService } from './national-vocabulary';
import { DISTANCE_LEVELS, DISTANCE_RESULTS, type DistanceLevel, type DistanceResult, type FinishedResult } from './result';
import {
  AUTONOMY_LEVELS,
  BARRIERS,
  DEVICE_PROFILES,
  LAST_USES,
  MAIN_BARRIERS,
  ORGANISMS,
  type AutonomyLevel,
  type Barrier,
  type DeviceProfile,
  type LastUse,
  type MainBarrier,
  type Organism,
  type ProceduresStatus,
} from './score-profile';
import type { SessionMode } from './session';
import { HANDLING_SCORES, ICON_SCORES, NOTHING_OBSERVED, SCAM_SCORES, type HandlingScore, type IconScore, type ScamScore } from './tries';

/**
 * Anonymous weekly batches: what leaves the device for the regional observatory. See docs/PRIVACY.md.
 *
 * A batch holds one-dimensional counts only (never a cross table), for whole ISO weeks (never a finer time), for a
 * territory (a commune or a département), with a random id that changes every batch. It is released only when it covers
 * at least k results; a week that does not reach k waits and is merged with the following weeks of the same territory.
 */

/** Format version of a batch of questionnaire-1 results, checked by the collector (docs/API.md). */
export const BATCH_FORMAT_VERSION = 1;
/** Format of a batch of questionnaire-2 results: unknowns counted apart, last use, main barrier, needs… */
export const BATCH_FORMAT_V2 = 2;
/**
 * Format 3: format 2 and the scores of the hands-on tries ("observé, hors Eurostat"). Questionnaire-2 results are
 * counted in it since the tries exist; a result finished before counts its tries as "non passé". The collector still
 * takes format 2 from devices not updated yet.
 */
export const BATCH_FORMAT_V3 = 3;
/** The batch format each questionnaire version's results are counted in now. A batch never mixes versions. */
export function batchFormatOf(questionnaireVersion: string): typeof BATCH_FORMAT_VERSION | typeof BATCH_FORMAT_V3 {
  return questionnaireVersion === '1' ? BATCH_FORMAT_VERSION : BATCH_FORMAT_V3;
}
/** The formats a batch of a questionnaire version may come in: format 2 too, from a device not updated yet. */
export function batchFormatsOf(questionnaireVersion: string): readonly AggregateBatch['format'][] {
  return questionnaireVersion === '1' ? [BATCH_FORMAT_VERSION] : [BATCH_FORMAT_V2, BATCH_FORMAT_V3];
}
/** k-anonymity: the fewest results a batch may cover. Configurable, never below MIN_K. */
export { DEFAULT_K, MIN_K } from './k-anonymity';

export const DSI_OVERALL_CATEGORIES = ['notAssessed', 'no', 'limited', 'narrow', 'low', 'basic', 'aboveBasic'] as const;
export const DSI_AREA_LEVELS = ['none', 'basic', 'aboveBasic'] as const;
/** Format 2: the overall level may be unknown ("I don't know" is missing data), counted apart. */
export const DSI_OVERALL_CATEGORIES_V2 = [...DSI_OVERALL_CATEGORIES, 'unknown'] as const;
/** Format 2: an area is unknown ("I don't know") or not assessed (not a user of the last 3 months). */
export const DSI_AREA_LEVELS_V2 = ['none', 'basic', 'aboveBasic', 'unknown', 'notAssessed'] as const;
export { DISTANCE_RESULTS };
export const ILLECTRONISM_ANSWERS = ['yes', 'no', 'unknown'] as const;
export const PROCEDURES_STATUSES = [...AUTONOMY_LEVELS, 'neverNeeded', 'unknown'] as const;
/** Format 2: the main barrier of people at "Premiers pas" or "En apprentissage"; `none` for everyone else. */
export const MAIN_BARRIER_CATEGORIES = [...MAIN_BARRIERS, 'none'] as const;
/** The national services as count keys (the standard's words carry spaces and accents). */
export const SERVICE_KEYS = {
  'Aide aux démarches administratives': 'adminProcedures',
  'Maîtrise des outils numériques du quotidien': 'everydayTools',
  'Insertion professionnelle via le numérique': 'employment',
  'Utilisation sécurisée du numérique': 'safeUse',
  'Parentalité et éducation avec le numérique': 'parenting',
  'Loisirs et créations numériques': 'leisure',
  'Compréhension du monde numérique': 'understanding',
  'Accès internet et matériel informatique': 'internetAccess',
  'Acquisition de matériel informatique à prix solidaire': 'solidarityEquipment',
} as const satisfies Readonly<Record<NationalService, string>>;
export type ServiceKey = (typeof SERVICE_KEYS)[NationalService];
export const SERVICE_COUNT_KEYS: readonly ServiceKey[] = NATIONAL_SERVICES.map((service) => SERVICE_KEYS[service]);
/** Eurostat's DSI scope: ages 16 to 74. */
export const EUROSTAT_AGE_BANDS = ['from16to24', 'from25to34', 'from35to44', 'from45to54', 'from55to64', 'from65to74'] as const;
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

/**
 * Format 2 (questionnaire 2): still one-dimensional counts, each group on its own. Unknown answers are counted apart so
 * the observatory can take them out of denominators. See docs/API.md and docs/PRIVACY.md.
 */
export interface BatchCountsV2 {
  readonly distanceLevel: Counts<DistanceResult>;
  readonly dsiOverall: Counts<DsiOverallOrUnknown>;
  readonly dsiAreas: Readonly<Record<DsiArea, Counts<DsiAreaLevelOrUnknown>>>;
  /**
   * The overall DSI of the results aged 16 to 74 only (Eurostat's scope): sums to that number, not to `total`. null
   * (withheld) when 1 to k − 1 results of the batch lie outside 16–74: `dsiOverall` minus this table would tell
   * their levels (a cross table of age and skills). docs/PRIVACY.md.
   */
  readonly dsiOverall16to74: Counts<DsiOverallOrUnknown> | null;
  readonly illectronism: Counts<(typeof ILLECTRONISM_ANSWERS)[number]>;
  readonly lastUse: Counts<LastUse>;
  readonly barriers: Counts<Barrier>;
  readonly mainBarrier: Counts<MainBarrier | 'none'>;
  readonly doesNotWant: number;
  readonly autonomy: Counts<ProceduresStatus>;
  /** Results needing help with each organism; a result may name several or none. */
  readonly organisms: Counts<Organism>;
  /** Results needing each service (keys of SERVICE_KEYS); a result may need several or none. */
  readonly services: Counts<ServiceKey>;
  readonly delegation: number;
  readonly deviceProfile: Counts<DeviceProfile>;
  readonly ageBand: Counts<AgeBand | typeof UNKNOWN>;
  readonly language: Counts<Language>;
  readonly mode: Counts<SessionMode>;
}

/** Format 3: the counts of format 2, and what the hands-on tries showed, each score on its own (docs/TRIES.md). */
export interface BatchCountsV3 extends BatchCountsV2 {
  readonly observed: {
    readonly handling: Counts<HandlingScore>;
    readonly scam: Counts<ScamScore>;
    readonly icons: Counts<IconScore>;
    /** Results whose self-reported DSI is basic or above but who did not pass a handling try they did. */
    readonly selfReportGap: number;
  };
}

interface BatchEnvelope {
  /** Random, new for every batch: the idempotency key of the collector, never a device identifier. */
  readonly id: string;
  readonly territory: Territory;
  /** ISO weeks covered, inclusive ("2026-W47"); `from` < `to` when short weeks were carried forward. */
  readonly weeks: { readonly from: string; readonly to: string };
  readonly questionnaireVersion: string;
  readonly appVersion: string;
  readonly total: number;
}

/** A batch exactly as the collector receives it (docs/API.md, "Example batch" of each format). */
export type AggregateBatch =
  | (BatchEnvelope & { readonly format: typeof BATCH_FORMAT_VERSION; readonly counts: BatchCounts })
  | (BatchEnvelope & { readonly format: typeof BATCH_FORMAT_V2; readonly counts: BatchCountsV2 })
  | (BatchEnvelope & { readonly format: typeof BATCH_FORMAT_V3; readonly counts: BatchCountsV3 });
export type AggregateBatchV1 = Extract<AggregateBatch, { format: 1 }>;
export type AggregateBatchV2 = Extract<AggregateBatch, { format: 2 }>;
export type AggregateBatchV3 = Extract<AggregateBatch, { format: 3 }>;

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

/**
 * The one-dimensional counts of some results of questionnaire 1 (format 1). A result of questionnaire 2 has no place
 * in it: AggregateError.
 */
export function countResults(results: readonly FinishedResult[]): BatchCounts {
  const counts = emptyCounts();
  for (const result of results) {
    const { distanceLevel, dsiOverall, dsiAreas } = result;
    if (result.questionnaireVersion !== '1' || distanceLevel === 'unknown' || dsiOverall === 'unknown' || result.illectronism === null) {
      throw new AggregateError(`result ${result.id} is of questionnaire ${result.questionnaireVersion}: it is counted in format ${batchFormatOf(result.questionnaireVersion)}`);
    }
    counts.distanceLevel[distanceLevel] += 1;
    counts.dsiOverall[dsiOverall] += 1;
    for (const area of DSI_AREAS) counts.dsiAreas[area][dsiAreas[area] as DsiAreaLevel] += 1;
    if (result.illectronism) counts.illectronism += 1;
    for (const barrier of new Set(result.barriers)) counts.barriers[barrier] += 1;
    counts.autonomy[result.autonomy ?? UNKNOWN] += 1;
    counts.ageBand[isAgeBand(result.ageBand) ? result.ageBand : UNKNOWN] += 1;
    counts.language[result.language] += 1;
    counts.mode[result.mode] += 1;
  }
  return counts;
}

function emptyCountsV2() {
  return {
    distanceLevel: zeros(DISTANCE_RESULTS),
    dsiOverall: zeros(DSI_OVERALL_CATEGORIES_V2),
    dsiAreas: Object.fromEntries(DSI_AREAS.map((area) => [area, zeros(DSI_AREA_LEVELS_V2)])) as Record<DsiArea, Counts<DsiAreaLevelOrUnknown>>,
    dsiOverall16to74: zeros(DSI_OVERALL_CATEGORIES_V2),
    illectronism: zeros(ILLECTRONISM_ANSWERS),
    lastUse: zeros(LAST_USES),
    barriers: zeros(BARRIERS),
    mainBarrier: zeros(MAIN_BARRIER_CATEGORIES),
    doesNotWant: 0,
    autonomy: zeros(PROCEDURES_STATUSES),
    organisms: zeros(ORGANISMS),
    services: zeros(SERVICE_COUNT_KEYS),
    delegation: 0,
    deviceProfile: zeros(DEVICE_PROFILES),
    ageBand: zeros([...AGE_BANDS, UNKNOWN]),
    language: zeros(LANGUAGES),
    mode: zeros(SESSION_MODES),
  };
}

/**
 * The one-dimensional counts of some results of questionnaire 2 (format 2). A result of questionnaire 1 (no `v2`
 * categories) has no place in it: AggregateError. `k` is the batch's k: the DSI of the 16–74 year-olds is withheld
 * when fewer than k (but some) results lie outside that age range.
 */
export function countResultsV2(results: readonly FinishedResult[], options: { k: number } = { k: DEFAULT_K }): BatchCountsV2 {
  const counts: Omit<ReturnType<typeof emptyCountsV2>, 'dsiOverall16to74'> & { dsiOverall16to74: Counts<DsiOverallOrUnknown> | null } =
    emptyCountsV2();
  const inEurostatScope = new Set<string>(EUROSTAT_AGE_BANDS);
  for (const result of results) {
    const v2 = result.v2;
    if (!v2) throw new AggregateError(`result ${result.id} is of questionnaire ${result.questionnaireVersion}: it is counted in format 1`);
    counts.distanceLevel[result.distanceLevel] += 1;
    counts.dsiOverall[result.dsiOverall] += 1;
    for (const area of DSI_AREAS) counts.dsiAreas[area][result.dsiAreas[area]] += 1;
    if (result.ageBand !== null && inEurostatScope.has(result.ageBand) && counts.dsiOverall16to74) counts.dsiOverall16to74[result.dsiOverall] += 1;
    counts.illectronism[result.illectronism === null ? 'unknown' : result.illectronism ? 'yes' : 'no'] += 1;
    counts.lastUse[v2.lastUse] += 1;
    for (const barrier of new Set(result.barriers)) counts.barriers[barrier] += 1;
    counts.mainBarrier[v2.mainBarrier ?? 'none'] += 1;
    if (v2.doesNotWant) counts.doesNotWant += 1;
    counts.autonomy[v2.proceduresStatus] += 1;
    for (const organism of new Set(v2.organisms)) counts.organisms[organism] += 1;
    for (const service of new Set(v2.services)) counts.services[SERVICE_KEYS[service]] += 1;
    if (v2.delegation) counts.delegation += 1;
    counts.deviceProfile[v2.deviceProfile] += 1;
    counts.ageBand[isAgeBand(result.ageBand) ? result.ageBand : UNKNOWN] += 1;
    counts.language[result.language] += 1;
    counts.mode[result.mode] += 1;
  }
  const aged16to74 = Object.values(counts.dsiOverall16to74 ?? {}).reduce((sum, n) => sum + n, 0);
  const outside = results.length - aged16to74;
  if (outside > 0 && outside < options.k) counts.dsiOverall16to74 = null;
  return counts;
}

/**
 * The one-dimensional counts of some results of questionnaire 2 with what their tries showed (format 3). A result
 * without `observed` (finished before the tries existed) counts as "non passé" in each score.
 */
export function countResultsV3(results: readonly FinishedResult[], options: { k: number } = { k: DEFAULT_K }): BatchCountsV3 {
  const observed = { handling: zeros(HANDLING_SCORES), scam: zeros(SCAM_SCORES), icons: zeros(ICON_SCORES), selfReportGap: 0 };
  for (const result of results) {
    const seen = result.observed ?? NOTHING_OBSERVED;
    observed.handling[seen.handling] += 1;
    observed.scam[seen.scam] += 1;
    observed.icons[seen.icons] += 1;
    if (seen.selfReportGap) observed.selfReportGap += 1;
  }
  return { ...countResultsV2(results, options), observed };
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
      const envelope = { id: newId(), territory, weeks: { from, to: week }, questionnaireVersion, appVersion, total: pending.length };
      batches.push({
        batch:
          batchFormatOf(questionnaireVersion) === BATCH_FORMAT_VERSION
            ? { format: BATCH_FORMAT_VERSION, ...envelope, counts: countResults(pending) }
            : { format: BATCH_FORMAT_V3, ...envelope, counts: countResultsV3(pending, { k }) },
        resultIds: pending.map((result) => result.id),
      });
      pending = [];
      from = null;
    }
  }
  const counted = batches.reduce((sum, built) => sum + built.resultIds.length, 0);
  return { batches, waiting: uncounted.length - counted };
}
