import { EARTH_RADIUS_KM, haversineKm, type LatLon } from './geo';
import { booksOnline, isFree, type Place } from './place';

/** Where to search from: the kiosk's configured place, or a postal code the person typed. */
export interface Origin extends LatLon {
  readonly label: string;
  /** Only the département is known (a village with no place near it in the dataset): distances are rough. */
  readonly approximate?: boolean;
}

/** What the person needs, from their result (exact values of the national vocabulary). */
export interface PlaceNeeds {
  readonly services: readonly string[];
  readonly specificSupport: readonly string[];
}

/**
 * What a place's hours say for a person leaving now: open, opening soon (within a few hours), closed for longer, or
 * unknown (no hours, or hours that cannot be read: never taken for "closed").
 */
export type Openness = 'open' | 'opensSoon' | 'unknown' | 'closed';
const OPENNESS_RANK: Readonly<Record<Openness, number>> = { open: 3, opensSoon: 2, unknown: 1, closed: 0 };

/** Specific support a person can ask for, each a group of the standard's `prise_en_charge_specifique` values. */
export const SUPPORT_FILTERS = {
  languages: ['Langues étrangères (anglais)', 'Langues étrangères (autres)'],
  illiteracy: ['Illettrisme'],
  deafness: ['Surdité'],
  disabilities: ['Handicaps moteurs', 'Handicaps mentaux', 'Déficience visuelle'],
} as const satisfies Readonly<Record<string, readonly string[]>>;
export type SupportFilter = keyof typeof SUPPORT_FILTERS;

/** What the person asked to see only. Each filter narrows; none widens. */
export interface PlaceFilters {
  readonly openNow?: boolean;
  readonly free?: boolean;
  readonly onlineBooking?: boolean;
  /** The place offers at least one value of each group chosen. */
  readonly support?: readonly SupportFilter[];
}

export interface Suggestion {
  readonly place: Place;
  /** null when the place has no coordinates (listed after those that have). */
  readonly distanceKm: number | null;
  readonly matchedServices: readonly string[];
  readonly matchedSupport: readonly string[];
  /** 'unknown' when no hours function was given. */
  readonly openness: Openness;
}

/** Places closer than each bound share a band; within a band, the better match comes first (a rural search). */
export const DISTANCE_BANDS_KM = [5, 15, 30, 60, 120, 250] as const;
/** One degree of latitude along a meridian, in km (mean Earth radius). */
const KM_PER_DEGREE_OF_LATITUDE = (Math.PI / 180) * EARTH_RADIUS_KM;

/** How many places a person leaves with, at least (whatever the radius: rural départements). */
export const DEFAULT_SUGGESTIONS = 5;

function band(km: number | null): number {
  if (km === null) return DISTANCE_BANDS_KM.length + 1;
  for (let i = 0; i < DISTANCE_BANDS_KM.length; i += 1) if (km < DISTANCE_BANDS_KM[i]!) return i;
  return DISTANCE_BANDS_KM.length;
}

/** The ranking key of a candidate, before it is worth building a Suggestion for it. */
interface Key {
  readonly band: number;
  readonly matches: number;
  readonly open: number;
  readonly free: number;
  readonly distance: number;
  readonly place: Place;
}

/** Negative when a should come before b. */
function compareKeys(a: Key, b: Key): number {
  return (
    a.band - b.band ||
    b.matches - a.matches ||
    b.open - a.open ||
    b.free - a.free ||
    a.distance - b.distance ||
    a.place.name.localeCompare(b.place.name, 'fr') ||
    (a.place.id < b.place.id ? -1 : a.place.id > b.place.id ? 1 : 0)
  );
}

const keyOf = (s: Suggestion): Key => ({
  band: band(s.distanceKm),
  matches: s.matchedServices.length + s.matchedSupport.length,
  open: OPENNESS_RANK[s.openness],
  free: Number(isFree(s.place)),
  distance: s.distanceKm ?? Infinity,
  place: s.place,
});

/**
 * The places to suggest, best first: places open to the public that offer at least one needed service or specific
 * support (all places when nothing is needed) and pass the filters, ranked by distance band (< 5, 15, 30, 60, 120,
 * 250 km, further, no coordinates), then by how many needs they meet, then open now or soon, then free, then exact
 * distance. Always up to `limit` places, whatever the distance (rural départements). Pure; one pass with no allocation
 * for places that do not make the cut, so 100 000 places rank in a few milliseconds. `openness` (opening hours) is
 * asked only for the few places that make the cut, unless the "open now" filter needs it for every candidate.
 */
