import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NATIONAL_SERVICES } from '../domain/national-vocabulary';
import { checkCoordinates } from './france-bounds';
import { MAX_FILE_BYTES, PlacesImportError, displayPhone, importPlaces } from './import-places';

// The real files are read from ../shared (never committed here); CI has them at the same relative path.
const SHARED = join(import.meta.dirname, '../../../shared/data/places');
const BFC_V1 = readFileSync(join(SHARED, 'derived/bfc-ternum-derived-lieux-de-mediation-numerique-v1.csv'), 'utf8');

const HEADER =
  'id,pivot,nom,commune,code_postal,code_insee,adresse,complement_adresse,latitude,longitude,typologie,telephone,courriels,site_web,horaires,presentation_resume,presentation_detail,source,itinerance,structure_parente,date_maj,services,publics_specifiquement_adresses,prise_en_charge_specifique,frais_a_charge,dispositif_programmes_nationaux,formations_labels,autres_formations_labels,modalites_acces,modalites_accompagnement,fiche_acces_libre,prise_rdv';
const row = (fields: Record<string, string>) =>
  HEADER.split(',')
    .map((column) => {
      const value = fields[column] ?? '';
      return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
    })
    .join(',');
const base = { id: 'x1', pivot: '00000000000000', nom: 'Lieu', commune: 'Besançon', code_postal: '25000', adresse: '1 rue A', latitude: '47.24', longitude: '6.02', date_maj: '2024-05-02', services: 'Aide aux démarches administratives' };
const file = (...rows: Array<Record<string, string>>) => [HEADER, ...rows.map((r) => row({ ...base, ...r }))].join('\n');

const errorOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a PlacesImportError');
};

describe('importPlaces: the real BFC file in the national standard v1 (derived)', () => {
  const { places, report } = importPlaces(BFC_V1, { source: 'bfc' });

  it('reads every row, detects the shape, imports them all, and counts what it noticed', () => {
    expect(report.shape).toBe('standard-v1-csv');
    expect(report.rowsRead).toBe(697);
    expect(report.imported).toBe(697);
    expect(report.skipped).toEqual([]);
    // 561 rows have no date_maj (required by the schema, absent in the source): unknown freshness
    expect(report.warnings.unknownDate).toBe(561);
    expect(report.warnings.missingCoordinates).toBe(0);
    expect(report.warnings.unknownService).toBe(0);
    expect(places.filter((p) => p.services.length === 0)).toHaveLength(185);
  });

  it('reads a known place field by field', () => {
    expect(places.find((p) => p.id === 'bfc:mednumBFC_TL_1_')).toEqual({
      id: 'bfc:mednumBFC_TL_1_',
      name: 'Onlineformapro Dijon',
      street: '38 Avenue Françoise Giroud',
      postalCode: '21000',
      commune: 'DIJON',
      inseeCode: null,
      lat: 47.364205,
      lon: 5.049559,
      services: ['Aide aux démarches administratives'],
      specificSupport: [],
      phone: '03 73 27 51 57',
      website: 'http://www.onlineformapro.com/',
      openingHours: 'Mo-Fr 08:30-12:00,13:30-17:00',
      updatedAt: '2021-03-02',
      email: 'pf@onlineformapro.com',
      publisher: 'Mednum BFC',
      supportModes: ['Dans un atelier collectif', 'Accompagnement individuel'],
    });
  });

  it('keeps only values of the national vocabulary', () => {
    for (const place of places) for (const s of place.services) expect(NATIONAL_SERVICES).toContain(s);
  });
});

