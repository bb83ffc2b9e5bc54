import { EARTH_RADIUS_KM, haversineKm, haversineKmBetween, type LatLon } from './geo';
import { booksOnline, isFree, type Place } from './place';
import { addressesSeeker, audienceFit, placeAudience, programmeFits, type PlaceSeeker } from './place-audience';

/**
 * Per places array, computed once per dataset (the ranking runs on every search): which places a programme puts first
 * for each preference, and the places with coordinates sorted by latitude, so that a search reads only the strip of
 * latitude around the person that can still beat its worst kept place. Who a place is for is read for the few
 * candidates that make the cut (memoised per place).
 */
interface DatasetIndex {
  readonly delegation: Uint8Array;
  readonly learning: Uint8Array;
  /** Indices of the places with coordinates, by increasing latitude. */
  readonly byLatitude: Uint32Array;
  /** Their latitudes and longitudes, in the same order (read in sequence: the place records are not touched until one
   * is near enough to matter, which is what makes a search fast, not the arithmetic). */
  readonly latitudes: Float64Array;
  readonly longitudes: Float64Array;
  /** Indices of the places with no (or half) coordinates. */
  readonly unplaced: Uint32Array;
}
const INDEXES = new WeakMap<readonly Place[], DatasetIndex>();
function indexOf(places: readonly Place[]): DatasetIndex {
  let index = INDEXES.get(places);
  if (!index) {
    const delegation = new Uint8Array(places.length);
    const learning = new Uint8Array(places.length);
    const placed: number[] = [];
    const unplaced: number[] = [];
    places.forEach((place, i) => {
      const audience = placeAudience(place);
      delegation[i] = Number(programmeFits(audience, { ageBand: null, looksForWork: false, prefers: 'delegation' }));
      learning[i] = Number(programmeFits(audience, { ageBand: null, looksForWork: false, prefers: 'learning' }));
      (place.lat !== null && place.lon !== null ? placed : unplaced).push(i);
    });
    placed.sort((a, b) => places[a]!.lat! - places[b]!.lat!);
    const byLatitude = Uint32Array.from(placed);
    const latitudes = Float64Array.from(placed, (i) => places[i]!.lat!);
    const longitudes = Float64Array.from(placed, (i) => places[i]!.lon!);
    index = { delegation, learning, byLatitude, latitudes, longitudes, unplaced: Uint32Array.from(unplaced) };
    INDEXES.set(places, index);
  }
  return index;
}

/**
 * Builds the dataset's index (and each place's audience, place-audience.ts) now, so that the first ranking of this
 * dataset does not pay for it: called ahead, while the person answers the questions.
 */
export function prepareRanking(places: readonly Place[]): void {
  indexOf(places);
}

/** The position of the first latitude ≥ lat in a sorted array. */
function lowerBound(sorted: Float64Array, lat: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < lat) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Where to search from: the kiosk's configured place, or a postal code the person typed. */
export interface Origin extends LatLon {
  readonly label: string;
  /** Only the département is known (a village with no place near it in the dataset): distances are rough. */
  readonly approximate?: boolean;
}

/** What the person needs, from their result (exact values of the national vocabulary), and who they are for places. */
export interface PlaceNeeds {
  readonly services: readonly string[];
  readonly specificSupport: readonly string[];
  /** Age band, looking for work, the programme that fits: places reserved for others are left out (docs/PLACES.md). */
  readonly seeker?: PlaceSeeker;
}

/** Within this distance, a place of the programme that fits the person comes first (docs/PLACES.md). */
export const REASONABLE_DISTANCE_KM = 30;

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
  /**
   * 0: the programme that fits the person, within the reasonable distance; 1: the others; +2 when the place is reserved
   * for a public whose age the person did not give (after the places open to all).
   */
  readonly tier: number;
  readonly band: number;
  /** 1 when the place addresses the person's own public (Seniors for 65 and over). */
  readonly addresses: number;
  readonly matches: number;
  readonly open: number;
  readonly free: number;
  readonly distance: number;
  readonly place: Place;
}

