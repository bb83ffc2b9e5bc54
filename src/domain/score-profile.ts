import {
  atLeastBasic,
  dsiAreaLevel,
  dsiOverallLowerBound,
  dsiOverallOrUnknown,
  dsiOverallUpperBound,
  illectronismOrUnknown,
  type DsiAreaLevelOrUnknown,
  type DsiAreaLevelsOrUnknown,
  type DsiOverall,
  type DsiOverallOrUnknown,
} from './dsi';
import type { Language } from './language';
import { NATIONAL_SERVICES, SPECIFIC_SUPPORT, type NationalService, type SpecificSupport } from './national-vocabulary';
import { validateAnswers } from './questionnaire-flow';
import { DONT_KNOW, DSI_AREAS, NONE, type Answers, type AnswerValue, type DsiArea, type Questionnaire } from './questionnaire';
import type { PlaceNeeds } from './place-ranking';
import type { DistanceLevel, DistanceResult } from './result';

/** The "cannot / do not know how / do not want" triad, with confidence apart (PRODUCT.md, barriers). */
export const BARRIERS = ['access', 'skills', 'confidence', 'motivation'] as const;
export type Barrier = (typeof BARRIERS)[number];
/** The triad itself: one main barrier for people far from digital, so the three add up to 100 % (docs/SCORING.md). */
export const MAIN_BARRIERS = ['motivation', 'access', 'skills'] as const;
export type MainBarrier = (typeof MAIN_BARRIERS)[number];

/**
 * The 3-level autonomy scale of mediators' activity reports: entièrement accompagné, partiellement autonome, autonome.
 */
export const AUTONOMY_LEVELS = ['fullySupported', 'partlyAutonomous', 'autonomous'] as const;
export type AutonomyLevel = (typeof AUTONOMY_LEVELS)[number];
/** What the person said about online procedures: a level, never needed, or "I don't know" (kept apart everywhere). */
export type ProceduresStatus = AutonomyLevel | 'neverNeeded' | 'unknown';

export const ORGANISMS = ['caf', 'impots', 'ameli', 'franceTravail', 'ants', 'msa', 'anef', 'retirement', 'otherOrganism'] as const;
export type Organism = (typeof ORGANISMS)[number];

/** When the person last used the internet (INSEE's 3-month and 12-month criteria). */
export const LAST_USES = ['last3Months', 'from3to12Months', 'moreThanYear', 'never', 'unknown'] as const;
export type LastUse = (typeof LAST_USES)[number];

/** What the person has to go online with: the device profile of the aggregates. */
export const DEVICE_PROFILES = ['none', 'basicPhoneOnly', 'smartphoneOnly', 'withComputerOrTablet', 'unknown'] as const;
export type DeviceProfile = (typeof DEVICE_PROFILES)[number];

/** The whole result of a questionnaire. Pure data, deterministic, independent of the order answers were given in. */
export interface Profile {
  readonly questionnaireVersion: string;
  /** null when the person does not know (missing data, never "no"). */
  readonly usedInternetLast3Months: boolean | null;
  readonly lastUse: LastUse;
  readonly dsi: {
    readonly areas: DsiAreaLevelsOrUnknown;
    readonly overall: DsiOverallOrUnknown;
    /** Areas answered "I don't know": unknown, never counted as none. */
    readonly areasNotAnswered: readonly DsiArea[];
  };
  /** INSEE's current definition; null when the known answers do not decide it. */
  readonly illectronism: boolean | null;
  /** No use in the last 12 months (the 2019 definition's criterion); null when use is unknown. */
  readonly noUseIn12Months: boolean | null;
  /** The EU 2030 indicator (false when the overall level is unknown). */
  readonly atLeastBasic: boolean;
  readonly barriers: readonly Barrier[];
  /** For people at "Premiers pas" or "En apprentissage" only; null otherwise. */
  readonly mainBarrier: MainBarrier | null;
  /** "No, I don't want to": the result respects it (no learning, equipment or free-access step). */
  readonly doesNotWant: boolean;
  readonly procedures: {
    /** The level said by the person; null when never needed or not known (see `status`). */
    readonly autonomy: AutonomyLevel | null;
    readonly status: ProceduresStatus;
    readonly needsHelpWith: readonly Organism[];
  };
  readonly distanceLevel: DistanceResult;
  /** True when the level is the least the person can have (one skill area unknown): the page says "au moins". */
  readonly distanceIsLowerBound: boolean;
  readonly needs: {
    /** Exact values of the national standard's `services` field, in the standard's order. */
    readonly services: readonly NationalService[];
    /** Exact values of `prise_en_charge_specifique`. Shown in the result; never kept in history (see SCORING.md). */
    readonly specificSupport: readonly SpecificSupport[];
    /** Aidants Connect / France Services doing the procedure with or for the person fits better than training. */
    readonly delegation: boolean;
  };
  readonly deviceProfile: DeviceProfile;
  readonly ageBand: string | null;
  /** Said they look for work: a job search online, or France Travail among the organisms (places: job agencies). */
  readonly looksForWork: boolean;
}

