import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EPCI_HISTORY_YEARS, epciAt, epciName } from './epci-history';
import { TERRITORY_DATA_VERSION, communeStatus } from './territory-levels';

// Every expected value below was read in the data/epci.json and data/communes.json of the package versions the
// history is made from (@etalab/decoupage-administratif 1.1.1 = COG 2021, 2.3.1 = 2022, 3.1.1 = 2023, 4.1.0 = 2024,
// 5.3.0 = 2025, after the README's table) and of the installed 6.0.0 (2026), not in server/geo/epci-history.json.

interface HistoryFile {
  readonly source: { readonly baseline: { readonly version: string; readonly cogYear: number }; readonly versions: Record<string, string> };
  readonly years: Record<string, { readonly epcis: Record<string, string>; readonly communes: Record<string, string | null> }>;
}
const history = JSON.parse(readFileSync(new URL('./geo/epci-history.json', import.meta.url), 'utf8')) as HistoryFile;
const script = readFileSync(new URL('../scripts/make-epci-history.mjs', import.meta.url), 'utf8');

const PERPIGNAN = { code: '200027183', name: 'CU Perpignan Méditerranée Métropole' };
const ROUSSILLON_CONFLENT = { code: '246600415', name: 'CC Roussillon-Conflent' };
const AGGLO_AGEN = { code: '200096956', name: "CA Agglomération d'Agen" };
const CA_AGEN = { code: '200035459', name: "CA d'Agen" };

