import type { Place } from './place';

/**
 * Who a help place is for, and which national programme it belongs to (docs/PLACES.md). The files say it in several
 * ways — v1 `publics_specifiquement_adresses`, v0.1 `publics_accueillis`, `typologie` codes, programmes — and the BFC
 * raw file says none of it: there, the usual structures are recognised by their names.
 */
export const AUDIENCES = ['youth', 'students', 'families', 'seniors', 'women', 'adults', 'jobSeekers'] as const;
export type Audience = (typeof AUDIENCES)[number];
/** The publics a place can be reserved for: a person outside them is not suggested that place. */
export type ReservedAudience = 'youth' | 'seniors' | 'jobSeekers';

/** The audience values of the standard (v1) and of v0.1, as the files spell them. Others are kept as raw text. */
export const PUBLIC_VALUES: Readonly<Record<string, Audience>> = {
  Jeunes: 'youth',
  'Jeunes (16-26 ans)': 'youth',
  Étudiants: 'students',
  'Familles et/ou enfants': 'families',
  'Familles/enfants': 'families',
  Seniors: 'seniors',
  'Seniors (+ 65 ans)': 'seniors',
  Femmes: 'women',
  Adultes: 'adults',
};

/**
 * `typologie` codes of structures reserved for a public (data·inclusion's typologies_de_structures): Mission Locale
 * (16–25 year-olds), youth information points, the second-chance school and EPIDE (young adults), the public job
 * agency under its names of every period, Cap Emploi (job-seekers with a disability).
 */
export const RESERVED_TYPOLOGIES: Readonly<Record<string, ReservedAudience>> = {
  ML: 'youth',
  PIJ_BIJ: 'youth',
  E2C: 'youth',
  EPIDE: 'youth',
  FT: 'jobSeekers',
  PE: 'jobSeekers',
  CAP_EMPLOI: 'jobSeekers',
};

/** `typologie` codes of France Services (the network, and the MSAP it replaced). */
export const FRANCE_SERVICES_TYPOLOGIES = new Set(['RFS', 'MSAP']);

/**
 * The usual reserved structures by their names, for files without typology (the BFC raw file): tested on the real names
 * of every file in ../shared/data/places/data/ (place-audience.test.ts). A France Services place is never taken for a
 * job agency because its name mentions France Travail as a partner.
 */
export const RESERVED_NAMES: ReadonlyArray<readonly [RegExp, ReservedAudience]> = [
  [/\bmissions?[\s-]+locales?\b/iu, 'youth'],
  [/\binfo(?:rmation)?[\s-]+jeune(?:s|sse)?\b|\b(?:[PB]\.?|CR)I\.?J\b|\bespace[\s-]+(?:cyber[\s-]+)?jeune(?:s|sse)?\b|\bcyber[\s-]*jeunes\b/iu, 'youth'],
  // A town's youth service or house (not a "Maison des Jeunes et de la Culture", open to all), the second-chance school.
  [/\bmaison\s+de\s+la\s+jeunesse\b|\bp[ôo]le\s+jeunesse\b|\bservice\s+(?:enfance[\s-]+)?jeunesse\b|\bE2C\b|\b[ée]cole\s+de\s+la\s+(?:deuxi[èe]me|2e)\s+chance\b/iu, 'youth'],
  // The senior clubs and houses of a town's CCAS, a senior residence.
  [/\bclubs?\s+seniors?\b|\bmaisons?\s+des\s+seniors\b(?!\s+et\b)|\br[ée]sidences?\s+seniors?\b/iu, 'seniors'],
  [/\bp[ôo]le[\s-]+emploi\b|\bANPE\b|\bagence\s+france[\s-]+travail\b|^france[\s-]+travail\b|\bcap[\s-]+emploi\b/iu, 'jobSeekers'],
];

/** Names that say France Services (or the MSAP it replaced, or a Maison France Services). */
const FRANCE_SERVICES_NAME = /\bfrance[\s-]+services?\b|\bMSAP\b|\bmaisons?\s+de\s+services?\s+au\s+public\b|\bMFS\b/iu;
const AIDANTS_CONNECT_NAME = /\baidants?[\s-]+connect\b/iu;

/** The national programmes the ranking knows (v1 `dispositif_programmes_nationaux` values). */
export const FRANCE_SERVICES = 'France Services';
export const AIDANTS_CONNECT = 'Aidants Connect';
export const CONSEILLERS_NUMERIQUES = 'Conseillers numériques';

