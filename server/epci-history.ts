import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { TERRITORY_DATA_VERSION, epciOf, type Territory } from './territory-levels';

/**
 * The EPCI a commune belonged to on 1 January of a past year, so that a batch counts in the intercommunalité of its
 * date (EPCI compositions change every 1 January). The installed @etalab/decoupage-administratif gives today's
 * membership (server/territory-levels.ts); server/geo/epci-history.json, made by scripts/make-epci-history.mjs from
 * the package's older versions (one per COG year), holds only what differed each year from it.
 */

const require = createRequire(import.meta.url);

interface YearDiff {
  /** EPCI of that year whose SIREN is not in the installed data, or whose name was not today's: SIREN → name then. */
  readonly epcis: Readonly<Record<string, string>>;
  /** Commune codes whose EPCI that year was not the one epciOf gives: code → SIREN then, null when in no EPCI. */
  readonly communes: Readonly<Record<string, string | null>>;
}

interface HistoryFile {
  readonly source: {
    readonly package: string;
    /** The installed version the years are compared with, and its COG year. */
    readonly baseline: { readonly version: string; readonly cogYear: number };
    /** COG year → the package version read for it. */
    readonly versions: Readonly<Record<string, string>>;
  };
  readonly years: Readonly<Record<string, YearDiff>>;
}

interface Year {
  readonly epcis: ReadonlyMap<string, string>;
  readonly communes: ReadonlyMap<string, string | null>;
}

// Made by scripts/make-epci-history.mjs; 16 KB, read once at start-up (the years are needed for EPCI_HISTORY_YEARS).
const FILE = JSON.parse(readFileSync(new URL('./geo/epci-history.json', import.meta.url), 'utf8')) as HistoryFile;

/** The COG years the history covers, oldest first (2021–2025); later years use today's membership. */
export const EPCI_HISTORY_YEARS: readonly number[] = Object.freeze(
  Object.keys(FILE.years)
    .map(Number)
    .sort((a, b) => a - b),
);

let years: Map<number, Year> | null = null;
let namesToday: Map<string, string> | null = null;

/** The file's years as maps, after checking that the file was made against the installed data. */
function history(): Map<number, Year> {
  if (years) return years;
  const { baseline } = FILE.source;
  if (baseline.version !== TERRITORY_DATA_VERSION.version || baseline.cogYear !== TERRITORY_DATA_VERSION.cogYear) {
    throw new Error(
      `server/geo/epci-history.json lists the differences from ${FILE.source.package} ${baseline.version} (COG ${baseline.cogYear}), ` +
        `but ${TERRITORY_DATA_VERSION.version} (COG ${TERRITORY_DATA_VERSION.cogYear}) is installed: run node scripts/make-epci-history.mjs`,
    );
  }
  years = new Map(
    EPCI_HISTORY_YEARS.map((year) => {
      const diff = FILE.years[String(year)] as YearDiff;
      return [year, { epcis: new Map(Object.entries(diff.epcis)), communes: new Map(Object.entries(diff.communes)) }];
    }),
  );
  return years;
}

/** Today's EPCI names by SIREN; the package's epci.json is the object territory-levels.ts already parsed. */
function todaysNames(): Map<string, string> {
  namesToday ??= new Map(
    (require(`${TERRITORY_DATA_VERSION.package}/data/epci.json`) as Array<{ code: string; nom: string }>).map((epci) => [epci.code, epci.nom]),
  );
  return namesToday;
}

/** The year of the file that speaks for `year`: the latest one not after it, the oldest before it; null from today's. */
function yearFor(year: number): Year | null {
  const all = history();
  const newest = EPCI_HISTORY_YEARS.at(-1);
  if (newest === undefined || year >= TERRITORY_DATA_VERSION.cogYear || year > newest) return null;
  const known = EPCI_HISTORY_YEARS.filter((y) => y <= year).at(-1) ?? EPCI_HISTORY_YEARS[0];
  return known === undefined ? null : (all.get(known) ?? null);
}

/**
 * The EPCI (SIREN, and its name then) a commune belonged to on 1 January of `year`, after that year's COG and DGCL
 * list. A former code (a commune since merged, a commune déléguée) or an arrondissement counts for the commune it
 * belonged to that year. Years from the installed data's (2026) on, and years later than the history knows, get
 * today's membership (epciOf); years before the oldest in the history (2021) get the oldest year's, since nothing
 * older is kept. Null for a commune in no EPCI that year (Bréhat, Sein, Ouessant, Yeu, the overseas collectivités)
 * and for a code unknown both then and today.
 */
export function epciAt(communeCode: string, year: number): Territory | null {
  if (!Number.isInteger(year)) throw new RangeError(`epciAt: the year must be an integer, not ${year}`);
  const today = epciOf(communeCode);
  const then = yearFor(year);
  if (!then) return today;
  const code = then.communes.has(communeCode) ? (then.communes.get(communeCode) ?? null) : (today?.code ?? null);
  if (code === null) return null;
  // A renamed EPCI reads with its name of that year, whether or not the commune is listed.
  const name = then.epcis.get(code) ?? (code === today?.code ? today.name : (epciName(code) ?? `EPCI ${code}`));
  return { code, name };
}

/** An EPCI's name by SIREN, also for EPCI gone since: today's name first, else its name in the latest year that had it. */
export function epciName(siren: string): string | null {
  const name = todaysNames().get(siren);
  if (name !== undefined) return name;
  const all = history();
  for (const year of [...EPCI_HISTORY_YEARS].reverse()) {
    const old = all.get(year)?.epcis.get(siren);
    if (old !== undefined) return old;
  }
  return null;
}