describe('importPlaces: the ANCT JSON files and the v0.1 CSV (real files)', () => {
  const read = (path: string) => readFileSync(join(SHARED, path), 'utf8');

  it.each([
    // file, rows, imported, 1970/missing dates, missing coordinates — dates as NOTES.md counts them
    ['data/client-application/source.json', 687, 687, 0, 0],
    ['data/client-application/20230517-hub-du-sud-lieux-de-mediation-numeriques-provence-alpes-cote-d-azur.json', 646, 646, 99, 4],
    ['data/client-application/20230711-charente-lieux-de-mediation-numeriques-nouvelle-aquitaine.json', 188, 188, 1, 0],
    ['data/client-application/20231003-bus-france-services-en-charente-lieux-de-mediation-numeriques-nouvelle-aquitaine.json', 12, 12, 12, 0],
    ['data/client-application/20240320-nouvelle-caledonie-lieux-de-mediation-numeriques-nouvelle-caledonie.json', 90, 90, 6, 0],
  ] as const)('%s', (path, rows, imported, unknownDates, missingCoordinates) => {
    const { places, report } = importPlaces(read(path), { source: 'anct' });
    expect(report).toMatchObject({ shape: 'anct-json', rowsRead: rows, imported, skipped: [] });
    expect(report.warnings).toMatchObject({ unknownDate: unknownDates, missingCoordinates, unknownService: 0 });
    for (const place of places) for (const s of place.services) expect(NATIONAL_SERVICES).toContain(s);
  });

  it('maps the old services and publics of v0.1 to the v1 vocabulary (a known Hinaura place)', () => {
    const { places } = importPlaces(read('data/client-application/source.json'), { source: 'hinaura' });
    expect(places.find((p) => p.id === 'hinaura:0')).toMatchObject({
      name: "MAISON DE SERVICES AU PUBLIC D'ABONDANCE",
      postalCode: '74360',
      commune: 'ABONDANCE',
      lat: 46.27947045,
      lon: 6.720031881096503,
      // "Accéder à une connexion internet;Accéder à du matériel;Accompagner les démarches de santé;Réaliser des
      // démarches administratives avec un accompagnement"
      services: ['Accès internet et matériel informatique', 'Aide aux démarches administratives'],
      // "Surdité;Handicaps mentaux : …;Personnes en situation d'illettrisme;Déficience visuelle" among the publics
      specificSupport: ['Surdité', 'Handicaps mentaux', 'Illettrisme', 'Déficience visuelle'],
      openingHours: 'Tu-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00',
      updatedAt: '2021-05-05',
      // "Gratuit : Je peux accéder gratuitement…", "Avec de l'aide : je suis accompagné…"
      fees: ['Gratuit'],
      supportModes: ['Accompagnement individuel'],
      publisher: 'Hinaura',
    });
  });

  it('reads the standard’s own v0.1.1 example CSV', () => {
    const { places, report } = importPlaces(read('schemas/standard-mediation-num/v0.1.1/exemple-valide.csv'), { source: 'ex' });
    expect(report.shape).toBe('standard-v0.1-csv');
    expect(places[0]).toMatchObject({
      // "Payant : …;Accepte le Pass numérique : …" (no v1 equivalent), "France Services;APTIC;Point relais CAF"
      fees: ['Payant'],
      programmes: ['France Services'],
      email: 'contact@laquincaillerie.tl',
      supportModes: expect.arrayContaining(['En autonomie', 'Accompagnement individuel']),
      name: 'Anonymal',
      street: "12 BIS RUE DE LECLERCQ, Le patio du bois de l'Aulne",
      phone: '01 80 05 98 80',
      website: 'https://www.laquincaillerie.tl/',
    });
  });
});

describe('importPlaces: the v1 fields a person can act on', () => {
  it('reads fees, access and support modes, programmes, e-mail, booking link, itinerance and publisher', () => {
    const { places } = importPlaces(
      file({
        frais_a_charge: 'Gratuit',
        modalites_acces: 'Se présenter|Prendre un RDV en ligne',
        modalites_accompagnement: 'Accompagnement individuel|À distance',
        dispositif_programmes_nationaux: 'France Services|Aidants Connect',
        courriels: 'accueil@exemple.fr|autre@exemple.fr',
        prise_rdv: 'https://rdv.exemple.fr/lieu',
        itinerance: 'Itinérant|Fixe',
        source: 'Conseil départemental',
      }),
      { source: 't' },
    );
    expect(places[0]).toMatchObject({
      fees: ['Gratuit'],
      accessModes: ['Se présenter', 'Prendre un RDV en ligne'],
      supportModes: ['Accompagnement individuel', 'À distance'],
      programmes: ['France Services', 'Aidants Connect'],
      email: 'accueil@exemple.fr',
      bookingUrl: 'https://rdv.exemple.fr/lieu',
      itinerant: true,
      publisher: 'Conseil départemental',
    });
  });

  it('leaves out what the source does not say, so the dataset stays small', () => {
    const { places } = importPlaces(file({}), { source: 't' });
    for (const key of ['fees', 'accessModes', 'supportModes', 'programmes', 'email', 'bookingUrl', 'itinerant', 'noPublic']) {
      expect(places[0]).not.toHaveProperty(key);
    }
  });
});

