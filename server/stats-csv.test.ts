import { readFileSync, writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Territory } from '../src/domain/aggregate';
import { seededRandom } from '../src/domain/testing/respondent';
import { DERIVED_NAMES, type Stats } from './compute-stats';
import { LAYOUTS, countName } from './count-groups';
import { OPEN_DATA_LICENCE, OPEN_DATA_NOTICE, OPEN_DATA_SOURCE, suppressionRule } from './open-data-notice';
import { quarterRangeLabel, weekLabel } from './period-labels';
import { CSV_COLUMNS, DERIVED_FIGURES, NOTICE_MARK } from './stats-csv';
import { epciOf } from './territory-levels';
import { makeBatch, makeBatchV2, makeBatchV3 } from './testing/make-batch';
import { startCollector, type RunningCollector } from './testing/start-collector';

/** Wednesday 2 December 2026 in Paris: weeks up to 2026-W48 are over. */
const NOW = new Date('2026-12-02T11:00:00Z');
const random = seededRandom(20_261_202);
const week = (name: string) => ({ from: name, to: name });
const commune = (code: string): Territory => ({ level: 'commune', code });


/** Batches of the three formats in Côte-d’Or and Doubs: some small enough that cells are hidden, some large enough to show shares. */
const BATCHES = () => [
  makeBatch({ random, size: 40, territory: commune('21231'), weeks: week('2026-W46') }),
  makeBatchV2({ random, size: 60, territory: commune('25056'), weeks: week('2026-W48') }),
  makeBatchV3({ random, size: 40, territory: commune('21231'), weeks: week('2026-W47') }),
  makeBatch({ random, size: 6, territory: commune('21231'), weeks: week('2026-W47') }),
  makeBatch({ random, size: 12, territory: commune('21054'), weeks: week('2026-W48') }),
  makeBatch({ random, size: 8, territory: commune('25056'), weeks: { from: '2026-W45', to: '2026-W46' } }),
  makeBatch({ random, size: 5, territory: { level: 'departement', code: '21' }, weeks: week('2026-W47') }),
  makeBatchV2({ random, size: 7, territory: commune('21231'), weeks: week('2026-W47') }),
  makeBatchV2({ random, size: 20, territory: commune('21231'), weeks: week('2026-W48') }),
  makeBatchV2({ random, size: 9, territory: commune('25056'), weeks: week('2026-W47') }),
  makeBatchV3({ random, size: 15, territory: commune('21231'), weeks: week('2026-W48') }),
  makeBatchV3({ random, size: 6, territory: commune('21054'), weeks: week('2026-W47') }),
  makeBatchV3({ random, size: 11, territory: commune('21166'), weeks: week('2026-W46') }),
];

/** Queries of several territories and periods: quarters, single weeks, a quarter without batches. */
const QUERIES = [
  'quarter=2026-Q4',
  'territory=21&quarter=2026-Q4',
  'territory=21231&quarter=2026-Q4',
  'territory=21231&from=2026-W47&to=2026-W47',
  'territory=25&from=2026-W46&to=2026-W46',
  'territory=region-27&quarter=2026-Q4',
  `territory=epci-${epciOf('21231')!.code}&quarter=2026-Q4`,
  'territory=21231&quarter=2026-Q3',
];

/** The rows of a CSV parsed as a program would: papaparse, its notice lines skipped as comments. */
const parse = (text: string) => Papa.parse<string[]>(text, { comments: NOTICE_MARK, skipEmptyLines: true });

type Json = Readonly<Record<string, unknown>>;

/** The JSON's value for a column's machine name, walked independently of stats-csv.ts: a row's field, or a count. */
function jsonValue(rows: { 1: Json; 2: Json }, name: string): unknown {
  const [row, rest] = name.startsWith('format2.') ? [rows[2], name.slice('format2.'.length)] : [rows[1], name];
  if (rest in row && rest !== 'counts') return row[rest];
  return rest.split('.').reduce<unknown>((node, step) => (node as Json | undefined)?.[step], row.counts);
}

