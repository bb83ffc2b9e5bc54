import type { DistanceLevel, DistanceResult } from './result';
import { DISTANCE_LEVELS } from './result';

/**
 * The hands-on tries (docs/TRIES.md): a few short things the person does on the screen, next to what they say. What
 * is seen never changes the Eurostat DSI nor illectronisme (self-report, as the survey measures them); it adds next
 * steps and may lower Repère's own distance level (docs/SCORING.md, "What the tries add"). Pure.
 */
export const TRY_IDS = ['touch', 'scroll', 'write', 'scam', 'icons'] as const;
export type TryId = (typeof TRY_IDS)[number];

/**
 * The tries come after the internet part of the questionnaire: right after this question (the internet use), or after
 * the apps check when that one follows it. What the person said, then what they show.
 */
export const TRIES_AFTER_QUESTION = 'internetUse';

/** The tries that show basic handling of a touch screen (0 to 3 passed). */
export const HANDLING_TRIES = ['touch', 'scroll', 'write'] as const satisfies readonly TryId[];
export type HandlingTry = (typeof HANDLING_TRIES)[number];

/** CSS pixels per millimetre of screen when a mediator has not measured it (device-settings.ts). */
export { DEFAULT_PX_PER_MM } from './device-settings';

/** The touch targets, largest first, in millimetres on the screen (about a fingertip, a button, a small link). */
export const TOUCH_TARGETS_MM = [20, 12, 8] as const;
/** Taps beside a target before the try moves on to the next one (the target then counts as not reached). */
export const TOUCH_TRIES_PER_TARGET = 3;
/** What is copied in the writing try: a word and a number, nothing personal, the same in every language. */
export const WRITE_MODEL = 'LILAS 21';
/** The mock messages of the scam try, in the order shown: two scams and one genuine notice. */
export const SCAM_MESSAGES = [
  { id: 'refund', scam: true },
  { id: 'parcelFee', scam: true },
  { id: 'appointment', scam: false },
] as const;
export type ScamMessageId = (typeof SCAM_MESSAGES)[number]['id'];
/** The icons to match, each to its meaning. */
export const ICONS = ['back', 'menu', 'close', 'download'] as const;
export type IconId = (typeof ICONS)[number];

/** One target of the touch try: its size, whether it was reached, and the taps beside it. */
export interface TouchTarget {
  readonly sizeMm: number;
  readonly reached: boolean;
  readonly misses: number;
}

/** What the device measured in a try it finished. Counts and times only: nothing typed is kept but "matched". */
export type TryRecord =
  | { readonly kind: 'touch'; readonly targets: readonly TouchTarget[]; readonly durationMs: number }
  | { readonly kind: 'scroll'; readonly found: boolean; readonly misses: number; readonly durationMs: number }
  | { readonly kind: 'write'; readonly matched: boolean; readonly corrections: number; readonly durationMs: number }
  | { readonly kind: 'scam'; readonly answers: Readonly<Record<ScamMessageId, 'click' | 'noClick'>>; readonly durationMs: number }
  | { readonly kind: 'icons'; readonly matched: readonly IconId[]; readonly misses: number; readonly durationMs: number };

/**
 * Why a try was not passed: the person skipped it (or all of them), it was not offered (keyboard or screen-reader use,
 * a device without touch for the touch tries), or it was interrupted (inactivity, a reload). Never a failure.
 */
export type NotTakenReason = 'skipped' | 'notOffered' | 'interrupted';

export type TryOutcome = { readonly status: 'done'; readonly record: TryRecord } | { readonly status: 'notTaken'; readonly reason: NotTakenReason };

/** The tries of one session, by id; a try not in it was never reached ("non passé" too). */
export type Tries = Readonly<Partial<Record<TryId, TryOutcome>>>;

/** How a handling try went: passed, not passed, or not taken ("non passé", never a failure). */
export type TryVerdict = 'passed' | 'failed' | 'notTaken';

/** What can be said of the touch try: every target reached, only the smallest missed, or a larger one missed. */
export type TouchLevel = 'allReached' | 'smallMissed' | 'largeMissed';

/** The observed scores (docs/SCORING.md): what leaves the device, as counts, and what the result says. */
export interface TriesScores {
  /** Basic handling: how many of the three handling tries were passed, of how many were done; null when none was. */
  readonly handling: { readonly passed: number; readonly done: number } | null;
  readonly verdicts: Readonly<Record<HandlingTry, TryVerdict>>;
  readonly touch: TouchLevel | null;
  /** Scam recognition: messages judged right, 0 to 3; null when not done. */
  readonly scam: number | null;
  /** Would have clicked at least one of the scams (the "sécurité" step). */
  readonly clickedScam: boolean;
  /** Icons matched, 0 to 4; null when not done. */
  readonly icons: number | null;
}

