import type { AgeBand, UNKNOWN } from '../src/domain/aggregate';
import type { DsiAreaLevel, DsiOverall } from '../src/domain/dsi';
import type { Language } from '../src/domain/language';
import type { DsiArea } from '../src/domain/questionnaire';
import type { DistanceLevel } from '../src/domain/result';
import type { AutonomyLevel, Barrier } from '../src/domain/score-profile';
import type { SessionMode } from '../src/domain/session';

type Unknown = typeof UNKNOWN;

/**
 * The observatory's French words for every category (docs/GLOSSARY.md). Typed by the domain's unions, so a category
 * added on the device side fails to compile here until it has its label.
 */
export const LABELS = {
  distanceLevel: {
    firstSteps: 'Premiers pas',
    learning: 'En apprentissage',
    nearlyAutonomous: 'Presque autonome',
    autonomous: 'Autonome',
  } satisfies Record<DistanceLevel, string>,
  dsiOverall: {
    notAssessed: 'Non évalué (pas d’internet)',
    no: 'Aucune compétence',
    limited: 'Limitées',
    narrow: 'Étroites',
    low: 'Faibles',
    basic: 'De base',
    aboveBasic: 'Supérieures à la base',
  } satisfies Record<DsiOverall, string>,
  dsiArea: {
    information: 'Information et données',
    communication: 'Communication et collaboration',
    contentCreation: 'Création de contenus',
    safety: 'Sécurité',
    problemSolving: 'Résolution de problèmes',
  } satisfies Record<DsiArea, string>,
  dsiAreaLevel: {
    none: 'Aucune',
    basic: 'De base',
    aboveBasic: 'Supérieures à la base',
  } satisfies Record<DsiAreaLevel, string>,
  barriers: {
    access: 'Accès (équipement, connexion, coût)',
    skills: 'Compétences',
    confidence: 'Confiance (peur de mal faire)',
    motivation: 'Envie (ne souhaite pas)',
  } satisfies Record<Barrier, string>,
  autonomy: {
    fullySupported: 'Entièrement accompagné',
    partlyAutonomous: 'Partiellement autonome',
    autonomous: 'Autonome',
    unknown: 'Non renseigné',
  } satisfies Record<AutonomyLevel | Unknown, string>,
  ageBand: {
    under16: 'Moins de 16 ans',
    from16to24: '16 à 24 ans',
    from25to34: '25 à 34 ans',
    from35to44: '35 à 44 ans',
    from45to54: '45 à 54 ans',
    from55to64: '55 à 64 ans',
    from65to74: '65 à 74 ans',
    from75: '75 ans et plus',
    unknown: 'Non renseigné',
  } satisfies Record<AgeBand | Unknown, string>,
  language: {
    fr: 'Français',
    en: 'Anglais',
    ar: 'Arabe',
    es: 'Espagnol',
    pt: 'Portugais',
    de: 'Allemand',
    tr: 'Turc',
    uk: 'Ukrainien',
  } satisfies Record<Language, string>,
  mode: {
    kiosk: 'Borne en libre accès',
    guided: 'Session accompagnée',
  } satisfies Record<SessionMode, string>,
} as const;
