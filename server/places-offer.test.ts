import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVICE_COUNT_KEYS, SERVICE_KEYS, type ServiceKey } from '../src/domain/aggregate';
import { NATIONAL_SERVICES, type NationalService } from '../src/domain/national-vocabulary';
import { importPlaces } from '../src/places/import-places';
import { LOCATED_BY, PlacesOfferError, loadPlacesOffer, locatePlace, type PlacesOffer, type ServiceOffer } from './places-offer';
import { communesOfEpci, departementsOfRegion } from './territory-levels';

// The real files are read from ../shared (never copied here), as src/places/import-places.test.ts does.
const SHARED = join(import.meta.dirname, '../../shared/data/places');
const BFC_RAW = 'data/bfc-ternum/bfc-ternum-dataset.csv';
const BFC_V1 = 'derived/bfc-ternum-derived-lieux-de-mediation-numerique-v1.csv';
const PACA = 'data/client-application/20230517-hub-du-sud-lieux-de-mediation-numeriques-provence-alpes-cote-d-azur.json';
const CHARENTE = 'data/client-application/20230711-charente-lieux-de-mediation-numeriques-nouvelle-aquitaine.json';
const CHARENTE_BUS = 'data/client-application/20231003-bus-france-services-en-charente-lieux-de-mediation-numeriques-nouvelle-aquitaine.json';
const NOUVELLE_CALEDONIE = 'data/client-application/20240320-nouvelle-caledonie-lieux-de-mediation-numeriques-nouvelle-caledonie.json';
const HINAURA = 'data/client-application/source.json';

const require = createRequire(import.meta.url);
const NOW = new Date('2026-03-02T09:00:00Z');
const offers = new Map<string, PlacesOffer>();
const offerOf = (file: string) => {
  if (!offers.has(file)) offers.set(file, loadPlacesOffer(join(SHARED, file), { now: NOW }));
  return offers.get(file)!;
};

// ---- The oracle: each file's rows read here, without the importer nor places-offer.ts ----

type Row = Record<string, string>;
const readRows = (file: string): Row[] => {
  const text = readFileSync(join(SHARED, file), 'utf8').replace(/^\uFEFF/, '');
  return file.endsWith('.json')
    ? (JSON.parse(text) as Row[])
    : Papa.parse<Row>(text, { header: true, skipEmptyLines: 'greedy' }).data;
};

/** The 15 services of v0.1 and their v1 value (shared NOTES.md §1.4, from the ANCT library). */
const OLD_SERVICES: Readonly<Record<string, NationalService>> = {
  'Devenir autonome dans les démarches administratives': 'Aide aux démarches administratives',
  'Réaliser des démarches administratives avec un accompagnement': 'Aide aux démarches administratives',
  'Accompagner les démarches de santé': 'Aide aux démarches administratives',
  'Prendre en main un smartphone ou une tablette': 'Maîtrise des outils numériques du quotidien',
  'Prendre en main un ordinateur': 'Maîtrise des outils numériques du quotidien',
  'Utiliser le numérique au quotidien': 'Maîtrise des outils numériques du quotidien',
  'Favoriser mon insertion professionnelle': 'Insertion professionnelle via le numérique',
  'Créer et développer mon entreprise': 'Insertion professionnelle via le numérique',
  "Soutenir la parentalité et l'éducation avec le numérique": 'Parentalité et éducation avec le numérique',
  'Créer avec le numérique': 'Loisirs et créations numériques',
  'Approfondir ma culture numérique': 'Compréhension du monde numérique',
  'Promouvoir la citoyenneté numérique': 'Compréhension du monde numérique',
  'Accéder à une connexion internet': 'Accès internet et matériel informatique',
  'Accéder à du matériel': 'Accès internet et matériel informatique',
  "S'équiper en matériel informatique": 'Acquisition de matériel informatique à prix solidaire',
};