const recordOf = <K extends TryRecord['kind']>(tries: Tries, id: K): Extract<TryRecord, { kind: K }> | null => {
  const outcome = tries[id];
  return outcome?.status === 'done' && outcome.record.kind === id ? (outcome.record as Extract<TryRecord, { kind: K }>) : null;
};

/** The touch try's level: the three targets reached; only the smallest (8 mm) missed; or the 20 or 12 mm one missed. */
export function touchLevel(targets: readonly TouchTarget[]): TouchLevel {
  const missed = targets.filter((target) => !target.reached);
  if (missed.length === 0) return 'allReached';
  const smallest = Math.min(...targets.map((target) => target.sizeMm));
  return missed.every((target) => target.sizeMm === smallest) ? 'smallMissed' : 'largeMissed';
}

/** Whether a handling try was passed: every target reached, the card found, the model copied. */
function verdictOf(tries: Tries, id: HandlingTry): TryVerdict {
  switch (id) {
    case 'touch': {
      const record = recordOf(tries, 'touch');
      return record ? (touchLevel(record.targets) === 'allReached' ? 'passed' : 'failed') : 'notTaken';
    }
    case 'scroll': {
      const record = recordOf(tries, 'scroll');
      return record ? (record.found ? 'passed' : 'failed') : 'notTaken';
    }
    case 'write': {
      const record = recordOf(tries, 'write');
      return record ? (record.matched ? 'passed' : 'failed') : 'notTaken';
    }
  }
}

/**
 * Whether what was typed matches the model: letters in any case, spaces at the ends or doubled ignored (the try
 * observes finding letters and switching to digits, not the shift key).
 */
export function writeMatches(typed: string): boolean {
  const normalize = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ').toUpperCase();
  return normalize(typed) === normalize(WRITE_MODEL);
}

/** The scores of the tries (docs/SCORING.md, "What the tries add"). A try not done never counts against the person. */
export function scoreTries(tries: Tries): TriesScores {
  const verdicts = {
    touch: verdictOf(tries, 'touch'),
    scroll: verdictOf(tries, 'scroll'),
    write: verdictOf(tries, 'write'),
  };
  const done = HANDLING_TRIES.filter((id) => verdicts[id] !== 'notTaken').length;
  const passed = HANDLING_TRIES.filter((id) => verdicts[id] === 'passed').length;
  const touch = recordOf(tries, 'touch');
  const scam = recordOf(tries, 'scam');
  const icons = recordOf(tries, 'icons');
  return {
    handling: done === 0 ? null : { passed, done },
    verdicts,
    touch: touch ? touchLevel(touch.targets) : null,
    scam: scam ? SCAM_MESSAGES.filter((m) => (scam.answers[m.id] === 'noClick') === m.scam).length : null,
    clickedScam: scam ? SCAM_MESSAGES.some((m) => m.scam && scam.answers[m.id] === 'click') : false,
    icons: icons ? new Set(icons.matched.filter((id) => (ICONS as readonly string[]).includes(id))).size : null,
  };
}

/**
 * The highest distance level what was seen allows (null: no limit). A larger target missed (20 or 12 mm): tapping
 * itself is the first obstacle → "Premiers pas". Any other handling try not passed (only the 8 mm target missed, the
 * card not found, the model not copied) → "En apprentissage". The scam and icon tries do not limit the level: they
 * add a step (scam) or inform the mediator (icons).
 */
export function observedCeiling(scores: TriesScores): DistanceLevel | null {
  if (scores.touch === 'largeMissed') return 'firstSteps';
  if (HANDLING_TRIES.some((id) => scores.verdicts[id] === 'failed')) return 'learning';
  return null;
}

/**
 * The distance level once what was seen is taken into account: the lower of the self-reported level and the observed
 * ceiling. An unknown self-reported level stays unknown, unless the ceiling is the lowest level (then nothing lower
 * could be said). Without a ceiling, the self-reported level unchanged.
 */
export function combinedDistance(selfReported: DistanceResult, ceiling: DistanceLevel | null): DistanceResult {
  if (ceiling === null) return selfReported;
  if (selfReported === 'unknown') return ceiling === DISTANCE_LEVELS[0] ? ceiling : 'unknown';
  return DISTANCE_LEVELS.indexOf(ceiling) < DISTANCE_LEVELS.indexOf(selfReported) ? ceiling : selfReported;
}

/** What the result says was seen, kindly, one sentence each (docs/TRIES.md): keys of `result.tries.seen.*`. */
export const SEEN_NOTES = ['smallTargetsHard', 'targetsHard', 'scrollHard', 'writeHard', 'scamClicked', 'handlingWell'] as const;
export type SeenNote = (typeof SEEN_NOTES)[number];

