import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Every territory level the Région reads, from a commune's INSEE code: commune → EPCI (intercommunalité à fiscalité
 * propre) → département → région, after @etalab/decoupage-administratif (INSEE's Code officiel géographique for
 * communes, départements and régions; the DGCL's list for EPCI membership).
 */

/** A territory as the observatory names it: its code (INSEE, or SIREN for an EPCI) and its name. */
export interface Territory {
  readonly code: string;
  readonly name: string;
}

/**
 * What a commune code is today:
 * - `current`: a commune of today's map;
 * - `merged`: a former commune now part of `into`: a commune déléguée or associée of a commune nouvelle, or a code the
 *   map no longer has at all (a fusion, or a code change such as Corsica's 20xxx before 2A/2B); `name` is null when the
 *   dataset keeps only the old code, not its name;
 * - `arrondissement`: a municipal arrondissement of Paris, Lyon or Marseille, which belongs to `into`;
 * - `unknown`: no commune, now or before, in the dataset.
 */
export type CommuneStatus =
  | { readonly kind: 'current'; readonly code: string; readonly name: string }
  | { readonly kind: 'merged'; readonly code: string; readonly name: string | null; readonly into: Territory }
  | { readonly kind: 'arrondissement'; readonly code: string; readonly name: string; readonly into: Territory }
  | { readonly kind: 'unknown'; readonly code: string };

const PACKAGE = '@etalab/decoupage-administratif';
const packageVersion = (require(`${PACKAGE}/package.json`) as { version: string }).version;
const COG_YEAR = 2026;

/**
 * Which map a batch was attributed with, so that figures read later can say which membership they used (communes
 * merge and EPCI change every 1 January). The package's README pairs each version with its COG year: 6.x is the
 * 1 January 2026 map. A test fails when the installed version no longer matches this year.
 */
export const TERRITORY_DATA_VERSION = {
  package: PACKAGE,
  version: packageVersion,
  cogYear: COG_YEAR,
  stamp: `cog-${COG_YEAR}/${PACKAGE}@${packageVersion}`,
} as const;

interface CommuneEntry {
  readonly code: string;
  readonly nom: string;
  readonly type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  readonly departement: string;
  readonly region: string;
  /** The current commune a commune déléguée or associée belongs to. */
  readonly chefLieu?: string;
  /** The commune an arrondissement municipal belongs to. */
  readonly commune?: string;
  /** Codes a current commune had or absorbed. */
  readonly anciensCodes?: readonly string[];
}

interface EpciEntry {
  readonly code: string;
  readonly nom: string;
  readonly membres: ReadonlyArray<{ readonly code: string }>;
}

interface FormerCode {
  readonly kind: 'merged' | 'arrondissement';
  readonly name: string | null;
  readonly into: string;
}

interface CommuneIndex {
  /** The dataset's own entries, not copies: 35 000 fewer objects to build. */
  readonly current: Map<string, CommuneEntry>;
  readonly former: Map<string, FormerCode>;
  readonly departements: Map<string, Territory & { readonly region: string }>;
  readonly regions: Map<string, Territory>;
  readonly departementsByRegion: Map<string, readonly Territory[]>;
}

interface Epci {
  readonly entry: EpciEntry;
  readonly departements: readonly Territory[];
  /** Built on the first call of communesOfEpci for this EPCI, then kept. */
  communes: readonly Territory[] | null;
}

interface EpciIndex {
  readonly bySiren: Map<string, Epci>;
  readonly ofCommune: Map<string, Epci>;
}

const byCode = (a: Territory, b: Territory) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

let communeIndex: CommuneIndex | null = null;
let epciIndex: EpciIndex | null = null;

// `require` shares its cache with territory-names.ts: the 8.6 MB communes.json is parsed once per process.
function communes(): CommuneIndex {
  if (communeIndex) return communeIndex;
  const entries = require(`${PACKAGE}/data/communes.json`) as CommuneEntry[];
  const departementEntries = require(`${PACKAGE}/data/departements.json`) as Array<{ code: string; nom: string; region: string }>;
  const regionEntries = require(`${PACKAGE}/data/regions.json`) as Array<{ code: string; nom: string }>;

  const current = new Map<string, CommuneEntry>();
  for (const entry of entries) if (entry.type === 'commune-actuelle') current.set(entry.code, entry);
  // A commune nouvelle's chef-lieu keeps its code, so a code that is both current and délégué is current.
  const former = new Map<string, FormerCode>();
  for (const entry of entries) {
    if (current.has(entry.code)) continue;
    if (entry.type === 'arrondissement-municipal' && entry.commune) {
      former.set(entry.code, { kind: 'arrondissement', name: entry.nom, into: entry.commune });
    } else if (entry.chefLieu && current.has(entry.chefLieu)) {
      former.set(entry.code, { kind: 'merged', name: entry.nom, into: entry.chefLieu });
    }
  }
  // Codes gone from the map altogether survive only in their current commune's anciensCodes. The chef-lieu above
  // wins where both speak (55273 and 60455 in 6.0.0), being the COG's statement of today's membership.
  for (const entry of current.values()) {
    for (const old of entry.anciensCodes ?? []) {
      if (!current.has(old) && !former.has(old)) former.set(old, { kind: 'merged', name: null, into: entry.code });
    }
  }

  const regions = new Map(regionEntries.map((r) => [r.code, { code: r.code, name: r.nom }]));
  const departements = new Map(departementEntries.map((d) => [d.code, { code: d.code, name: d.nom, region: d.region }]));
  const departementsByRegion = new Map<string, Territory[]>();
  for (const { code, name, region } of departements.values()) {
    const list = departementsByRegion.get(region) ?? [];
    list.push({ code, name });
    departementsByRegion.set(region, list);
  }
  for (const list of departementsByRegion.values()) Object.freeze(list.sort(byCode));

  communeIndex = { current, former, departements, regions, departementsByRegion };
  return communeIndex;
}

function epcis(): EpciIndex {
  if (epciIndex) return epciIndex;
  const { current, departements } = communes();
  const entries = require(`${PACKAGE}/data/epci.json`) as EpciEntry[];
  const bySiren = new Map<string, Epci>();
  const ofCommune = new Map<string, Epci>();
  for (const entry of entries) {
    const departementCodes = new Set<string>();
    for (const { code } of entry.membres) {
      const departement = current.get(code)?.departement;
      if (departement) departementCodes.add(departement);
    }
    const spanned = [...departementCodes].sort().map((code) => ({ code, name: departements.get(code)?.name ?? code }));
    const epci: Epci = { entry, departements: Object.freeze(spanned), communes: null };
    bySiren.set(entry.code, epci);
    for (const { code } of entry.membres) ofCommune.set(code, epci);
  }
  epciIndex = { bySiren, ofCommune };
  return epciIndex;
}

/** The current commune a code counts for: itself, the commune nouvelle it merged into, or its city; null if unknown. */
function currentCommuneOf(code: string): CommuneEntry | null {
  const { current, former } = communes();
  const found = current.get(code);
  if (found) return found;
  const old = former.get(code);
  return old ? (current.get(old.into) ?? null) : null;
}

/** What a commune code is today: a current commune, a former one and where it went, an arrondissement, or unknown. */
export function communeStatus(code: string): CommuneStatus {
  const { current, former } = communes();
  const found = current.get(code);
  if (found) return { kind: 'current', code, name: found.nom };
  const old = former.get(code);
  const into = old ? current.get(old.into) : undefined;
  if (!old || !into) return { kind: 'unknown', code };
  const target = { code: into.code, name: into.nom };
  return old.kind === 'arrondissement'
    ? { kind: 'arrondissement', code, name: old.name ?? into.nom, into: target }
    : { kind: 'merged', code, name: old.name, into: target };
}

/**
 * The EPCI (SIREN, name) of a commune, or of the current commune a former code or an arrondissement belongs to. Null
 * for a commune in no EPCI (the islands of Bréhat, Sein, Ouessant and Yeu, and the overseas collectivités 975-989)
 * and for an unknown code.
 */
export function epciOf(communeCode: string): Territory | null {
  const commune = currentCommuneOf(communeCode);
  const epci = commune ? epcis().ofCommune.get(commune.code) : undefined;
  return epci ? { code: epci.entry.code, name: epci.entry.nom } : null;
}

/**
 * The département a commune lies in today, after its current commune (not the code's first digits: Antorpe, 39012,
 * is part of Saint-Vit in the Doubs). Null for an unknown code.
 */
export function departementOfCommune(communeCode: string): Territory | null {
  const commune = currentCommuneOf(communeCode);
  const departement = commune ? communes().departements.get(commune.departement) : undefined;
  return departement ? { code: departement.code, name: departement.name } : null;
}

/** The région of a département code ("25" → Bourgogne-Franche-Comté, "971" → Guadeloupe); null if unknown. */
export function regionOfDepartement(code: string): Territory | null {
  const { departements, regions } = communes();
  const departement = departements.get(code);
  return departement ? (regions.get(departement.region) ?? null) : null;
}

/** The départements of a région, by code; empty for an unknown région. */
export function departementsOfRegion(code: string): readonly Territory[] {
  return communes().departementsByRegion.get(code) ?? [];
}

/** The current communes of an EPCI, by code; empty for an unknown SIREN. */
export function communesOfEpci(siren: string): readonly Territory[] {
  const epci = epcis().bySiren.get(siren);
  if (!epci) return [];
  if (!epci.communes) {
    const { current } = communes();
    const members = epci.entry.membres.map(({ code }) => ({ code, name: current.get(code)?.nom ?? code }));
    epci.communes = Object.freeze(members.sort(byCode));
  }
  return epci.communes;
}

/** The départements an EPCI's communes lie in (two or three for some), by code; empty for an unknown SIREN. */
export function epciDepartements(siren: string): readonly Territory[] {
  return epcis().bySiren.get(siren)?.departements ?? [];
}

/** An EPCI's name as people read it ("CU Grand Besançon Métropole"); names are unique, so no code is added. */
export function epciLabel(siren: string): string {
  return epcis().bySiren.get(siren)?.entry.nom ?? `EPCI ${siren}`;
}

/** A région's name ("Bourgogne-Franche-Comté"); "Région 99" for an unknown code. */
export function regionLabel(code: string): string {
  return communes().regions.get(code)?.name ?? `Région ${code}`;
}
