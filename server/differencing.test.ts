import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Territory } from '../src/domain/aggregate';
import type { FinishedResult } from '../src/domain/result';
import { seededRandom } from '../src/domain/testing/respondent';
import { makeBatch, makeBatchV3, randomResult } from './testing/make-batch';
import { startCollector, type RunningCollector } from './testing/start-collector';

/**
 * The differencing attack of issue 19, tried against a real collector: two overlapping periods (weeks 10–11 minus week
 * 10) or a département minus its communes would isolate one small commune's week. Every published number is read as
 * an attacker would, and no hidden number may be worked out by one subtraction.
 */

/** Thursday 2 April 2026 in Paris: the first quarter (weeks 1 to 13) is over. */
const NOW = new Date('2026-04-02T10:00:00Z');
const random = seededRandom(19);
const dijon: Territory = { level: 'commune', code: '21231' };
const beaune: Territory = { level: 'commune', code: '21054' };
const week = (week: string) => ({ from: week, to: week });

/** `count` results alike but for their age band: `old` of them aged 75 and over, the others 45 to 54. */
function people(count: number, old: number): FinishedResult[] {
  return Array.from({ length: count }, (_, index) => ({
    ...randomResult(random, `p${index}`),
    ageBand: index < old ? 'from75' : 'from45to54',
  }));
}

type Cell = number | null;
interface Row {
  week?: string;
  total: Cell;
  counts: Record<string, unknown>;
}
interface Stats {
  weeks: { from: string; to: string };
  quarter: string;
  period: Row;
  series: Row[];
}

/** Every count of a row by its dotted name ("ageBand.from75"), and the total. */
function cells(row: Row): Map<string, Cell> {
  const flat = new Map<string, Cell>([['total', row.total]]);
  const walk = (value: unknown, path: string) => {
    if (value === null || typeof value === 'number') flat.set(path, value);
    else if (typeof value === 'object') for (const [key, inner] of Object.entries(value)) walk(inner, path ? `${path}.${key}` : key);
  };
  walk(row.counts, '');
  return flat;
}

/**
 * The attack: a shown whole minus its shown parts. With exactly one part hidden, that is its value: the test fails
 * and says which. Returns how many hidden cells it met, so a test can tell it had something to protect.
 */
function expectNoneIsolated(label: string, whole: Row, parts: readonly Row[]): number {
  const partCells = parts.map(cells);
  let hiddenMet = 0;
  for (const [name, value] of cells(whole)) {
    const values = partCells.map((part): Cell => (part.has(name) ? part.get(name)! : 0));
    const hidden = values.filter((cell) => cell === null).length;
    hiddenMet += hidden;
    if (value === null) continue;
    const worked = value - values.reduce<number>((sum, cell) => sum + (cell ?? 0), 0);
    expect(hidden === 1 ? `${label} ${name}: ${value} − the others gives the hidden one, ${worked}` : null).toBeNull();
  }
  return hiddenMet;
}

