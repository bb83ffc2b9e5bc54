import { describe, expect, it } from 'vitest';
import { haversineKm } from './geo';
import type { Place } from './place';
import { originFromPostalCode, rankPlaces, splitByDistance, suggestPlaces, supportNotOffered, type Openness, type Suggestion } from './place-ranking';

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

describe('suggestPlaces: when no place near says it offers the help', () => {
  // Karim, 20, Dole, looks for work and wants to learn: the real BFC file lists only procedures and internet access.
  const karim = {
    services: ['Insertion professionnelle via le numérique', OUTILS],
    specificSupport: [],
    seeker: { ageBand: 'from16to24', looksForWork: true, prefers: 'learning' },
  } as const;

  it('given only places that list other services near, when she searches, then the nearest open ones come, said as such', () => {
    const places = [place('epn', 2, [AIDE]), place('cyber', 6, [ACCES]), place('teaches-far', 80, [OUTILS]), place('no-public', 1, [AIDE], { noPublic: true })];
    const answer = suggestPlaces({ places, needs: karim, origin: BESANCON, reasonableKm: 30 });
    expect(answer.needsUnlisted).toBe(true);
    expect(ids(answer.near)).toEqual(['epn', 'cyber']);
    // The place that does teach, beyond the reasonable distance, is still listed apart.
    expect(ids(answer.far)).toEqual(['teaches-far']);
    expect(answer.nearestKm).toBeNull();
  });

  it('given a near place that meets a need, then only the matching places, and nothing is said', () => {
    const places = [place('epn', 2, [AIDE]), place('teaches', 12, [OUTILS])];
    const answer = suggestPlaces({ places, needs: karim, origin: BESANCON, reasonableKm: 30 });
    expect(answer.needsUnlisted).toBe(false);
    expect(ids(answer.near)).toEqual(['teaches']);
  });

  it('keeps the audience rules in the fallback: no Mission Locale for a senior, no job agency without a job search', () => {
    const senior = { services: [OUTILS], specificSupport: [], seeker: { ageBand: 'from75', looksForWork: false, prefers: 'learning' } } as const;
    const places = [
      place('ml', 1, [AIDE], { name: 'Mission Locale du Jura' }),
      place('ft', 2, [AIDE], { name: 'Agence France Travail Dole' }),
      place('mairie', 3, [AIDE], { name: 'Mairie de Dole' }),
    ];
    const answer = suggestPlaces({ places, needs: senior, origin: BESANCON, reasonableKm: 30 });
    expect(answer.needsUnlisted).toBe(true);
    expect(ids(answer.near)).toEqual(['mairie']);
  });

  it('given nothing near at all, then the far places that meet a need, with the nearest distance said', () => {
    const places = [place('far-other', 40, [AIDE]), place('far-match', 70, [OUTILS])];
    const answer = suggestPlaces({ places, needs: karim, origin: BESANCON, reasonableKm: 30 });
    expect(answer).toMatchObject({ needsUnlisted: false, near: [] });
    expect(ids(answer.far)).toEqual(['far-match']);
    expect(answer.nearestKm).toBeCloseTo(70, 0);
  });

  it('given nothing anywhere that meets a need, then the nearest far places, said as not listing the help', () => {
    const answer = suggestPlaces({ places: [place('far-other', 40, [AIDE])], needs: karim, origin: BESANCON, reasonableKm: 30 });
    expect(answer.needsUnlisted).toBe(true);
    expect(ids(answer.far)).toEqual(['far-other']);
    expect(answer.nearestKm).toBeCloseTo(40, 0);
  });

  it('given a filter ("open now") that leaves no near place meeting a need, then no fallback to places that do not', () => {
    const places = [place('teaches-closed', 1, [OUTILS]), place('epn-open', 2, [AIDE]), place('teaches-far-open', 45, [OUTILS])];
    const open = new Set(['epn-open', 'teaches-far-open']);
    const answer = suggestPlaces({
      places,
      needs: karim,
      origin: BESANCON,
      filters: { openNow: true },
      openness: (p) => (open.has(p.id) ? 'open' : 'closed'),
      reasonableKm: 30,
    });
    expect(answer.needsUnlisted).toBe(false);
    expect(ids(answer.near)).toEqual([]);
    expect(ids(answer.far)).toEqual(['teaches-far-open']);
  });

  it('given a filter nothing passes, then nothing, not the unfiltered places', () => {
    const answer = suggestPlaces({ places: [place('epn', 2, [AIDE])], needs: karim, origin: BESANCON, filters: { free: true }, reasonableKm: 30 });
    expect([...answer.near, ...answer.far]).toEqual([]);
  });

  it('says which needed support no near place offers, but not again when the near places are the fallback', () => {
    const newcomer = { services: [AIDE], specificSupport: ['Langues étrangères (autres)'] };
    expect(suggestPlaces({ places: [place('mairie', 2, [AIDE])], needs: newcomer, origin: BESANCON }).missingSupport).toEqual(['languages']);
    const fallback = suggestPlaces({ places: [place('cyber', 2, [ACCES])], needs: newcomer, origin: BESANCON });
    expect(fallback).toMatchObject({ needsUnlisted: true, missingSupport: [] });
  });
});

describe('suggestPlaces: the programme that fits leads, without taking the whole list', () => {
  const franceServices = (id: string, km: number) => place(id, km, [AIDE], { name: `MFS ${id}`, programmes: ['France Services'] });
  // M. W., 76, Dole: his daughter does his procedures; the nearest Maisons France Services are 14 to 28 km away.
  const mW = { services: [AIDE, OUTILS], specificSupport: [], seeker: { ageBand: 'from75', looksForWork: false, prefers: 'delegation' } } as const;

  it('given five France Services 14–28 km away and a Point numérique 1 km away, then two France Services, then the near places', () => {
    const places = [
      ...[14, 16, 22, 26, 28].map((km) => franceServices(`fs${km}`, km)),
      place('point-numerique', 1, [AIDE]),
      place('mediatheque', 3, [AIDE]),
    ];
    const answer = suggestPlaces({ places, needs: mW, origin: BESANCON, reasonableKm: 30 });
    expect(ids(answer.near)).toEqual(['fs14', 'fs16', 'point-numerique', 'mediatheque', 'fs22']);
  });

  it('given no France Services within the reasonable distance, then the usual order', () => {
    const places = [franceServices('far', 45), place('near', 2, [AIDE])];
    const answer = suggestPlaces({ places, needs: mW, origin: BESANCON, reasonableKm: 30 });
    expect(ids(answer.near)).toEqual(['near']);
    expect(ids(answer.far)).toEqual(['far']);
  });
});