export function seenNotes(scores: TriesScores): SeenNote[] {
  const notes: SeenNote[] = [];
  if (scores.touch === 'largeMissed') notes.push('targetsHard');
  if (scores.touch === 'smallMissed') notes.push('smallTargetsHard');
  if (scores.verdicts.scroll === 'failed') notes.push('scrollHard');
  if (scores.verdicts.write === 'failed') notes.push('writeHard');
  if (scores.clickedScam) notes.push('scamClicked');
  if (scores.handling && scores.handling.passed === scores.handling.done && notes.length === 0) notes.push('handlingWell');
  return notes;
}

/** The next steps what was seen adds (docs/SCORING.md): "bases" after a handling try not passed, "sécurité" after a scam clicked. */
export function observedSteps(scores: TriesScores): Array<'basics' | 'safety'> {
  const steps: Array<'basics' | 'safety'> = [];
  if (HANDLING_TRIES.some((id) => scores.verdicts[id] === 'failed')) steps.push('basics');
  if (scores.clickedScam) steps.push('safety');
  return steps;
}

/**
 * The self-report gap the observatory counts: a self-reported DSI of basic or above, and a handling try not passed.
 * Null when it cannot be said (no handling try done).
 */
export function selfReportGap(scores: TriesScores, atLeastBasic: boolean): boolean | null {
  if (!scores.handling) return null;
  return atLeastBasic && scores.handling.passed < scores.handling.done;
}

/**
 * The tries offered to a person: all five to someone who did not use the internet in the last 3 months; the icons are
 * left out for a user of the last 3 months, who answers the five skill screens instead (the icons say little about
 * someone who uses apps every week, and the longest path stays at 22 screens: 18 questions and 4 tries).
 */
export function offeredTries(recentUser: boolean): readonly TryId[] {
  return recentUser ? TRY_IDS.filter((id) => id !== 'icons') : TRY_IDS;
}

/** The first offered try not yet done, skipped or interrupted, in order; null when every one is settled. */
export function nextTry(tries: Tries | undefined, offered: readonly TryId[] = TRY_IDS): TryId | null {
  return offered.find((id) => tries?.[id] === undefined) ?? null;
}

/** Every offered try not settled yet as "non passé" for one reason (the person skipped them all). */
export function allNotTaken(tries: Tries | undefined, reason: NotTakenReason, offered: readonly TryId[] = TRY_IDS): Tries {
  return { ...tries, ...Object.fromEntries(offered.map((id) => [id, tries?.[id] ?? { status: 'notTaken', reason }])) } as Tries;
}

/**
 * What a finished result keeps of the tries, for the anonymous counts (labelled "observé, hors Eurostat"): the three
 * scores as categories, and whether the person is in the self-report gap. Scores only: no time, no tap, nothing typed.
 */
/**
 * The handling score is counted among the people who did all three handling tries (passed 0 to 3), so that "passed all
 * three" has one meaning; someone who did one or two is `partlyTaken`, someone who did none `notTaken`.
 */
export const HANDLING_SCORES = ['passed0', 'passed1', 'passed2', 'passed3', 'partlyTaken', 'notTaken'] as const;
export type HandlingScore = (typeof HANDLING_SCORES)[number];
export const SCAM_SCORES = ['right0', 'right1', 'right2', 'right3', 'notTaken'] as const;
export type ScamScore = (typeof SCAM_SCORES)[number];
export const ICON_SCORES = ['matched0', 'matched1', 'matched2', 'matched3', 'matched4', 'notTaken'] as const;
export type IconScore = (typeof ICON_SCORES)[number];

export interface ObservedCategories {
  /** Handling tries passed, of the three done; partlyTaken when one or two were done, notTaken when none. */
  readonly handling: HandlingScore;
  readonly scam: ScamScore;
  readonly icons: IconScore;
  /** Self-reported DSI basic or above, and a handling try done but not passed (`selfReportGap`). */
  readonly selfReportGap: boolean;
}

/** What nobody's tries said: every score "non passé" (a result finished before the tries existed counts so). */
export const NOTHING_OBSERVED: ObservedCategories = { handling: 'notTaken', scam: 'notTaken', icons: 'notTaken', selfReportGap: false };

/** The categories a result keeps of its tries' scores. `atLeastBasic`: the self-reported overall DSI is basic or above. */
export function observedCategories(scores: TriesScores, atLeastBasic: boolean): ObservedCategories {
  return {
    handling: !scores.handling ? 'notTaken' : scores.handling.done < HANDLING_TRIES.length ? 'partlyTaken' : (`passed${scores.handling.passed}` as HandlingScore),
    scam: scores.scam === null ? 'notTaken' : (`right${scores.scam}` as ScamScore),
    icons: scores.icons === null ? 'notTaken' : (`matched${scores.icons}` as IconScore),
    selfReportGap: selfReportGap(scores, atLeastBasic) === true,
  };
}