describe('stats.csv: the columns', () => {
  it('gives every column a French header of its own, never its machine name', () => {
    const headers = CSV_COLUMNS.map((column) => column.header);
    expect(new Set(headers).size).toBe(headers.length);
    expect(new Set(CSV_COLUMNS.map((column) => column.name)).size).toBe(CSV_COLUMNS.length);
    for (const column of CSV_COLUMNS) {
      expect(column.header, column.name).not.toBe(column.name);
      // A machine name looks like camelCase or a dotted path; French words never do.
      expect(column.header, column.name).not.toMatch(/[a-z][A-Z]|\w\.\w|undefined/);
      expect(column.header.startsWith(NOTICE_MARK), column.name).toBe(false);
    }
  });

  it('has a column for every count of both formats (LAYOUTS) and every derived figure (DERIVED_NAMES), each with its words', () => {
    const names = CSV_COLUMNS.map((column) => column.name);
    const expected = ([1, 2] as const).flatMap((format) =>
      ['batches', 'total', ...LAYOUTS[format].names, ...DERIVED_NAMES[format]].map((name) => `${format === 2 ? 'format2.' : ''}${name}`),
    );
    expect(names).toEqual(['territory', 'territoryLabel', 'week', 'dates', ...expected]);
    for (const format of [1, 2] as const) {
      for (const name of DERIVED_NAMES[format]) expect(DERIVED_FIGURES, name).toHaveProperty(name);
      for (const group of LAYOUTS[format].groups) for (const key of group.keys) expect(names).toContain(`${format === 2 ? 'format2.' : ''}${countName(group, key)}`);
    }
  });

  it('says the unit of every column: a share from 0 to 1 only where the JSON has a share', () => {
    const shares = CSV_COLUMNS.filter((column) => column.unit === 'part, de 0 à 1').map((column) => column.name.replace('format2.', ''));
    expect(new Set(shares)).toEqual(new Set(['atLeastBasicShare', 'illectronismRate', 'atLeastBasic16to74Share', 'noUseIn12MonthsRate', 'handlingAllPassedShare', 'scamAllRightShare', 'selfReportGapShare']));
    expect(CSV_COLUMNS.filter((column) => column.unit === 'nombre de lots').map((column) => column.name)).toEqual(['batches', 'format2.batches', 'format2.withheld16to74Batches']);
  });
});

describe('stats.csv parsed back, against the JSON of the same query', () => {
  let collector: RunningCollector;
  beforeAll(async () => {
    collector = await startCollector({}, () => NOW);
    for (const batch of BATCHES()) expect((await collector.post(batch)).status, batch.id).toBe(201);
  });
  afterAll(() => collector.stop());

  const fetchBoth = async (query: string) => {
    const [json, csv] = await Promise.all([fetch(`${collector.url}/api/v1/stats?${query}`), fetch(`${collector.url}/api/v1/stats.csv?${query}`)]);
    expect([json.status, csv.status], query).toEqual([200, 200]);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    return { stats: (await json.json()) as Stats, text: await csv.text() };
  };

  it('starts with the notice lines, each a « # » label and its text, then the French header row', async () => {
    const { stats, text } = await fetchBoth('territory=21231&quarter=2026-Q4');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.split('\r\n');
    const notice = lines.filter((line) => line.startsWith(NOTICE_MARK));
    // The notice lines come first, all together; the rest of the file never starts with the mark.
    expect(lines.slice(0, notice.length)).toEqual(notice);
    expect(Papa.parse<string[]>(notice.join('\r\n')).data).toEqual([
      ['# Champ', OPEN_DATA_NOTICE],
      ['# Territoire', stats.territoryLabel],
      ['# Période', `${stats.weeks.label} (semaines ISO 2026-W40 à 2026-W53)`],
      ['# Licence', OPEN_DATA_LICENCE.name, OPEN_DATA_LICENCE.url],
      ['# Source', OPEN_DATA_SOURCE],
      ['# Nombres masqués', suppressionRule(stats.k)],
    ]);
    expect(lines[notice.length]!.startsWith('Code du territoire,Territoire,Semaine ISO,Dates,Questionnaire 1 – Lots reçus,')).toBe(true);
  });

  it('skips the notice lines the same way by their mark as papaparse does with comments: "#"', async () => {
    const { text } = await fetchBoth('quarter=2026-Q4');
    const byMark = Papa.parse<string[]>(
      text
        .split('\r\n')
        .filter((line) => !line.startsWith(NOTICE_MARK))
        .join('\r\n'),
      { skipEmptyLines: true },
    );
    expect(byMark.data).toEqual(parse(text).data);
    expect(parse(text).errors).toEqual([]);
  });

  it.each(QUERIES)('holds, cell by cell, the numbers of the JSON, an empty cell for each null (%s)', async (query) => {
    const { stats, text } = await fetchBoth(query);
    const { data, errors } = parse(text);
    expect(errors).toEqual([]);
    const [header, ...lines] = data;
    expect(header).toEqual(CSV_COLUMNS.map((column) => column.header));
    expect(lines).toHaveLength(stats.series.length + 1);
    const { from, to } = stats.weeks;
    const expectedRows = [
      ...stats.series.map((row, index) => ({ week: row.week, dates: weekLabel(row.week), json: row.dates, rows: { 1: row as unknown as Json, 2: stats.format2.series[index] as unknown as Json } })),
      { week: `${from}/${to}`, dates: from === to ? weekLabel(from) : quarterRangeLabel(stats.quarter), json: undefined, rows: { 1: stats.period as unknown as Json, 2: stats.format2.period as unknown as Json } },
    ];
    expectedRows.forEach((expected, index) => {
      const line = lines[index]!;
      expect(line).toHaveLength(CSV_COLUMNS.length);
      CSV_COLUMNS.forEach((column, at) => {
        const cell = line[at];
        switch (column.name) {
          case 'territory':
            return expect(cell).toBe(stats.territory.level === 'all' ? '' : stats.territory.code);
          case 'territoryLabel':
            return expect(cell).toBe(stats.territoryLabel);
          case 'week':
            return expect(cell).toBe(expected.week);
          case 'dates':
            expect(cell).toBe(expected.dates);
            if (expected.json !== undefined) expect(cell).toBe(expected.json);
            return;
        }
        const value = jsonValue(expected.rows, column.name);
        // Every column has its number in the JSON: a number, or null when hidden.
        expect(value === null || typeof value === 'number', `${column.name} in the JSON`).toBe(true);
        expect(cell, `${expected.week} ${column.name}`).toBe(value === null ? '' : String(value));
        if (value !== null) expect(Number(cell)).toBe(value);
      });
    });
  });

  it('has hidden cells and shown shares among those queries, so the comparison above meant something', async () => {
    let hidden = 0;
    let shares = 0;
    for (const query of QUERIES) {
      const { data } = parse((await fetchBoth(query)).text);
      for (const line of data.slice(1)) {
        CSV_COLUMNS.forEach((column, at) => {
          if (column.unit !== 'texte' && line[at] === '') hidden += 1;
          if (column.unit === 'part, de 0 à 1' && line[at] !== '' && Number(line[at]) > 0) shares += 1;
        });
      }
    }
    expect(hidden).toBeGreaterThan(100);
    expect(shares).toBeGreaterThan(10);
  });
});