/** The v1 services a row lists (v1 values, or v0.1 ones translated), once each. */
const servicesOfRow = (row: Row): Set<NationalService> =>
  new Set(
    (row.services ?? '')
      .split(/[|;]/)
      .map((value) => value.trim().replace(/’/g, "'"))
      .map((value) => OLD_SERVICES[value] ?? value)
      .filter((value): value is NationalService => (NATIONAL_SERVICES as readonly string[]).includes(value)),
  );

/** "SAINT ETIENNE", "Saint-Étienne", "ANGOULÊME", "Marseille 2e" → "saintetienne", "angouleme", "marseille2e". */
const plain = (name: string) =>
  name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\bcedex\b.*$/, '').replace(/[^a-z0-9]/g, '');

/** The département a row's postal code says by its first digits (three overseas). */
const departementOfRow = (row: Row) => {
  const code = row.code_postal ?? '';
  return /^9[78]/.test(code) ? code.slice(0, 3) : code.slice(0, 2);
};

interface Territory {
  readonly departement: string;
  readonly commune: string;
  /** The names the file may give the commune: its own, its communes déléguées', the spellings the file uses. */
  readonly names: readonly string[];
  /** Names written with an arrondissement ("MARSEILLE 3", "Marseille 2e", "MARSEILLE 1ER ARRONDISSEMENT", "7e Arrondissement"). */
  readonly pattern?: RegExp;
  /** INSEE codes that lie in it: the commune, and its arrondissements. */
  readonly codes?: readonly string[];
}

/** Counts the oracle's way: per service, the rows of the territory listing it; `places`, the rows. */
function expected(rows: readonly Row[], keep: (row: Row) => boolean): ServiceOffer {
  const offer = Object.fromEntries([...SERVICE_COUNT_KEYS, 'places'].map((key) => [key, 0])) as Record<ServiceKey | 'places', number>;
  for (const row of rows.filter(keep)) {
    offer.places += 1;
    for (const service of servicesOfRow(row)) offer[SERVICE_KEYS[service]] += 1;
  }
  return offer;
}

const inCommune = (territory: Territory) => (row: Row) =>
  row.code_insee
    ? (territory.codes ?? [territory.commune]).includes(row.code_insee)
    : departementOfRow(row) === territory.departement &&
      (territory.names.map(plain).includes(plain(row.commune ?? '')) || (territory.pattern?.test(plain(row.commune ?? '')) ?? false));

const BESANCON = { departement: '25', commune: '25056', names: ['Besançon'] };
const DIJON = { departement: '21', commune: '21231', names: ['Dijon'] };
const MARSEILLE_ARRONDISSEMENTS = Array.from({ length: 16 }, (_, i) => String(13201 + i));
const MARSEILLE = {
  departement: '13',
  commune: '13055',
  names: ['Marseille'],
  pattern: /^(marseille\d{1,2}(er|e)?(arrondissement)?|\d{1,2}(er|e)arrondissement)$/,
  codes: ['13055', ...MARSEILLE_ARRONDISSEMENTS],
};
// Montfavet is a district of Avignon with its own postal code (84140).
const AVIGNON = { departement: '84', commune: '84007', names: ['Avignon', 'Montfavet'] };
const COGNAC = { departement: '16', commune: '16102', names: ['Cognac'] };
const ANGOULEME = { departement: '16', commune: '16015', names: ['Angoulême'] };
const SAINT_FRAIGNE = { departement: '16', commune: '16317', names: ['Saint-Fraigne'] };
const NOUMEA = { departement: '988', commune: '98818', names: ['Nouméa'] };
const SAINT_ETIENNE = { departement: '42', commune: '42218', names: ['Saint-Étienne', 'St-Étienne'] };
// Annecy is a commune nouvelle (2017): its places are filed under Seynod, Pringy… as often as under Annecy.
const ANNECY = {
  departement: '74',
  commune: '74010',
  names: ['Annecy', 'Annecy-le-Vieux', 'Cran-Gevrier', 'Meythet', 'Pringy', 'Seynod', 'Cran-Gevrier - Annecy', 'Meythet - Annecy'],
};

