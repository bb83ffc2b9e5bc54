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
 * What a mediator adds to a guided result: the autonomy they saw during the session (the 3-level scale of the activity
 * reports, or null when not said) and the themes worked on, in the order of THEMES. Choices only: no free text, so
 * nothing about the person can be written into it.
 */
export interface Observation {
  readonly autonomy: AutonomyLevel | null;
  readonly themes: readonly Theme[];
}

/**
 * Why a proposed observation was refused:
 * - `notAnObject`: not an object with `autonomy` and `themes`;
 * - `unexpectedField`: a field other than those two (no room for free text);
 * - `invalidAutonomy`: not one of the three levels, nor null;
 * - `themesNotAList`: `themes` is not a list;
 * - `unknownTheme`: a theme that is not in THEMES;
 * - `duplicateTheme`: the same theme twice.
 */
export type ObservationError =
  | 'notAnObject'
  | 'unexpectedField'
  | 'invalidAutonomy'
  | 'themesNotAList'
  | 'unknownTheme'
  | 'duplicateTheme';

export type ObservationValidation =
  | { readonly ok: true; readonly observation: Observation }
  | { readonly ok: false; readonly error: ObservationError };

const OBSERVATION_FIELDS: readonly string[] = ['autonomy', 'themes'];

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
  return { ok: true, observation: { autonomy, themes: THEMES.filter((theme) => themes.includes(theme)) } };
}