/** internetUse options that count as "used the internet in the last 3 months" (Eurostat's user definition). */
export const RECENT_USE = ['everyDay', 'everyWeek', 'lessOften'] as const;
/** Screen difficulties that are an access barrier (the screen itself is hard to use). */
const ACCESS_DIFFICULTIES = ['sight', 'hearing', 'hands'];
/** The two top steps of the 4-step scale. */
const HIGH = ['quite', 'veryMuch'];
/** The two bottom steps of the 4-step scale. */
const LOW = ['notAtAll', 'aLittle'];
/** Devices that reach the internet; a basic phone does not. */
const INTERNET_DEVICES = ['smartphone', 'computer', 'tablet'];
/** Reasons for having no device that are not "cannot": not wanting one, not knowing how to use one. */
const NOT_ACCESS_REASONS = ['dontWant', 'dontKnowHow'];

/** Services a person who does not want gets none of: learning, equipment, free access (docs/SCORING.md). */
const NOT_FOR_DOES_NOT_WANT: ReadonlySet<NationalService> = new Set<NationalService>([
  'Maîtrise des outils numériques du quotidien',
  'Insertion professionnelle via le numérique',
  'Utilisation sécurisée du numérique',
  'Loisirs et créations numériques',
  'Compréhension du monde numérique',
  'Accès internet et matériel informatique',
  'Acquisition de matériel informatique à prix solidaire',
]);

const SUPPORT_FOR_DIFFICULTY: Readonly<Record<string, SpecificSupport>> = {
  hearing: 'Surdité',
  sight: 'Déficience visuelle',
  hands: 'Handicaps moteurs',
  concentration: 'Handicaps mentaux',
};

const list = (value: AnswerValue | undefined): readonly string[] => (Array.isArray(value) ? value : []);
const single = (value: AnswerValue | undefined): string | null => (typeof value === 'string' ? value : null);
const inOrder = <T extends string>(order: readonly T[], present: ReadonlySet<T>): T[] => order.filter((v) => present.has(v));

/**
 * Distance level (docs/SCORING.md, table): no use in 3 months or no overall skills → first steps; limited or narrow →
 * learning; low → nearly autonomous, or learning when someone else does the procedures; basic or above → autonomous
 * when procedures are done alone (or never needed, or not said), else nearly autonomous. Procedures lower, never raise.
 */
export function distanceLevel(input: { overall: DsiOverall; autonomy: AutonomyLevel | null }): DistanceLevel {
  switch (input.overall) {
    case 'notAssessed':
    case 'no':
      return 'firstSteps';
    case 'limited':
    case 'narrow':
      return 'learning';
    case 'low':
      return input.autonomy === 'fullySupported' ? 'learning' : 'nearlyAutonomous';
    case 'basic':
    case 'aboveBasic':
      return input.autonomy === null || input.autonomy === 'autonomous' ? 'autonomous' : 'nearlyAutonomous';
  }
}

/** When the person last used the internet, from `internetUse` and the apps check (`usesApps`). */
function lastUseOf(internetUse: string | null, usesApps: string | null): LastUse {
  if (usesApps === 'yes' || (RECENT_USE as readonly string[]).includes(internetUse ?? '')) return 'last3Months';
  if (internetUse === 'from3to12Months' || internetUse === 'moreThanYear' || internetUse === 'never') return internetUse;
  return 'unknown';
}

function deviceProfileOf(devices: AnswerValue | undefined): DeviceProfile {
  if (devices === NONE) return 'none';
  if (!Array.isArray(devices)) return 'unknown';
  if (devices.includes('computer') || devices.includes('tablet')) return 'withComputerOrTablet';
  if (devices.includes('smartphone')) return 'smartphoneOnly';
  return devices.includes('basicPhone') ? 'basicPhoneOnly' : 'none';
}