/** For the derived v1 CSV and the raw BFC rows: the raw file's own `departement` column, by id. */
const bfcDepartements = new Map(readRows(BFC_RAW).map((row) => [row.bfc_id!, row.departement!]));

const REAL_FILES: ReadonlyArray<{ file: string; rows: () => Row[]; departementOf: (row: Row) => string; territories: readonly Territory[] }> = [
  {
    // The raw file lists letter codes, not services: the services of its rows are those the derived CSV
    // (derive_bfc_v1.py, mednum-cli's mapping written in Python) gives the same ids.
    file: BFC_RAW,
    rows: () => {
      const derived = new Map(readRows(BFC_V1).map((row) => [row.id!, row.services!]));
      return readRows(BFC_RAW).map((row) => ({ ...row, commune: row.ville!, services: derived.get(row.bfc_id!) ?? '' }));
    },
    departementOf: (row) => row.departement!,
    territories: [BESANCON, DIJON],
  },
  { file: BFC_V1, rows: () => readRows(BFC_V1), departementOf: (row) => bfcDepartements.get(row.id!)!, territories: [BESANCON, DIJON] },
  { file: PACA, rows: () => readRows(PACA), departementOf: departementOfRow, territories: [MARSEILLE, AVIGNON] },
  { file: CHARENTE, rows: () => readRows(CHARENTE), departementOf: departementOfRow, territories: [COGNAC, ANGOULEME] },
  { file: CHARENTE_BUS, rows: () => readRows(CHARENTE_BUS), departementOf: departementOfRow, territories: [SAINT_FRAIGNE] },
  { file: NOUVELLE_CALEDONIE, rows: () => readRows(NOUVELLE_CALEDONIE), departementOf: departementOfRow, territories: [NOUMEA] },
  { file: HINAURA, rows: () => readRows(HINAURA), departementOf: departementOfRow, territories: [SAINT_ETIENNE, ANNECY] },
];

// ---- Sums over the map ----

const zero = (): Record<ServiceKey | 'places', number> =>
  Object.fromEntries([...SERVICE_COUNT_KEYS, 'places'].map((key) => [key, 0])) as Record<ServiceKey | 'places', number>;
const sum = (offers: readonly ServiceOffer[]): ServiceOffer => {
  const total = zero();
  for (const offer of offers) for (const key of Object.keys(total) as Array<keyof typeof total>) total[key] += offer[key];
  return total;
};
interface MapCommune {
  readonly code: string;
  readonly type: string;
  readonly departement: string;
  readonly region: string;
}
const CURRENT_COMMUNES = (require('@etalab/decoupage-administratif/data/communes.json') as MapCommune[]).filter((c) => c.type === 'commune-actuelle');
const REGIONS = (require('@etalab/decoupage-administratif/data/regions.json') as Array<{ code: string }>).map((r) => r.code);
const EPCIS = (require('@etalab/decoupage-administratif/data/epci.json') as Array<{ code: string }>).map((e) => e.code);

