import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPlaces } from '../places/import-places';
import { isDatasetStale, type Place, type PlaceDatasetMeta } from './place';
import { addressesSeeker, audienceFit, placeAudience, reservedByName, type PlaceSeeker } from './place-audience';
import { rankPlaces } from './place-ranking';

// Real files, read from ../shared (never committed here).
const SHARED = join(import.meta.dirname, '../../../shared/data/places');
const REAL_FILES = [
  'data/bfc-ternum/bfc-ternum-dataset.csv',
  ...readdirSync(join(SHARED, 'data/client-application')).map((file) => `data/client-application/${file}`),
];
const real = (file: string) => importPlaces(readFileSync(join(SHARED, file), 'utf8'), { source: 'r' }).places;

const senior: PlaceSeeker = { ageBand: 'from75', looksForWork: false, prefers: 'delegation' };
const youngJobSeeker: PlaceSeeker = { ageBand: 'from16to24', looksForWork: true, prefers: 'learning' };
const unknownAge: PlaceSeeker = { ageBand: null, looksForWork: false, prefers: null };

describe('who a place is for: the names of real files', () => {
  it.each([
    ['Mission Locale du Bassin Graylois', 'youth'],
    ['IDEIS - Mission Locale du Pays de Monbéliard', 'youth'],
    ['MISSION LOCALE JEUNES HAUTES ALPES', 'youth'],
    ['Bureau Information Jeunesse de Montbéliard', 'youth'],
    ['Point Information Jeunesse - Koumac', 'youth'],
    ['PIJ de Commentry', 'youth'],
    // BFC raw file: the regional centre, the Jura network's name, the youth cyber-spaces
    ['CRIJ de Bourgogne-Franche-Comté', 'youth'],
    ['Info Jeunesse Jura Dole IJJ', 'youth'],
    ['Espace Cyber Jeunes : Mission Locale Le Creusot', 'youth'],
    ["Cyber jeunes d'Ecuisses", 'youth'],
    ['Point central cyber jeunes de Louhans', 'youth'],
    // Names a mediator reads as reserved that the first table missed (hand review of every real file, session 5)
    ['Espace Jeunesse de Digoin', 'youth'],
    ['Maison de la jeunesse Auxerre', 'youth'],
    ['Espace Coluche. Service Enfance Jeunesse', 'youth'],
    ['E2C Nièvre - Cosne-Cours-sur-Loire', 'youth'],
    ['Info Jeunes Annecy (IJ\'Annecy)', 'youth'],
    ['Espace Info Jeunes', 'youth'],
    ['Pôle jeunesse La Talaudière', 'youth'],
    ['Espace jeune', 'youth'],
    ['Club Senior Montolivet', 'seniors'],
    ['Jardin des Orchidées (résidence senior)', 'seniors'],
    ['CCAS / Maison des seniors', 'seniors'],
    ['ANPE Lons le Saunier', 'jobSeekers'],
    ['Agence Pôle Emploi Dole', 'jobSeekers'],
    ['Pôle emploi Sain Bel', 'jobSeekers'],
    ['OHE-PROMETHEE CHARENTE CAP EMPLOI 16', 'jobSeekers'],
  ])('%s is reserved for %s', (name, audience) => {
    expect(reservedByName(name)).toBe(audience);
  });

  it.each([
    'France Services de Saint-Claude',
    'MFS Mirebeau-sur-Bèze',
    'Maison de services au public de Lormes',
    'Médiathèque Jean Jaurès',
    'Cyberespace Léo Lagrange',
    'Espace Public Numérique',
    'Centre social des Forges',
    'Bibliothèque jeunesse',
    'Association Jeunesse et Culture',
    'Maison France Services - accueil France Travail',
    'MAISON DES JEUNES ET DE LA CULTURE MAISON POUR TOUS DE MIRAMAS',
    'Animation Jeunesse et Culture',
    'Maison des Seniors et des Familles Union Départementale des Associations Familiales du Var',
    'Cyber Base Emploi Saint-Florentin',
  ])('%s is open to all', (name) => {
    expect(reservedByName(name)).toBeNull();
  });

  it('recognises the reserved structures of every real file, and never a France Services place', () => {
    const counts: Record<string, number> = {};
    for (const file of REAL_FILES) {
      for (const place of real(file)) {
        const audience = placeAudience(place);
        if (audience.reservedFor) counts[audience.reservedFor] = (counts[audience.reservedFor] ?? 0) + 1;
        if (audience.programmes.includes('France Services')) expect(audience.reservedFor, place.name).not.toBe('jobSeekers');
      }
    }
    // BFC alone: 41 Missions locales or youth information points and 40 job agencies (Pôle Emploi, ANPE)
    expect(counts.youth).toBeGreaterThanOrEqual(100);
    expect(counts.jobSeekers).toBeGreaterThanOrEqual(45);
    // v0.1 places that welcome only seniors (publics_accueillis)
    expect(counts.seniors).toBeGreaterThanOrEqual(20);
  });

  it('reads programmes and publics in every shape: typology RFS, v0.1 labels, v1 publics, the BFC MSAP label', () => {
    const bus = real('data/client-application/20231003-bus-france-services-en-charente-lieux-de-mediation-numeriques-nouvelle-aquitaine.json');
    expect(bus.every((p) => placeAudience(p).programmes.includes('France Services'))).toBe(true);
    const caledonia = real('data/client-application/20240320-nouvelle-caledonie-lieux-de-mediation-numeriques-nouvelle-caledonie.json');
    expect(caledonia.filter((p) => placeAudience(p).addresses.includes('seniors')).length).toBeGreaterThan(50);
    const bfc = real('data/bfc-ternum/bfc-ternum-dataset.csv');
    expect(bfc.filter((p) => placeAudience(p).programmes.includes('France Services')).length).toBeGreaterThan(100);
  });

  it('keeps audience values outside the vocabulary as raw text, counts them, and never excludes a place for them', () => {
    const header = 'id,nom,commune,code_postal,adresse,latitude,longitude,services,publics_specifiquement_adresses,prise_en_charge_specifique';
    const { places, report } = importPlaces(
      `${header}\nx1,Lieu A,Dole,39100,1 rue A,47.09,5.49,Aide aux démarches administratives,Seniros|Jeunes adultes,`,
      { source: 't' },
    );
    expect(report.warnings.unknownPublic).toBe(2);
    expect(places[0]?.publics).toEqual(['Seniros', 'Jeunes adultes']);
    expect(audienceFit(placeAudience(places[0]!), senior)).toBe('fits');
  });
});

