import { departementOf } from './departement';
import type { Place } from './place';
import { originFromPostalCode, type Origin } from './place-ranking';

/**
 * A commune of the table the app ships (from @etalab/decoupage-administratif, trimmed to the départements served):
 * its INSEE code, its name, its postal codes, and for a former commune (déléguée, associée) or a Paris/Lyon/Marseille
 * arrondissement, the code of the commune it belongs to now.
 */
export interface Commune {
  readonly code: string;
  readonly name: string;
  readonly postalCodes: readonly string[];
  readonly parent: string | null;
}

/** The compact row shipped in communes.json: [code, name, postal codes joined by spaces, parent code or ""]. */
export type CommuneRow = readonly [string, string, string, string];

export const communeFromRow = ([code, name, postalCodes, parent]: CommuneRow): Commune => ({
  code,
  name,
  postalCodes: postalCodes ? postalCodes.split(' ') : [],
  parent: parent && parent !== code ? parent : null,
});

/**
 * How people type a commune: any case, with or without accents, hyphens or apostrophes, "St" for "Saint".
 * "Saint-Étienne", "st etienne" and "SAINT ETIENNE" all read "saint etienne".
 */
export function normalizeName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-'’ʼ.,]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\bste\b/g, 'sainte')
    .replace(/\bst\b/g, 'saint');
}

/** How many communes a person may choose among when a name is not enough. */
export const MAX_CHOICES = 6;

/** The communes whose name matches: exact names first, then names starting with the text, shortest first. */
export function findCommunes(query: string, communes: readonly Commune[], limit = MAX_CHOICES): Commune[] {
  const wanted = normalizeName(query);
  if (wanted.length < 2) return [];
  const exact: Commune[] = [];
  const prefix: Commune[] = [];
  for (const commune of communes) {
    const name = normalizeName(commune.name);
    if (name === wanted) exact.push(commune);
    else if (name.startsWith(wanted)) prefix.push(commune);
  }
  prefix.sort((a, b) => a.name.length - b.name.length || a.name.localeCompare(b.name, 'fr'));
  return [...exact, ...prefix].slice(0, limit);
}

function centreOf(places: readonly Place[], keep: (place: Place) => boolean): { lat: number; lon: number } | null {
  let lat = 0;
  let lon = 0;
  let count = 0;
  for (const place of places) {
    if (place.lat === null || place.lon === null || !keep(place)) continue;
    lat += place.lat;
    lon += place.lon;
    count += 1;
  }
  return count === 0 ? null : { lat: lat / count, lon: lon / count };
}


/**
 * Where to search from for a commune, with the dataset's own places (the communes table has no coordinates): the
 * centre of the places of the commune (or of the commune it now belongs to), else of the places sharing one of its
 * postal codes, else — marked approximate, distances then mean little — of the places of its département. null when
 * the dataset has no place in the département either.
 */
export function originForCommune(commune: Commune, places: readonly Place[], communes: readonly Commune[] = []): Origin | null {
  const codes = new Set([commune.code, ...(commune.parent ? [commune.parent] : [])]);
  const parent = commune.parent ? communes.find((c) => c.code === commune.parent) : undefined;
  const postalCodes = new Set(commune.postalCodes.length > 0 ? commune.postalCodes : (parent?.postalCodes ?? []));
  const name = normalizeName(commune.name);
  const centre =
    centreOf(places, (p) => p.inseeCode !== null && codes.has(p.inseeCode)) ??
    centreOf(places, (p) => p.inseeCode === null && postalCodes.has(p.postalCode) && normalizeName(p.commune) === name) ??
    centreOf(places, (p) => postalCodes.has(p.postalCode));
  const postalCode = [...postalCodes][0];
  const label = postalCode ? `${commune.name} (${postalCode})` : commune.name;
  if (centre) return { ...centre, label };
  const departement = departementOf(commune.code);
  const corsica = departement === '2A' || departement === '2B';
  const around = centreOf(places, (p) =>
    p.inseeCode !== null ? departementOf(p.inseeCode) === departement : corsica ? p.postalCode.startsWith('20') : departementOf(p.postalCode) === departement,
  );
  return around ? { ...around, label, approximate: true } : null;
}

export type LocationSearch =
  | { readonly kind: 'found'; readonly origin: Origin }
  /** Several communes bear that name, or start with it: the person picks one. */
  | { readonly kind: 'choose'; readonly choices: ReadonlyArray<{ readonly commune: Commune; readonly origin: Origin | null }> }
  /** A commune we know, with no place near enough in the dataset to tell where it is. */
  | { readonly kind: 'noPlacesNear'; readonly commune: Commune | null }
  | { readonly kind: 'unknown' };

/**
 * What a person typed to say where they live: a postal code (5 digits) or a commune name. Resolved with the
 * dataset's own places and the communes table; nothing of it is kept.
 */
export function searchLocation(query: string, places: readonly Place[], communes: readonly Commune[]): LocationSearch {
  const text = query.trim();
  if (/^\d{5}$/.test(text)) {
    const fromPlaces = originFromPostalCode(places, text);
    if (fromPlaces) {
      const named = communes.filter((c) => c.postalCodes.includes(text));
      return { kind: 'found', origin: named.length === 1 ? { ...fromPlaces, label: `${named[0]!.name} (${text})` } : fromPlaces };
    }
    const commune = communes.find((c) => c.postalCodes.includes(text));
    const origin = commune ? originForCommune(commune, places, communes) : null;
    if (origin) return { kind: 'found', origin: { ...origin, label: `${commune!.name} (${text})` } };
    return commune ? { kind: 'noPlacesNear', commune } : { kind: 'unknown' };
  }
  const found = findCommunes(text, communes);
  const exact = found.filter((commune) => normalizeName(commune.name) === normalizeName(text));
  // One commune of that very name ("Dijon" typed, "Dijon-sur-…" also found): no need to ask.
  const only = found.length === 1 ? found[0] : exact.length === 1 ? exact[0] : undefined;
  if (only) {
    const origin = originForCommune(only, places, communes);
    return origin ? { kind: 'found', origin } : { kind: 'noPlacesNear', commune: only };
  }
  if (found.length === 0) return { kind: 'unknown' };
  return { kind: 'choose', choices: found.map((commune) => ({ commune, origin: originForCommune(commune, places, communes) })) };
}