describe.each(REAL_FILES)('the offer of the real file $file', ({ file, rows, departementOf, territories }) => {
  const offer = offerOf(file);
  const fileRows = rows();

  it('counts, per service, the places of a known département and commune as the rows themselves say', () => {
    for (const territory of territories) {
      expect(offer.offerFor({ level: 'departement', code: territory.departement }), `${file} ${territory.departement}`).toEqual(
        expected(fileRows, (row) => departementOf(row) === territory.departement),
      );
      expect(offer.offerFor({ level: 'commune', code: territory.commune }), `${file} ${territory.commune}`).toEqual(
        expected(fileRows, inCommune(territory)),
      );
    }
  });

  it('counts every place of the file once in all, its services once each', () => {
    expect(offer.meta.places).toBe(fileRows.length);
    expect(offer.offerFor({ level: 'all' })).toEqual(expected(fileRows, () => true));
  });

  it('gives an EPCI the sum of its communes', () => {
    let epcisWithPlaces = 0;
    for (const siren of EPCIS) {
      const total = offer.offerFor({ level: 'epci', code: siren });
      if (total.places > 0) epcisWithPlaces += 1;
      expect(total, siren).toEqual(sum(communesOfEpci(siren).map(({ code }) => offer.offerFor({ level: 'commune', code }))));
    }
    // Nouvelle-Calédonie has no EPCI: none of its places may land in one (see Le Mont-Dore below).
    expect(epcisWithPlaces > 0).toBe(file !== NOUVELLE_CALEDONIE);
  });

  it('gives a région the sum of its départements, and of its communes with the places known only by département', () => {
    // The places located only to their département, per région, by service (a shared postal code, a name no
    // commune bears: "Château-Chinon" is both Château-Chinon (Ville) and (Campagne), "Valberg" is a ski resort).
    const departementOnly = new Map<string, ServiceOffer[]>();
    const regionOf = new Map(CURRENT_COMMUNES.map((c) => [c.departement, c.region]));
    for (const place of importPlaces(readFileSync(join(SHARED, file), 'utf8'), { source: 'test' }).places) {
      const where = locatePlace(place);
      if (where.by !== 'departementOnly') continue;
      const one = zero();
      one.places = 1;
      for (const service of place.services) one[SERVICE_KEYS[service as NationalService]] += 1;
      const region = regionOf.get(where.departement!)!;
      departementOnly.set(region, [...(departementOnly.get(region) ?? []), one]);
    }
    for (const region of REGIONS) {
      const total = offer.offerFor({ level: 'region', code: region });
      expect(total, region).toEqual(sum(departementsOfRegion(region).map(({ code }) => offer.offerFor({ level: 'departement', code }))));
      const communes = CURRENT_COMMUNES.filter((c) => c.region === region).map(({ code }) => offer.offerFor({ level: 'commune', code }));
      expect(total, region).toEqual(sum([...communes, ...(departementOnly.get(region) ?? [])]));
    }
  });

  it('gives all the sum of the régions and of the places it could not locate', () => {
    const regions = REGIONS.map((code) => offer.offerFor({ level: 'region', code }));
    expect(offer.offerFor({ level: 'all' })).toEqual(sum([...regions, offer.unlocatedOffer]));
    expect(offer.meta.counted + offer.meta.unlocated).toBe(offer.meta.places);
    expect(offer.unlocatedOffer.places).toBe(offer.meta.unlocated);
    expect(LOCATED_BY.reduce((total, by) => total + offer.meta.locatedBy[by], 0)).toBe(offer.meta.places);
  });
});