/**
 * Scores a questionnaire (docs/SCORING.md): Eurostat DSI 2.0 per area and overall with "I don't know" as missing
 * data, INSEE illectronisme (true / false / unknown), barriers and the main one, what the person said about online
 * procedures, distance level and needs, respecting "do not want". Unknown question or option ids, and answer shapes
 * the questionnaire does not take, throw a QuestionnaireError; answers off the path are ignored. `language` is the
 * language the questionnaire was taken in.
 */
export function scoreProfile(questionnaire: Questionnaire, given: Answers, options: { language?: Language } = {}): Profile {
  const answers = validateAnswers(questionnaire, given);
  const lastUse = lastUseOf(single(answers.internetUse), single(answers.usesApps));
  const usedInternetLast3Months = lastUse === 'unknown' ? null : lastUse === 'last3Months';
  const noUseIn12Months = lastUse === 'unknown' ? null : lastUse === 'moreThanYear' || lastUse === 'never';

  // Eurostat DSI 2.0 per area: "none" is a real zero, "I don't know" (or no answer) is unknown.
  const areasNotAnswered: DsiArea[] = [];
  const areas = Object.fromEntries(
    DSI_AREAS.map((area): [DsiArea, DsiAreaLevelOrUnknown] => {
      if (usedInternetLast3Months !== true) return [area, 'notAssessed'];
      const value = answers[`skills.${area}`];
      if (value === NONE) return [area, 'none'];
      if (!Array.isArray(value)) {
        areasNotAnswered.push(area);
        return [area, 'unknown'];
      }
      return [area, dsiAreaLevel(area, value.length)];
    }),
  ) as Record<DsiArea, DsiAreaLevelOrUnknown>;
  const overall = dsiOverallOrUnknown({ usedInternetLast3Months, areas });

  const how = single(answers.proceduresHow);
  const autonomy: AutonomyLevel | null =
    how === 'alone' ? 'autonomous' : how === 'withHelp' ? 'partlyAutonomous' : how === 'someoneElse' ? 'fullySupported' : null;
  const status: ProceduresStatus = autonomy ?? (how === 'never' ? 'neverNeeded' : 'unknown');
  const needsHelpWith = ORGANISMS.filter((o) => list(answers.proceduresWhich).includes(o));

  // Access: "cannot". "I don't know" about devices is not taken as "no device".
  const deviceProfile = deviceProfileOf(answers.devices);
  const devicesKnown = deviceProfile !== 'unknown';
  const devices = list(answers.devices);
  const noDevice = devicesKnown && !devices.some((d) => INTERNET_DEVICES.includes(d));
  const noInternet = devicesKnown && !devices.includes('homeInternet') && !devices.includes('smartphone');
  const why = list(answers.noDeviceWhy);
  // No device only because the person does not want one or does not know how: "do not want" / "do not know how", not "cannot".
  const noDeviceIsAccess = noDevice && !(why.length > 0 && why.every((r) => NOT_ACCESS_REASONS.includes(r)));
  const costBlocks = answers.costBarrier === 'yes' || why.includes('tooExpensive');
  const difficulties = list(answers.screenDifficulty);

  const wishToUseMore = single(answers.wishToUseMore);
  const wish = single(answers.wishToLearn);
  const fear = single(answers.fearOfMistakes);
  const trust = single(answers.trust);
  // "Do not want" only from the person's own explicit answer.
  const doesNotWant = wishToUseMore === 'no' || why.includes('dontWant');

  const barriers = new Set<Barrier>();
  // With a device but no box and no smartphone, the connection is missing; with no device, the reasons decide.
  const accessLack = noDeviceIsAccess || (noInternet && !noDevice);
  if (accessLack || costBlocks || difficulties.some((d) => ACCESS_DIFFICULTIES.includes(d))) barriers.add('access');
  // Below basic even with every unknown area at above basic: certain, so named; "I don't know" alone never names it.
  const skillsKnownBelowBasic = usedInternetLast3Months === true && !atLeastBasic(dsiOverallUpperBound({ usedInternetLast3Months, areas }));
  if (skillsKnownBelowBasic || usedInternetLast3Months === false || why.includes('dontKnowHow')) barriers.add('skills');
  if (HIGH.includes(fear ?? '')) barriers.add('confidence');
  if (doesNotWant) barriers.add('motivation');

  // Distance level: from the overall level, or its lower bound when exactly one area is unknown.
  let level: DistanceResult;
  let distanceIsLowerBound = false;
  if (usedInternetLast3Months === null) level = 'unknown';
  else if (overall !== 'unknown') level = distanceLevel({ overall, autonomy });
  else if (areasNotAnswered.length === 1) {
    level = distanceLevel({ overall: dsiOverallLowerBound({ usedInternetLast3Months, areas }), autonomy });
    distanceIsLowerBound = true;
  } else level = 'unknown';

  const farFromDigital = level === 'firstSteps' || level === 'learning';
  // Motivation, then access, else skills: at these levels the skills are below basic, at least by the lower bound.
  const mainBarrier: MainBarrier | null = farFromDigital ? (MAIN_BARRIERS.find((b) => barriers.has(b)) ?? 'skills') : null;

  const needsProcedureHelp = autonomy === 'partlyAutonomous' || autonomy === 'fullySupported' || how === DONT_KNOW;
  const services = new Set<NationalService>();
  if (needsProcedureHelp) services.add('Aide aux démarches administratives');
  if (barriers.has('skills')) services.add('Maîtrise des outils numériques du quotidien');
  if (needsHelpWith.includes('franceTravail')) services.add('Insertion professionnelle via le numérique');
  if (usedInternetLast3Months === true && (areas.safety === 'none' || areas.safety === 'basic')) services.add('Utilisation sécurisée du numérique');
  if (usedInternetLast3Months === true && areas.contentCreation === 'none' && HIGH.includes(wish ?? '')) {
    services.add('Loisirs et créations numériques');
  }
  if (barriers.has('confidence') || LOW.includes(trust ?? '')) services.add('Compréhension du monde numérique');
  if (accessLack) services.add('Accès internet et matériel informatique');
  if (noDeviceIsAccess || costBlocks) services.add('Acquisition de matériel informatique à prix solidaire');
  if (doesNotWant) for (const service of NOT_FOR_DOES_NOT_WANT) services.delete(service);

  // Specific support. "Illettrisme" is for adults schooled in France who read badly (ANLCI): taken in French, reading
  // hard, French understood. Otherwise reading or French being hard is a language need.
  const support = new Set<SpecificSupport>();
  for (const difficulty of difficulties) {
    const value = SUPPORT_FOR_DIFFICULTY[difficulty];
    if (value) support.add(value);
  }
  const language = options.language ?? 'fr';
  const frenchHard = difficulties.includes('french');
  const readingHard = difficulties.includes('reading');
  if (readingHard && language === 'fr' && !frenchHard) support.add('Illettrisme');
  if (frenchHard || language !== 'fr') {
    support.add(language === 'en' ? 'Langues étrangères (anglais)' : 'Langues étrangères (autres)');
  }

  const age = single(answers.ageBand);
  return {
    questionnaireVersion: questionnaire.version,
    usedInternetLast3Months,
    lastUse,
    dsi: { areas, overall, areasNotAnswered },
    illectronism: illectronismOrUnknown({ usedInternetLast3Months, areas }),
    noUseIn12Months,
    atLeastBasic: overall !== 'unknown' && atLeastBasic(overall),
    barriers: inOrder(BARRIERS, barriers),
    mainBarrier,
    doesNotWant,
    procedures: { autonomy, status, needsHelpWith },
    distanceLevel: level,
    distanceIsLowerBound,
    needs: {
      services: inOrder(NATIONAL_SERVICES, services),
      specificSupport: inOrder(SPECIFIC_SUPPORT, support),
      delegation: doesNotWant || (usedInternetLast3Months === false && needsProcedureHelp),
    },
    deviceProfile,
    ageBand: age === null || age === 'skipped' || age === 'dontKnow' ? null : age,
    looksForWork: needsHelpWith.includes('franceTravail') || list(answers['skills.problemSolving']).includes('jobSearch'),
  };
}

/**
 * What the places search needs to know of a person (docs/PLACES.md): their needs, age band, whether they look for
 * work, and the programme that fits — delegation (France Services, Aidants Connect first) or learning (Conseillers
 * numériques first, for someone who wants to learn the basics).
 */
export function placeNeedsOf(profile: Profile): PlaceNeeds {
  const prefers = profile.needs.delegation
    ? 'delegation'
    : profile.needs.services.includes('Maîtrise des outils numériques du quotidien')
      ? 'learning'
      : null;
  return {
    services: profile.needs.services,
    specificSupport: profile.needs.specificSupport,
    seeker: { ageBand: profile.ageBand, looksForWork: profile.looksForWork, prefers },
  };
}
