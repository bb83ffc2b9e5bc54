import { describe, expect, it } from 'vitest';
import { haversineKm, type LatLon } from './geo';
import { isFree, booksOnline, type Place } from './place';
import { addressesSeeker, AIDANTS_CONNECT, audienceFit, CONSEILLERS_NUMERIQUES, FRANCE_SERVICES, placeAudience, programmeFits, type PlaceSeeker } from './place-audience';
import { DISTANCE_BANDS_KM, rankPlaces, SUPPORT_FILTERS, type Openness, type PlaceFilters, type PlaceNeeds, type SupportFilter } from './place-ranking';
import { seededRandom } from './testing/respondent';

// rankPlaces reads only the strip of latitude that can still make the cut and skips places before reading them: these
// shortcuts must never change the answer. The reference below ranks every place by the rules of docs/PLACES.md, in full.

const OPENNESS: Readonly<Record<Openness, number>> = { open: 3, opensSoon: 2, unknown: 1, closed: 0 };
const bandOf = (km: number | null) => (km === null ? DISTANCE_BANDS_KM.length + 1 : DISTANCE_BANDS_KM.filter((bound) => km >= bound).length);

interface Input {
  places: readonly Place[];
  needs: PlaceNeeds;
  origin: LatLon | null;
  openness?: (place: Place) => Openness;
  filters?: PlaceFilters;
  limit: number;
  reasonableKm: number;
}

function reference(input: Input): Array<{ id: string; km: number | null }> {
  const { needs, origin, filters = {}, seeker = needs.seeker } = { ...input, seeker: input.needs.seeker };
  const anyNeed = needs.services.length > 0 || needs.specificSupport.length > 0;
  const rows = input.places.flatMap((place) => {
    if (place.noPublic) return [];
    const matches =
      place.services.filter((s) => needs.services.includes(s)).length + (place.specificSupport ?? []).filter((s) => needs.specificSupport.includes(s)).length;
    if (anyNeed && matches === 0) return [];
    if (filters.free && !isFree(place)) return [];
    if (filters.onlineBooking && !booksOnline(place)) return [];
    const groups = (filters.support ?? []).map((g) => SUPPORT_FILTERS[g] as readonly string[]);
    if (!groups.every((group) => (place.specificSupport ?? []).some((value) => group.includes(value)))) return [];
    if (filters.openNow && input.openness?.(place) !== 'open') return [];
    const km = origin && place.lat !== null && place.lon !== null ? haversineKm(origin, { lat: place.lat, lon: place.lon }) : null;
    let tier = 1;
    let addresses = 0;
    if (seeker) {
      const audience = placeAudience(place);
      const fit = audienceFit(audience, seeker);
      if (fit === 'excluded') return [];
      if (km !== null && km <= input.reasonableKm && programmeFits(audience, seeker)) tier = 0;
      if (fit === 'uncertain') tier += 2;
      addresses = Number(addressesSeeker(audience, seeker));
    }
    return [{ place, km, tier, band: bandOf(km), addresses, matches, free: Number(isFree(place)), distance: km ?? Infinity }];
  });
  type Row = (typeof rows)[number];
  const compare = (open: (row: Row) => number) => (a: Row, b: Row) =>
    a.tier - b.tier ||
    a.band - b.band ||
    b.addresses - a.addresses ||
    b.matches - a.matches ||
    open(b) - open(a) ||
    b.free - a.free ||
    a.distance - b.distance ||
    a.place.name.localeCompare(b.place.name, 'fr') ||
    (a.place.id < b.place.id ? -1 : a.place.id > b.place.id ? 1 : 0);
  // The few are chosen without the hours, which then reorder them among equals.
  const chosen = rows.sort(compare(() => 0)).slice(0, input.limit);
  const openness = input.openness;
  const ranked = openness ? chosen.sort(compare((row) => OPENNESS[openness(row.place)])) : chosen;
  return ranked.map((row) => ({ id: row.place.id, km: row.km }));
}

