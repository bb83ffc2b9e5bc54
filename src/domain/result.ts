import type { Language } from './language';
import type { SessionMode } from './session';

/**
 * The four digital-distance levels a person sees, framed positively and aligned with the field typology
 * (excluded ~7 %, beginners ~19 %, nearly autonomous ~14 %, autonomous). See docs/GLOSSARY.md for the French words.
 */
export const DISTANCE_LEVELS = ['firstSteps', 'learning', 'nearlyAutonomous', 'autonomous'] as const;
export type DistanceLevel = (typeof DISTANCE_LEVELS)[number];

/**
 * A finished questionnaire kept on this device until the retention delay. It never names the person.
 * `countedInBatch` is the id of the anonymous batch that counted it, or null while it is not counted yet.
 */
export interface FinishedResult {
  readonly id: string;
  readonly finishedAt: string;
  readonly mode: SessionMode;
  readonly language: Language;
  readonly questionnaireVersion: string;
  readonly distanceLevel: DistanceLevel;
  readonly countedInBatch: string | null;
}
