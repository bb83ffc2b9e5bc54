import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { SERVICE_COUNT_KEYS, SERVICE_KEYS, type ServiceKey } from '../src/domain/aggregate';
import type { NationalService } from '../src/domain/national-vocabulary';
import type { Place } from '../src/domain/place';
import { normalizeName } from '../src/domain/place-search';
import { MAX_FILE_BYTES, datasetMeta, importPlaces, licenceOfShape, type PlacesShape } from '../src/places/import-places';
import { communeStatus, departementOfCommune, epciOf, regionOfDepartement } from './territory-levels';

const require = createRequire(import.meta.url);

/**
 * What help places offer, per territory: the "proposé" beside the needs counted in the batches ("demandé"). Built
 * once from the national places file the devices use (lieux de médiation numérique), read by the devices' own importer.
 */

/** A territory of the observatory, or all of the dataset. EPCI by SIREN, the others by INSEE code. */
export type OfferScope =
  | { readonly level: 'all' }
  | { readonly level: 'region' | 'departement' | 'epci' | 'commune'; readonly code: string };

/** Per national service, the number of places offering it; `places`: the distinct places of the territory. */
export type ServiceOffer = Readonly<Record<ServiceKey, number>> & { readonly places: number };

/**
 * How a place was located:
 * - `inseeCode`: the file's `code_insee`, a commune of the map (or a former one, read as the commune it is part of);
 * - `postalCode`: a postal code that belongs to one commune only (whatever the name, unless it is another commune's);
 * - `postalCodeAndName`: a postal code of several communes, the commune picked by the file's `commune` name;
 * - `nameInDepartement`: a postal code unknown to the map (CEDEX…) or none of whose communes bears the name (a typo:
 *   83170 for Sainte-Maxime; 98800, Nouméa's, for every commune of Nouvelle-Calédonie), the commune found as the only
 *   one of its département bearing that name;
 * - `departementOnly`: no commune could be told (a shared postal code, and a name no commune of the département
 *   bears: "Valberg", "Nuit-Saint-Georges"): the place counts in its département and région, in no commune, no EPCI;
 * - `unlocated`: nothing usable: counted in `all` only.
 */
export const LOCATED_BY = ['inseeCode', 'postalCode', 'postalCodeAndName', 'nameInDepartement', 'departementOnly', 'unlocated'] as const;
export type LocatedBy = (typeof LOCATED_BY)[number];

export interface PlacesOfferMeta {
  /** The file's name (never its path: this is shown on the public page). */
  readonly source: string;
  readonly shape: PlacesShape;
  /** The dataset's licence, to be said under the figures: ODbL for the raw BFC file, else the Licence Ouverte. */
  readonly licence: string;
  /** Places read from the file (rows skipped by the importer, such as a repeated id, are not places). */
  readonly places: number;
  /** Places counted in a territory (a commune, or at least a département). */
  readonly counted: number;
  /** Places without a usable location: in `all` only. */
  readonly unlocated: number;
  /** Rows the importer left out, with its reasons (a repeated id, no postal code…). */
  readonly skippedRows: number;
  /** How many places each way of locating found. */
  readonly locatedBy: Readonly<Record<LocatedBy, number>>;
  /** Places whose `code_insee` was set aside: unknown to the map, or in another département than their postal code. */
  readonly ignoredInseeCodes: number;
  /** Places that say they do not welcome the public ("Ce lieu n'accueille pas de public"): counted all the same. */
  readonly noPublic: number;
  readonly loadedAt: string;
  /** The dataset's own date: the latest `date_maj` among its places; null when none gives one. */
  readonly updatedAt: string | null;
}

export interface PlacesOffer {
  readonly meta: PlacesOfferMeta;
  /**
   * The offer of a territory; zeros for a territory without places, or a code unknown to the map. A commune code is
   * read as the map does (territory-levels.ts): a former commune gives the figures of the commune it is part of now,
   * and a Paris, Lyon or Marseille arrondissement those of the places known to lie in it.
   */
  offerFor(scope: OfferScope): ServiceOffer;
  /** The offer of the places that could not be located (what `all` has beyond the sum of the régions). */
  readonly unlocatedOffer: ServiceOffer;
}