describe('importPlaces: links from the file are data, never script', () => {
  const UNSAFE = [
    'javascript:alert(document.domain)//',
    'JaVaScRiPt:alert(1)',
    '   javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'javascript&#58;alert(1)',
    '/rendez-vous',
  ];

  it.each(UNSAFE)('a booking link or website %j is dropped, counted as unsafeUrl, and the place still imported', (link) => {
    const { places, report } = importPlaces(file({ id: 'ok', prise_rdv: 'https://rdv.exemple.fr/a' }, { id: 'bad', prise_rdv: link, site_web: link }), { source: 't' });
    expect(report.imported).toBe(2);
    expect(report.warnings.unsafeUrl).toBe(2);
    const bad = places.find((p) => p.id === 't:bad');
    expect(bad).not.toHaveProperty('bookingUrl');
    expect(bad?.website).toBeNull();
    expect(bad?.name).toBe('Lieu');
    expect(places.find((p) => p.id === 't:ok')?.bookingUrl).toBe('https://rdv.exemple.fr/a');
  });

  it('an e-mail that is not one is dropped and counted; a bare site name is read as https, not refused', () => {
    const { places, report } = importPlaces(
      file({ id: 'a', courriels: 'javascript:alert(1)//@x.fr', site_web: 'www.mairie-exemple.fr' }, { id: 'b', courriels: 'epn@mairie-exemple.fr' }),
      { source: 't' },
    );
    expect(report.warnings.unsafeUrl).toBe(1);
    expect(places[0]).not.toHaveProperty('email');
    expect(places[0]?.website).toBe('https://www.mairie-exemple.fr/');
    expect(places[1]?.email).toBe('epn@mairie-exemple.fr');
  });

  it('the real files: only http(s) links are kept, and the few refused are counted', () => {
    for (const name of ['data/bfc-ternum/bfc-ternum-dataset.csv', 'data/client-application/source.json', 'data/client-application/20240320-nouvelle-caledonie-lieux-de-mediation-numeriques-nouvelle-caledonie.json']) {
      const { places, report } = importPlaces(readFileSync(join(SHARED, name), 'utf8'), { source: 'r' });
      for (const place of places) {
        if (place.website) expect(place.website, name).toMatch(/^https?:\/\//);
        if (place.bookingUrl) expect(place.bookingUrl, name).toMatch(/^https?:\/\//);
      }
      expect(report.warnings.unsafeUrl, name).toBeLessThan(5);
    }
  });
});

describe('importPlaces: the raw BFC TerNum CSV', () => {
  const raw = readFileSync(join(SHARED, 'data/bfc-ternum/bfc-ternum-dataset.csv'), 'utf8');

  it('reads every row, and agrees with the v1 file derived from it by the official mapping', () => {
    const fromRaw = importPlaces(raw, { source: 'bfc' });
    const fromDerived = importPlaces(BFC_V1, { source: 'bfc' });
    expect(fromRaw.report).toMatchObject({ shape: 'bfc-ternum-raw-csv', rowsRead: 697, imported: 697, skipped: [] });
    expect(fromRaw.report.warnings.unknownDate).toBe(561);
    const derived = new Map(fromDerived.places.map((p) => [p.id, p]));
    let shortNumbers = 0;
    for (const place of fromRaw.places) {
      const other = derived.get(place.id);
      expect(other, place.id).toBeDefined();
      // The derived file drops short service numbers ("36 46", the Assurance maladie); we keep them: people can call.
      const keptShortNumber = other!.phone === null && /^\d{2} ?\d{2}$/.test(place.phone ?? '');
      if (keptShortNumber) shortNumbers += 1;
      // Hours we cannot read are kept as written ("samedi matin souscondition"), where the derived file drops them.
      const { openingHoursRaw, ...rest } = place;
      if (openingHoursRaw !== undefined) expect(place.openingHours).toBeNull();
      expect({ ...rest, phone: keptShortNumber ? null : place.phone }).toEqual(other);
    }
    expect(shortNumbers).toBe(1);
    expect(fromRaw.places.filter((p) => p.openingHoursRaw !== undefined)).toHaveLength(fromRaw.report.warnings.unreadableHours);
  });

  it('turns half-day columns into opening hours: "9h12h", "-" and "x" included', async () => {
    const { bfcOpeningHours } = await import('./import-places');
    const row = {
      'lundi matin': '8h30-12h', 'lundi après-midi': '13h30-17h',
      'mardi matin': '8h30-12h', 'mardi après-midi': '13h30-17h',
      'mercredi matin': '9h12h', 'mercredi après-midi': '-',
      'jeudi matin': 'x', 'jeudi après-midi': '14h-18h',
      'vendredi matin': '', 'vendredi après-midi': '',
    };
    expect(bfcOpeningHours(row)).toBe('Mo-Tu 08:30-12:00,13:30-17:00; We 09:00-12:00; Th 14:00-18:00');
    expect(() => bfcOpeningHours({ 'lundi matin': 'le matin' })).toThrow(RangeError);
  });
});

describe('importPlaces: quirks of real files', () => {
  it('swaps inverted latitude and longitude, and drops coordinates outside France (kept, flagged, listed last)', () => {
    const { places, report } = importPlaces(
      file({ id: 'a', latitude: '6.02', longitude: '47.24' }, { id: 'b', latitude: '40.71', longitude: '-74.0' }, { id: 'c', latitude: '', longitude: '' }),
      { source: 't' },
    );
    expect(places.map((p) => [p.lat, p.lon])).toEqual([[47.24, 6.02], [null, null], [null, null]]);
    expect(report.warnings).toMatchObject({ swappedCoordinates: 1, coordinatesOutsideFrance: 1, missingCoordinates: 1 });
  });

  it('treats 1970 dates as unknown freshness', () => {
    const { places, report } = importPlaces(file({ id: 'a', date_maj: '1970-01-01' }, { id: 'b', date_maj: '1969-12-31' }), { source: 't' });
    expect(places.map((p) => p.updatedAt)).toEqual([null, null]);
    expect(report.warnings.unknownDate).toBe(2);
  });

  it('skips a duplicate id with its line, and never drops a row silently', () => {
    const { places, report } = importPlaces(file({ id: 'a' }, { id: 'b', nom: '' }, { id: 'a', nom: 'Autre' }, { id: 'c', code_postal: '2500' }), {
      source: 't',
    });
    expect(places.map((p) => p.id)).toEqual(['t:a']);
    expect(report.rowsRead).toBe(4);
    expect(report.skipped).toEqual([
      { line: 3, reason: 'nom manquant (id b)' },
      { line: 4, reason: 'id en double « a »' },
      { line: 5, reason: 'code postal invalide « 2500 » (id c)' },
    ]);
  });

  it('flags "Ce lieu n’accueille pas de public" (typographic apostrophe too) so it is never suggested', () => {
    const { places, report } = importPlaces(file({ id: 'a', modalites_acces: 'Téléphoner|Ce lieu n’accueille pas de public' }), { source: 't' });
    expect(places[0]!.noPublic).toBe(true);
    expect(report.warnings.noPublic).toBe(1);
  });

  it('normalises Unicode (NFC), fixes the schema’s own misspelling, and counts unknown services', () => {
    const decomposed = 'Besanc\u0327on'; // c + combining cedilla
    const { places, report } = importPlaces(
      file({ id: 'a', commune: decomposed, services: 'Comprehension du monde numérique|Cours de cuisine' }),
      { source: 't' },
    );
    expect(places[0]!.commune).toBe('Besançon');
    expect(places[0]!.services).toEqual(['Compréhension du monde numérique']);
    expect(report.warnings.unknownService).toBe(1);
  });

  it('formats French phone numbers the way people dial them', () => {
    expect(displayPhone('+33380488414')).toBe('03 80 48 84 14');
    expect(displayPhone('0380488414')).toBe('03 80 48 84 14');
    expect(displayPhone('+590590123456')).toBe('+590590123456');
  });

  it('checks coordinates against France, overseas included', () => {
    expect(checkCoordinates(-21.1, 55.5)).toBe('ok'); // La Réunion
    expect(checkCoordinates(55.5, -21.1)).toBe('swapped');
    expect(checkCoordinates(51.5, -0.12)).toBe('outside'); // London
  });
});

describe('importPlaces: files that are not places files', () => {
  it.each([
    ['an empty file', '', 'empty'],
    ['an image', '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR', 'notPlacesFile'],
    ['a CSV of something else', 'date,montant,libellé\n2024-01-01,12.5,Café\n', 'notPlacesFile'],
    ['a JSON object that is not a list of places', '{"hello": "world"}', 'notPlacesFile'],
    ['a JSON list of something else', '[{"date": "2024-01-01", "montant": 3}]', 'notPlacesFile'],
    ['broken JSON', '[{"id": "1", "nom": ', 'notPlacesFile'],
  ])('refuses %s with one clear error', (_, text, code) => {
    const error = errorOf(() => importPlaces(text, { source: 't' }));
    expect(error).toBeInstanceOf(PlacesImportError);
    expect(error).toMatchObject({ code });
    expect((error as Error).message).toMatch(/fichier/);
  });

  it('refuses 50 MB of garbage, and anything larger than a places file could be', () => {
    const garbage = 'x'.repeat(50 * 1024 * 1024);
    expect(errorOf(() => importPlaces(garbage, { source: 't' }))).toMatchObject({ code: 'notPlacesFile' });
    expect(errorOf(() => importPlaces('y'.repeat(MAX_FILE_BYTES + 1), { source: 't' }))).toMatchObject({ code: 'tooLarge' });
  });
});