/** What a place says about its audience and programmes, whichever way its file said it. */
export interface PlaceAudience {
  /** The one public the place is reserved for, or null when it is open to all. */
  readonly reservedFor: ReservedAudience | null;
  /** Publics the place addresses specifically (it welcomes others too). */
  readonly addresses: readonly Audience[];
  readonly programmes: readonly string[];
}

const cache = new WeakMap<Place, PlaceAudience>();

/** The reserved audience from a place's name, or null. */
export function reservedByName(name: string): ReservedAudience | null {
  if (FRANCE_SERVICES_NAME.test(name)) return null;
  for (const [pattern, audience] of RESERVED_NAMES) if (pattern.test(name)) return audience;
  return null;
}

/**
 * Who a place is for (docs/PLACES.md, "Who a place is for"): reserved by its typology, by its name, or by welcoming only
 * young people or only seniors (v0.1 `publics_accueillis`, imported as `welcomes`); the publics it addresses; its
 * programmes, with France Services and Aidants Connect also recognised from the typology and the name. Memoised per
 * place object: the ranking asks for thousands of places on every search.
 */
export function placeAudience(place: Place): PlaceAudience {
  const known = cache.get(place);
  if (known) return known;
  const programmes = new Set(place.programmes ?? []);
  if (place.typology?.some((code) => FRANCE_SERVICES_TYPOLOGIES.has(code)) || FRANCE_SERVICES_NAME.test(place.name)) {
    programmes.add(FRANCE_SERVICES);
  }
  if (AIDANTS_CONNECT_NAME.test(place.name)) programmes.add(AIDANTS_CONNECT);
  let reservedFor: ReservedAudience | null = null;
  for (const code of place.typology ?? []) reservedFor ??= RESERVED_TYPOLOGIES[code] ?? null;
  if (!programmes.has(FRANCE_SERVICES)) reservedFor ??= reservedByName(place.name);
  const welcomes = new Set((place.welcomes ?? []).map((value) => PUBLIC_VALUES[value]).filter((a): a is Audience => a !== undefined));
  if (welcomes.size === 1 && welcomes.has('youth')) reservedFor ??= 'youth';
  if (welcomes.size === 1 && welcomes.has('seniors')) reservedFor ??= 'seniors';
  const addresses = new Set<Audience>();
  for (const value of place.publics ?? []) {
    const audience = PUBLIC_VALUES[value];
    if (audience) addresses.add(audience);
  }
  const audience: PlaceAudience = { reservedFor, addresses: [...addresses], programmes: [...programmes] };
  cache.set(place, audience);
  return audience;
}

/** The person, as far as places care: their age band (null when not given), whether they look for work, what fits. */
export interface PlaceSeeker {
  readonly ageBand: string | null;
  readonly looksForWork: boolean;
  /** Delegation (France Services, Aidants Connect first), learning (Conseillers numériques first), or neither. */
  readonly prefers: 'delegation' | 'learning' | null;
}

const YOUNG = new Set(['under16', 'from16to24']);
const SENIOR = new Set(['from65to74', 'from75']);

/** How a reserved place stands for a person: `excluded` (never suggested), `uncertain` (age unknown: after open places), `fits`. */
export function audienceFit(audience: PlaceAudience, seeker: PlaceSeeker): 'excluded' | 'uncertain' | 'fits' {
  switch (audience.reservedFor) {
    case null:
      return 'fits';
    case 'jobSeekers':
      return seeker.looksForWork ? 'fits' : 'excluded';
    case 'youth':
      return seeker.ageBand === null ? 'uncertain' : YOUNG.has(seeker.ageBand) ? 'fits' : 'excluded';
    case 'seniors':
      return seeker.ageBand === null ? 'uncertain' : SENIOR.has(seeker.ageBand) ? 'fits' : 'excluded';
  }
}

/** True when the place addresses the person's own public (Seniors for 65 and over, Jeunes for 16–24). */
export function addressesSeeker(audience: PlaceAudience, seeker: PlaceSeeker): boolean {
  if (seeker.ageBand === null) return false;
  if (SENIOR.has(seeker.ageBand)) return audience.addresses.includes('seniors');
  return seeker.ageBand === 'from16to24' && (audience.addresses.includes('youth') || audience.addresses.includes('students'));
}

/** True when the place belongs to a programme that fits the person first (docs/PLACES.md, "Programmes"). */
export function programmeFits(audience: PlaceAudience, seeker: PlaceSeeker): boolean {
  if (seeker.prefers === 'delegation') return audience.programmes.includes(FRANCE_SERVICES) || audience.programmes.includes(AIDANTS_CONNECT);
  if (seeker.prefers === 'learning') return audience.programmes.includes(CONSEILLERS_NUMERIQUES);
  return false;
}
