import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { DsiAreaLevel, DsiOverall } from './dsi';
import type { Language } from './language';
import type { Theme } from './observation';
import type { DsiArea } from './questionnaire';
import type { DistanceLevel } from './result';
import type { Observation } from './observation';
import {
  COOP_COLUMNS,
  FRENCH_COLUMNS,
  RESULTS_CSV_COLUMNS,
  isInCoopReport,
  quoteCsvField,
  resultsFileWriter,
  resultsFileText,
  type CsvSeparator,
  type ExportedResult,
  type ResultsFileFormat,
} from './results-export';
import type { AutonomyLevel, Barrier } from './score-profile';
import type { SessionMode } from './session';
import { frenchExportLabels } from './testing/export-labels';
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
  result('2026-11-27T10:00:00.000Z', {
    observation: {
      autonomy: 'autonomous',
      themes: ['email'],
      activityType: 'individual',
      durationMinutes: 45,
      placeType: 'activityPlace',
      equipment: ['computer', 'tablet'],
      referral: 'proceduresHelp',
      updatedAt: '2026-11-27T10:20:00.000Z',
    },
  }),
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
    const session = row.activityType
      ? {
          activityType: row.activityType,
          durationMinutes: Number(row.durationMinutes),
          placeType: row.placeType,
          equipment: listOf(row.equipment),
          referral: row.referral,
          updatedAt: row.observationUpdatedAt,
        }
      : {};
    const observation = { autonomy: observedAutonomy, themes, ...session } as Observation;
    return observedAutonomy === null && themes.length === 0 ? base : { ...base, observation };
  });
}

const LABELS = frenchExportLabels();
const PARIS = 'Europe/Paris';
const NOW = new Date('2026-12-02T11:00:00.000Z');

/** The file a format gives for these results, written in batches of `size` as the history streams them. */
function exportFile(format: ResultsFileFormat, results: readonly ExportedResult[], options: { separator?: CsvSeparator; size?: number } = {}) {
  const writer = resultsFileWriter(format, { separator: options.separator ?? ';', labels: LABELS, now: NOW, timeZone: PARIS });
  const size = options.size ?? 500;
  const batches: ExportedResult[][] = [];
  for (let start = 0; start < results.length; start += size) batches.push(results.slice(start, start + size));
  return { writer, file: resultsFileText(writer, batches) };
}

