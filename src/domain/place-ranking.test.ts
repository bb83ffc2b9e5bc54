import { describe, expect, it } from 'vitest';
import { haversineKm } from './geo';
import type { Place } from './place';
import { originFromPostalCode, rankPlaces, splitByDistance, supportNotOffered, type Openness, type Suggestion } from './place-ranking';

const BESANCON = { lat: 47.2378, lon: 6.0241 };
const AIDE = 'Aide aux démarches administratives';
const OUTILS = 'Maîtrise des outils numériques du quotidien';
const ACCES = 'Accès internet et matériel informatique';

/** A place `km` kilometres north of Besançon's centre. */
const place = (id: string, km: number | null, services: string[], extra: Partial<Place> = {}): Place => ({
  id,
  name: `Lieu ${id}`,
  street: '1 rue Test',
  postalCode: '25000',
  commune: 'Besançon',
  inseeCode: '25056',
  lat: km === null ? null : BESANCON.lat + km / 111.195,
  lon: km === null ? null : BESANCON.lon,
  services,
  phone: null,
  website: null,
  openingHours: null,
  ...extra,
});

const ids = (s: ReadonlyArray<{ place: Place }>) => s.map((x) => x.place.id);
const needs = (services: string[], specificSupport: string[] = []) => ({ services, specificSupport });

describe('haversineKm', () => {
  it('measures Besançon–Dijon at about 75 km as the crow flies', () => {
    expect(haversineKm(BESANCON, { lat: 47.322, lon: 5.0415 })).toBeCloseTo(74.6, 0);
  });
});