export function rankPlaces(input: {
  places: readonly Place[];
  needs: PlaceNeeds;
  origin: LatLon | null;
  openness?: (place: Place) => Openness;
  filters?: PlaceFilters;
  limit?: number;
}): Suggestion[] {
  const limit = input.limit ?? DEFAULT_SUGGESTIONS;
  const wanted = new Set(input.needs.services);
  const support = new Set(input.needs.specificSupport);
  const anyNeed = wanted.size > 0 || support.size > 0;
  const origin = input.origin;
  const filters = input.filters ?? {};
  const supportGroups = (filters.support ?? []).map((group) => SUPPORT_FILTERS[group] as readonly string[]);
  const openness = input.openness;
  const passes = (place: Place): boolean =>
    (!filters.free || isFree(place)) &&
    (!filters.onlineBooking || booksOnline(place)) &&
    supportGroups.every((group) => place.specificSupport?.some((value) => group.includes(value)) ?? false) &&
    (!filters.openNow || openness?.(place) === 'open');
  const best: Key[] = [];
  for (const place of input.places) {
    if (place.noPublic) continue;
    // A full buffer whose worst place is in a nearer band than this one can be at most: reject first, without
    // trigonometry. The difference in latitude alone is a lower bound of the great-circle distance.
    if (best.length === limit && origin && place.lat !== null) {
      const worst = best[limit - 1]!;
      if (band(Math.abs(place.lat - origin.lat) * KM_PER_DEGREE_OF_LATITUDE) > worst.band) continue;
    }
    let matches = 0;
    for (const s of place.services) if (wanted.has(s)) matches += 1;
    if (place.specificSupport) for (const s of place.specificSupport) if (support.has(s)) matches += 1;
    if (anyNeed && matches === 0) continue;
    const km = origin && place.lat !== null && place.lon !== null ? haversineKm(origin, { lat: place.lat, lon: place.lon }) : null;
    const placeBand = band(km);
    const distance = km ?? Infinity;
    const free = Number(isFree(place));
    // Keep a sorted buffer of the best `limit` (opening hours are evaluated only for those, below). Most places lose
    // to the worst of the buffer on band, matches, fees or distance: reject them before building anything.
    if (best.length === limit) {
      const worst = best[limit - 1]!;
      if (
        placeBand > worst.band ||
        (placeBand === worst.band &&
          (matches < worst.matches ||
            (matches === worst.matches && (free < worst.free || (free === worst.free && distance > worst.distance)))))
      ) {
        continue;
      }
    }
    const key: Key = { band: placeBand, matches, open: 0, free, distance, place };
    if (best.length === limit && compareKeys(key, best[limit - 1]!) >= 0) continue;
    if (!passes(place)) continue;
    let i = best.length;
    while (i > 0 && compareKeys(key, best[i - 1]!) < 0) i -= 1;
    best.splice(i, 0, key);
    if (best.length > limit) best.pop();
  }
  const suggestions = best.map(({ place, distance }): Suggestion => ({
    place,
    distanceKm: distance === Infinity ? null : distance,
    matchedServices: place.services.filter((s) => wanted.has(s)),
    matchedSupport: (place.specificSupport ?? []).filter((s) => support.has(s)),
    openness: openness ? openness(place) : 'unknown',
  }));
  // Opening hours only reorder within equals: they are known for the chosen few only.
  return openness ? suggestions.sort((a, b) => compareKeys(keyOf(a), keyOf(b))) : suggestions;
}

/**
 * A search origin from a postal code typed by the person, using the dataset's own places: the centre of the places
 * of that postal code. null when the dataset knows no place there (the UI says so).
 */
export function originFromPostalCode(places: readonly Place[], postalCode: string): Origin | null {
  const code = postalCode.trim();
  if (!/^\d{5}$/.test(code)) return null;
  let lat = 0;
  let lon = 0;
  let count = 0;
  let commune = '';
  for (const place of places) {
    if (place.postalCode !== code || place.lat === null || place.lon === null) continue;
    lat += place.lat;
    lon += place.lon;
    count += 1;
    commune ||= place.commune;
  }
  return count === 0 ? null : { lat: lat / count, lon: lon / count, label: `${code} ${commune}`.trim() };
}