/** Negative when a should come before b. */
function compareKeys(a: Key, b: Key): number {
  return (
    a.tier - b.tier ||
    a.band - b.band ||
    b.addresses - a.addresses ||
    b.matches - a.matches ||
    b.open - a.open ||
    b.free - a.free ||
    a.distance - b.distance ||
    a.place.name.localeCompare(b.place.name, 'fr') ||
    (a.place.id < b.place.id ? -1 : a.place.id > b.place.id ? 1 : 0)
  );
}

const keyOf = (s: Suggestion & { tier: number; addresses: number }): Key => ({
  tier: s.tier,
  band: band(s.distanceKm),
  addresses: s.addresses,
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
 * distance. Always up to `limit` places, whatever the distance (rural départements). Pure; it reads only the strip of
 * latitude around the person that can still make the cut, with no allocation for places that do not, so 100 000
 * places rank in a few milliseconds. `openness` (opening hours) is
 * asked only for the few places that make the cut, unless the "open now" filter needs it for every candidate.
 */
export function rankPlaces(input: {
  places: readonly Place[];
  needs: PlaceNeeds;
  origin: LatLon | null;
  openness?: (place: Place) => Openness;
  filters?: PlaceFilters;
  limit?: number;
  /** The device's reasonable distance (km): the programme that fits comes first within it. */
  reasonableKm?: number;
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
  const seeker = input.needs.seeker;
  const reasonableKm = input.reasonableKm ?? REASONABLE_DISTANCE_KM;
  const best: Key[] = [];
  const index = indexOf(input.places);
  // The best tier a place can have: 0 only for a place of the programme that fits, within the reasonable distance.
  const preferred = seeker?.prefers ? index[seeker.prefers] : null;
  const places = input.places;
  const consider = (at: number): void => {
    const place = places[at]!;
    if (place.noPublic) return;
    // Within this distance the place could come first (its programme fits the person); beyond, it cannot.
    const leadKm = preferred !== null && preferred[at] === 1 ? reasonableKm : -1;
    // A full buffer whose worst place beats anything this one can be: reject first, without trigonometry. The
    // difference in latitude alone is a lower bound of the great-circle distance.
    if (best.length === limit && origin && place.lat !== null) {
      const worst = best[limit - 1]!;
      const latKm = Math.abs(place.lat - origin.lat) * KM_PER_DEGREE_OF_LATITUDE;
      const bestTier = latKm <= leadKm ? 0 : 1;
      if (bestTier > worst.tier || (bestTier === worst.tier && band(latKm) > worst.band)) return;
    }
    let matches = 0;
    for (const s of place.services) if (wanted.has(s)) matches += 1;
    if (place.specificSupport) for (const s of place.specificSupport) if (support.has(s)) matches += 1;
    if (anyNeed && matches === 0) return;
    const km = origin && place.lat !== null && place.lon !== null ? haversineKm(origin, { lat: place.lat, lon: place.lon }) : null;
    const placeBand = band(km);
    const distance = km ?? Infinity;
    // The same test with the real distance, before asking who the place is for.
    if (best.length === limit) {
      const worst = best[limit - 1]!;
      const bestTier = distance <= leadKm ? 0 : 1;
      if (bestTier > worst.tier || (bestTier === worst.tier && (placeBand > worst.band || (placeBand === worst.band && matches < worst.matches && (worst.addresses === 1 || !seeker))))) {
        return;
      }
    }
    let tier = 1;
    let addresses = 0;
    if (seeker) {
      const audience = placeAudience(place);
      const fit = audienceFit(audience, seeker);
      // Never suggested: a Mission Locale to someone of 26 or more, a job agency to someone not looking for work.
      if (fit === 'excluded') return;
      if (km !== null && km <= reasonableKm && programmeFits(audience, seeker)) tier = 0;
      if (fit === 'uncertain') tier += 2;
      addresses = Number(addressesSeeker(audience, seeker));
    }
    const free = Number(isFree(place));
    const key: Key = { tier, band: placeBand, addresses, matches, open: 0, free, distance, place };
    // Keep a sorted buffer of the best `limit` (opening hours are evaluated only for those, below).
    if (best.length === limit && compareKeys(key, best[limit - 1]!) >= 0) return;
    if (!passes(place)) return;
    let i = best.length;
    while (i > 0 && compareKeys(key, best[i - 1]!) < 0) i -= 1;
    best.splice(i, 0, key);
    if (best.length > limit) best.pop();
  };
  if (!origin) {
    for (let at = 0; at < places.length; at += 1) consider(at);
  } else {
    // Outwards from the person's latitude, the nearer side first, until even the latitude alone puts every place left
    // behind the worst kept one (the order of reading never changes the result: the keys are a total order).
    const { byLatitude, latitudes, longitudes, unplaced } = index;
    const anyLeadKm = preferred !== null ? reasonableKm : -1;
    let up = lowerBound(latitudes, origin.lat);
    let down = up - 1;
    while (down >= 0 || up < latitudes.length) {
      const goUp = up < latitudes.length && (down < 0 || latitudes[up]! - origin.lat <= origin.lat - latitudes[down]!);
      const lat = goUp ? latitudes[up]! : latitudes[down]!;
      if (best.length === limit) {
        const worst = best[limit - 1]!;
        const latKm = Math.abs(lat - origin.lat) * KM_PER_DEGREE_OF_LATITUDE;
        const bestTier = latKm <= anyLeadKm ? 0 : 1;
        // The nearer side is out of reach, so is the other.
        if (bestTier > worst.tier || (bestTier === worst.tier && band(latKm) > worst.band)) break;
      }
      const position = goUp ? up++ : down--;
      const at = byLatitude[position]!;
      if (best.length === limit) {
        // The same test with the real distance, before reading the place itself.
        const worst = best[limit - 1]!;
        const km = haversineKmBetween(origin.lat, origin.lon, lat, longitudes[position]!);
        const bestTier = preferred !== null && preferred[at] === 1 && km <= reasonableKm ? 0 : 1;
        if (bestTier > worst.tier || (bestTier === worst.tier && band(km) > worst.band)) continue;
      }
      consider(at);
    }
    // With no coordinates, a place is at best of tier 1 in the last band: once the worst kept place beats that, none
    // of them can enter.
    const unplacedBand = band(null);
    for (const at of unplaced) {
      const worst = best[limit - 1];
      if (best.length === limit && worst && (worst.tier < 1 || (worst.tier === 1 && worst.band < unplacedBand))) break;
      consider(at);
    }
  }
  const suggestions = best.map(({ place, distance, tier, addresses }) => ({
    place,
    tier,
    addresses,
    distanceKm: distance === Infinity ? null : distance,
    matchedServices: place.services.filter((s) => wanted.has(s)),
    matchedSupport: (place.specificSupport ?? []).filter((s) => support.has(s)),
    openness: openness ? openness(place) : 'unknown',
  }));
  // Opening hours only reorder within equals: they are known for the chosen few only.
  const ranked = openness ? suggestions.sort((a, b) => compareKeys(keyOf(a), keyOf(b))) : suggestions;
  return ranked.map(({ tier: _tier, addresses: _addresses, ...suggestion }): Suggestion => suggestion);
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

/** Below this, a distance reads "tout près" rather than "à 0 km". */
export const NEARBY_KM = 0.5;

/**
 * Honest distances (docs/PLACES.md): the suggestions within the reasonable distance, and apart from them those
 * further away, never listed as equals; when none is within it, `nearestKm` says how far the nearest one is. Places
 * with no coordinates (or an approximate origin) count as near: their distance is not known.
 */
export function splitByDistance(
  suggestions: readonly Suggestion[],
  reasonableKm: number = REASONABLE_DISTANCE_KM,
): { near: Suggestion[]; far: Suggestion[]; nearestKm: number | null } {
  const near = suggestions.filter((s) => s.distanceKm === null || s.distanceKm <= reasonableKm);
  const far = suggestions.filter((s) => s.distanceKm !== null && s.distanceKm > reasonableKm);
  const nearestKm = near.length === 0 && far.length > 0 ? Math.min(...far.map((s) => s.distanceKm!)) : null;
  return { near, far, nearestKm };
}

/**
 * The groups of specific support the person needs that none of the near suggestions offers (say so, and show the
 * places anyway). Groups of SUPPORT_FILTERS, in its order.
 */
export function supportNotOffered(needs: PlaceNeeds, near: readonly Suggestion[]): SupportFilter[] {
  return (Object.keys(SUPPORT_FILTERS) as SupportFilter[]).filter((group) => {
    const values = SUPPORT_FILTERS[group] as readonly string[];
    if (!needs.specificSupport.some((value) => values.includes(value))) return false;
    return !near.some((s) => s.matchedSupport.some((value) => values.includes(value)));
  });
}

/** What the places block shows: the near answer, the far places apart, and what it must say about them. */
export interface PlacesAnswer {
  /** Within the reasonable distance (or of unknown distance). */
  readonly near: readonly Suggestion[];
  /** Beyond it, listed apart. */
  readonly far: readonly Suggestion[];
  /** How far the nearest place is, when none is near. */
  readonly nearestKm: number | null;
  /**
   * None of the places near says it offers the help the person needs: the near places listed are the nearest open to
   * her, to call and ask. Real files list few services (the BFC file: only procedures and access), so without this a
   * learner near ten teaching EPN would be told there is nothing.
   */
  readonly needsUnlisted: boolean;
  /** The specific support (another language, reading, hearing, a disability) that no near place offers. */
  readonly missingSupport: readonly SupportFilter[];
}

/**
 * How many places of the programme that fits lead the list (docs/PLACES.md, "Programmes that fit first"): enough to
 * name the France Services that can do her procedures with her, not so many that a 76-year-old in Dole is sent to
 * five Maisons France Services 14 to 28 km away past the Point numérique 1 km from her home.
 */
export const PROGRAMME_LEAD = 2;

/**
 * The ranking a person sees: the (at most PROGRAMME_LEAD) best places of the programme that fits her, within the
 * reasonable distance, then every other place in the order rankPlaces gives when no programme is preferred.
 */
function rankForPerson(input: Parameters<typeof rankPlaces>[0]): Suggestion[] {
  const seeker = input.needs.seeker;
  if (!seeker?.prefers) return rankPlaces(input);
  const reasonableKm = input.reasonableKm ?? REASONABLE_DISTANCE_KM;
  const lead = rankPlaces(input)
    .filter((s) => s.distanceKm !== null && s.distanceKm <= reasonableKm && programmeFits(placeAudience(s.place), seeker))
    .slice(0, PROGRAMME_LEAD);
  const leading = new Set(lead.map((s) => s.place));
  const others = rankPlaces({ ...input, needs: { ...input.needs, seeker: { ...seeker, prefers: null } } }).filter((s) => !leading.has(s.place));
  return [...lead, ...others].slice(0, input.limit ?? DEFAULT_SUGGESTIONS);
}

/**
 * The places a person leaves with (docs/PLACES.md, "Honest distances" and "When no place near says it offers the
 * help"): the places that meet a need (at most PROGRAMME_LEAD of the programme that fits her first), near ones apart
 * from far ones; when none near meets a need, the nearest places open to her (the audience rules still apply) with
 * `needsUnlisted`, and the far ones that do meet a need after them. Not when the person filters the list: her filter
 * narrows, it never brings places that do not meet her needs.
 */
export function suggestPlaces(input: Parameters<typeof rankPlaces>[0]): PlacesAnswer {
  const reasonableKm = input.reasonableKm ?? REASONABLE_DISTANCE_KM;
  const { needs } = input;
  const matching = splitByDistance(rankForPerson(input), reasonableKm);
  const anyNeed = needs.services.length > 0 || needs.specificSupport.length > 0;
  // A filter the person chose ("open now"…) narrows the places that meet her needs; it is not a reason to offer others
  // (the Médiathèque near her does teach, it is only closed now).
  const f = input.filters;
  const filtering = Boolean(f && (f.openNow || f.free || f.onlineBooking || (f.support?.length ?? 0) > 0));
  if (matching.near.length > 0 || !anyNeed || filtering) {
    return { ...matching, needsUnlisted: false, missingSupport: supportNotOffered(needs, matching.near) };
  }
  const open = splitByDistance(
    rankForPerson({ ...input, needs: { services: [], specificSupport: [], ...(needs.seeker ? { seeker: needs.seeker } : {}) } }),
    reasonableKm,
  );
  if (open.near.length > 0) return { near: open.near, far: matching.far, nearestKm: null, needsUnlisted: true, missingSupport: [] };
  // Nothing near at all: the far places that meet a need, else the nearest far ones.
  if (matching.far.length > 0) return { ...matching, needsUnlisted: false, missingSupport: supportNotOffered(needs, []) };
  return { ...open, needsUnlisted: open.far.length > 0, missingSupport: [] };
}
