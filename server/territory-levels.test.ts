import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  TERRITORY_DATA_VERSION,
  communeStatus,
  communesOfEpci,
  departementOfCommune,
  departementsOfRegion,
  epciDepartements,
  epciLabel,
  epciOf,
  regionLabel,
  regionOfDepartement,
} from './territory-levels';

// Real codes of @etalab/decoupage-administratif 6.0.0 (COG at 1 January 2026, EPCI after the DGCL's 2026 list).
const GRAND_BESANCON = { code: '242500361', name: 'CU Grand Besançon Métropole' };
const PAYS_D_HERICOURT = '247000722';
const DOUBS = { code: '25', name: 'Doubs' };
const HAUTE_SAONE = { code: '70', name: 'Haute-Saône' };

const require = createRequire(import.meta.url);

describe('commune status', () => {
  it('knows a current commune', () => {
    expect(communeStatus('25056')).toEqual({ kind: 'current', code: '25056', name: 'Besançon' });
  });

  it('reads a chef-lieu code, shared by the commune nouvelle and its commune déléguée, as the current commune', () => {
    // Auxon-Dessus (commune déléguée) kept its code 25035 for Les Auxons.
    expect(communeStatus('25035')).toEqual({ kind: 'current', code: '25035', name: 'Les Auxons' });
  });

  it('sends a commune déléguée to its commune nouvelle, in the Doubs and the Jura', () => {
    expect(communeStatus('25034')).toEqual({
      kind: 'merged',
      code: '25034',
      name: 'Auxon-Dessous',
      into: { code: '25035', name: 'Les Auxons' },
    });
    expect(communeStatus('39064')).toEqual({
      kind: 'merged',
      code: '39064',
      name: 'Bonnaud',
      into: { code: '39576', name: 'Val-Sonnette' },
    });
  });

  it('sends a commune associée to the commune it is associated with', () => {
    expect(communeStatus('25144')).toEqual({
      kind: 'merged',
      code: '25144',
      name: 'Chazelot',
      into: { code: '25505', name: 'Rougemont' },
    });
  });

  it('finds a code gone from the map through its current commune\'s former codes, without a name', () => {
    // 25037 is listed only in the anciensCodes of Avanne-Aveney (25036).
    expect(communeStatus('25037')).toEqual({
      kind: 'merged',
      code: '25037',
      name: null,
      into: { code: '25036', name: 'Avanne-Aveney' },
    });
  });

  it('believes the chef-lieu when a former code also appears among another commune\'s former codes', () => {
    // La Neuville-Garnier is a commune déléguée of Les Hauts-Talican, yet listed in Beaumont-les-Nonains' anciensCodes.
    const status = communeStatus('60455');
    expect(status.kind === 'merged' && status.into).toEqual({ code: '60694', name: 'Les Hauts-Talican' });
  });

  it('sends a municipal arrondissement to its city', () => {
    expect(communeStatus('75112')).toEqual({
      kind: 'arrondissement',
      code: '75112',
      name: 'Paris 12e Arrondissement',
      into: { code: '75056', name: 'Paris' },
    });
    const marseille = communeStatus('13201');
    expect(marseille.kind === 'arrondissement' && marseille.into.code).toBe('13055');
  });

  it('says unknown for a code no commune ever had', () => {
    expect(communeStatus('25999')).toEqual({ kind: 'unknown', code: '25999' });
    expect(communeStatus('')).toEqual({ kind: 'unknown', code: '' });
  });
});

describe('département of a commune', () => {
  it('follows the current commune, not the digits of the code', () => {
    expect(departementOfCommune('25056')).toEqual(DOUBS);
    // Antorpe kept a Jura code (39012) but is a commune associée of Saint-Vit, in the Doubs.
    expect(departementOfCommune('39012')).toEqual(DOUBS);
  });

  it('covers Corsica, overseas and arrondissements', () => {
    expect(departementOfCommune('2A004')).toEqual({ code: '2A', name: 'Corse-du-Sud' });
    expect(departementOfCommune('97411')).toEqual({ code: '974', name: 'La Réunion' });
    expect(departementOfCommune('69381')).toEqual({ code: '69', name: 'Rhône' });
  });

  it('is null for an unknown code', () => {
    expect(departementOfCommune('25999')).toBeNull();
  });
});

describe('régions', () => {
  it('gives the région of a département, metropolitan or overseas', () => {
    const bfc = { code: '27', name: 'Bourgogne-Franche-Comté' };
    expect(regionOfDepartement('25')).toEqual(bfc);
    expect(regionOfDepartement('58')).toEqual(bfc);
    expect(regionOfDepartement('2B')).toEqual({ code: '94', name: 'Corse' });
    expect(regionOfDepartement('971')).toEqual({ code: '01', name: 'Guadeloupe' });
    expect(regionOfDepartement('976')).toEqual({ code: '06', name: 'Mayotte' });
    // The dataset files each overseas collectivité as its own région, under its own code.
    expect(regionOfDepartement('975')).toEqual({ code: '975', name: 'Saint-Pierre-et-Miquelon' });
  });

  it('is null for a code that names no département', () => {
    expect(regionOfDepartement('20')).toBeNull();
    expect(regionOfDepartement('99')).toBeNull();
  });

  it('lists the départements of a région, by code', () => {
    expect(departementsOfRegion('27').map((d) => d.code)).toEqual(['21', '25', '39', '58', '70', '71', '89', '90']);
    expect(departementsOfRegion('94').map((d) => d.code)).toEqual(['2A', '2B']);
    expect(departementsOfRegion('99')).toEqual([]);
  });

  it('labels a région by its name', () => {
    expect(regionLabel('27')).toBe('Bourgogne-Franche-Comté');
    expect(regionLabel('99')).toBe('Région 99');
  });
});