/** Where a place counts. */
export interface PlaceLocation {
  readonly by: LocatedBy;
  /** The current commune (INSEE code), or null. */
  readonly commune: string | null;
  /** The Paris, Lyon or Marseille arrondissement, when the file says which. */
  readonly arrondissement: string | null;
  readonly departement: string | null;
  /** The file's `code_insee`, when it was not used: unknown to the map, or not where the postal code is. */
  readonly ignoredInseeCode?: string;
}

/** "Le fichier de lieux … n'a pas pu être lu : …": why the collector runs without its places. */
export class PlacesOfferError extends Error {
  override readonly name = 'PlacesOfferError';
}

function unreadable(path: string, reason: string, cause?: unknown): PlacesOfferError {
  return new PlacesOfferError(`Le fichier de lieux « ${path} » n'a pas pu être lu : ${reason}`, cause === undefined ? undefined : { cause });
}

const failWith = (path: string, reason: string): never => {
  throw unreadable(path, reason);
};

const SYSTEM_REASONS: Readonly<Record<string, string>> = {
  ENOENT: "il n'existe pas.",
  EACCES: "le collecteur n'a pas le droit de le lire.",
  EPERM: "le collecteur n'a pas le droit de le lire.",
  EISDIR: "c'est un dossier, pas un fichier.",
};

/** The importer's message as the end of a sentence: "Ce fichier est vide." → "ce fichier est vide." */
const asClause = (message: string) => message.charAt(0).toLowerCase() + message.slice(1);

function readText(path: string): string {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return failWith(path, SYSTEM_REASONS.EISDIR!);
    if (stat.size > MAX_FILE_BYTES) return failWith(path, 'il est trop gros pour un fichier de lieux.');
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof PlacesOfferError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw unreadable(path, SYSTEM_REASONS[code] ?? `erreur du système (${code || String(error)}).`, error);
  }
}

/**
 * Reads a places file (national standard v1 or v0.1 CSV, ANCT JSON, raw BFC CSV: what the devices accept) and counts,
 * per national service, the places offering it in every commune, EPCI, département and région. Throws an Error with a
 * French message when the file cannot be read or is not a places file; the collector then runs without the offer.
 */
export function loadPlacesOffer(path: string, options: { readonly now?: Date } = {}): PlacesOffer {
  const now = options.now ?? new Date();
  const text = readText(path);
  let imported: ReturnType<typeof importPlaces>;
  try {
    imported = importPlaces(text, { source: 'offer' });
  } catch (error) {
    throw unreadable(path, asClause(error instanceof Error ? error.message : String(error)), error);
  }
  const { places, report } = imported;
  if (places.length === 0) {
    const first = report.skipped[0];
    throw unreadable(path, `aucun lieu n'a pu être lu${first ? ` (ligne ${first.line} : ${first.reason})` : ''}.`);
  }
  const licence = licenceOfShape(report.shape) ?? 'Licence Ouverte 2.0';

  const tallies = { commune: new Tally(), arrondissement: new Tally(), epci: new Tally(), departement: new Tally(), region: new Tally() };
  const all = new Tally();
  const unlocated = new Tally();
  const locatedBy = Object.fromEntries(LOCATED_BY.map((by) => [by, 0])) as Record<LocatedBy, number>;
  let noPublic = 0;
  let ignoredInseeCodes = 0;
  for (const place of places) {
    const services = serviceIndexes(place);
    const where = locatePlace(place);
    locatedBy[where.by] += 1;
    if (place.noPublic) noPublic += 1;
    if (where.ignoredInseeCode) ignoredInseeCodes += 1;
    all.add('', services);
    const region = where.departement ? regionOfDepartement(where.departement)?.code : undefined;
    if (!where.departement || !region) {
      unlocated.add('', services);
      continue;
    }
    tallies.departement.add(where.departement, services);
    tallies.region.add(region, services);
    if (where.commune) {
      tallies.commune.add(where.commune, services);
      const epci = epciOf(where.commune);
      if (epci) tallies.epci.add(epci.code, services);
    }
    if (where.arrondissement) tallies.arrondissement.add(where.arrondissement, services);
  }

  const unlocatedCount = unlocated.get('').places;
  return {
    meta: {
      source: basename(path),
      shape: report.shape,
      licence,
      places: places.length,
      counted: places.length - unlocatedCount,
      unlocated: unlocatedCount,
      skippedRows: report.skipped.length,
      locatedBy,
      ignoredInseeCodes,
      noPublic,
      loadedAt: now.toISOString(),
      updatedAt: datasetMeta(places, { source: path, licence, now }).updatedAt,
    },
    unlocatedOffer: unlocated.get(''),
    offerFor(scope) {
      if (scope.level === 'all') return all.get('');
      if (scope.level !== 'commune') return tallies[scope.level].get(scope.code);
      const status = communeStatus(scope.code);
      if (status.kind === 'arrondissement') return tallies.arrondissement.get(scope.code);
      return tallies.commune.get(status.kind === 'merged' ? status.into.code : scope.code);
    },
  };
}

