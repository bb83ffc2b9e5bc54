import { haversineKm, type LatLon } from './geo';
import type { Place } from './place';

/** Where to search from: the kiosk's configured place, or a postal code the person typed. */
export interface Origin extends LatLon {
  readonly label: string;
}

/** What the person needs, from their result (exact values of the national vocabulary). */
export interface PlaceNeeds {
  readonly services: readonly string[];
  readonly specificSupport: readonly string[];
}

export interface Suggestion {
  readonly place: Place;
  /** null when the place has no coordinates (listed after those that have). */
  readonly distanceKm: number | null;
  readonly matchedServices: readonly string[];
  readonly matchedSupport: readonly string[];
  /** true open now, false closed, null unknown (no hours, or hours that cannot be read). */
  readonly openNow: boolean | null;
}

/** Places closer than each bound share a band; within a band, the better match comes first (a rural search). */
export const DISTANCE_BANDS_KM = [5, 15, 30, 60] as const;
/** How many places a person leaves with, at least (whatever the radius: rural départements). */
export const DEFAULT_SUGGESTIONS = 5;

const band = (km: number | null) => {
  if (km === null) return DISTANCE_BANDS_KM.length + 1;
  const index = DISTANCE_BANDS_KM.findIndex((bound) => km < bound);
  return index === -1 ? DISTANCE_BANDS_KM.length : index;
};

/** Negative when a should come before b. */
function compare(a: Suggestion, b: Suggestion): number {
  const matchesA = a.matchedServices.length + a.matchedSupport.length;
  const matchesB = b.matchedServices.length + b.matchedSupport.length;
  return (
    band(a.distanceKm) - band(b.distanceKm) ||
    matchesB - matchesA ||
    Number(b.openNow === true) - Number(a.openNow === true) ||
    (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) ||
    a.place.name.localeCompare(b.place.name, 'fr') ||
    (a.place.id < b.place.id ? -1 : a.place.id > b.place.id ? 1 : 0)
  );
}

/**
 * The places to suggest, best first: places that offer at least one needed service or specific support (all places when
 * nothing is needed), ranked by distance band (< 5, 15, 30, 60 km, further, no coordinates), then by how many needs they
 * meet, then open now, then exact distance. Always up to `limit` places, whatever the distance. Pure; O(n) plus a
 * small sorted buffer, so 100 000 places rank in a few milliseconds.
 */
export function rankPlaces(input: {
  places: readonly Place[];
  needs: PlaceNeeds;
  origin: LatLon | null;
  isOpenNow?: (place: Place) => boolean | null;
  limit?: number;
}): Suggestion[] {
  const limit = input.limit ?? DEFAULT_SUGGESTIONS;
  const wanted = new Set(input.needs.services);
  const support = new Set(input.needs.specificSupport);
  const anyNeed = wanted.size > 0 || support.size > 0;
  const best: Suggestion[] = [];
  for (const place of input.places) {
    const matchedServices = place.services.filter((s) => wanted.has(s));
    const matchedSupport = (place.specificSupport ?? []).filter((s) => support.has(s));
    if (anyNeed && matchedServices.length === 0 && matchedSupport.length === 0) continue;
    const distanceKm =
      input.origin && place.lat !== null && place.lon !== null ? haversineKm(input.origin, { lat: place.lat, lon: place.lon }) : null;
    const candidate: Suggestion = { place, distanceKm, matchedServices, matchedSupport, openNow: null };
    // Keep a sorted buffer of the best `limit` (opening hours are evaluated only for those, below).
    if (best.length === limit && compare(candidate, best[limit - 1]!) >= 0) continue;
    let i = best.length;
    while (i > 0 && compare(candidate, best[i - 1]!) < 0) i -= 1;
    best.splice(i, 0, candidate);
    if (best.length > limit) best.pop();
  }
  if (!input.isOpenNow) return best;
  // Open now only reorders within equals: evaluate it for the chosen few, then sort again.
  const isOpenNow = input.isOpenNow;
  return best.map((s) => ({ ...s, openNow: isOpenNow(s.place) })).sort(compare);
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
