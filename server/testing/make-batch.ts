import { QUESTIONNAIRE } from '../../src/content/questionnaire';
import {
  AGE_BANDS,
  BATCH_FORMAT_V2,
  BATCH_FORMAT_V3,
  BATCH_FORMAT_VERSION,
  DSI_AREA_LEVELS,
  DSI_OVERALL_CATEGORIES,
  SESSION_MODES,
  countResults,
  countResultsV2,
  countResultsV3,
  type AggregateBatch,
  type AggregateBatchV3,
  type AggregateBatchV1,
  type AggregateBatchV2,
  type Territory,
} from '../../src/domain/aggregate';
import { LANGUAGES } from '../../src/domain/language';
import { DSI_AREAS } from '../../src/domain/questionnaire';
import { DISTANCE_LEVELS, toFinishedResult, type FinishedResult } from '../../src/domain/result';
import { AUTONOMY_LEVELS, BARRIERS, scoreProfile } from '../../src/domain/score-profile';
import { startSession } from '../../src/domain/session';
import { HANDLING_SCORES, ICON_SCORES, NOTHING_OBSERVED, SCAM_SCORES, type ObservedCategories } from '../../src/domain/tries';
import { randomChoice, respond, seededRandom } from '../../src/domain/testing/respondent';
import { LAYOUTS, flattenCounts, groupOf, wholeOf, withheldGroupOf, withholdableGroupsOf, type BatchFormat } from '../count-groups';
import type { WeekSums } from '../batch-store';

/** Test builder: a UUID (version 4 layout) drawn from a seeded PRNG, so runs are repeatable. */
export function seededUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(random() * 4)]!;
  const text = hex.join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

const pick = <T>(random: () => number, values: readonly T[]): T => values[Math.floor(random() * values.length)]!;

/** Test builder: a finished result with random categories (each one possible on a device, not all coherent). */
export function randomResult(random: () => number, id: string): FinishedResult {
  return {
    id,
    finishedAt: '2026-11-18T10:00:00.000Z',
    mode: pick(random, SESSION_MODES),
    language: pick(random, LANGUAGES),
    questionnaireVersion: '1',
    distanceLevel: pick(random, DISTANCE_LEVELS),
    dsiOverall: pick(random, DSI_OVERALL_CATEGORIES),
    dsiAreas: Object.fromEntries(DSI_AREAS.map((area) => [area, pick(random, DSI_AREA_LEVELS)])) as FinishedResult['dsiAreas'],
    illectronism: random() < 0.2,
    barriers: BARRIERS.filter(() => random() < 0.3),
    autonomy: random() < 0.1 ? null : pick(random, AUTONOMY_LEVELS),
    ageBand: random() < 0.1 ? null : pick(random, AGE_BANDS),
    countedInBatch: null,
  };
}

export interface MakeBatchOptions {
  readonly random: () => number;
  /** The results to count; `size` random ones when not given. */
  readonly results?: readonly FinishedResult[];
  readonly size?: number;
  readonly territory?: Territory;
  readonly weeks?: { readonly from: string; readonly to: string };
  readonly id?: string;
  /**
   * Format 2: the k of the device that counts them (countResultsV2), 5 by default. 1 stands for an app from before the
   * DSI of the 16-74 year-olds could be withheld: it always sends it.
   */
  readonly k?: number;
}

/** Test builder: a valid batch counting its results (by default `size` random ones) with the device's own countResults. */
export function makeBatch({ random, results, size = 8, territory, weeks, id }: MakeBatchOptions): AggregateBatchV1 {
  results ??= Array.from({ length: size }, (_, index) => randomResult(random, `r${index}`));
  return {
    format: BATCH_FORMAT_VERSION,
    id: id ?? seededUuid(random),
    territory: territory ?? { level: 'commune', code: '21231' },
    weeks: weeks ?? { from: '2026-W46', to: '2026-W47' },
    questionnaireVersion: '1',
    appVersion: '0.1.0',
    total: results.length,
    counts: countResults(results),
  };
}

/**
 * Test builder: a finished result of questionnaire 2 as a device keeps it, from a random respondent walked through the
 * real questionnaire (every answer possible, "je ne sais pas" and skips included) and the real scoring.
 */