describe('no differencing across published tables', () => {
  let collector: RunningCollector;
  beforeAll(async () => {
    collector = await startCollector({}, () => NOW);
    // Dijon: week 10, 12 people of whom 6 aged 75+; week 11, 6 people of whom 1 aged 75+ (alone: a cell to hide).
    const batches = [
      makeBatch({ random, territory: dijon, weeks: week('2026-W10'), results: people(12, 6) }),
      makeBatch({ random, territory: dijon, weeks: week('2026-W11'), results: people(6, 1) }),
      // Beaune, week 11: 5 people of whom 2 aged 75+ — small cells the département's total would give away.
      makeBatch({ random, territory: beaune, weeks: week('2026-W11'), results: people(5, 2) }),
      // Dijon, week 12: 20 people of whom 10 aged 75+.
      makeBatch({ random, territory: dijon, weeks: week('2026-W12'), results: people(20, 10) }),
    ];
    for (const batch of batches) expect((await collector.post(batch)).status).toBe(201);
  });
  afterAll(() => collector.stop());

  const stats = async (query: string): Promise<Stats> => {
    const response = await fetch(`${collector.url}/api/v1/stats?${query}`);
    expect(response.status, query).toBe(200);
    return (await response.json()) as Stats;
  };

  it('refuses a period that is neither one week nor a whole quarter, saying why (W10–W11 cannot be asked)', async () => {
    const response = await fetch(`${collector.url}/api/v1/stats?territory=21231&from=2026-W10&to=2026-W11`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; message: string };
    expect(body.error).toBe('invalid-query');
    expect(body.message).toMatch(/périodes fixes.*2026-W01 à 2026-W13.*2026-Q1.*par différence/);
  });

  it('publishes whole quarters of ISO weeks, by name or by their first and last weeks, the same numbers either way', async () => {
    const byName = await stats('territory=21231&quarter=2026-Q1');
    expect(byName.weeks).toEqual({ from: '2026-W01', to: '2026-W13', label: '1er trimestre 2026, du 29 décembre 2025 au 29 mars 2026' });
    expect(byName.quarter).toBe('2026-Q1');
    expect(byName.series).toHaveLength(13);
    expect(await stats('territory=21231&from=2026-W01&to=2026-W13')).toEqual(byName);
  });

  it('given a small week, then the quarter minus its other weeks does not give it away (W10–W11 minus W10, in its fixed form)', async () => {
    const quarter = await stats('territory=21231&quarter=2026-Q1');
    const w11 = quarter.series.find((row) => row.week === '2026-W11')!;
    // The one person aged 75+ of week 11 is hidden…
    expect(cells(w11).get('ageBand.from75')).toBeNull();
    // …and no published number gives it back: the quarter minus its weeks, for every count.
    expect(expectNoneIsolated('2026-Q1 − its weeks', quarter.period, quarter.series)).toBeGreaterThan(0);
    // A week asked alone is the same row as in its quarter.
    expect({ week: '2026-W11', dates: 'du 9 au 15 mars 2026', ...(await stats('territory=21231&from=2026-W11&to=2026-W11')).period }).toEqual(w11);
    expect({ week: '2026-W10', dates: 'du 2 au 8 mars 2026', ...(await stats('territory=21231&from=2026-W10&to=2026-W10')).period }).toEqual(
      quarter.series.find((row) => row.week === '2026-W10'),
    );
  });

  it('given a small commune, then the département minus its communes does not give it away, week by week and over the quarter', async () => {
    const departement = await stats('territory=21&quarter=2026-Q1');
    const communes = [await stats('territory=21231&quarter=2026-Q1'), await stats('territory=21054&quarter=2026-Q1')];
    // Beaune's 2 people aged 75+ in week 11 are hidden in its own table…
    expect(cells(communes[1]!.series.find((row) => row.week === '2026-W11')!).get('ageBand.from75')).toBeNull();
    // …and the département minus its communes gives back none of its hidden cells.
    let hiddenMet = expectNoneIsolated('21 − its communes, 2026-Q1', departement.period, communes.map((commune) => commune.period));
    departement.series.forEach((row, index) => {
      hiddenMet += expectNoneIsolated(`21 − its communes, ${row.week}`, row, communes.map((commune) => commune.series[index]!));
    });
    expect(hiddenMet).toBeGreaterThan(0);
    // Nor does the whole collector minus its départements (one here), nor the département minus its weeks.
    const all = await stats('quarter=2026-Q1');
    expectNoneIsolated('all − 21, 2026-Q1', all.period, [departement.period]);
    expectNoneIsolated('21, 2026-Q1 − its weeks', departement.period, departement.series);
  });

  it('defaults to the quarter of the last week holding batches', async () => {
    const { weeks, quarter } = await stats('territory=21');
    expect([weeks, quarter]).toEqual([{ from: '2026-W01', to: '2026-W13', label: '1er trimestre 2026, du 29 décembre 2025 au 29 mars 2026' }, '2026-Q1']);
  });
});

