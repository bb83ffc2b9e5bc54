import { AUTONOMY_LEVELS, type AutonomyLevel } from './score-profile';

/**
 * The themes a mediator worked on with the person, as in the activity reports ("comptes rendus d'activité", CRA) of
 * La Coop de la médiation numérique, so that a guided session can be reported there without translation.
 *
 * Source: inclusion-numerique/coop-mediation-numerique, `apps/web/prisma/schema.prisma` (enum `Thematique`) and
 * `apps/web/src/features/activites/use-cases/cra/fields/thematique.ts` (`thematiquesNonAdministrativesLabels`,
 * `thematiquesNonAdministrativesApiValues`). The Coop listed 14 themes in 2024 (`apps/web/src/cra/cra.ts`); it
 * now lists 19: "Diagnostic numérique", "Maintenance de matériel", "Gérer ses contenus numériques" and "Intelligence
 * artificielle" were added and "Aide aux démarches administratives" became a theme. Its 11 administrative
 * sub-themes (papiers, logement, justice…) describe a procedure in detail and are not taken here.
 *
 * | id                          | Coop label (French, official)        | Coop API value                       |
 * | --------------------------- | ------------------------------------ | ------------------------------------ |
 * | digitalAssessment           | Diagnostic numérique                 | diagnostic_numerique                 |
 * | deviceBasics                | Prendre en main du matériel          | prendre_en_main_du_materiel          |
 * | deviceMaintenance           | Maintenance de matériel              | maintenance_de_materiel              |
 * | digitalContent              | Gérer ses contenus numériques        | gere_ses_contenus_numeriques         |
 * | webBrowsing                 | Navigation sur internet              | navigation_sur_internet              |
 * | email                       | E-mail                               | email                                |
 * | officeSoftware              | Bureautique                          | bureautique                          |
 * | socialMedia                 | Réseaux sociaux communication        | reseaux_sociaux                      |
 * | health                      | Santé                                | sante                                |
 * | onlineBankingAndShopping    | Banque et achats en ligne            | banque_et_achats_en_ligne            |
 * | entrepreneurship            | Accompagner un professionnel         | entrepreneuriat                      |
 * | employment                  | Insertion professionnelle            | insertion_professionnelle            |
 * | digitalSafety               | Prévention en sécurité numérique     | securite_numerique                   |
 * | parenting                   | Parentalité                          | parentalite                          |
 * | schooling                   | Scolarité et numérique               | scolarite_et_numerique               |
 * | digitalCreation             | Créer avec le numérique              | creer_avec_le_numerique              |
 * | digitalCulture              | Culture numérique                    | culture_numerique                    |
 * | artificialIntelligence      | Intelligence artificielle (IA)       | intelligence_artificielle            |
 * | adminProcedures             | Aide aux démarches administratives   | aide_aux_demarches_administratives   |
 */
export const THEMES = [
  'digitalAssessment',
  'deviceBasics',
  'deviceMaintenance',
  'digitalContent',
  'webBrowsing',
  'email',
  'officeSoftware',
  'socialMedia',
  'health',
  'onlineBankingAndShopping',
  'entrepreneurship',
  'employment',
  'digitalSafety',
  'parenting',
  'schooling',
  'digitalCreation',
  'digitalCulture',
  'artificialIntelligence',
  'adminProcedures',
] as const;
export type Theme = (typeof THEMES)[number];