export function randomResultV2(random: () => number, id: string): FinishedResult {
  const language = pick(random, LANGUAGES);
  const mode = pick(random, SESSION_MODES);
  const at = new Date('2026-11-18T10:00:00.000Z');
  const { answers } = respond(QUESTIONNAIRE, randomChoice(random));
  const session = startSession({ id: `s-${id}`, now: at, language, mode, questionnaireVersion: QUESTIONNAIRE.version });
  return toFinishedResult(id, session, scoreProfile(QUESTIONNAIRE, answers, { language }), at);
}

/** Respondents are slow to walk through (about 1 ms each): a fixed pool of them, drawn from for each batch. */
let pool: readonly FinishedResult[] | null = null;
function poolOfResultsV2(): readonly FinishedResult[] {
  if (!pool) {
    const random = seededRandom(20_261_118);
    pool = Array.from({ length: 400 }, (_, index) => randomResultV2(random, `p${index}`));
  }
  return pool;
}

/**
 * Test builder: a valid batch of format 2 counting its results with the device's own countResultsV2 — by default `size`
 * results of real respondents of questionnaire 2 (picked from a fixed pool with `random`). Its DSI of the 16-74
 * year-olds is null when 1 to k − 1 of them are outside 16-74, as on a device.
 */
export function makeBatchV2({ random, results, size = 8, territory, weeks, id, k = 5 }: MakeBatchOptions): AggregateBatchV2 {
  const respondents = poolOfResultsV2();
  results ??= Array.from({ length: size }, () => respondents[Math.floor(random() * respondents.length)]!);
  return {
    format: BATCH_FORMAT_V2,
    id: id ?? seededUuid(random),
    territory: territory ?? { level: 'commune', code: '21231' },
    weeks: weeks ?? { from: '2026-W46', to: '2026-W47' },
    questionnaireVersion: '2',
    appVersion: '0.2.0',
    total: results.length,
    counts: countResultsV2(results, { k }),
  };
}

/** The sums of some batches as the store gives them (open-batch-store.ts): a withheld group counts 0, and apart. */
export function sumBatches(format: BatchFormat, batches: readonly AggregateBatch[], week = '2026-W47'): WeekSums {
  const counts = new Array<number>(LAYOUTS[format].names.length).fill(0);
  for (const batch of batches) flattenCounts(batch).forEach((count, index) => (counts[index]! += count ?? 0));
  const withheld = withholdableGroupsOf(format).map((group) => {
    const whole = wholeOf(format, group);
    const sent = batches.filter((batch) => withheldGroupOf(batch.counts, group) !== null);
    return {
      batches: batches.length - sent.length,
      wholeWhereSent: whole.keys.map((key) => sent.reduce((sum, batch) => sum + groupOf(batch.counts, whole)[key]!, 0)),
    };
  });
  return { week, batches: batches.length, total: batches.reduce((sum, batch) => sum + batch.total, 0), counts, withheld };
}

/**
 * Test builder: a valid batch of format 3 (format 2 and the tries), counting its results with the device's own
 * countResultsV3: each result of the pool given what its tries showed at random (a third skipped them all).
 */
export function makeBatchV3({ random, results, size = 8, territory, weeks, id, k = 5 }: MakeBatchOptions): AggregateBatchV3 {
  const respondents = poolOfResultsV2();
  results ??= Array.from({ length: size }, () => {
    const result = respondents[Math.floor(random() * respondents.length)]!;
    const handling = pick(random, HANDLING_SCORES);
    // in the gap only someone who said basic skills or above and did not pass a handling try they did
    const missedOne = handling !== 'passed3' && handling !== 'notTaken';
    const observed: ObservedCategories =
      random() < 1 / 3
        ? NOTHING_OBSERVED
        : {
            handling,
            scam: pick(random, SCAM_SCORES),
            icons: result.v2?.lastUse === 'last3Months' ? 'notTaken' : pick(random, ICON_SCORES),
            selfReportGap: missedOne && (result.dsiOverall === 'basic' || result.dsiOverall === 'aboveBasic') && random() < 0.5,
          };
    return { ...result, observed };
  });
  return {
    format: BATCH_FORMAT_V3,
    id: id ?? seededUuid(random),
    territory: territory ?? { level: 'commune', code: '21231' },
    weeks: weeks ?? { from: '2026-W46', to: '2026-W47' },
    questionnaireVersion: '2',
    appVersion: '0.6.0',
    total: results.length,
    counts: countResultsV3(results, { k }),
  };
}