describe('what the real files leave unlocated or only by département', () => {
  it('locates every place of the real files at least to its département', () => {
    const figures = Object.fromEntries(REAL_FILES.map(({ file }) => [file.split('/').pop()!, offerOf(file).meta.locatedBy]));
    expect(figures).toEqual({
      'bfc-ternum-dataset.csv': { inseeCode: 0, postalCode: 121, postalCodeAndName: 547, nameInDepartement: 12, departementOnly: 17, unlocated: 0 },
      'bfc-ternum-derived-lieux-de-mediation-numerique-v1.csv': { inseeCode: 0, postalCode: 121, postalCodeAndName: 547, nameInDepartement: 12, departementOnly: 17, unlocated: 0 },
      '20230517-hub-du-sud-lieux-de-mediation-numeriques-provence-alpes-cote-d-azur.json': { inseeCode: 17, postalCode: 353, postalCodeAndName: 258, nameInDepartement: 11, departementOnly: 7, unlocated: 0 },
      '20230711-charente-lieux-de-mediation-numeriques-nouvelle-aquitaine.json': { inseeCode: 11, postalCode: 29, postalCodeAndName: 143, nameInDepartement: 3, departementOnly: 2, unlocated: 0 },
      '20231003-bus-france-services-en-charente-lieux-de-mediation-numeriques-nouvelle-aquitaine.json': { inseeCode: 12, postalCode: 0, postalCodeAndName: 0, nameInDepartement: 0, departementOnly: 0, unlocated: 0 },
      '20240320-nouvelle-caledonie-lieux-de-mediation-numeriques-nouvelle-caledonie.json': { inseeCode: 81, postalCode: 0, postalCodeAndName: 0, nameInDepartement: 9, departementOnly: 0, unlocated: 0 },
      'source.json': { inseeCode: 0, postalCode: 180, postalCodeAndName: 497, nameInDepartement: 8, departementOnly: 2, unlocated: 0 },
    });
  });

  it('sets aside an INSEE code of another département: Le Mont-Dore of Nouvelle-Calédonie filed as the Puy-de-Dôme\'s', () => {
    const offer = offerOf(NOUVELLE_CALEDONIE);
    expect(offer.meta.ignoredInseeCodes).toBe(9);
    expect(offer.offerFor({ level: 'commune', code: '98817' }).places).toBe(9);
    expect(offer.offerFor({ level: 'commune', code: '63236' }).places).toBe(0);
    expect(offer.offerFor({ level: 'region', code: '84' }).places).toBe(0);
    expect(offer.offerFor({ level: 'region', code: '988' }).places).toBe(90);
    expect(REAL_FILES.filter(({ file }) => offerOf(file).meta.ignoredInseeCodes > 0).map(({ file }) => file)).toEqual([NOUVELLE_CALEDONIE]);
  });

  it('describes the dataset: its name, licence, date and when it was loaded', () => {
    expect(offerOf(BFC_RAW).meta).toMatchObject({
      source: 'bfc-ternum-dataset.csv',
      shape: 'bfc-ternum-raw-csv',
      licence: 'ODbL 1.0 (Open Database License)',
      places: 697,
      counted: 697,
      unlocated: 0,
      skippedRows: 0,
      loadedAt: '2026-03-02T09:00:00.000Z',
      updatedAt: '2022-05-17',
    });
    expect(offerOf(PACA).meta).toMatchObject({ shape: 'anct-json', licence: 'Licence Ouverte 2.0', updatedAt: '2023-05-13' });
    // Every date of the bus file is the 1969-12-31 placeholder.
    expect(offerOf(CHARENTE_BUS).meta.updatedAt).toBeNull();
  });
});