/**
 * The session fields of an individual activity report of La Coop (`CraIndividuelValidation`: type d'activité, durée,
 * type de lieu, matériel, orienté vers une structure / structure de redirection), as closed choices. Source:
 * inclusion-numerique/coop-mediation-numerique, `apps/web/src/cra/cra.ts` (labels and API values) and
 * `apps/web/src/cra/CraIndividuelValidation.ts`. docs/EXPORT.md pairs each with the Coop's words and API value.
 *
 * | field        | id → Coop label (API value)                                                                        |
 * | ------------ | ------------------------------------------------------------------------------------------------- |
 * | activityType | individual → Accompagnement individuel (individuel), collective → Atelier collectif (collectif)   |
 * | duration     | minutes, the Coop's default choices: 15, 30, 45, 60, 90, 120                                       |
 * | placeType    | activityPlace → Lieu d'activité (lieu_activite), remote → À distance (a_distance), home → À domicile (domicile), other → Autre lieu (autre) |
 * | equipment    | computer → Ordinateur (ordinateur), phone → Téléphone (telephone), tablet → Tablette (tablette), other → Autre (autre), none → Pas de matériel (aucun) |
 * | referral     | none → not referred (orienteVersStructure: non); operator → Opérateur ou organisme en charge de la démarche administrative (operateur_ou_organisme_en_charge), proceduresHelp → Structure d'aide aux démarches administratives, France Services… (aide_aux_demarches_administratives), administration → Administration, collectivité locale, préfecture… (administration), digitalMediation → Structure de médiation numérique (mediation_numerique), other → Autre (autre) |
 */
