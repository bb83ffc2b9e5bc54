import { SERVICE_KEYS, type AgeBand, type ILLECTRONISM_ANSWERS, type ServiceKey, type UNKNOWN } from '../src/domain/aggregate';
import type { DsiAreaLevel, DsiAreaLevelOrUnknown, DsiOverall, DsiOverallOrUnknown } from '../src/domain/dsi';
import type { Language } from '../src/domain/language';
import type { NationalService } from '../src/domain/national-vocabulary';
import type { DsiArea } from '../src/domain/questionnaire';
import type { DistanceLevel, DistanceResult } from '../src/domain/result';
import type { AutonomyLevel, Barrier, DeviceProfile, LastUse, MainBarrier, Organism, ProceduresStatus } from '../src/domain/score-profile';
import type { SessionMode } from '../src/domain/session';
import type { HandlingScore, IconScore, ScamScore } from '../src/domain/tries';

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

/** The services by their count key, in the national standard's own words (docs/SCORING.md, "Needs"). */
const SERVICE_LABELS = Object.fromEntries(
  (Object.entries(SERVICE_KEYS) as [NationalService, ServiceKey][]).map(([service, key]) => [key, service]),
) as Record<ServiceKey, NationalService>;

/** The words of the categories of format 2 (questionnaire 2), where they differ from format 1's or are new. */
export const LABELS_V2 = {
  distanceLevel: {
    ...LABELS.distanceLevel,
    unknown: 'Indéterminé (trop de « je ne sais pas »)',
  } satisfies Record<DistanceResult, string>,
  dsiOverall: {
    ...LABELS.dsiOverall,
    unknown: 'Indéterminé (trop de « je ne sais pas »)',
  } satisfies Record<DsiOverallOrUnknown, string>,
  dsiAreaLevel: {
    ...LABELS.dsiAreaLevel,
    unknown: 'Ne sait pas',
    notAssessed: 'Non évalué (pas d’internet)',
  } satisfies Record<DsiAreaLevelOrUnknown, string>,
  illectronism: {
    yes: 'Oui',
    no: 'Non',
    unknown: 'Indéterminé (« je ne sais pas »)',
  } satisfies Record<(typeof ILLECTRONISM_ANSWERS)[number], string>,
  lastUse: {
    last3Months: 'Ces 3 derniers mois',
    from3to12Months: 'Il y a 3 mois à 1 an',
    moreThanYear: 'Il y a plus d’un an',
    never: 'Jamais',
    unknown: 'Ne sait pas',
  } satisfies Record<LastUse, string>,
  mainBarrier: {
    access: 'Ne peut pas (accès : équipement, connexion, coût)',
    skills: 'Ne sait pas faire (compétences)',
    motivation: 'Ne veut pas (envie)',
    none: 'Aucun (personnes plus proches du numérique)',
  } satisfies Record<MainBarrier | 'none', string>,
  autonomy: {
    autonomous: 'Autonome',
    partlyAutonomous: 'Partiellement autonome (avec de l’aide)',
    fullySupported: 'Entièrement accompagné (quelqu’un le fait pour elle)',
    neverNeeded: 'N’en a jamais eu besoin',
    unknown: 'Ne sait pas',
  } satisfies Record<ProceduresStatus, string>,
  organisms: {
    caf: 'CAF',
    impots: 'Impôts',
    ameli: 'Assurance maladie (Ameli)',
    franceTravail: 'France Travail',
    ants: 'ANTS (titres, permis, carte grise)',
    msa: 'MSA',
    anef: 'ANEF (titres de séjour)',
    retirement: 'Caisse de retraite',
    otherOrganism: 'Autre organisme',
  } satisfies Record<Organism, string>,
  services: SERVICE_LABELS satisfies Record<ServiceKey, string>,
  deviceProfile: {
    none: 'Aucun appareil',
    basicPhoneOnly: 'Téléphone simple (à touches) seulement',
    smartphoneOnly: 'Smartphone seulement',
    withComputerOrTablet: 'Avec ordinateur ou tablette',
    unknown: 'Ne sait pas',
  } satisfies Record<DeviceProfile, string>,
  /** The tries' scores (format 3): observed, not Eurostat. */
  handling: {
    passed3: '3 essais réussis sur 3',
    passed2: '2 sur 3',
    passed1: '1 sur 3',
    passed0: 'Aucun des 3',
    partlyTaken: 'A fait 1 ou 2 essais seulement',
    notTaken: 'Non passé (passé, non proposé, ou appareil antérieur aux essais)',
  } satisfies Record<HandlingScore, string>,
  scam: {
    right3: '3 messages sur 3 bien jugés',
    right2: '2 sur 3',
    right1: '1 sur 3',
    right0: 'Aucun des 3',
    notTaken: 'Non passé',
  } satisfies Record<ScamScore, string>,
  icons: {
    matched4: '4 icônes sur 4 reconnues',
    matched3: '3 sur 4',
    matched2: '2 sur 4',
    matched1: '1 sur 4',
    matched0: 'Aucune des 4',
    notTaken: 'Non passé (proposé seulement sans internet depuis 3 mois)',
  } satisfies Record<IconScore, string>,
} as const;