const SERVICE_INDEX = new Map<string, number>(
  (Object.entries(SERVICE_KEYS) as Array<[NationalService, ServiceKey]>).map(([service, key]) => [service, SERVICE_COUNT_KEYS.indexOf(key)]),
);

/** The services a place offers, as indexes of SERVICE_COUNT_KEYS, once each. */
function serviceIndexes(place: Place): number[] {
  const indexes = new Set<number>();
  for (const service of place.services) {
    const index = SERVICE_INDEX.get(service);
    if (index !== undefined) indexes.add(index);
  }
  return [...indexes];
}

/** Counts per territory code: one slot per service, then the places. */
class Tally {
  private readonly counts = new Map<string, number[]>();

  add(code: string, services: readonly number[]): void {
    let slots = this.counts.get(code);
    if (!slots) {
      slots = new Array<number>(SERVICE_COUNT_KEYS.length + 1).fill(0);
      this.counts.set(code, slots);
    }
    for (const index of services) slots[index]! += 1;
    slots[SERVICE_COUNT_KEYS.length]! += 1;
  }

  get(code: string): ServiceOffer {
    const slots = this.counts.get(code);
    const offer: Record<string, number> = {};
    SERVICE_COUNT_KEYS.forEach((key, index) => (offer[key] = slots?.[index] ?? 0));
    offer.places = slots?.[SERVICE_COUNT_KEYS.length] ?? 0;
    return offer as ServiceOffer;
  }
}

interface CommuneEntry {
  readonly code: string;
  readonly nom: string;
  readonly type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  readonly departement: string;
  readonly chefLieu?: string;
  readonly commune?: string;
  readonly codesPostaux?: readonly string[];
}

/** A name a place's `commune` may bear, and where it leads. */
interface NamedCommune {
  /** The name as compared (see nameKey), and without its spaces. */
  readonly name: string;
  readonly compact: string;
  readonly commune: string;
  readonly arrondissement: string | null;
  readonly departement: string;
}

interface PostalIndex {
  /** Postal code → the current communes and arrondissements that use it. */
  readonly byPostalCode: Map<string, NamedCommune[]>;
  /** Département → every name of its communes: current, former (déléguée, associée) and arrondissements. */
  readonly byDepartement: Map<string, NamedCommune[]>;
  /** Current commune → the names of its former communes. */
  readonly formerNames: Map<string, NamedCommune[]>;
}

/**
 * A commune's name as compared: the app's normalisation (case, accents, hyphens, "St"), brackets and a trailing
 * CEDEX dropped ("Château-Chinon (Ville)", "Annecy Cedex 03"). Real files write "Saint-Donat-sur-lHerbasse", "Pont
 * du château" and "Pont de Claix" (Le Pont-de-Claix): compactName compares without spaces nor a leading article.
 */