describe('the territory levels the Région uses: EPCI and région, merged communes', () => {
  let collector: RunningCollector;
  const beauneEpci = '200006682';
  const chagny: Territory = { level: 'commune', code: '71073' };
  // Crimolois (21213) merged into Neuilly-Crimolois (21452) in 2019: an old kiosk may still send its code.
  const crimolois: Territory = { level: 'commune', code: '21213' };
  beforeAll(async () => {
    collector = await startCollector({}, () => NOW);
    const batches = [
      // Beaune (21) and Chagny (71), both in the CA Beaune, Côte et Sud: the EPCI lies across two départements.
      makeBatch({ random, territory: beaune, weeks: week('2026-W11'), results: people(7, 3) }),
      makeBatch({ random, territory: chagny, weeks: week('2026-W11'), results: people(5, 1) }),
      makeBatch({ random, territory: dijon, weeks: week('2026-W11'), results: people(9, 4) }),
      makeBatch({ random, territory: crimolois, weeks: week('2026-W12'), results: people(6, 2) }),
    ];
    for (const batch of batches) expect((await collector.post(batch)).status).toBe(201);
  });
  afterAll(() => collector.stop());

  const stats = async (query: string): Promise<Stats & { territory: unknown; territoryLabel: string; territoryNote: string | null }> => {
    const response = await fetch(`${collector.url}/api/v1/stats?${query}`);
    expect(response.status, query).toBe(200);
    return (await response.json()) as Stats & { territory: unknown; territoryLabel: string; territoryNote: string | null };
  };

  it('publishes an EPCI across two départements as the sum of its communes, and neither gives away a hidden cell', async () => {
    const epci = await stats(`territory=epci-${beauneEpci}&quarter=2026-Q1`);
    expect(epci.territoryLabel).toBe(`CA Beaune, Côte et Sud - Communauté Beaune-Chagny-Nolay (EPCI ${beauneEpci})`);
    const parts = [await stats('territory=21054&quarter=2026-Q1'), await stats('territory=71073&quarter=2026-Q1')];
    expect(epci.period.total).toBe(12);
    // Chagny's one person aged 75+ is hidden, and the EPCI minus Beaune does not give it back; nor Saône-et-Loire.
    expect(cells(parts[1]!.period).get('ageBand.from75')).toBeNull();
    expect(expectNoneIsolated('EPCI − its communes', epci.period, parts.map((part) => part.period))).toBeGreaterThan(0);
    const saoneEtLoire = await stats('territory=71&quarter=2026-Q1');
    expectNoneIsolated('EPCI − Côte-d’Or’s part', epci.period, [parts[0]!.period, saoneEtLoire.period]);
  });

  it('publishes a région as the sum of its départements, the collector as the sum of its régions', async () => {
    const region = await stats('territory=region-27&quarter=2026-Q1');
    expect(region.territoryLabel).toBe('Bourgogne-Franche-Comté (région 27)');
    const departements = [await stats('territory=21&quarter=2026-Q1'), await stats('territory=71&quarter=2026-Q1')];
    expect(region.period.total).toBe(27);
    expectNoneIsolated('27 − its départements', region.period, departements.map((departement) => departement.period));
    const all = await stats('quarter=2026-Q1');
    expect(all.period.total).toBe(region.period.total);
  });

  it('counts a merged commune with its commune nouvelle, and says so when its old code is asked', async () => {
    const old = await stats('territory=21213&quarter=2026-Q1');
    expect(old.territory).toEqual({ level: 'commune', code: '21452' });
    expect(old.territoryNote).toMatch(/^Crimolois \(21213\) : commune fusionnée dans Neuilly-Crimolois \(21452\)/);
    expect(old.period.total).toBe(6);
    expect(await stats('territory=21452&quarter=2026-Q1')).toMatchObject({ period: old.period, territoryNote: null });
    // in Dijon Métropole, with Dijon
    expect((await stats('territory=epci-242100410&quarter=2026-Q1')).period.total).toBe(15);
  });

  it('refuses a région or an EPCI that does not exist, saying what to give', async () => {
    for (const [query, message] of [
      ['territory=region-99', /n’est pas un code de région/],
      ['territory=epci-123456789', /n’est le SIREN d’aucun EPCI/],
      ['territory=canton-12', /ni une région \(region-27\)/],
    ] as const) {
      const response = await fetch(`${collector.url}/api/v1/stats?${query}`);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(message);
    }
  });

  it('shows every level on the observatory page, with the period in dates', async () => {
    const page = await (await fetch(`${collector.url}/?territory=epci-${beauneEpci}&quarter=2026-Q1`)).text();
    expect(page).toContain('1er trimestre 2026, du 29 décembre 2025 au 29 mars 2026');
    expect(page).toContain('du 9 au 15 mars 2026 (2026-W11)');
    for (const group of ['Régions', 'Départements', 'Intercommunalités (EPCI)', 'Communes']) expect(page).toContain(`<optgroup label="${group}">`);
    expect(page).toContain('<option value="region-27">Bourgogne-Franche-Comté (région 27)</option>');
    const merged = await (await fetch(`${collector.url}/?territory=21213&quarter=2026-Q1`)).text();
    expect(merged).toContain('commune fusionnée dans Neuilly-Crimolois (21452)');
  });
});