describe('rankPlaces', () => {
  it('leaves out places that meet none of the needs', () => {
    const places = [place('far-match', 20, [AIDE]), place('near-nomatch', 1, [ACCES]), place('no-services', 0.5, [])];
    expect(ids(rankPlaces({ places, needs: needs([AIDE]), origin: BESANCON }))).toEqual(['far-match']);
  });

  it('lists every place, nearest first, when nothing is needed', () => {
    const places = [place('b', 8, [OUTILS]), place('a', 2, []), place('c', 40, [AIDE])];
    expect(ids(rankPlaces({ places, needs: needs([]), origin: BESANCON }))).toEqual(['a', 'b', 'c']);
  });

  it('within the same distance band, the place meeting more needs comes first', () => {
    const places = [place('one', 1, [AIDE]), place('two', 4, [AIDE, OUTILS])];
    expect(ids(rankPlaces({ places, needs: needs([AIDE, OUTILS]), origin: BESANCON }))).toEqual(['two', 'one']);
    // but a much nearer band wins over more matches
    const far = [place('one', 1, [AIDE]), place('two', 25, [AIDE, OUTILS])];
    expect(ids(rankPlaces({ places: far, needs: needs([AIDE, OUTILS]), origin: BESANCON }))).toEqual(['one', 'two']);
  });

  it('counts specific support as a need met', () => {
    const places = [place('plain', 1, [AIDE]), place('deaf-friendly', 3, [AIDE], { specificSupport: ['Surdité'] })];
    const ranked = rankPlaces({ places, needs: needs([AIDE], ['Surdité']), origin: BESANCON });
    expect(ids(ranked)).toEqual(['deaf-friendly', 'plain']);
    expect(ranked[0]!.matchedSupport).toEqual(['Surdité']);
  });

  it('puts an open place before a closed one at the same distance, never before a nearer band', () => {
    const places = [place('closed', 2, [AIDE]), place('open', 2, [AIDE], { name: 'Zz open' }), place('far-open', 50, [AIDE])];
    const openIds = new Set(['open', 'far-open']);
    const openness = (p: Place): Openness => (openIds.has(p.id) ? 'open' : 'closed');
    const ranked = rankPlaces({ places, needs: needs([AIDE]), origin: BESANCON, openness });
    expect(ids(ranked)).toEqual(['open', 'closed', 'far-open']);
    expect(ranked.map((s) => s.openness)).toEqual(['open', 'closed', 'open']);
  });

  it('ranks open, then opening soon, then unknown hours, then closed, within a distance band', () => {
    const states: Record<string, Openness> = { a: 'closed', b: 'unknown', c: 'opensSoon', d: 'open' };
    const places = Object.keys(states).map((id, i) => place(id, 1 + i * 0.1, [AIDE]));
    const ranked = rankPlaces({ places, needs: needs([AIDE]), origin: BESANCON, openness: (p) => states[p.id]! });
    expect(ids(ranked)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('puts a free place before a paying one at a similar distance, even when the buffer is full', () => {
    const paying = Array.from({ length: 5 }, (_, i) => place(`pay${i}`, 1 + i * 0.1, [AIDE], { fees: ['Payant'] }));
    const free = place('free', 2, [AIDE], { fees: ['Gratuit'] });
    const ranked = rankPlaces({ places: [...paying, free], needs: needs([AIDE]), origin: BESANCON });
    expect(ids(ranked)[0]).toBe('free');
    expect(ranked).toHaveLength(5);
  });

  describe('filters', () => {
    const places = [
      place('near', 1, [AIDE]),
      place('free', 2, [AIDE], { fees: ['Gratuit'] }),
      place('conditional', 2.5, [AIDE], { fees: ['Gratuit sous condition'] }),
      place('booking', 3, [AIDE], { bookingUrl: 'https://rdv.example/x' }),
      place('booking-mode', 3.5, [AIDE], { accessModes: ['Prendre un RDV en ligne'] }),
      place('deaf', 4, [AIDE], { specificSupport: ['Surdité'] }),
      place('english', 5, [AIDE], { specificSupport: ['Langues étrangères (anglais)', 'Surdité'] }),
      place('open', 6, [AIDE]),
    ];
    const rank = (filters: Parameters<typeof rankPlaces>[0]['filters'], limit = 8) =>
      ids(rankPlaces({ places, needs: needs([AIDE]), origin: BESANCON, filters, limit, openness: (p) => (p.id === 'open' ? 'open' : 'closed') }));

    it('keeps only free places (not "free under conditions")', () => {
      expect(rank({ free: true })).toEqual(['free']);
    });
    it('keeps places that take appointments online, by link or by access mode', () => {
      expect(rank({ onlineBooking: true })).toEqual(['booking', 'booking-mode']);
    });
    it('keeps places offering each support group asked', () => {
      expect(rank({ support: ['deafness'] })).toEqual(['deaf', 'english']);
      expect(rank({ support: ['deafness', 'languages'] })).toEqual(['english']);
      expect(rank({ support: ['illiteracy'] })).toEqual([]);
    });
    it('keeps places open now, looking at every candidate, not only the nearest few', () => {
      expect(rank({ openNow: true }, 3)).toEqual(['open']);
    });
    it('still returns the nearest matches whatever the distance when a filter is on', () => {
      const far = [place('far-free', 180, [AIDE], { fees: ['Gratuit'] }), place('near-paying', 1, [AIDE])];
      expect(ids(rankPlaces({ places: far, needs: needs([AIDE]), origin: BESANCON, filters: { free: true } }))).toEqual(['far-free']);
    });
  });

  it('breaks exact distance ties by name, then id, so the order never flickers', () => {
    const places = [place('2', 3, [AIDE], { name: 'Beta' }), place('1', 3, [AIDE], { name: 'Alpha' }), place('0', 3, [AIDE], { name: 'Alpha' })];
    expect(ids(rankPlaces({ places, needs: needs([AIDE]), origin: BESANCON }))).toEqual(['0', '1', '2']);
  });

  it('keeps places without coordinates, last, with no distance', () => {
    const places = [place('nowhere', null, [AIDE]), place('somewhere', 90, [AIDE])];
    const ranked = rankPlaces({ places, needs: needs([AIDE]), origin: BESANCON });
    expect(ids(ranked)).toEqual(['somewhere', 'nowhere']);
    expect(ranked[1]!.distanceKm).toBeNull();
  });

  it('always returns the 5 nearest matching places, however far (rural départements)', () => {
    const places = Array.from({ length: 12 }, (_, i) => place(`p${i}`, 100 + i * 10, [AIDE]));
    const ranked = rankPlaces({ places, needs: needs([AIDE]), origin: BESANCON });
    expect(ids(ranked)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    expect(ranked[0]!.distanceKm).toBeCloseTo(100, 0);
  });

  it('without an origin, ranks by needs met, then name', () => {
    const places = [place('b', 1, [AIDE], { name: 'B' }), place('a', 50, [AIDE, OUTILS], { name: 'A' })];
    const ranked = rankPlaces({ places, needs: needs([AIDE, OUTILS]), origin: null });
    expect(ids(ranked)).toEqual(['a', 'b']);
    expect(ranked.every((s) => s.distanceKm === null)).toBe(true);
  });
});

describe('originFromPostalCode', () => {
  it('centres on the places of that postal code', () => {
    const places = [place('a', 0, []), place('b', 2, []), { ...place('c', 0, []), postalCode: '21000', commune: 'Dijon' }];
    const origin = originFromPostalCode(places, ' 25000 ');
    expect(origin?.label).toBe('25000 Besançon');
    expect(haversineKm(origin!, BESANCON)).toBeCloseTo(1, 0);
  });

  it('says null for a code the dataset does not know, or that is not a postal code', () => {
    expect(originFromPostalCode([place('a', 0, [])], '75001')).toBeNull();
    expect(originFromPostalCode([place('a', 0, [])], '2500')).toBeNull();
    expect(originFromPostalCode([place('a', 0, [])], 'abcde')).toBeNull();
  });
});

describe('rankPlaces and places without a public', () => {
  it('never suggests a place that "n’accueille pas de public"', () => {
    const places = [place('closed-to-public', 0.1, [AIDE], { noPublic: true }), place('open', 9, [AIDE])];
    expect(ids(rankPlaces({ places, needs: needs([AIDE]), origin: BESANCON }))).toEqual(['open']);
  });
});

describe('honest distances', () => {
  const suggestion = (km: number | null, matchedSupport: string[] = []) =>
    ({ place: { id: `p${km}` }, distanceKm: km, matchedServices: [], matchedSupport, openness: 'unknown' }) as unknown as Suggestion;

  it('keeps the places beyond the reasonable distance apart, and says how far the nearest is when none is near', () => {
    expect(splitByDistance([suggestion(2), suggestion(12), suggestion(43), suggestion(194)], 30)).toMatchObject({
      near: [{ distanceKm: 2 }, { distanceKm: 12 }],
      far: [{ distanceKm: 43 }, { distanceKm: 194 }],
      nearestKm: null,
    });
    expect(splitByDistance([suggestion(43), suggestion(194)], 30).nearestKm).toBe(43);
    expect(splitByDistance([suggestion(43)], 60).near).toHaveLength(1);
    expect(splitByDistance([suggestion(null)], 30).near).toHaveLength(1);
  });

  it('names the help the person needs that no near place offers', () => {
    const needs = { services: [], specificSupport: ['Langues étrangères (autres)', 'Surdité'] };
    expect(supportNotOffered(needs, [suggestion(3, ['Surdité'])])).toEqual(['languages']);
    expect(supportNotOffered(needs, [suggestion(3, ['Surdité', 'Langues étrangères (autres)'])])).toEqual([]);
    expect(supportNotOffered({ services: [], specificSupport: [] }, [])).toEqual([]);
  });
});