describe('where a place counts', () => {
  const at = (postalCode: string, commune: string, inseeCode: string | null = null) => locatePlace({ postalCode, commune, inseeCode });

  it('trusts an INSEE code of the map, a former commune read as the one it is part of now', () => {
    expect(at('25000', 'Besançon', '25056')).toEqual({ by: 'inseeCode', commune: '25056', arrondissement: null, departement: '25' });
    expect(at('25870', 'Auxon-Dessous', '25034')).toMatchObject({ by: 'inseeCode', commune: '25035', departement: '25' });
    expect(at('13001', 'Marseille', '13201')).toEqual({ by: 'inseeCode', commune: '13055', arrondissement: '13201', departement: '13' });
  });

  it('does not take a postal code written as the INSEE code for one', () => {
    // 21000 is no commune's INSEE code; 25000 is not Besançon's (it is 25056).
    expect(at('21000', 'DIJON', '21000')).toMatchObject({ by: 'postalCode', commune: '21231' });
    expect(at('25000', 'Besançon', '25000')).toMatchObject({ by: 'postalCode', commune: '25056' });
  });

  it('reads a postal code of one commune, with its arrondissement in Marseille', () => {
    expect(at('25000', 'BESANCON')).toEqual({ by: 'postalCode', commune: '25056', arrondissement: null, departement: '25' });
    expect(at('13001', 'MARSEILLE')).toEqual({ by: 'postalCode', commune: '13055', arrondissement: '13201', departement: '13' });
  });

  it('picks among the communes of a shared postal code by name, former communes included', () => {
    expect(at('74600', 'Seynod')).toMatchObject({ by: 'postalCodeAndName', commune: '74010' });
    expect(at('39400', 'MOREZ')).toMatchObject({ by: 'postalCodeAndName', commune: '39368' });
    expect(at('26260', 'Saint-Donat-sur-lHerbasse')).toMatchObject({ by: 'postalCodeAndName', commune: '26301' });
    expect(at('38800', 'Pont de Claix')).toMatchObject({ by: 'postalCodeAndName', commune: '38317' });
    expect(at('71500', 'LOUHANS')).toMatchObject({ by: 'postalCodeAndName', commune: '71263' });
  });

  it('sets aside an INSEE code unknown to the map or of another département, and reads the postal code and name', () => {
    expect(at('98800', 'Mont-Dore', '63236')).toEqual({
      by: 'nameInDepartement',
      commune: '98817',
      arrondissement: null,
      departement: '988',
      ignoredInseeCode: '63236',
    });
    expect(at('25000', 'Besançon', '25999')).toMatchObject({ by: 'postalCode', commune: '25056', ignoredInseeCode: '25999' });
  });

  it('finds a commune by name in its département when the postal code is a CEDEX or wrong', () => {
    // 06100 is Nice's; Grasse's is 06130.
    expect(at('06100', 'Grasse')).toMatchObject({ by: 'nameInDepartement', commune: '06069' });
    expect(at('74003', 'Annecy Cedex 03')).toMatchObject({ by: 'nameInDepartement', commune: '74010' });
    expect(at('83170', 'Sainte-Maxime')).toMatchObject({ by: 'nameInDepartement', commune: '83115' });
    // 05130 serves communes of two départements; La Roche-de-Rame is in the Hautes-Alpes.
    expect(at('05130', 'LA ROCHE DE RAME')).toMatchObject({ by: 'nameInDepartement', commune: '05122', departement: '05' });
  });

  it('keeps only the département when the name does not tell the commune, nothing when nothing is known', () => {
    expect(at('58120', 'CHÂTEAU CHINON')).toEqual({ by: 'departementOnly', commune: null, arrondissement: null, departement: '58' });
    expect(at('06470', 'VALBERG')).toEqual({ by: 'departementOnly', commune: null, arrondissement: null, departement: '06' });
    expect(at('20999', 'Nowhere')).toEqual({ by: 'unlocated', commune: null, arrondissement: null, departement: null });
    expect(at('99999', 'Genève')).toEqual({ by: 'unlocated', commune: null, arrondissement: null, departement: null });
  });
});