describe('a territory without an outline on the map', () => {
  let collector: RunningCollector;
  beforeAll(async () => {
    collector = await startCollector({}, () => NOW);
    // A mediator's tablet in Saint-Pierre-et-Miquelon, sending at the level of its collectivité (975).
    expect((await collector.post(makeBatchV3({ random, territory: { level: 'departement', code: '975' }, weeks: week('2026-W11'), size: 8 }))).status).toBe(201);
  });
  afterAll(() => collector.stop());

  it('is in the table beside the map, said to be off the map, never an error', async () => {
    const response = await fetch(`${collector.url}/?territory=975&quarter=2026-Q1`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('Saint-Pierre-et-Miquelon (975)</a> <span class="hint">(pas sur la carte)</span>');
  });
});

describe('EPCI membership at the batch’s date', () => {
  // DGCL lists in @etalab/decoupage-administratif 4.1.0 (COG 2024) and 5.3.0 (COG 2025), server/geo/epci-history.json:
  // Corneilla-la-Rivière (66058) left the CC Roussillon-Conflent for the CU Perpignan Méditerranée Métropole on
  // 1 January 2025; Agen (47001) was in the CA d'Agen (200035459) until the CA Agglomération d'Agen (200096956) in 2022.
  const corneilla: Territory = { level: 'commune', code: '66058' };
  const agen: Territory = { level: 'commune', code: '47001' };
  const roussillonConflent = '246600415';
  const perpignan = '200027183';
  let collector: RunningCollector;
  beforeAll(async () => {
    collector = await startCollector({}, () => NOW);
    for (const batch of [
      makeBatch({ random, territory: corneilla, weeks: week('2024-W20'), results: people(8, 0) }),
      makeBatch({ random, territory: corneilla, weeks: week('2025-W20'), results: people(6, 0) }),
      makeBatch({ random, territory: agen, weeks: week('2021-W20'), results: people(7, 0) }),
    ]) {
      expect((await collector.post(batch)).status).toBe(201);
    }
  });
  afterAll(() => collector.stop());

  const total = async (query: string) => {
    const response = await fetch(`${collector.url}/api/v1/stats?${query}`);
    expect(response.status, query).toBe(200);
    return (await response.json()) as { period: { total: number | null }; territoryLabel: string };
  };

  it('counts a batch in the EPCI its commune belonged to that year, not today’s', async () => {
    expect((await total(`territory=epci-${roussillonConflent}&quarter=2024-Q2`)).period.total).toBe(8);
    expect((await total(`territory=epci-${perpignan}&quarter=2024-Q2`)).period.total).toBe(0);
    expect((await total(`territory=epci-${perpignan}&quarter=2025-Q2`)).period.total).toBe(6);
    expect((await total(`territory=epci-${roussillonConflent}&quarter=2025-Q2`)).period.total).toBe(0);
    // The commune itself and its département count both, whatever its EPCI.
    expect((await total('territory=66058&quarter=2024-Q2')).period.total).toBe(8);
    expect((await total('territory=66&quarter=2025-Q2')).period.total).toBe(6);
  });

  it('publishes an EPCI gone since under its name of then', async () => {
    const gone = await total('territory=epci-200035459&quarter=2021-Q2');
    expect(gone.territoryLabel).toBe("CA d'Agen (EPCI 200035459)");
    expect(gone.period.total).toBe(7);
    expect((await total('territory=epci-200096956&quarter=2021-Q2')).period.total).toBe(0);
  });
});
