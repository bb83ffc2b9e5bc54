import type { DsiAreaLevels, DsiOverall } from './dsi';
import type { Language } from './language';
import type { Observation } from './observation';
import type { AutonomyLevel, Barrier, Profile } from './score-profile';
import type { Session, SessionMode } from './session';

/**
 * The four digital-distance levels a person sees, framed positively and aligned with the field typology
 * (excluded ~7 %, beginners ~19 %, nearly autonomous ~14 %, autonomous). See docs/GLOSSARY.md for the French words.
 */
export const DISTANCE_LEVELS = ['firstSteps', 'learning', 'nearlyAutonomous', 'autonomous'] as const;
export type DistanceLevel = (typeof DISTANCE_LEVELS)[number];

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
  readonly distanceLevel: DistanceLevel;
  readonly dsiOverall: DsiOverall;
  readonly dsiAreas: DsiAreaLevels;
  readonly illectronism: boolean;
  readonly barriers: readonly Barrier[];
  readonly autonomy: AutonomyLevel | null;
  readonly ageBand: string | null;
  readonly countedInBatch: string | null;
  /** What the mediator saw, in a guided session only: categories, never free text (observation.ts). */
  readonly observation?: Observation;
}

/** The categories of a result a mediator reads and the device keeps: never the answers. */
export type ResultCategories = Pick<
  FinishedResult,
  'distanceLevel' | 'dsiOverall' | 'dsiAreas' | 'illectronism' | 'barriers' | 'autonomy'
>;

export function resultCategories(profile: Profile): ResultCategories {
  return {
    distanceLevel: profile.distanceLevel,
    dsiOverall: profile.dsi.overall,
    dsiAreas: profile.dsi.areas,
    illectronism: profile.illectronism,
    barriers: profile.barriers,
    autonomy: profile.procedures.autonomy,
  };
}

/**
 * What a session's result leaves on the device once shown. Its id is its own (not the session's): once the session is
 * erased, nothing links the two.
 */
export function toFinishedResult(id: string, session: Session, profile: Profile, now: Date): FinishedResult {
  return {
    id,
    finishedAt: now.toISOString(),
    mode: session.mode,
    language: session.language,
    questionnaireVersion: profile.questionnaireVersion,
    ...resultCategories(profile),
    ageBand: profile.ageBand,
    countedInBatch: null,
  };
}