const SERVICES = ['Aide aux démarches administratives', 'Maîtrise des outils numériques du quotidien', 'Accès internet et matériel informatique', 'Insertion professionnelle via le numérique'];
const SUPPORT = ['Surdité', 'Illettrisme', 'Langues étrangères (autres)', 'Handicaps moteurs'];
const NAMES = ['Médiathèque', 'Mission Locale du Doubs', 'France Services de Pontarlier', 'Espace numérique', 'Point Information Jeunesse', 'Agence France Travail', 'Centre social'];
const AGE_BANDS = [null, 'from16to24', 'from35to44', 'from65to74', 'from75'];
const OPENNESS_VALUES: Openness[] = ['open', 'opensSoon', 'unknown', 'closed'];

function dataset(random: () => number, count: number): Place[] {
  const pick = <T,>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  const some = <T,>(values: readonly T[], p: number) => values.filter(() => random() < p);
  // A few shared spots, so that equal distances are broken by name and id.
  const spots = Array.from({ length: 6 }, () => ({ lat: 46 + random() * 2, lon: 5 + random() * 2 }));
  return Array.from({ length: count }, (_, i): Place => {
    const roll = random();
    const spot = roll < 0.15 ? pick(spots) : { lat: 45 + random() * 4, lon: 4 + random() * 4 };
    return {
      id: `p${i}`,
      name: `${pick(NAMES)}${random() < 0.5 ? '' : ` ${i % 7}`}`,
      street: '',
      postalCode: '25000',
      commune: 'Besançon',
      inseeCode: null,
      lat: roll > 0.95 ? null : spot.lat,
      lon: roll > 0.95 || (roll > 0.93 && roll <= 0.95) ? null : spot.lon,
      services: some(SERVICES, 0.45),
      specificSupport: some(SUPPORT, 0.2),
      phone: null,
      website: null,
      openingHours: null,
      noPublic: random() < 0.05,
      fees: random() < 0.5 ? ['Gratuit'] : [],
      accessModes: random() < 0.3 ? ['Prendre un RDV en ligne'] : [],
      programmes: some([FRANCE_SERVICES, AIDANTS_CONNECT, CONSEILLERS_NUMERIQUES], 0.15),
      publics: some(['Seniors', 'Jeunes', 'Familles et/ou enfants'], 0.15),
      typology: random() < 0.05 ? ['ML'] : random() < 0.05 ? ['FT'] : [],
    };
  });
}

describe('rankPlaces, whatever it skips, ranks as if it had read every place', () => {
  it('gives the reference ranking on 400 random searches (datasets, people, origins, filters, limits)', () => {
    const random = seededRandom(19);
    const pick = <T,>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
    const shared = dataset(random, 1500);
    for (let run = 0; run < 400; run += 1) {
      const places = run % 4 === 0 ? dataset(random, Math.floor(random() * 300)) : shared;
      const seeker: PlaceSeeker | undefined =
        random() < 0.8 ? { ageBand: pick(AGE_BANDS), looksForWork: random() < 0.3, prefers: pick(['delegation', 'learning', null] as const) } : undefined;
      const needs: PlaceNeeds = { services: SERVICES.filter(() => random() < 0.4), specificSupport: SUPPORT.filter(() => random() < 0.15), ...(seeker ? { seeker } : {}) };
      const hours = new Map(places.map((place) => [place.id, pick(OPENNESS_VALUES)]));
      const openness = random() < 0.5 ? (place: Place) => hours.get(place.id)! : undefined;
      const filters: PlaceFilters = {
        openNow: random() < 0.1,
        free: random() < 0.15,
        onlineBooking: random() < 0.1,
        support: (Object.keys(SUPPORT_FILTERS) as SupportFilter[]).filter(() => random() < 0.08),
      };
      const input: Input = {
        places,
        needs,
        origin: random() < 0.9 ? { lat: 44.5 + random() * 5, lon: 3.5 + random() * 5 } : null,
        ...(openness ? { openness } : {}),
        ...(random() < 0.7 ? { filters } : {}),
        limit: 1 + Math.floor(random() * 12),
        reasonableKm: pick([5, 30, 80, 200]),
      };
      const got = rankPlaces(input).map((s) => ({ id: s.place.id, km: s.distanceKm }));
      expect(got, `run ${run}`).toEqual(reference(input));
    }
  });
});
