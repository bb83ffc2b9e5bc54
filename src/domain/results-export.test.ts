import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { DsiAreaLevel, DsiOverall } from './dsi';
import type { Language } from './language';
import type { Theme } from './observation';
import type { DsiArea } from './questionnaire';
import type { DistanceLevel } from './result';
import {
  RESULTS_CSV_COLUMNS,
  localCounts,
  quoteCsvField,
  toResultsCsv,
  toResultsJson,
  type CsvSeparator,
  type ExportedResult,
} from './results-export';
import type { AutonomyLevel, Barrier } from './score-profile';
import type { SessionMode } from './session';
import { aV2FinishedResult } from './testing/finished-result';

let serial = 0;
/** A guided result of the history, finished at a given instant; a first-steps profile unless told otherwise. */
function result(finishedAt: string, extra: Partial<ExportedResult> = {}): ExportedResult {
  serial += 1;
  return {
    id: `3f2c9a7e-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    finishedAt,
    mode: 'guided',
    language: 'fr',
    questionnaireVersion: '1',
    distanceLevel: 'firstSteps',
    dsiOverall: 'limited',
    dsiAreas: { information: 'basic', communication: 'aboveBasic', contentCreation: 'none', safety: 'none', problemSolving: 'none' },
    illectronism: true,
    barriers: ['access', 'confidence'],
    autonomy: 'fullySupported',
    ageBand: 'from75',
    countedInBatch: null,
    ...extra,
  };
}

/** The stored results a mediator selected: with and without observation, counted or not, some categories unknown. */
const SELECTED: ExportedResult[] = [
  result('2026-11-24T14:05:00.000Z', {
    observation: { autonomy: 'partlyAutonomous', themes: ['deviceBasics', 'email', 'adminProcedures'] },
  }),
  result('2026-11-25T09:30:00.000Z', {
    mode: 'kiosk',
    language: 'ar',
    distanceLevel: 'autonomous',
    dsiOverall: 'aboveBasic',
    dsiAreas: {
      information: 'aboveBasic',
      communication: 'aboveBasic',
      contentCreation: 'aboveBasic',
      safety: 'aboveBasic',
      problemSolving: 'aboveBasic',
    },
    illectronism: false,
    barriers: [],
    autonomy: null,
    ageBand: null,
    countedInBatch: 'batch-2026-W48-a',
  }),
  result('2026-11-26T16:45:00.000Z', { observation: { autonomy: null, themes: ['digitalSafety'] } }),
];

/**
 * Reads an exported CSV back the way a tool following docs/EXPORT.md would: strip the byte order mark, parse with
 * papaparse, then turn each row into a result (lists split on '|', empty cells as null, 'true'/'false' as booleans).
 */
function parseResultsCsv(csv: string, separator: CsvSeparator): ExportedResult[] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, delimiter: separator, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.meta.fields).toEqual(RESULTS_CSV_COLUMNS);
  const orNull = (cell: string | undefined) => (cell === undefined || cell === '' ? null : cell);
  const listOf = (cell: string | undefined) => (cell ? cell.split('|') : []);
  return parsed.data.map((row) => {
    const area = (name: DsiArea) => row[`dsi.${name}`] as DsiAreaLevel;
    const observedAutonomy = orNull(row.observedAutonomy) as AutonomyLevel | null;
    const themes = listOf(row.themes) as Theme[];
    const base: ExportedResult = {
      id: row.id!,
      finishedAt: row.finishedAt!,
      mode: row.mode as SessionMode,
      language: row.language as Language,
      questionnaireVersion: row.questionnaireVersion!,
      distanceLevel: row.distanceLevel as DistanceLevel,
      dsiOverall: row.dsiOverall as DsiOverall,
      dsiAreas: {
        information: area('information'),
        communication: area('communication'),
        contentCreation: area('contentCreation'),
        safety: area('safety'),
        problemSolving: area('problemSolving'),
      },
      illectronism: row.illectronism === 'true',
      barriers: listOf(row.barriers) as Barrier[],
      autonomy: orNull(row.autonomy) as AutonomyLevel | null,
      ageBand: orNull(row.ageBand),
      countedInBatch: orNull(row.countedInBatch),
    };
    return observedAutonomy === null && themes.length === 0 ? base : { ...base, observation: { autonomy: observedAutonomy, themes } };
  });
}

describe('toResultsCsv', () => {
  it.each<CsvSeparator>([';', ','])('given selected results, when exported with "%s", then the file reads back to exactly them', (separator) => {
    const csv = toResultsCsv(SELECTED, { separator });
    expect(parseResultsCsv(csv, separator)).toEqual(SELECTED);
  });

  it('given no separator chosen, then it uses ";" so that French Excel opens the file in columns', () => {
    const csv = toResultsCsv(SELECTED);
    expect(csv.split('\r\n')[0]).toBe('\uFEFFid;finishedAt;mode;language;questionnaireVersion;distanceLevel;dsiOverall;dsi.information;dsi.communication;dsi.contentCreation;dsi.safety;dsi.problemSolving;illectronism;barriers;autonomy;ageBand;countedInBatch;observedAutonomy;themes;distanceLevelLabel;autonomyLabel;observedAutonomyLabel;themesLabels;lastUse;mainBarrier;proceduresStatusSaid;organismsSaid;deviceProfile');
  });

  it('given a guided result with an observation, then its row says it in plain ids', () => {
    const [, firstRow] = toResultsCsv(SELECTED.slice(0, 1), { separator: ',' }).split('\r\n');
    expect(firstRow).toBe(
      '3f2c9a7e-0000-4000-8000-000000000001,2026-11-24T14:05:00.000Z,guided,fr,1,firstSteps,limited,basic,aboveBasic,none,none,none,true,access|confidence,fullySupported,from75,,partlyAutonomous,deviceBasics|email|adminProcedures,,,,,,,,,',
    );
  });

  it('given a questionnaire-2 result, then what the person said stays apart from what the mediator observed', () => {
    const v2 = aV2FinishedResult('v2', '2026-11-24T10:00:00.000Z', {
      mode: 'guided',
      illectronism: null,
      observation: { autonomy: 'autonomous', themes: ['adminProcedures'] },
      v2: { proceduresStatus: 'fullySupported', organisms: ['caf', 'anef'], lastUse: 'from3to12Months', mainBarrier: 'access' },
    });
    const [row] = Papa.parse<Record<string, string>>(toResultsCsv([v2], { separator: ',' }).slice(1), { header: true, skipEmptyLines: true }).data;
    expect(row).toMatchObject({
      illectronism: 'unknown',
      proceduresStatusSaid: 'fullySupported',
      observedAutonomy: 'autonomous',
      organismsSaid: 'caf|anef',
      lastUse: 'from3to12Months',
      mainBarrier: 'access',
      deviceProfile: 'smartphoneOnly',
    });
  });

  it('given the mediator’s words for the categories, then the rows carry them beside the ids, accents intact', () => {
    const labels = {
      distanceLevel: (level: string) => ({ firstSteps: 'Premiers pas' })[level] ?? level,
      autonomy: (level: string) => ({ fullySupported: 'Entièrement accompagné', partlyAutonomous: 'Partiellement autonome' })[level] ?? level,
      theme: (theme: string) => ({ deviceBasics: 'Prendre en main du matériel', email: 'E-mail', adminProcedures: 'Aide aux démarches' })[theme] ?? theme,
    };
    const parsed = Papa.parse<Record<string, string>>(toResultsCsv(SELECTED.slice(0, 1), { labels }).slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.data[0]).toMatchObject({
      distanceLevel: 'firstSteps',
      distanceLevelLabel: 'Premiers pas',
      autonomyLabel: 'Entièrement accompagné',
      observedAutonomyLabel: 'Partiellement autonome',
      themesLabels: 'Prendre en main du matériel|E-mail|Aide aux démarches',
    });
  });

  it('given an export, then the file starts with the UTF-8 byte order mark EF BB BF', () => {
    const bytes = new TextEncoder().encode(toResultsCsv(SELECTED));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('given an export, then every line ends with CRLF and no bare line feed is left', () => {
    const csv = toResultsCsv(SELECTED);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(SELECTED.length + 2);
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it('given no result selected, then the file still has its header', () => {
    expect(toResultsCsv([])).toBe(`\uFEFF${RESULTS_CSV_COLUMNS.join(';')}\r\n`);
  });
});

describe('quoteCsvField', () => {
  const TRICKY = 'Mâcon; "Saint-Étienne", Besançon\r\nDole';

  it('leaves plain values alone, accents included', () => {
    expect(quoteCsvField('Médiathèque', ';')).toBe('Médiathèque');
    expect(quoteCsvField('a,b', ';')).toBe('a,b');
  });

  it('encloses a value holding the separator, a quote or a line break, and doubles its quotes', () => {
    expect(quoteCsvField('Mâcon; "Saint-Étienne"', ';')).toBe('"Mâcon; ""Saint-Étienne"""');
    expect(quoteCsvField('a,b', ',')).toBe('"a,b"');
    expect(quoteCsvField('say "hi"', ',')).toBe('"say ""hi"""');
    expect(quoteCsvField('line\nbreak', ';')).toBe('"line\nbreak"');
  });

  it.each<CsvSeparator>([';', ','])('given tricky values quoted with "%s", then a CSV reader gets them back intact', (separator) => {
    const values = [TRICKY, 'Dijon', '', '""', 'Saône-et-Loire; Côte-d’Or'];
    const line = values.map((value) => quoteCsvField(value, separator)).join(separator);
    const parsed = Papa.parse<string[]>(line, { delimiter: separator });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([values]);
  });
});

describe('toResultsJson', () => {
  it('given selected results, then the file holds its format, when it was made and exactly the results', () => {
    const json = toResultsJson(SELECTED, new Date('2026-12-02T11:00:00.000Z'));
    expect(json.startsWith('{')).toBe(true);
    expect(JSON.parse(json)).toEqual({ format: 'repere-results/1', exportedAt: '2026-12-02T11:00:00.000Z', results: SELECTED });
  });
});

describe('localCounts', () => {
  /** Wednesday 2 December 2026, noon in Paris: the 30 days start on Monday 2 November, 12:00 in Paris (week 45). */
  const NOW = new Date('2026-12-02T11:00:00.000Z');

  it('given results in and around the last 30 days, then it counts those inside, by distance level and by ISO week', () => {
    const results = [
      result('2026-11-02T10:59:59.000Z', { distanceLevel: 'autonomous' }), // 30 days and 1 second ago: out
      result('2026-11-02T11:00:01.000Z', { distanceLevel: 'learning' }), // week 45
      result('2026-11-17T08:00:00.000Z', { distanceLevel: 'firstSteps' }), // week 47
      result('2026-11-22T22:30:00.000Z', { distanceLevel: 'firstSteps' }), // Sunday 23:30 in Paris: still week 47
      result('2026-11-29T23:30:00.000Z', { distanceLevel: 'nearlyAutonomous' }), // Monday 00:30 in Paris: week 49
      result('2026-12-02T11:00:00.000Z', { distanceLevel: 'learning' }), // now: in
      result('2026-12-02T11:00:01.000Z', { distanceLevel: 'autonomous' }), // later than now (a clock set wrong): out
      result('2025-11-20T12:00:00.000Z', { distanceLevel: 'autonomous' }), // last year: out
    ];
    expect(localCounts(results, NOW)).toEqual({
      from: '2026-11-02T11:00:00.000Z',
      to: '2026-12-02T11:00:00.000Z',
      total: 5,
      byDistanceLevel: { firstSteps: 2, learning: 2, nearlyAutonomous: 1, autonomous: 0, unknown: 0 },
      byWeek: [
        { week: '2026-W45', count: 1 },
        { week: '2026-W46', count: 0 },
        { week: '2026-W47', count: 2 },
        { week: '2026-W48', count: 0 },
        { week: '2026-W49', count: 2 },
      ],
    });
  });

  it('given no result, then every level and every week of the period count zero, from a period starting on a Sunday', () => {
    const counts = localCounts([], new Date('2027-03-30T10:00:00.000Z'));
    expect(counts.total).toBe(0);
    expect(counts.byDistanceLevel).toEqual({ firstSteps: 0, learning: 0, nearlyAutonomous: 0, autonomous: 0, unknown: 0 });
    // Sunday 28 February 2027 (week 8) to Tuesday 30 March (week 13), across the change to summer time on 28 March.
    expect(counts.byWeek).toEqual(
      ['2027-W08', '2027-W09', '2027-W10', '2027-W11', '2027-W12', '2027-W13'].map((week) => ({ week, count: 0 })),
    );
  });
});