describe('EPCI membership at a past date', () => {
  it('follows a commune that changed EPCI on 1 January 2025 (the latest change: the 2025 and 2026 lists are the same)', () => {
    // 4.1.0 (DGCL 2024): Corneilla-la-Rivière, 66058, in CC Roussillon-Conflent; 5.3.0 (2025) and 6.0.0 (2026): in
    // CU Perpignan Méditerranée Métropole.
    expect(epciAt('66058', 2024)).toEqual(ROUSSILLON_CONFLENT);
    expect(epciAt('66058', 2025)).toEqual(PERPIGNAN);
    expect(epciAt('66058', 2026)).toEqual(PERPIGNAN);
    // Same lists: Léojac, 82098, CC Quercy Vert-Aveyron in 2024, CA Grand Montauban from 2025.
    expect(epciAt('82098', 2024)).toEqual({ code: '200066884', name: 'CC Quercy Vert-Aveyron' });
    expect(epciAt('82098', 2025)).toEqual({ code: '248200099', name: 'CA Grand Montauban' });
  });

  it('keeps a commune that never changed in the same EPCI every year', () => {
    // Besançon, 25056, in CU Grand Besançon Métropole (242500361) in the lists of 2021 to 2026.
    for (const year of [2021, 2022, 2023, 2024, 2025, 2026]) {
      expect(epciAt('25056', year)).toEqual({ code: '242500361', name: 'CU Grand Besançon Métropole' });
    }
  });

  it('knows an EPCI gone since, and its name', () => {
    // 1.1.1 (2021): Agen, 47001, in CA d'Agen (200035459); 2.3.1 (2022) to 6.0.0: in CA Agglomération d'Agen
    // (200096956), a new SIREN; 200035459 is in no list from 2022 on.
    expect(epciAt('47001', 2021)).toEqual(CA_AGEN);
    expect(epciAt('47001', 2022)).toEqual(AGGLO_AGEN);
    expect(epciName('200035459')).toBe("CA d'Agen");
    // 1.1.1: Gérardmer, 88196, in CC des Hautes Vosges (200071157); from 2022, CC Gérardmer Hautes Vosges (200096642),
    // while a new CC des Hautes Vosges has SIREN 200096634.
    expect(epciAt('88196', 2021)).toEqual({ code: '200071157', name: 'CC des Hautes Vosges' });
    expect(epciAt('88196', 2022)).toEqual({ code: '200096642', name: 'CC Gérardmer Hautes Vosges' });
    expect(epciName('200071157')).toBe('CC des Hautes Vosges');
    expect(epciName('200096634')).toBe('CC des Hautes Vosges');
    expect(epciName('000000000')).toBeNull();
  });

  it('reads a renamed EPCI with its name of that year, and epciName with today’s', () => {
    // 4.1.0: Langogne, 48080, in 200006930 "CC du Haut Allier"; 5.3.0 and 6.0.0: "CC du Haut Allier Margeride".
    expect(epciAt('48080', 2024)).toEqual({ code: '200006930', name: 'CC du Haut Allier' });
    expect(epciAt('48080', 2025)).toEqual({ code: '200006930', name: 'CC du Haut Allier Margeride' });
    expect(epciName('200006930')).toBe('CC du Haut Allier Margeride');
  });

  it('counts a commune since merged in its EPCI of the time', () => {
    // 4.1.0: Le Mont-Dieu, 08300, a commune in CC des Portes du Luxembourg (240800847); 5.3.0: merged into
    // Tannay-le-Mont-Dieu, 08439, the former Tannay's code, in CC de l'Argonne Ardennaise (240800920).
    expect(communeStatus('08300')).toMatchObject({ kind: 'merged', into: { code: '08439' } });
    expect(epciAt('08300', 2024)).toEqual({ code: '240800847', name: 'CC des Portes du Luxembourg' });
    expect(epciAt('08300', 2025)).toEqual({ code: '240800920', name: "CC de l'Argonne Ardennaise" });
    expect(epciAt('08439', 2024)).toEqual({ code: '240800920', name: "CC de l'Argonne Ardennaise" });
  });

  it('answers a year before the oldest with the oldest year, and a year after 2026 with 2026', () => {
    expect(EPCI_HISTORY_YEARS[0]).toBe(2021);
    expect(epciAt('47001', 2019)).toEqual(CA_AGEN);
    expect(epciAt('66058', 2030)).toEqual(PERPIGNAN);
    expect(epciAt('47001', 2030)).toEqual(AGGLO_AGEN);
    expect(() => epciAt('47001', 2024.5)).toThrow(RangeError);
  });

  it('keeps the communes in no EPCI, Paris, its arrondissements and Mayotte as the lists say', () => {
    // Every list: Île-de-Bréhat (22016) and Saint-Barthélemy (97701) in no EPCI; Paris (75056) in the Métropole du
    // Grand Paris (200054781); Acoua (97601) in CA du Grand Nord de Mayotte (200060465).
    for (const year of [2021, 2024, 2026]) {
      expect(epciAt('22016', year)).toBeNull();
      expect(epciAt('97701', year)).toBeNull();
      expect(epciAt('75101', year)).toEqual({ code: '200054781', name: 'Métropole du Grand Paris' });
      expect(epciAt('97601', year)).toEqual({ code: '200060465', name: 'CA du Grand Nord de Mayotte' });
    }
    expect(epciAt('99999', 2023)).toBeNull();
  });
});

describe('the history file', () => {
  it('records the versions the script reads, and the installed data as its baseline', () => {
    const versions = Object.fromEntries([...(/const VERSIONS = \{([^}]*)\}/.exec(script)?.[1] ?? '').matchAll(/(\d{4}): '([^']+)'/g)].map(([, y, v]) => [y, v]));
    expect(Object.keys(versions).length).toBeGreaterThanOrEqual(2);
    expect(history.source.versions).toEqual(versions);
    expect(EPCI_HISTORY_YEARS).toEqual(Object.keys(versions).map(Number));
    expect(history.source.baseline).toEqual({ version: TERRITORY_DATA_VERSION.version, cogYear: TERRITORY_DATA_VERSION.cogYear });
  });

  it('sends every commune it lists to no EPCI or to one whose name is known, as epciAt says', () => {
    for (const [year, diff] of Object.entries(history.years)) {
      for (const [commune, siren] of Object.entries(diff.communes)) {
        expect(epciAt(commune, Number(year))?.code ?? null, `${commune} in ${year}`).toBe(siren);
        if (siren !== null) expect(epciName(siren), `${siren} in ${year}`).toEqual(expect.any(String));
      }
    }
  });
});