const nameKey = (name: string) => normalizeName(name.replace(/[()]/g, ' ')).replace(/ cedex( \d+)?$/, '');
const compactName = (key: string) => key.replace(/^(?:le|la|les|l) /, '').replace(/ /g, '');

let postalIndex: PostalIndex | null = null;

// @etalab/decoupage-administratif's communes carry their postal codes (La Poste's base); `require` shares the parsed
// file with territory-levels.ts.
function postal(): PostalIndex {
  if (postalIndex) return postalIndex;
  const entries = require('@etalab/decoupage-administratif/data/communes.json') as CommuneEntry[];
  const current = new Set(entries.filter((e) => e.type === 'commune-actuelle').map((e) => e.code));
  const byPostalCode = new Map<string, NamedCommune[]>();
  const byDepartement = new Map<string, NamedCommune[]>();
  const formerNames = new Map<string, NamedCommune[]>();
  const push = (map: Map<string, NamedCommune[]>, key: string, value: NamedCommune) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const entry of entries) {
    const name = nameKey(entry.nom);
    const compact = compactName(name);
    let named: NamedCommune;
    if (entry.type === 'commune-actuelle') {
      named = { name, compact, commune: entry.code, arrondissement: null, departement: entry.departement };
    } else if (entry.type === 'arrondissement-municipal' && entry.commune) {
      named = { name, compact, commune: entry.commune, arrondissement: entry.code, departement: entry.departement };
    } else if (entry.chefLieu && current.has(entry.chefLieu)) {
      // Its own name, even when it shares the code of its commune nouvelle (Morez, 39368, now Hauts de Bienne).
      named = { name, compact, commune: entry.chefLieu, arrondissement: null, departement: entry.departement };
      push(formerNames, entry.chefLieu, named);
    } else {
      continue;
    }
    push(byDepartement, entry.departement, named);
    for (const postalCode of entry.codesPostaux ?? []) push(byPostalCode, postalCode, named);
  }
  postalIndex = { byPostalCode, byDepartement, formerNames };
  return postalIndex;
}

/** The one commune among `names` bearing the name, or null (none, or several). */
function theOneNamed(key: string, names: readonly NamedCommune[]): NamedCommune | null {
  const compact = compactName(key);
  const found = distinct(names.filter((c) => c.compact === compact));
  return found.length === 1 ? found[0]! : null;
}

/**
 * The one commune a postal code serves that bears the name: the same name; else one of its former communes' (Seynod
 * for Annecy); else, word by word, a name that begins the other ("Louhans" for Louhans-Châteaurenaud, "Le
 * Luc-en-Provence" for Le Luc). Null when none or several.
 */
function namedAmong(key: string, candidates: readonly NamedCommune[]): NamedCommune | null {
  const { formerNames } = postal();
  const former = [...new Set(candidates.map((c) => c.commune))].flatMap((commune) => formerNames.get(commune) ?? []);
  const same = theOneNamed(key, candidates) ?? theOneNamed(key, former);
  if (same) return same;
  const beginning = distinct(
    [...candidates, ...former].filter((c) => c.name.startsWith(`${key} `) || key.startsWith(`${c.name} `)),
  );
  return beginning.length === 1 ? beginning[0]! : null;
}

/** One entry per current commune (an arrondissement kept only when it is the only one named). */
function distinct(entries: readonly NamedCommune[]): NamedCommune[] {
  const byCommune = new Map<string, NamedCommune>();
  for (const entry of entries) {
    const known = byCommune.get(entry.commune);
    if (!known) byCommune.set(entry.commune, entry);
    else if (known.arrondissement !== entry.arrondissement) byCommune.set(entry.commune, { ...known, arrondissement: null });
  }
  return [...byCommune.values()];
}

/** The départements a postal code unknown to the map points to, by its first digits: Corsica's "20" is 2A or 2B. */
function departementsOfPostalCode(postalCode: string): string[] {
  const code = /^9[78]/.test(postalCode) ? postalCode.slice(0, 3) : postalCode.slice(0, 2);
  const codes = code === '20' ? ['2A', '2B'] : [code];
  return codes.filter((c) => regionOfDepartement(c) !== null);
}