/** The rows of a CSV as objects keyed by header, after its byte order mark. */
function rowsOf(csv: string, separator: CsvSeparator = ';'): Record<string, string>[] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, delimiter: separator, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('resultsFileWriter', () => {
  describe.each<ResultsFileFormat>(['csvFrench', 'csvCodes', 'coopCsv'])('%s, as every CSV', (format) => {
    it('starts with the UTF-8 byte order mark EF BB BF, then its header line', () => {
      const { file } = exportFile(format, SELECTED);
      expect([...new TextEncoder().encode(file).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    });

    it('ends every line with CRLF and leaves no bare line feed', () => {
      const { file } = exportFile(format, SELECTED);
      expect(file.endsWith('\r\n')).toBe(true);
      expect(file.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    });

    it('gives the same file whether the results come in one batch or one at a time', () => {
      expect(exportFile(format, SELECTED, { size: 1 }).file).toBe(exportFile(format, SELECTED).file);
    });

    it('says it is a CSV file', () => {
      const { writer } = exportFile(format, []);
      expect(writer.extension).toBe('csv');
      expect(writer.mimeType).toBe('text/csv;charset=utf-8');
      expect(writer.footer).toBe('');
    });
  });

  describe('csvCodes', () => {
    it.each<CsvSeparator>([';', ','])('given selected results, when exported with "%s", then the file reads back to exactly them', (separator) => {
      const { file } = exportFile('csvCodes', SELECTED, { separator, size: 2 });
      expect(parseResultsCsv(file, separator)).toEqual(SELECTED);
    });

    it('keeps the columns of earlier versions in their places and adds the session fields at the end', () => {
      const { file } = exportFile('csvCodes', []);
      expect(file).toBe(
        '\uFEFFid;finishedAt;mode;language;questionnaireVersion;distanceLevel;dsiOverall;dsi.information;dsi.communication;dsi.contentCreation;dsi.safety;dsi.problemSolving;illectronism;barriers;autonomy;ageBand;countedInBatch;observedAutonomy;themes;distanceLevelLabel;autonomyLabel;observedAutonomyLabel;themesLabels;lastUse;mainBarrier;proceduresStatusSaid;organismsSaid;deviceProfile;activityType;durationMinutes;placeType;equipment;referral;observationUpdatedAt\r\n',
      );
    });

    it('given a guided result with an observation, then its row says it in ids, ISO instants and French words', () => {
      const [, row] = exportFile('csvCodes', SELECTED.slice(0, 1), { separator: ',' }).file.split('\r\n');
      expect(row).toBe(
        '3f2c9a7e-0000-4000-8000-000000000001,2026-11-24T14:05:00.000Z,guided,fr,1,firstSteps,limited,basic,aboveBasic,none,none,none,true,access|confidence,fullySupported,from75,,partlyAutonomous,deviceBasics|email|adminProcedures,Premiers pas,Entièrement accompagné,Partiellement autonome,Prendre en main du matériel|E-mail|Aide aux démarches administratives,,,,,,,,,,,',
      );
    });

    it('given a questionnaire-2 result, then what the person said stays apart from what the mediator observed', () => {
      const v2 = aV2FinishedResult('v2', '2026-11-24T10:00:00.000Z', {
        mode: 'guided',
        illectronism: null,
        observation: { autonomy: 'autonomous', themes: ['adminProcedures'], referral: 'none' },
        v2: { proceduresStatus: 'fullySupported', organisms: ['caf', 'anef'], lastUse: 'from3to12Months', mainBarrier: 'access' },
      });
      const [row] = rowsOf(exportFile('csvCodes', [v2], { separator: ',' }).file, ',');
      expect(row).toMatchObject({
        illectronism: 'unknown',
        proceduresStatusSaid: 'fullySupported',
        observedAutonomy: 'autonomous',
        organismsSaid: 'caf|anef',
        lastUse: 'from3to12Months',
        mainBarrier: 'access',
        deviceProfile: 'smartphoneOnly',
        referral: 'none',
        activityType: '',
      });
    });

    it('given no result selected, then the file still has its header', () => {
      expect(exportFile('csvCodes', []).file).toBe(`\uFEFF${RESULTS_CSV_COLUMNS.join(';')}\r\n`);
    });
  });

  describe('csvFrench (the default)', () => {
    it('given any results, then its header is in the mediator’s words, ";" by default', () => {
      const [header] = exportFile('csvFrench', []).file.split('\r\n');
      expect(header).toBe(`\uFEFF${FRENCH_COLUMNS.map((column) => LABELS.headers[column]).join(';')}`);
      expect(header).toContain('Distance au numérique;Compétences numériques');
    });

    it('given a guided session with every field observed, then each cell is in words and times are Paris time', () => {
      const [row] = rowsOf(exportFile('csvFrench', SELECTED.slice(3)).file);
      expect(row).toEqual({
        Identifiant: SELECTED[3]!.id,
        'Date et heure': '2026-11-27 11:00',
        Mode: 'Séance accompagnée',
        Langue: 'français',
        'Version du questionnaire': '1',
        'Distance au numérique': 'Premiers pas',
        'Compétences numériques': 'Compétences limitées',
        Information: 'De base',
        Communication: 'Plus que de base',
        'Création de contenus': 'Aucune',
        Sécurité: 'Aucune',
        'Résolution de problèmes': 'Aucune',
        Illectronisme: 'Oui',
        Freins: 'Accès|Confiance',
        'Frein principal': '',
        'Dernière utilisation d’internet': '',
        'Démarches en ligne (dit)': 'Entièrement accompagné',
        Organismes: '',
        'Équipement de la personne': '',
        'Tranche d’âge': '75 ans ou plus',
        'Autonomie observée': 'Autonome',
        'Thèmes travaillés': 'E-mail',
        'Type d’activité': 'Accompagnement individuel',
        'Durée (minutes)': '45',
        Lieu: 'Lieu d’activité',
        'Matériel utilisé': 'Ordinateur|Tablette',
        Orientation: 'Structure d’aide aux démarches (France Services…)',
        'Observation modifiée le': '2026-11-27 11:20',
        'Compté dans les chiffres anonymes': 'Non',
      });
    });

    it('given a kiosk result of questionnaire 2, then what the person said is in words and the observation empty', () => {
      const v2 = aV2FinishedResult('v2', '2026-07-14T10:00:00.000Z', {
        illectronism: null,
        language: 'uk',
        ageBand: null,
        countedInBatch: 'batch-1',
        v2: { proceduresStatus: 'neverNeeded', organisms: ['caf', 'anef'], lastUse: 'from3to12Months', mainBarrier: 'access' },
      });
      const [row] = rowsOf(exportFile('csvFrench', [v2]).file);
      expect(row).toMatchObject({
        'Date et heure': '2026-07-14 12:00', // summer time: UTC+2
        Mode: 'Borne',
        Langue: 'ukrainien',
        Illectronisme: 'Inconnu',
        Sécurité: 'Inconnu',
        'Frein principal': 'Accès',
        'Dernière utilisation d’internet': 'Il y a 3 mois à 1 an',
        'Démarches en ligne (dit)': 'Jamais eu besoin',
        Organismes: 'CAF|ANEF',
        'Équipement de la personne': 'Smartphone seulement',
        'Tranche d’âge': '',
        'Autonomie observée': '',
        'Thèmes travaillés': '',
        Orientation: '',
        'Observation modifiée le': '',
        'Compté dans les chiffres anonymes': 'Oui',
      });
    });

    it.each([
      // Sunday 29 March 2026, 02:00 in Paris: clocks go forward to 03:00.
      ['2026-03-28T23:30:00.000Z', '2026-03-29 00:30'],
      ['2026-03-29T00:30:00.000Z', '2026-03-29 01:30'],
      ['2026-03-29T01:00:00.000Z', '2026-03-29 03:00'],
      ['2026-03-29T01:30:00.000Z', '2026-03-29 03:30'],
      // Sunday 25 October 2026, 03:00 in Paris: clocks go back to 02:00, so 02:30 happens twice.
      ['2026-10-25T00:30:00.000Z', '2026-10-25 02:30'],
      ['2026-10-25T01:30:00.000Z', '2026-10-25 02:30'],
      ['2026-10-25T02:00:00.000Z', '2026-10-25 03:00'],
      // New Year's Eve in Paris is still 2026 in UTC.
      ['2026-12-31T23:15:00.000Z', '2027-01-01 00:15'],
    ])('given a result finished at %s, then it reads %s in Paris', (finishedAt, local) => {
      const [row] = rowsOf(exportFile('csvFrench', [result(finishedAt)]).file);
      expect(row!['Date et heure']).toBe(local);
    });

    it('given a date that cannot be read (a broken clock), then it is written as stored, never dropped', () => {
      const [row] = rowsOf(exportFile('csvFrench', [result('not a date')]).file);
      expect(row!['Date et heure']).toBe('not a date');
    });

    it('given a stored value a later version added, then its id is written rather than nothing', () => {
      const [row] = rowsOf(exportFile('csvFrench', [result('2026-11-24T14:05:00.000Z', { ageBand: 'from100' })]).file);
      expect(row!['Tranche d’âge']).toBe('from100');
    });
  });

  describe('coopCsv (La Coop’s individual activity report)', () => {
    it('has the Coop’s field names as header', () => {
      expect(exportFile('coopCsv', []).file).toBe(
        '\uFEFFtype;date;duree;typeLieu;materiel;thematiques;autonomie;orienteVersStructure;structureDeRedirection;trancheAge\r\n',
      );
      expect(COOP_COLUMNS).toHaveLength(10);
    });

    it('given a guided session with every field, then its row holds the Coop’s API values and the Paris day', () => {
      const session = result('2026-10-24T22:30:00.000Z', {
        ageBand: 'from25to34',
        observation: {
          autonomy: 'partlyAutonomous',
          themes: ['deviceBasics', 'email', 'adminProcedures'],
          activityType: 'individual',
          durationMinutes: 90,
          placeType: 'remote',
          equipment: ['phone', 'none'],
          referral: 'operator',
        },
      });
      const [row] = rowsOf(exportFile('coopCsv', [session]).file);
      expect(row).toEqual({
        type: 'individuel',
        date: '2026-10-25', // 00:30 in Paris
        duree: '90',
        typeLieu: 'a_distance',
        materiel: 'telephone|aucun',
        thematiques: 'prendre_en_main_du_materiel|email|aide_aux_demarches_administratives',
        autonomie: 'partiellement_autonome',
        orienteVersStructure: 'oui',
        structureDeRedirection: 'operateur_ou_organisme_en_charge',
        trancheAge: 'vingt_cinq_trente_neuf',
      });
    });

    it('given an observation made before the session fields existed, then those cells are empty', () => {
      const [row] = rowsOf(exportFile('coopCsv', SELECTED.slice(0, 1)).file);
      expect(row).toEqual({
        type: '',
        date: '2026-11-24',
        duree: '',
        typeLieu: '',
        materiel: '',
        thematiques: 'prendre_en_main_du_materiel|email|aide_aux_demarches_administratives',
        autonomie: 'partiellement_autonome',
        orienteVersStructure: '',
        structureDeRedirection: '',
        trancheAge: 'soixante_dix_plus',
      });
    });

    it.each([
      ['none', 'non', ''],
      ['digitalMediation', 'oui', 'mediation_numerique'],
      [null, '', ''],
    ] as const)('given referral %s, then orienteVersStructure is "%s" and structureDeRedirection "%s"', (referral, oriented, structure) => {
      const observation: Observation = { autonomy: 'autonomous', themes: [], referral };
      const [row] = rowsOf(exportFile('coopCsv', [result('2026-11-24T14:05:00.000Z', { observation })]).file);
      expect([row!.orienteVersStructure, row!.structureDeRedirection]).toEqual([oriented, structure]);
    });

    it.each([
      [null, 'non_communique'],
      ['from45to54', 'quarante_cinquante_neuf'],
      ['from16to24', ''], // straddles the Coop's 12-17 and 18-24: left for the mediator
      ['from65to74', ''],
      ['under16', ''],
    ])('given age band %s, then trancheAge is "%s"', (ageBand, trancheAge) => {
      const [row] = rowsOf(exportFile('coopCsv', [result('2026-11-24T14:05:00.000Z', { ageBand, observation: { autonomy: 'autonomous', themes: [] } })]).file);
      expect(row!.trancheAge).toBe(trancheAge);
    });

    it('given kiosk results, guided ones without observation and empty observations, then they are left out and counted', () => {
      const results = [
        ...SELECTED, // 3 guided observed, 1 kiosk
        result('2026-11-28T10:00:00.000Z'), // guided, no observation
        result('2026-11-28T11:00:00.000Z', { observation: { autonomy: null, themes: [], equipment: [], referral: null } }),
      ];
      const { writer, file } = exportFile('coopCsv', results, { size: 2 });
      expect(rowsOf(file)).toHaveLength(3);
      expect(writer.leftOut).toBe(3);
      expect(results.filter(isInCoopReport)).toHaveLength(3);
    });
  });

  describe('json', () => {
    it.each([1, 2, 500])('given selected results in batches of %i, then the file parses to its format, date and exactly them', (size) => {
      const { writer, file } = exportFile('json', SELECTED, { size });
      expect(writer.extension).toBe('json');
      expect(writer.mimeType).toBe('application/json');
      expect(file.startsWith('{"format":"repere-results/1","exportedAt":"2026-12-02T11:00:00.000Z","results":[')).toBe(true);
      expect(JSON.parse(file)).toEqual({ format: 'repere-results/1', exportedAt: '2026-12-02T11:00:00.000Z', results: SELECTED });
    });

    it('given empty batches among full ones, then the commas still fall right', () => {
      const writer = resultsFileWriter('json', { separator: ';', labels: LABELS, now: NOW, timeZone: PARIS });
      const file = resultsFileText(writer, [[], SELECTED.slice(0, 1), [], SELECTED.slice(1)]);
      expect(JSON.parse(file).results).toEqual(SELECTED);
    });

    it('given no result, then the file is still valid JSON with an empty list', () => {
      expect(JSON.parse(exportFile('json', []).file)).toEqual({ format: 'repere-results/1', exportedAt: NOW.toISOString(), results: [] });
    });
  });

  it('given 50 000 results in batches of 500, then a batch takes well under the 200 ms of a long task', () => {
    const many = Array.from({ length: 50_000 }, (_, index) => result(new Date(Date.UTC(2026, 0, 1) + index * 600_000).toISOString(), SELECTED[index % 4]));
    for (const format of ['csvFrench', 'coopCsv'] as const) {
      const started = performance.now();
      const { file } = exportFile(format, many);
      const perBatch = (performance.now() - started) / 100;
      expect(file.length).toBeGreaterThan(0);
      expect(perBatch).toBeLessThan(100);
    }
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
