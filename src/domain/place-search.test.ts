import { describe, expect, it } from 'vitest';
// The real communes table the build ships (BFC by default), from @etalab/decoupage-administratif.
import { DEFAULT_DEPARTEMENTS, communesTable } from '../../scripts/communes-table.mjs';
import type { Place } from './place';
import { communeFromRow, findCommunes, normalizeName, originForCommune, searchLocation, type CommuneRow } from './place-search';

const COMMUNES = (communesTable(DEFAULT_DEPARTEMENTS) as CommuneRow[]).map(communeFromRow);

const place = (id: string, postalCode: string, commune: string, inseeCode: string | null, lat: number, lon: number): Place => ({
  id,
  name: `Lieu ${id}`,
  street: '1 rue Test',
  postalCode,
  commune,
  inseeCode,
  lat,
  lon,
  services: ['Aide aux démarches administratives'],
  phone: null,
  website: null,
  openingHours: null,
});

const PLACES = [
  place('dijon-1', '21000', 'Dijon', '21231', 47.32, 5.04),
  place('dijon-2', '21000', 'Dijon', '21231', 47.34, 5.06),
  place('besancon', '25000', 'Besançon', '25056', 47.24, 6.02),
  // A place without an INSEE code in a postal code shared by several communes.
  place('quetigny', '21800', 'Quetigny', null, 47.31, 5.11),
];

describe('normalizeName', () => {
  it('reads a commune however it is typed', () => {
    expect(normalizeName('Saint-Étienne')).toBe('saint etienne');
    expect(normalizeName('st  etienne')).toBe('saint etienne');
    expect(normalizeName("L'Isle-sur-le-Doubs")).toBe('l isle sur le doubs');
    expect(normalizeName('STE-MARIE')).toBe('sainte marie');
  });
});

describe('findCommunes (real BFC table)', () => {
  it('finds Besançon typed without accent or capital', () => {
    expect(findCommunes('besancon', COMMUNES)[0]).toMatchObject({ code: '25056', name: 'Besançon', postalCodes: ['25000'] });
  });

  it('lists homonyms for the person to choose: four Bussières in the region', () => {
    const found = findCommunes('Bussières', COMMUNES);
    expect(found.map((c) => c.code).sort()).toEqual(['21119', '70107', '71069', '89058']);
  });

  it('puts exact names before longer ones, and stops at a handful', () => {
    const found = findCommunes('dole', COMMUNES);
    expect(found[0]!.name).toBe('Dole');
    expect(found.length).toBeLessThanOrEqual(6);
  });

  it('knows former communes by their own name, tied to the commune they belong to now', () => {
    const crimolois = findCommunes('Crimolois', COMMUNES)[0]!;
    expect(crimolois).toMatchObject({ code: '21213', parent: '21452' });
  });

  it('ignores one letter', () => {
    expect(findCommunes('d', COMMUNES)).toEqual([]);
  });
});

describe('originForCommune', () => {
  it('takes the centre of the commune’s own places', () => {
    const dijon = COMMUNES.find((c) => c.code === '21231')!;
    const origin = originForCommune(dijon, PLACES)!;
    expect(origin.lat).toBeCloseTo(47.33, 5);
    expect(origin.label).toBe('Dijon (21000)');
    expect(origin.approximate).toBeUndefined();
  });

  it('falls back to the département, marked approximate, for a village with no place near it', () => {
    const village = COMMUNES.find((c) => c.name === 'Agencourt')!;
    const origin = originForCommune(village, PLACES)!;
    expect(origin.approximate).toBe(true);
    // Only the Côte-d'Or places (Dijon ×2, Quetigny) make the centre, not Besançon.
    expect(origin.lon).toBeCloseTo((5.04 + 5.06 + 5.11) / 3, 5);
  });

  it('says nothing for a commune of a département with no place at all', () => {
    const auxerre = COMMUNES.find((c) => c.code === '89024')!;
    expect(originForCommune(auxerre, PLACES)).toBeNull();
  });
});

describe('searchLocation', () => {
  it('finds a postal code and names its commune when it has only one', () => {
    const found = searchLocation('25000', PLACES, COMMUNES);
    expect(found).toMatchObject({ kind: 'found', origin: { label: 'Besançon (25000)' } });
  });

  it('finds a commune by name', () => {
    expect(searchLocation('dijon', PLACES, COMMUNES)).toMatchObject({ kind: 'found', origin: { label: 'Dijon (21000)' } });
  });

  it('asks which one when homonyms exist', () => {
    const found = searchLocation('bussieres', PLACES, COMMUNES);
    expect(found.kind).toBe('choose');
    if (found.kind === 'choose') expect(found.choices.map((c) => [c.commune.code, c.origin !== null])).toContainEqual(['89058', false]);
  });

  it('says it knows the commune but has no place near it', () => {
    expect(searchLocation('Auxerre', PLACES, COMMUNES)).toMatchObject({ kind: 'noPlacesNear', commune: { code: '89024' } });
    expect(searchLocation('89000', PLACES, COMMUNES)).toMatchObject({ kind: 'noPlacesNear' });
  });

  it('says it does not know what was typed', () => {
    expect(searchLocation('99999', PLACES, COMMUNES)).toEqual({ kind: 'unknown' });
    expect(searchLocation('Atlantide', PLACES, COMMUNES)).toEqual({ kind: 'unknown' });
  });
});