describe('fit for a person', () => {
  const place = (extra: Partial<Place>): Place => ({
    id: `t:${Math.random()}`, name: 'Lieu', street: '', postalCode: '25200', commune: 'Montbéliard', inseeCode: null,
    lat: 47.51, lon: 6.8, services: ['Aide aux démarches administratives'], phone: null, website: null, openingHours: null,
    ...extra,
  });

  it('never a Mission Locale after 25, never a job agency without a job search; unknown age: after open places', () => {
    const ml = placeAudience(place({ typology: ['ML'] }));
    expect(audienceFit(ml, senior)).toBe('excluded');
    expect(audienceFit(ml, youngJobSeeker)).toBe('fits');
    expect(audienceFit(ml, unknownAge)).toBe('uncertain');
    const agency = placeAudience(place({ name: 'Agence Pôle Emploi Dole' }));
    expect(audienceFit(agency, senior)).toBe('excluded');
    expect(audienceFit(agency, youngJobSeeker)).toBe('fits');
    expect(audienceFit(agency, unknownAge)).toBe('excluded');
    const seniorsClub = placeAudience(place({ welcomes: ['Seniors (+ 65 ans)'] }));
    expect(audienceFit(seniorsClub, youngJobSeeker)).toBe('excluded');
    expect(addressesSeeker(placeAudience(place({ publics: ['Seniors'] })), senior)).toBe(true);
  });

  it('a senior who needs her procedures done, around Montbéliard, Dole, Lons-le-Saunier, Saint-Claude: no youth or job place, France Services first', () => {
    const bfc = real('data/bfc-ternum/bfc-ternum-dataset.csv');
    const towns = { Montbéliard: [47.51, 6.8], Dole: [47.09, 5.49], 'Lons-le-Saunier': [46.67, 5.55], 'Saint-Claude': [46.39, 5.86] };
    for (const [town, [lat, lon]] of Object.entries(towns)) {
      const suggestions = rankPlaces({
        places: bfc,
        needs: { services: ['Aide aux démarches administratives'], specificSupport: [], seeker: senior },
        origin: { lat: lat!, lon: lon! },
      });
      expect(suggestions.length, town).toBe(5);
      for (const { place } of suggestions) expect(placeAudience(place).reservedFor, `${town}: ${place.name}`).toBeNull();
      expect(placeAudience(suggestions[0]!.place).programmes, town).toContain('France Services');
    }
  });

  it('a young job-seeker still gets the Mission Locale and the job agency near him', () => {
    const bfc = real('data/bfc-ternum/bfc-ternum-dataset.csv');
    const names = rankPlaces({
      places: bfc,
      needs: { services: ['Insertion professionnelle via le numérique', 'Aide aux démarches administratives'], specificSupport: [], seeker: youngJobSeeker },
      origin: { lat: 47.51, lon: 6.8 },
      limit: 10,
    }).map((s) => s.place.name);
    expect(names.some((name) => /mission locale/i.test(name))).toBe(true);
  });
});

describe('data freshness', () => {
  const meta = (updatedAt: string | null, extra: Partial<PlaceDatasetMeta> = {}): PlaceDatasetMeta => ({
    source: 'BFC', fictional: false, importedAt: '2026-11-01T10:00:00.000Z', updatedAt, count: 697, licence: 'ODbL', ...extra,
  });
  const now = new Date('2026-12-02T10:00:00Z');

  it('flags a dataset whose freshest place is more than 12 months old, not a recent one nor the demo', () => {
    // the real BFC file: its freshest place dates from 2022
    const bfc = real('data/bfc-ternum/bfc-ternum-dataset.csv');
    const freshest = bfc.map((p) => p.updatedAt).filter((d): d is string => Boolean(d)).sort().at(-1)!;
    expect(freshest.slice(0, 4)).toBe('2022');
    expect(isDatasetStale(meta(freshest), now)).toBe(true);
    expect(isDatasetStale(meta('2026-03-10'), now)).toBe(false);
    expect(isDatasetStale(meta('2025-12-01'), now)).toBe(true);
    expect(isDatasetStale(meta('2020-01-01', { fictional: true }), now)).toBe(false);
    // no date in any place: the import date decides
    expect(isDatasetStale(meta(null, { importedAt: '2025-06-01T00:00:00.000Z' }), now)).toBe(true);
  });
});