describe('docs/OPEN-DATA.md, the data dictionary', () => {
  const DOC = new URL('../docs/OPEN-DATA.md', import.meta.url);
  const START = '<!-- columns:start (generated from CSV_COLUMNS by server/stats-csv.test.ts; UPDATE_OPEN_DATA_DOC=1 rewrites it) -->';
  const END = '<!-- columns:end -->';
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const table = [
    '| # | Nom (machine) | En-tête du CSV | Unité | Source | Définition |',
    '|---|---|---|---|---|---|',
    ...CSV_COLUMNS.map((column, index) => `| ${index + 1} | \`${column.name}\` | ${cell(column.header)} | ${column.unit} | ${column.source} | ${cell(column.definition ?? '')} |`),
  ].join('\n');

  it('lists every column of the CSV, with its machine name, header, unit and source, as the code has them', () => {
    let doc = readFileSync(DOC, 'utf8');
    const [before, rest] = doc.split(START);
    expect(rest, `docs/OPEN-DATA.md has the line ${START}`).toBeDefined();
    const after = rest!.split(END)[1];
    expect(after, `docs/OPEN-DATA.md has the line ${END}`).toBeDefined();
    const generated = `${before}${START}\n${table}\n${END}${after}`;
    if (process.env.UPDATE_OPEN_DATA_DOC && generated !== doc) writeFileSync(DOC, (doc = generated));
    expect(doc, 'run UPDATE_OPEN_DATA_DOC=1 node node_modules/vitest/vitest.mjs run server/stats-csv.test.ts').toBe(generated);
    for (const column of CSV_COLUMNS) expect(doc).toContain(`\`${column.name}\``);
  });

  it('quotes the notice, the licence and the source in the words of the code', () => {
    const doc = readFileSync(DOC, 'utf8');
    for (const text of [OPEN_DATA_NOTICE, OPEN_DATA_LICENCE.name, OPEN_DATA_LICENCE.url, OPEN_DATA_SOURCE]) expect(doc).toContain(text);
  });
});