describe('EPCI of a commune', () => {
  it('gives a current commune\'s EPCI', () => {
    expect(epciOf('25056')).toEqual(GRAND_BESANCON);
  });

  it('gives a former commune the EPCI of the commune it belongs to now', () => {
    expect(epciOf('25034')).toEqual(GRAND_BESANCON); // Auxon-Dessous, in Les Auxons
    expect(epciOf('25037')).toEqual(GRAND_BESANCON); // a code only Avanne-Aveney remembers
    expect(epciOf('39012')).toEqual(GRAND_BESANCON); // Antorpe, in Saint-Vit
  });

  it('gives the three big cities\' arrondissements their métropole', () => {
    expect(epciOf('75112')).toEqual({ code: '200054781', name: 'Métropole du Grand Paris' });
    expect(epciOf('69381')).toEqual({ code: '200046977', name: 'Métropole de Lyon' });
    expect(epciOf('13201')?.code).toBe('200054807');
  });

  it('covers overseas départements, Mayotte included', () => {
    expect(epciOf('97611')).toEqual({ code: '200060457', name: 'CA de Dembeni / Mamoudzou' });
  });

  it('is null for the four island communes outside any EPCI, the overseas collectivités and unknown codes', () => {
    for (const island of ['22016', '29083', '29155', '85113']) expect(epciOf(island)).toBeNull();
    expect(epciOf('97501')).toBeNull(); // Miquelon-Langlade
    expect(epciOf('25999')).toBeNull();
  });

  it('leaves no other current commune of a département without an EPCI', () => {
    // Checked against the dataset itself: every commune-actuelle outside the collectivités d'outre-mer.
    const communes = require('@etalab/decoupage-administratif/data/communes.json') as Array<{ code: string; type: string; zone: string }>;
    const withoutEpci = communes
      .filter((c) => c.type === 'commune-actuelle' && c.zone !== 'com')
      .filter((c) => epciOf(c.code) === null)
      .map((c) => c.code);
    expect(withoutEpci).toEqual(['22016', '29083', '29155', '85113']);
  });
});

describe('an EPCI\'s communes and départements', () => {
  it('finds the départements of an EPCI that spans two', () => {
    expect(epciDepartements(PAYS_D_HERICOURT)).toEqual([DOUBS, HAUTE_SAONE]);
    expect(epciDepartements('200006682').map((d) => d.code)).toEqual(['21', '71']); // Beaune, Chagny, Nolay
    expect(epciDepartements(GRAND_BESANCON.code)).toEqual([DOUBS]);
    expect(epciDepartements('000000000')).toEqual([]);
  });

  it('lists an EPCI\'s communes by code, each of which has that EPCI', () => {
    const communes = communesOfEpci(PAYS_D_HERICOURT);
    expect(communes).toHaveLength(23);
    expect(communes.slice(0, 3)).toEqual([
      { code: '25008', name: 'Aibre' },
      { code: '25322', name: 'Laire' },
      { code: '25608', name: 'Le Vernoy' },
    ]);
    expect(communes).toContainEqual({ code: '70285', name: 'Héricourt' });
    for (const commune of communes) expect(epciOf(commune.code)?.code).toBe(PAYS_D_HERICOURT);
    expect(communesOfEpci('000000000')).toEqual([]);
  });

  it('labels an EPCI by its name', () => {
    expect(epciLabel(GRAND_BESANCON.code)).toBe('CU Grand Besançon Métropole');
    expect(epciLabel('000000000')).toBe('EPCI 000000000');
  });
});

describe('territory data version', () => {
  it('names the installed package version and the COG year its README pairs with it', () => {
    const path = require.resolve('@etalab/decoupage-administratif/package.json');
    const { version } = JSON.parse(readFileSync(path, 'utf8')) as { version: string };
    const readme = readFileSync(path.replace(/package\.json$/, 'README.md'), 'utf8');
    const row = readme.split('\n').find((line) => new RegExp(`^\\|\\s*\\d{4}\\s*\\|\\s*${version.replace(/\./g, '\\.')}\\s*\\|`).test(line));

    expect(TERRITORY_DATA_VERSION.version).toBe(version);
    expect(row?.match(/^\|\s*(\d{4})/)?.[1]).toBe(String(TERRITORY_DATA_VERSION.cogYear));
    expect(TERRITORY_DATA_VERSION.stamp).toBe(`cog-${TERRITORY_DATA_VERSION.cogYear}/@etalab/decoupage-administratif@${version}`);
  });
});
