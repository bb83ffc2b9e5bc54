import { atLeastBasic, dsiAreaLevel, dsiOverall, illectronism, type DsiAreaLevels, type DsiOverall } from './dsi';
import type { Language } from './language';
import { NATIONAL_SERVICES, SPECIFIC_SUPPORT, type NationalService, type SpecificSupport } from './national-vocabulary';
import { validateAnswers } from './questionnaire-flow';
import { DSI_AREAS, type Answers, type AnswerValue, type DsiArea, type Questionnaire } from './questionnaire';
import type { DistanceLevel } from './result';

/** The "cannot / do not know how / do not want" triad, with confidence apart (PRODUCT.md, barriers). */
export const BARRIERS = ['access', 'skills', 'confidence', 'motivation'] as const;
export type Barrier = (typeof BARRIERS)[number];

/**
 * The 3-level autonomy scale of mediators' activity reports: entièrement accompagné, partiellement autonome, autonome.
 */
export const AUTONOMY_LEVELS = ['fullySupported', 'partlyAutonomous', 'autonomous'] as const;
export type AutonomyLevel = (typeof AUTONOMY_LEVELS)[number];

export const ORGANISMS = ['caf', 'impots', 'ameli', 'franceTravail', 'ants'] as const;
export type Organism = (typeof ORGANISMS)[number];

/** The whole result of a questionnaire. Pure data, deterministic, independent of the order answers were given in. */
export interface Profile {
  readonly questionnaireVersion: string;
  readonly usedInternetLast3Months: boolean;
  readonly dsi: {
    readonly areas: DsiAreaLevels;
    readonly overall: DsiOverall;
    /** Areas answered "I don't know", or not answered: counted as no activity, and said so. */
    readonly areasNotAnswered: readonly DsiArea[];
  };
  readonly illectronism: boolean;
  /** The EU 2030 indicator. */
  readonly atLeastBasic: boolean;
  readonly barriers: readonly Barrier[];
  readonly procedures: {
    /** null when the person never needed online procedures, or did not say. */
    readonly autonomy: AutonomyLevel | null;
    readonly needsHelpWith: readonly Organism[];
  };
  readonly distanceLevel: DistanceLevel;
  readonly needs: {
    /** Exact values of the national standard's `services` field, in the standard's order. */
    readonly services: readonly NationalService[];
    /** Exact values of `prise_en_charge_specifique`. Shown in the result; never kept in history (see SCORING.md). */
    readonly specificSupport: readonly SpecificSupport[];
    /** Aidants Connect / France Services doing the procedure with or for the person fits better than training. */
    readonly delegation: boolean;
  };
  readonly ageBand: string | null;
}

/** internetUse options that count as "used the internet in the last 3 months" (Eurostat's user definition). */
export const RECENT_USE = ['everyDay', 'everyWeek', 'lessOften'] as const;
/** Screen difficulties that are an access barrier (the screen itself is hard to use). */
const ACCESS_DIFFICULTIES = ['sight', 'hearing', 'hands'];
/** The two top steps of the 4-step scale. */
const HIGH = ['quite', 'veryMuch'];
/** The two bottom steps of the 4-step scale. */
const LOW = ['notAtAll', 'aLittle'];
const DEVICES = ['smartphone', 'computer', 'tablet'];

const SUPPORT_FOR_DIFFICULTY: Readonly<Record<string, SpecificSupport>> = {
  hearing: 'Surdité',
  sight: 'Déficience visuelle',
  hands: 'Handicaps moteurs',
  concentration: 'Handicaps mentaux',
  reading: 'Illettrisme',
};

const list = (value: AnswerValue | undefined): readonly string[] => (Array.isArray(value) ? value : []);
const single = (value: AnswerValue | undefined): string | null => (typeof value === 'string' ? value : null);
const inOrder = <T extends string>(order: readonly T[], present: ReadonlySet<T>): T[] => order.filter((v) => present.has(v));

/**
 * Distance level (docs/SCORING.md): no internet use in 3 months, or "no overall digital skills" → first steps;
 * limited or narrow → learning; low → nearly autonomous; basic or above → autonomous when online procedures are done
 * alone (or never needed), else nearly autonomous.
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
      return 'nearlyAutonomous';
    case 'basic':
    case 'aboveBasic':
      return input.autonomy === null || input.autonomy === 'autonomous' ? 'autonomous' : 'nearlyAutonomous';
  }
}

/**
 * Scores a questionnaire: Eurostat DSI 2.0 per area and overall, INSEE illectronisme, barriers, online-procedure
 * autonomy, distance level and needs. Unknown question or option ids throw a QuestionnaireError; answers off the path
 * are ignored. `language` is the language the person chose (a language other than French is a need in itself).
 */