describe('files written for the test', () => {
  const dir = mkdtempSync(join(tmpdir(), 'repere-places-offer-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const HEADER = 'id,nom,commune,code_postal,code_insee,adresse,latitude,longitude,date_maj,services,modalites_acces';
  const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');

  it('counts a place of several services once per service, and a repeated id once', () => {
    const offer = loadPlacesOffer(
      write(
        'twice.csv',
        csv(
          'a1,EPN,Besançon,25000,25056,1 rue A,47.24,6.02,2024-05-02,Aide aux démarches administratives|Maîtrise des outils numériques du quotidien,',
          'a1,EPN,Besançon,25000,25056,1 rue A,47.24,6.02,2024-05-02,Aide aux démarches administratives|Maîtrise des outils numériques du quotidien,',
          'a2,Médiathèque,Besançon,25000,,2 rue B,47.24,6.02,2024-05-03,Aide aux démarches administratives|Aide aux démarches administratives,',
          'a3,Tiers-lieu,Dole,39100,,3 rue C,47.09,5.49,2024-05-01,,',
        ),
      ),
    );
    expect(offer.meta).toMatchObject({ places: 3, counted: 3, skippedRows: 1, updatedAt: '2024-05-03' });
    expect(offer.offerFor({ level: 'commune', code: '25056' })).toMatchObject({ places: 2, adminProcedures: 2, everydayTools: 1, employment: 0 });
    expect(offer.offerFor({ level: 'region', code: '27' })).toMatchObject({ places: 3, adminProcedures: 2, everydayTools: 1 });
    expect(offer.offerFor({ level: 'epci', code: '242500361' })).toMatchObject({ places: 2, adminProcedures: 2 });
    expect(offer.offerFor({ level: 'commune', code: '39198' })).toMatchObject({ places: 1, adminProcedures: 0 });
  });

  it('reads a former commune or an arrondissement as the map does, and an unknown territory as none', () => {
    const offer = loadPlacesOffer(
      write(
        'codes.csv',
        csv(
          'm1,Centre social,Marseille,13001,,1 rue A,43.3,5.38,2024-05-02,Aide aux démarches administratives,',
          'm2,Maison France Services,Marseille,13013,13213,2 rue B,43.3,5.38,2024-05-02,Aide aux démarches administratives,',
          'x1,EPN,Les Auxons,25870,,3 rue C,47.3,5.97,2024-05-02,Loisirs et créations numériques,',
        ),
      ),
    );
    expect(offer.offerFor({ level: 'commune', code: '13055' }).places).toBe(2);
    expect(offer.offerFor({ level: 'commune', code: '13201' }).places).toBe(1);
    expect(offer.offerFor({ level: 'commune', code: '13213' }).places).toBe(1);
    expect(offer.offerFor({ level: 'commune', code: '13202' }).places).toBe(0);
    // Auxon-Dessous (25034) is part of Les Auxons (25035) now.
    expect(offer.offerFor({ level: 'commune', code: '25034' })).toMatchObject({ places: 1, leisure: 1 });
    expect(offer.offerFor({ level: 'commune', code: '99999' }).places).toBe(0);
    expect(offer.offerFor({ level: 'departement', code: 'XX' }).places).toBe(0);
  });

  const failure = (path: string) => {
    try {
      loadPlacesOffer(path);
    } catch (error) {
      expect(error).toBeInstanceOf(PlacesOfferError);
      return (error as Error).message;
    }
    throw new Error('expected loadPlacesOffer to throw');
  };

  it('says in French why a file cannot be read: missing, a folder, empty, no places in it', () => {
    const missing = join(dir, 'absent.csv');
    expect(failure(missing)).toBe(`Le fichier de lieux « ${missing} » n'a pas pu être lu : il n'existe pas.`);
    expect(failure(dir)).toBe(`Le fichier de lieux « ${dir} » n'a pas pu être lu : c'est un dossier, pas un fichier.`);
    const empty = write('vide.csv', '\n');
    expect(failure(empty)).toBe(`Le fichier de lieux « ${empty} » n'a pas pu être lu : ce fichier est vide.`);
    const noPlace = write('sans-lieu.csv', csv(',Sans id,Dijon,21000,,1 rue A,,,2024-05-02,,'));
    expect(failure(noPlace)).toBe(`Le fichier de lieux « ${noPlace} » n'a pas pu être lu : aucun lieu n'a pu être lu (ligne 2 : id manquant).`);
  });

  it('says in French that a real file which is not a places file is not one', () => {
    const schema = join(SHARED, 'schemas/standard-mediation-num/v1.0.2/schema.json');
    expect(failure(schema)).toBe(`Le fichier de lieux « ${schema} » n'a pas pu être lu : ce fichier JSON n'est pas une liste de lieux.`);
    const typologies = join(SHARED, 'schemas/data-inclusion-pipeline-seeds/v0/typologies_de_structures.csv');
    expect(failure(typologies)).toMatch(
      /^Le fichier de lieux « .+typologies_de_structures\.csv » n'a pas pu être lu : ce fichier n'est pas un fichier de lieux de médiation numérique \(colonnes manquantes : .+\)\.$/,
    );
  });
});
