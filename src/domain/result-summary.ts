import type { Answers } from './questionnaire';
import { DSI_AREAS, type DsiArea } from './questionnaire';
import type { NationalService } from './national-vocabulary';
import type { Profile } from './score-profile';
import { observedSteps, type TriesScores } from './tries';

/** Things the person can already do or has, said first (strengths before next steps). */
export const STRENGTHS = [
  'usesInternet',
  ...DSI_AREAS.map((area) => `area.${area}` as const),
  'proceduresAlone',
  'hasDevice',
  'hasInternet',
  'wantsToLearn',
  'hasSomeoneClose',
  'knowsPlace',
  'tookTheTime',
] as const;
export type Strength = 'usesInternet' | `area.${DsiArea}` | (typeof STRENGTHS)[number];

/** Plain next steps, each tied to a need of the result. */
export const NEXT_STEPS = [
  'yourRight',
  'checkWithMediator',
  'delegation',
  'procedures',
  'basics',
  'access',
  'equipment',
  'safety',
  'understanding',
  'job',
  'creative',
  'keepLearning',
  'helpOthers',
] as const;
export type NextStep = (typeof NEXT_STEPS)[number];

/** At most this many next steps: the person leaves with two or three things to do, not a list. */
export const MAX_NEXT_STEPS = 3;
/** At most this many strengths, so the page stays short. */
export const MAX_STRENGTHS = 4;

const STEP_FOR_SERVICE: ReadonlyArray<readonly [NationalService, NextStep]> = [
  ['Aide aux démarches administratives', 'procedures'],
  ['Accès internet et matériel informatique', 'access'],
  ['Maîtrise des outils numériques du quotidien', 'basics'],
  ['Insertion professionnelle via le numérique', 'job'],
  ['Acquisition de matériel informatique à prix solidaire', 'equipment'],
  ['Compréhension du monde numérique', 'understanding'],
  ['Utilisation sécurisée du numérique', 'safety'],
  ['Loisirs et créations numériques', 'creative'],
];

/**
 * The result as the person reads it (docs/SCORING.md, "Next steps"): strengths first, then two or three next steps,
 * most useful first. Someone who does not want to use the internet gets only `yourRight` (their right, and the human
 * paths), never a learning, equipment or free-access step; an unknown level starts with `checkWithMediator`. What the
 * hands-on tries showed (`tries`, docs/TRIES.md) comes right after: "bases" after a handling try not passed, "sécurité"
 * after a scam clicked, whatever the person said; never for someone who does not want. Pure.
 */
export function summarizeResult(profile: Profile, answers: Answers, tries?: TriesScores): { strengths: Strength[]; nextSteps: NextStep[] } {
  const devices = Array.isArray(answers.devices) ? answers.devices : [];
  const help = Array.isArray(answers.helpAround) ? answers.helpAround : [];
  const strengths: Strength[] = [];
  if (profile.procedures.autonomy === 'autonomous') strengths.push('proceduresAlone');
  const areas = DSI_AREAS.filter((a) => profile.dsi.areas[a] === 'basic' || profile.dsi.areas[a] === 'aboveBasic');
  // Areas done best first: above basic before basic.
  areas.sort((a, b) => Number(profile.dsi.areas[b] === 'aboveBasic') - Number(profile.dsi.areas[a] === 'aboveBasic'));
  strengths.push(...areas.map((a) => `area.${a}` as const));
  if (profile.usedInternetLast3Months === true && areas.length === 0) strengths.push('usesInternet');
  if (devices.some((d) => d === 'smartphone' || d === 'computer' || d === 'tablet')) strengths.push('hasDevice');
  if (devices.includes('homeInternet')) strengths.push('hasInternet');
  if (answers.wishToLearn === 'quite' || answers.wishToLearn === 'veryMuch') strengths.push('wantsToLearn');
  if (help.includes('someoneClose')) strengths.push('hasSomeoneClose');
  if (help.includes('knowsPlace')) strengths.push('knowsPlace');
  if (strengths.length === 0) strengths.push('tookTheTime');

  if (profile.doesNotWant) return { strengths: [...new Set(strengths)].slice(0, MAX_STRENGTHS), nextSteps: ['yourRight'] };
  const steps: NextStep[] = [];
  if (profile.distanceLevel === 'unknown') steps.push('checkWithMediator');
  if (profile.needs.delegation) steps.push('delegation');
  if (tries) steps.push(...observedSteps(tries));
  for (const [service, step] of STEP_FOR_SERVICE) {
    if (profile.needs.services.includes(service) && !(step === 'procedures' && steps.includes('delegation'))) steps.push(step);
  }
  // Two steps at least: someone with nothing to fix can keep learning and help others (after going over the questions,
  // when the level could not be placed); a single step gets "keep learning" beside it, unless it is delegation.
  const serviceSteps = steps.filter((step) => step !== 'checkWithMediator' && step !== 'delegation');
  if (serviceSteps.length === 0 && !steps.includes('delegation')) steps.push('keepLearning', 'helpOthers');
  else if (steps.length === 1 && !steps.includes('delegation')) steps.push('keepLearning');
  return { strengths: [...new Set(strengths)].slice(0, MAX_STRENGTHS), nextSteps: [...new Set(steps)].slice(0, MAX_NEXT_STEPS) };
}