export function scoreProfile(questionnaire: Questionnaire, given: Answers, options: { language?: Language } = {}): Profile {
  const answers = validateAnswers(questionnaire, given);
  const internetUse = single(answers.internetUse);
  const usedInternetLast3Months = (RECENT_USE as readonly string[]).includes(internetUse ?? '');

  const areasNotAnswered: DsiArea[] = [];
  const areas = Object.fromEntries(
    DSI_AREAS.map((area) => {
      const value = answers[`skills.${area}`];
      if (usedInternetLast3Months && !Array.isArray(value)) areasNotAnswered.push(area);
      return [area, dsiAreaLevel(area, usedInternetLast3Months ? list(value).length : 0)];
    }),
  ) as DsiAreaLevels;
  const overall = dsiOverall({ usedInternetLast3Months, areas });

  const how = single(answers.proceduresHow);
  const autonomy: AutonomyLevel | null =
    how === 'alone' ? 'autonomous' : how === 'withHelp' ? 'partlyAutonomous' : how === 'someoneElse' ? 'fullySupported' : null;
  const needsHelpWith = ORGANISMS.filter((o) => list(answers.proceduresWhich).includes(o));

  // Access: "cannot". An unknown answer about devices is not taken as "no device".
  const devicesKnown = Array.isArray(answers.devices);
  const devices = list(answers.devices);
  const noDevice = devicesKnown && !devices.some((d) => DEVICES.includes(d));
  const noInternet = devicesKnown && !devices.includes('homeInternet') && !devices.includes('smartphone');
  const costBlocks = answers.costBarrier === 'yes';
  const difficulties = list(answers.screenDifficulty);

  const wish = single(answers.wishToLearn);
  const fear = single(answers.fearOfMistakes);
  const trust = single(answers.trust);
  const inPerson = single(answers.prefersInPerson);
  const notWanting = wish === 'notAtAll' || (wish === 'aLittle' && HIGH.includes(inPerson ?? ''));

  const barriers = new Set<Barrier>();
  if (noDevice || noInternet || costBlocks || difficulties.some((d) => ACCESS_DIFFICULTIES.includes(d))) barriers.add('access');
  if (!atLeastBasic(overall)) barriers.add('skills');
  if (HIGH.includes(fear ?? '')) barriers.add('confidence');
  if (notWanting || trust === 'notAtAll') barriers.add('motivation');

  const needsProcedureHelp = autonomy === 'partlyAutonomous' || autonomy === 'fullySupported' || how === 'dontKnow';
  const services = new Set<NationalService>();
  if (needsProcedureHelp) services.add('Aide aux démarches administratives');
  if (barriers.has('skills') && wish !== 'notAtAll') services.add('Maîtrise des outils numériques du quotidien');
  if (needsHelpWith.includes('franceTravail')) services.add('Insertion professionnelle via le numérique');
  if (usedInternetLast3Months && areas.safety !== 'aboveBasic') services.add('Utilisation sécurisée du numérique');
  if (barriers.has('confidence') || LOW.includes(trust ?? '')) services.add('Compréhension du monde numérique');
  if (noDevice || noInternet) services.add('Accès internet et matériel informatique');
  if (noDevice || costBlocks) services.add('Acquisition de matériel informatique à prix solidaire');
  if (usedInternetLast3Months && areas.contentCreation === 'none' && HIGH.includes(wish ?? '')) {
    services.add('Loisirs et créations numériques');
  }

  const support = new Set<SpecificSupport>();
  for (const difficulty of difficulties) {
    const value = SUPPORT_FOR_DIFFICULTY[difficulty];
    if (value) support.add(value);
  }
  const language = options.language ?? 'fr';
  if (difficulties.includes('french') || language !== 'fr') {
    support.add(language === 'en' ? 'Langues étrangères (anglais)' : 'Langues étrangères (autres)');
  }

  const age = single(answers.ageBand);
  return {
    questionnaireVersion: questionnaire.version,
    usedInternetLast3Months,
    dsi: { areas, overall, areasNotAnswered },
    illectronism: illectronism({ usedInternetLast3Months, areas }),
    atLeastBasic: atLeastBasic(overall),
    barriers: inOrder(BARRIERS, barriers),
    procedures: { autonomy, needsHelpWith },
    distanceLevel: distanceLevel({ overall, autonomy }),
    needs: {
      services: inOrder(NATIONAL_SERVICES, services),
      specificSupport: inOrder(SPECIFIC_SUPPORT, support),
      delegation: notWanting && (needsProcedureHelp || !usedInternetLast3Months),
    },
    ageBand: age === null || age === 'skipped' || age === 'dontKnow' ? null : age,
  };
}