const located = (by: LocatedBy, entry: NamedCommune): PlaceLocation => ({
  by,
  commune: entry.commune,
  arrondissement: entry.arrondissement,
  departement: entry.departement,
});

/**
 * Where a place counts: its INSEE code when the file gives one the map knows; else its postal code, with its
 * commune's name when the postal code is shared (4 205 of France's 6 310 postal codes serve several communes); else
 * its commune's name, when one commune of the département bears it (a CEDEX or a mistyped postal code).
 */
export function locatePlace(place: Pick<Place, 'postalCode' | 'commune' | 'inseeCode'>): PlaceLocation {
  const { byPostalCode, byDepartement } = postal();
  const candidates = byPostalCode.get(place.postalCode) ?? [];
  const communes = distinct(candidates);
  // The départements the postal code points to: one, or two where it crosses a line (05130: Hautes-Alpes and
  // Alpes-de-Haute-Provence), or Corsica's two for an unknown 20xxx.
  const departements = communes.length > 0 ? [...new Set(communes.map((c) => c.departement))] : departementsOfPostalCode(place.postalCode);

  if (place.inseeCode) {
    const byCode = fromInseeCode(place.inseeCode, place.postalCode, candidates, departements);
    if (byCode) return byCode;
  }
  const ignored = place.inseeCode ? { ignoredInseeCode: place.inseeCode } : {};
  const key = nameKey(place.commune);
  const inDepartements = () => theOneNamed(key, departements.flatMap((code) => byDepartement.get(code) ?? []));
  if (communes.length === 1) {
    if (namedAmong(key, candidates)) return { ...inCommune('postalCode', communes[0]!, candidates), ...ignored };
    // Another commune's name: the postal code is the wrong one (the Nouvelle-Calédonie file writes Nouméa's 98800 for
    // every commune). A name that is no commune's (a hamlet, a ski resort) leaves the postal code to say.
    const other = inDepartements();
    return { ...(other ? located('nameInDepartement', other) : inCommune('postalCode', communes[0]!, candidates)), ...ignored };
  }
  const named = communes.length > 1 ? namedAmong(key, candidates) : null;
  if (named) return { ...inCommune('postalCodeAndName', named, candidates), ...ignored };
  const inDepartement = inDepartements();
  if (inDepartement) return { ...located('nameInDepartement', inDepartement), ...ignored };
  return departements.length === 1
    ? { by: 'departementOnly', commune: null, arrondissement: null, departement: departements[0]!, ...ignored }
    : { by: 'unlocated', commune: null, arrondissement: null, departement: null, ...ignored };
}

/**
 * The place's INSEE code, when the map knows it and it agrees with the postal code: real files copy the postal code
 * there ("25000" for Besançon), or another commune's code (Le Mont-Dore, Nouvelle-Calédonie, filed as 63236: Le
 * Mont-Dore of the Puy-de-Dôme).
 */
function fromInseeCode(
  code: string,
  postalCode: string,
  candidates: readonly NamedCommune[],
  departements: readonly string[],
): PlaceLocation | null {
  if (code === postalCode && !candidates.some((c) => c.commune === code || c.arrondissement === code)) return null;
  const status = communeStatus(code);
  if (status.kind === 'unknown') return null;
  const commune = status.kind === 'current' ? status.code : status.into.code;
  const departement = departementOfCommune(commune)?.code ?? null;
  if (!departement || (departements.length > 0 && !departements.includes(departement))) return null;
  return { by: 'inseeCode', commune, arrondissement: status.kind === 'arrondissement' ? status.code : null, departement };
}

/** A commune found by postal code, with its arrondissement when the postal code serves only one (13001 → 13201). */
function inCommune(by: LocatedBy, entry: NamedCommune, candidates: readonly NamedCommune[]): PlaceLocation {
  const arrondissements = new Set(candidates.filter((c) => c.commune === entry.commune && c.arrondissement).map((c) => c.arrondissement));
  return located(by, { ...entry, arrondissement: arrondissements.size === 1 ? [...arrondissements][0]! : entry.arrondissement });
}
