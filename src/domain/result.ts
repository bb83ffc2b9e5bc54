import type { DsiAreaLevelsOrUnknown, DsiOverallOrUnknown } from './dsi';
import type { Language } from './language';
import type { NationalService } from './national-vocabulary';
import type { Observation } from './observation';
import type { AutonomyLevel, Barrier, DeviceProfile, LastUse, MainBarrier, Organism, Profile, ProceduresStatus } from './score-profile';
import type { Session, SessionMode } from './session';
import type { ObservedCategories } from './tries';

/**
 * The four digital-distance levels a person sees, framed positively, from the DSI and the procedures
 * (docs/SCORING.md). See docs/GLOSSARY.md for the French words.
 */
export const DISTANCE_LEVELS = ['firstSteps', 'learning', 'nearlyAutonomous', 'autonomous'] as const;
export type DistanceLevel = (typeof DISTANCE_LEVELS)[number];
/** A distance level, or `unknown` when too many answers were "I don't know" to place the person. */
export const DISTANCE_RESULTS = [...DISTANCE_LEVELS, 'unknown'] as const;
export type DistanceResult = (typeof DISTANCE_RESULTS)[number];

/**
 * A finished questionnaire kept on this device until the retention delay: only the categories the mediator's history
 * and the anonymous counts need. No answers, no screen difficulty, no specific support, nothing that names the person.
 * `countedInBatch` is the id of the anonymous batch that counted it, or null while it is not counted yet.
 */
export interface FinishedResult {
  readonly id: string;
  readonly finishedAt: string;
  readonly mode: SessionMode;
  readonly language: Language;
  readonly questionnaireVersion: string;
  readonly distanceLevel: DistanceResult;
  readonly dsiOverall: DsiOverallOrUnknown;
  readonly dsiAreas: DsiAreaLevelsOrUnknown;
  /** null (version 2) when the known answers do not decide it. */
  readonly illectronism: boolean | null;
  readonly barriers: readonly Barrier[];
  readonly autonomy: AutonomyLevel | null;
  readonly ageBand: string | null;
  /** Version 2 results only (absent on results of version 1): what the batches of format 2 count. */
  readonly v2?: ResultV2Categories;
  readonly countedInBatch: string | null;
  /**
   * The scores of the hands-on tries as categories (domain/tries.ts, `observedCategories`), on results finished since
   * the tries exist: what the batches count as "observé, hors Eurostat". Absent: counted as "non passé".
   */
  readonly observed?: ObservedCategories;
  /** What the mediator saw, in a guided session only: categories, never free text (observation.ts). */
  readonly observation?: Observation;
}

/** What a version-2 result adds: categories still, never answers (docs/PRIVACY.md). */
export interface ResultV2Categories {
  readonly lastUse: LastUse;
  readonly noUseIn12Months: boolean | null;
  readonly mainBarrier: MainBarrier | null;
  readonly doesNotWant: boolean;
  readonly proceduresStatus: ProceduresStatus;
  readonly organisms: readonly Organism[];
  readonly services: readonly NationalService[];
  readonly delegation: boolean;
  readonly deviceProfile: DeviceProfile;
}

/** The categories of a result a mediator reads and the device keeps: never the answers. */
export type ResultCategories = Pick<
  FinishedResult,
  'distanceLevel' | 'dsiOverall' | 'dsiAreas' | 'illectronism' | 'barriers' | 'autonomy' | 'v2'
>;

export function resultCategories(profile: Profile): ResultCategories {
  return {
    distanceLevel: profile.distanceLevel,
    dsiOverall: profile.dsi.overall,
    dsiAreas: profile.dsi.areas,
    illectronism: profile.illectronism,
    barriers: profile.barriers,
    autonomy: profile.procedures.autonomy,
    v2: {
      lastUse: profile.lastUse,
      noUseIn12Months: profile.noUseIn12Months,
      mainBarrier: profile.mainBarrier,
      doesNotWant: profile.doesNotWant,
      proceduresStatus: profile.procedures.status,
      organisms: profile.procedures.needsHelpWith,
      services: profile.needs.services,
      delegation: profile.needs.delegation,
      deviceProfile: profile.deviceProfile,
    },
  };
}

/**
 * What a session's result leaves on the device once shown. Its id is its own (not the session's): once the session is
 * erased, nothing links the two.
 */
export function toFinishedResult(id: string, session: Session, profile: Profile, now: Date, observed?: ObservedCategories): FinishedResult {
  return {
    id,
    finishedAt: now.toISOString(),
    mode: session.mode,
    language: session.language,
    questionnaireVersion: profile.questionnaireVersion,
    ...resultCategories(profile),
    ageBand: profile.ageBand,
    countedInBatch: null,
    ...(observed ? { observed } : {}),
  };
}
