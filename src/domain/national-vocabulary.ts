/**
 * The vocabularies of the national open-data standard "Schéma de données des lieux de médiation numérique"
 * (LaMednum/standard-mediation-num v1.0.2, Licence Ouverte), spelled exactly as the schema's patterns spell them.
 */

/** The standard's `services` field: the kinds of help a place offers. */
export const NATIONAL_SERVICES = [
  'Aide aux démarches administratives',
  'Maîtrise des outils numériques du quotidien',
  'Insertion professionnelle via le numérique',
  'Utilisation sécurisée du numérique',
  'Parentalité et éducation avec le numérique',
  'Loisirs et créations numériques',
  'Compréhension du monde numérique',
  'Accès internet et matériel informatique',
  'Acquisition de matériel informatique à prix solidaire',
] as const;
export type NationalService = (typeof NATIONAL_SERVICES)[number];

/** The standard's `prise_en_charge_specifique` field: people a place is equipped to support. */
export const SPECIFIC_SUPPORT = [
  'Surdité',
  'Handicaps moteurs',
  'Handicaps mentaux',
  'Illettrisme',
  'Langues étrangères (anglais)',
  'Langues étrangères (autres)',
  'Déficience visuelle',
] as const;
export type SpecificSupport = (typeof SPECIFIC_SUPPORT)[number];