export const ACTIVITY_TYPES = ['individual', 'collective'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export const DURATIONS_MINUTES = [15, 30, 45, 60, 90, 120] as const;
export type DurationMinutes = (typeof DURATIONS_MINUTES)[number];
export const PLACE_TYPES = ['activityPlace', 'remote', 'home', 'other'] as const;
export type PlaceType = (typeof PLACE_TYPES)[number];
export const EQUIPMENT = ['computer', 'phone', 'tablet', 'other', 'none'] as const;
export type Equipment = (typeof EQUIPMENT)[number];
export const REFERRALS = ['none', 'operator', 'proceduresHelp', 'administration', 'digitalMediation', 'other'] as const;
export type Referral = (typeof REFERRALS)[number];
/**
 * Whether the hands-on tries matched what the mediator saw during the session (docs/TRIES.md, "What would validate
 * them"): a closed choice, asked only when some try was done. Not a field of La Coop's reports: Repère's own.
 */
export const TRIES_MATCHES = ['yes', 'partly', 'no'] as const;
export type TriesMatch = (typeof TRIES_MATCHES)[number];

/**
 * What a mediator adds to a guided result: the autonomy they saw during the session (the 3-level scale of the activity
 * reports, or null when not said), the themes worked on (in the order of THEMES), and the session fields the activity
 * reports ask for (each null, or an empty list, when not said; absent on observations made before they existed).
 * Choices only: no free text, so nothing about the person can be written into it. `updatedAt`: when it was last
 * changed (who changed it is not kept).
 */
export interface Observation {
  readonly autonomy: AutonomyLevel | null;
  readonly themes: readonly Theme[];
  readonly activityType?: ActivityType | null;
  readonly durationMinutes?: DurationMinutes | null;
  readonly placeType?: PlaceType | null;
  /** The equipment used or lent during the session (Coop: matériel), in the order of EQUIPMENT. */
  readonly equipment?: readonly Equipment[];
  readonly referral?: Referral | null;
  /** Whether the tries matched what the mediator saw; null or absent when not said (or no try was done). */
  readonly triesMatched?: TriesMatch | null;
  readonly updatedAt?: string;
}

/** An observation with every field said or not (an older one read with today's fields). */
export type FullObservation = Required<Observation>;

/** An older observation (autonomy and themes only) seen with the fields added since: not said. */
export function withAllFields(observation: Observation, updatedAt = ''): FullObservation {
  return {
    activityType: null,
    durationMinutes: null,
    placeType: null,
    equipment: [],
    referral: null,
    triesMatched: null,
    updatedAt,
    ...observation,
  };
}

/** An observation with nothing said (the form of a result not observed yet). */
export const EMPTY_OBSERVATION: Observation = { autonomy: null, themes: [] };

/**
 * Why a proposed observation was refused:
 * - `notAnObject`: not an object with `autonomy` and `themes`;
 * - `unexpectedField`: a field other than those of Observation (no room for free text);
 * - `invalidField`: a session field outside its closed choices (activity type, duration, place, equipment, referral, tries matched,
 *   or a date of change that is not a date);
 * - `invalidAutonomy`: not one of the three levels, nor null;
 * - `themesNotAList`: `themes` is not a list;
 * - `unknownTheme`: a theme that is not in THEMES;
 * - `duplicateTheme`: the same theme twice.
 */
export type ObservationError =
  | 'notAnObject'
  | 'unexpectedField'
  | 'invalidField'
  | 'invalidAutonomy'
  | 'themesNotAList'
  | 'unknownTheme'
  | 'duplicateTheme';

export type ObservationValidation =
  | { readonly ok: true; readonly observation: Observation }
  | { readonly ok: false; readonly error: ObservationError };

const OBSERVATION_FIELDS: readonly string[] = ['autonomy', 'themes', 'activityType', 'durationMinutes', 'placeType', 'equipment', 'referral', 'triesMatched', 'updatedAt'];

/** A closed choice, or null / absent (not said). */
const choiceOrNone = <T>(choices: readonly T[], value: unknown): value is T | null | undefined =>
  value === undefined || value === null || choices.includes(value as T);

function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

function isAutonomyOrNull(value: unknown): value is AutonomyLevel | null {
  return value === null || (typeof value === 'string' && (AUTONOMY_LEVELS as readonly string[]).includes(value));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks an observation coming from a form, the device's storage or an import, and returns it typed, its themes in
 * the order of THEMES (so that two observations of the same themes look the same in history and exports).
 */
export function validateObservation(value: unknown): ObservationValidation {
  if (!isPlainObject(value)) return { ok: false, error: 'notAnObject' };
  if (Object.keys(value).some((key) => !OBSERVATION_FIELDS.includes(key))) return { ok: false, error: 'unexpectedField' };
  const { autonomy, themes } = value;
  if (!isAutonomyOrNull(autonomy)) return { ok: false, error: 'invalidAutonomy' };
  if (!Array.isArray(themes)) return { ok: false, error: 'themesNotAList' };
  if (!themes.every(isTheme)) return { ok: false, error: 'unknownTheme' };
  if (new Set(themes).size !== themes.length) return { ok: false, error: 'duplicateTheme' };
  const { activityType, durationMinutes, placeType, equipment, referral, triesMatched, updatedAt } = value;
  const equipmentOk =
    equipment === undefined || (Array.isArray(equipment) && equipment.every((e) => (EQUIPMENT as readonly unknown[]).includes(e)) && new Set(equipment).size === equipment.length);
  const fieldsOk =
    choiceOrNone(ACTIVITY_TYPES, activityType) &&
    choiceOrNone(DURATIONS_MINUTES, durationMinutes) &&
    choiceOrNone(PLACE_TYPES, placeType) &&
    choiceOrNone(REFERRALS, referral) &&
    choiceOrNone(TRIES_MATCHES, triesMatched) &&
    equipmentOk &&
    (updatedAt === undefined || (typeof updatedAt === 'string' && !Number.isNaN(Date.parse(updatedAt))));
  if (!fieldsOk) return { ok: false, error: 'invalidField' };
  const observation: Observation = {
    autonomy,
    themes: THEMES.filter((theme) => themes.includes(theme)),
    ...(activityType !== undefined ? { activityType: activityType as ActivityType | null } : {}),
    ...(durationMinutes !== undefined ? { durationMinutes: durationMinutes as DurationMinutes | null } : {}),
    ...(placeType !== undefined ? { placeType: placeType as PlaceType | null } : {}),
    ...(equipment !== undefined ? { equipment: EQUIPMENT.filter((e) => (equipment as unknown[]).includes(e)) } : {}),
    ...(referral !== undefined ? { referral: referral as Referral | null } : {}),
    ...(triesMatched !== undefined ? { triesMatched: triesMatched as TriesMatch | null } : {}),
    ...(updatedAt !== undefined ? { updatedAt: updatedAt as string } : {}),
  };
  return { ok: true, observation };
}
