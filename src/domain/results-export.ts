import type { AgeBand } from './aggregate';
import type { DsiAreaLevelOrUnknown, DsiOverallOrUnknown } from './dsi';
import type { Language } from './language';
import type { ActivityType, Equipment, Observation, PlaceType, Referral, Theme } from './observation';
import { DSI_AREAS } from './questionnaire';
import type { DistanceResult, FinishedResult } from './result';
import type { AutonomyLevel, Barrier, DeviceProfile, LastUse, Organism, ProceduresStatus } from './score-profile';
import type { SessionMode } from './session';
import { formatLocalDateTime, formatLocalDay, localTimeReader, type LocalTime } from './zoned-time';

/**
 * Exports of the results a mediator selects in the device's history, for their activity reports: a spreadsheet in
 * French (the default), the same with stable codes, the shape of La Coop de la médiation numérique's individual
 * activity report, and JSON. Written a batch at a time, so 50 000 results never sit in one string. Every column is
 * described in docs/EXPORT.md. Results hold categories only (no name, no answer), so an export names no one.
 */

/** A finished result as the history keeps it, with what the mediator added to a guided session, if anything. */
export type ExportedResult = FinishedResult & { readonly observation?: Observation };

/** ',' as RFC 4180 says; ';' for Excel set up in French, where ',' is the decimal separator. */
export type CsvSeparator = ',' | ';';
/** French Excel opens a ';' file in columns on a double click; the mediators' spreadsheets are mostly French. */
export const DEFAULT_CSV_SEPARATOR: CsvSeparator = ';';
/** UTF-8 byte order mark: without it, Excel reads the file as Windows-1252 and garbles the accents. */
export const UTF8_BOM = '\uFEFF';
const CRLF = '\r\n';
/** Joins the values of a list in one cell (barriers, themes); no value contains it. */
export const LIST_SEPARATOR = '|';

/** The four files a mediator can make; `csvFrench` is the default. */
export const RESULTS_FILE_FORMATS = ['csvFrench', 'csvCodes', 'coopCsv', 'json'] as const;
export type ResultsFileFormat = (typeof RESULTS_FILE_FORMATS)[number];
export const DEFAULT_RESULTS_FILE_FORMAT: ResultsFileFormat = 'csvFrench';

/** The columns of the French spreadsheet, in order; ExportLabels.headers gives each its French header. */
export const FRENCH_COLUMNS = [
  'id',
  'finishedAt',
  'mode',
  'language',
  'questionnaireVersion',
  'distanceLevel',
  'dsiOverall',
  ...DSI_AREAS.map((area) => `dsi.${area}` as const),
  'illectronism',
  'barriers',
  'mainBarrier',
  'lastUse',
  'proceduresSaid',
  'organismsSaid',
  'deviceProfile',
  'ageBand',
  'observedAutonomy',
  'themes',
  'activityType',
  'durationMinutes',
  'placeType',
  'equipment',
  'referral',
  'observationUpdatedAt',
  'counted',
] as const;
export type FrenchColumn = (typeof FRENCH_COLUMNS)[number];

type Words<K extends string> = Readonly<Record<K, string>>;

/**
 * Words for the categories and headers, in French by default (the UI passes them, from the French messages): a
 * spreadsheet read by a person shows "Partiellement autonome" and "Distance au numérique", not `partlyAutonomous`.
 */
export interface ExportLabels {
  /** The header of each column of the French spreadsheet. */
  readonly headers: Words<FrenchColumn>;
  readonly yes: string;
  readonly no: string;
  /** An answer the known answers do not decide (illectronism of a version-2 result). */
  readonly unknown: string;
  readonly mode: Words<SessionMode>;
  /** The language's name in the mediator's words ("arabe"), not in itself. */
  readonly language: Words<Language>;
  readonly distanceLevel: Words<DistanceResult>;
  readonly dsiOverall: Words<DsiOverallOrUnknown>;
  readonly dsiAreaLevel: Words<DsiAreaLevelOrUnknown>;
  /** Barriers, and the main barrier (one of them). */
  readonly barrier: Words<Barrier>;
  readonly lastUse: Words<LastUse>;
  /** The online procedures as the person said (autonomy levels, never needed, does not know). */
  readonly proceduresStatus: Words<ProceduresStatus>;
  readonly organism: Words<Organism>;
  readonly deviceProfile: Words<DeviceProfile>;
  readonly ageBand: Words<AgeBand>;
  /** The 3 autonomy levels (observed by the mediator; said by a person of questionnaire 1). */
  readonly autonomy: Words<AutonomyLevel>;
  readonly theme: Words<Theme>;
  readonly activityType: Words<ActivityType>;
  readonly placeType: Words<PlaceType>;
  readonly equipment: Words<Equipment>;
  readonly referral: Words<Referral>;
}

/** Writes one export a batch at a time: `header`, then `rows(batch)` for each batch in order, then `footer`. */
export interface ResultsFileWriter {
  readonly extension: 'csv' | 'json';
  readonly mimeType: string;
  /** Everything before the first row (BOM + header line for CSV; the opening of the JSON object). */
  readonly header: string;
  /** The rows of one batch, in the order given; `first` is true for the first non-empty batch (JSON commas). */
  rows(results: readonly ExportedResult[], first: boolean): string;
  /** Everything after the last row. */
  readonly footer: string;
  /**
   * How many results given to `rows` so far were left out of the file: for `coopCsv`, those that are not a guided
   * session with an observation (the Coop's report is about a session); 0 for the other formats.
   */
  readonly leftOut: number;
}

export interface ResultsFileOptions {
  readonly separator: CsvSeparator;
  readonly labels: ExportLabels;
  /** When the file is made (the JSON's `exportedAt`). */
  readonly now: Date;
  /** The calendar the mediator lives in, for local dates and times: "Europe/Paris". */
  readonly timeZone: string;
}

/**
 * RFC 4180, section 2: a field holding the separator, a double quote, a carriage return or a line feed is enclosed in
 * double quotes, and each double quote inside it is doubled.
 */
export function quoteCsvField(value: string, separator: CsvSeparator): string {
  return NEEDS_QUOTES[separator].test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
const NEEDS_QUOTES: Readonly<Record<CsvSeparator, RegExp>> = { ';': /[;"\r\n]/, ',': /[,"\r\n]/ };

function csvLine(cells: readonly string[], separator: CsvSeparator): string {
  let line = '';
  for (let index = 0; index < cells.length; index += 1) {
    if (index > 0) line += separator;
    line += quoteCsvField(cells[index]!, separator);
  }
  return line + CRLF;
}

const text = (value: string | null | undefined) => value ?? '';
const list = (values: readonly string[] | undefined) => (values ?? []).join(LIST_SEPARATOR);
/** The word for a value, or the value itself if a stored value has no word (data of a later version). */
const word = <K extends string>(words: Words<K>, value: string | null | undefined): string =>
  value === null || value === undefined ? '' : ((words as Readonly<Record<string, string>>)[value] ?? value);
const words = <K extends string>(dictionary: Words<K>, values: readonly string[] | undefined) =>
  (values ?? []).map((value) => word(dictionary, value)).join(LIST_SEPARATOR);

/** An observation in which the mediator said something: an empty one is written like none. */
function saysSomething(observation: Observation | undefined): observation is Observation {
  if (!observation) return false;
  return (
    observation.autonomy !== null ||
    (observation.themes ?? []).length > 0 ||
    (observation.activityType ?? null) !== null ||
    (observation.durationMinutes ?? null) !== null ||
    (observation.placeType ?? null) !== null ||
    (observation.equipment ?? []).length > 0 ||
    (observation.referral ?? null) !== null
  );
}

// --- Codes: stable English ids and ISO instants, for formulas and tools --------------------------------------------

interface CodesColumn {
  readonly id: string;
  /** `o`: the observation, when it says something (computed once per row). */
  readonly cell: (result: ExportedResult, labels: ExportLabels, o: Observation | undefined) => string;
}

const observed = (r: ExportedResult) => (saysSomething(r.observation) ? r.observation : undefined);

/** The columns of `csvCodes`; a new column is added at the end, never renamed, so formulas keep working. */
const CODES_COLUMNS: readonly CodesColumn[] = [
  { id: 'id', cell: (r) => r.id },
  { id: 'finishedAt', cell: (r) => r.finishedAt },
  { id: 'mode', cell: (r) => r.mode },
  { id: 'language', cell: (r) => r.language },
  { id: 'questionnaireVersion', cell: (r) => r.questionnaireVersion },
  { id: 'distanceLevel', cell: (r) => r.distanceLevel },
  { id: 'dsiOverall', cell: (r) => r.dsiOverall },
  ...DSI_AREAS.map((area): CodesColumn => ({ id: `dsi.${area}`, cell: (r) => text(r.dsiAreas?.[area]) })),
  { id: 'illectronism', cell: (r) => (r.illectronism === null ? 'unknown' : String(r.illectronism)) },
  { id: 'barriers', cell: (r) => list(r.barriers) },
  { id: 'autonomy', cell: (r) => text(r.autonomy) },
  { id: 'ageBand', cell: (r) => text(r.ageBand) },
  { id: 'countedInBatch', cell: (r) => text(r.countedInBatch) },
  { id: 'observedAutonomy', cell: (_r, _l, o) => text(o?.autonomy) },
  { id: 'themes', cell: (_r, _l, o) => list(o?.themes) },
  // The same categories in words: after the ids, so the ids keep their places.
  { id: 'distanceLevelLabel', cell: (r, l) => word(l.distanceLevel, r.distanceLevel) },
  { id: 'autonomyLabel', cell: (r, l) => word(l.autonomy, r.autonomy) },
  { id: 'observedAutonomyLabel', cell: (_r, l, o) => word(l.autonomy, o?.autonomy) },
  { id: 'themesLabels', cell: (_r, l, o) => words(l.theme, o?.themes) },
  // Questionnaire 2 (empty for version-1 results): what the person said, apart from what the mediator observed.
  { id: 'lastUse', cell: (r) => text(r.v2?.lastUse) },
  { id: 'mainBarrier', cell: (r) => text(r.v2?.mainBarrier) },
  { id: 'proceduresStatusSaid', cell: (r) => text(r.v2?.proceduresStatus) },
  { id: 'organismsSaid', cell: (r) => list(r.v2?.organisms) },
  { id: 'deviceProfile', cell: (r) => text(r.v2?.deviceProfile) },
  // The session fields of La Coop's activity reports (empty on observations made before they existed).
  { id: 'activityType', cell: (_r, _l, o) => text(o?.activityType) },
  { id: 'durationMinutes', cell: (_r, _l, o) => String(o?.durationMinutes ?? '') },
  { id: 'placeType', cell: (_r, _l, o) => text(o?.placeType) },
  { id: 'equipment', cell: (_r, _l, o) => list(o?.equipment) },
  { id: 'referral', cell: (_r, _l, o) => text(o?.referral) },
  { id: 'observationUpdatedAt', cell: (_r, _l, o) => text(o?.updatedAt) },
];

/** The header of `csvCodes`, in order: stable English ids that reports and spreadsheet formulas can rely on. */
export const RESULTS_CSV_COLUMNS: readonly string[] = CODES_COLUMNS.map((column) => column.id);

// --- French: the mediator's words and local time ------------------------------------------------------------------

type LocalReader = ReturnType<typeof localTimeReader>;

/** A stored instant as local `2026-12-07 10:30`; a date that cannot be read is written as stored, never dropped. */
function localDateTime(read: LocalReader, instant: string | undefined): string {
  if (instant === undefined || instant === '') return '';
  const local: LocalTime | null = read(instant);
  return local ? formatLocalDateTime(local) : instant;
}

/** The cells of one row of the French spreadsheet, in the order of FRENCH_COLUMNS. */
function frenchCells(r: ExportedResult, l: ExportLabels, read: LocalReader): string[] {
  const o = observed(r);
  // Questionnaire 1 kept only the autonomy; questionnaire 2 says also "never needed" or "does not know".
  const procedures = r.v2 ? word(l.proceduresStatus, r.v2.proceduresStatus) : word(l.autonomy, r.autonomy);
  return [
    r.id,
    localDateTime(read, r.finishedAt),
    word(l.mode, r.mode),
    word(l.language, r.language),
    r.questionnaireVersion,
    word(l.distanceLevel, r.distanceLevel),
    word(l.dsiOverall, r.dsiOverall),
    ...DSI_AREAS.map((area) => word(l.dsiAreaLevel, r.dsiAreas?.[area])),
    r.illectronism === null ? l.unknown : r.illectronism ? l.yes : l.no,
    words(l.barrier, r.barriers),
    word(l.barrier, r.v2?.mainBarrier),
    word(l.lastUse, r.v2?.lastUse),
    procedures,
    words(l.organism, r.v2?.organisms),
    word(l.deviceProfile, r.v2?.deviceProfile),
    word(l.ageBand, r.ageBand),
    word(l.autonomy, o?.autonomy),
    words(l.theme, o?.themes),
    word(l.activityType, o?.activityType),
    String(o?.durationMinutes ?? ''),
    word(l.placeType, o?.placeType),
    words(l.equipment, o?.equipment),
    word(l.referral, o?.referral),
    localDateTime(read, o?.updatedAt),
    r.countedInBatch === null ? l.no : l.yes,
  ];
}

// --- La Coop de la médiation numérique: the individual activity report ("CRA individuel") -------------------------

/**
 * The Coop's API values (inclusion-numerique/coop-mediation-numerique, apps/web/src/cra/cra.ts: `*ApiValues`, equal to
 * the `@map` of the enums in apps/web/prisma/schema.prisma), for each of Repère's ids. docs/EXPORT.md lists them.
 */
export const COOP_THEMATIQUES: Readonly<Record<Theme, string>> = {
  digitalAssessment: 'diagnostic_numerique',
  deviceBasics: 'prendre_en_main_du_materiel',
  deviceMaintenance: 'maintenance_de_materiel',
  digitalContent: 'gere_ses_contenus_numeriques',
  webBrowsing: 'navigation_sur_internet',
  email: 'email',
  officeSoftware: 'bureautique',
  socialMedia: 'reseaux_sociaux',
  health: 'sante',
  onlineBankingAndShopping: 'banque_et_achats_en_ligne',
  entrepreneurship: 'entrepreneuriat',
  employment: 'insertion_professionnelle',
  digitalSafety: 'securite_numerique',
  parenting: 'parentalite',
  schooling: 'scolarite_et_numerique',
  digitalCreation: 'creer_avec_le_numerique',
  digitalCulture: 'culture_numerique',
  artificialIntelligence: 'intelligence_artificielle',
  adminProcedures: 'aide_aux_demarches_administratives',
};
export const COOP_AUTONOMIE: Readonly<Record<AutonomyLevel, string>> = {
  fullySupported: 'entierement_accompagne',
  partlyAutonomous: 'partiellement_autonome',
  autonomous: 'autonome',
};
export const COOP_TYPE_ACTIVITE: Readonly<Record<ActivityType, string>> = { individual: 'individuel', collective: 'collectif' };
export const COOP_TYPE_LIEU: Readonly<Record<PlaceType, string>> = {
  activityPlace: 'lieu_activite',
  remote: 'a_distance',
  home: 'domicile',
  other: 'autre',
};
export const COOP_MATERIEL: Readonly<Record<Equipment, string>> = {
  computer: 'ordinateur',
  phone: 'telephone',
  tablet: 'tablette',
  other: 'autre',
  none: 'aucun',
};
export const COOP_STRUCTURE_DE_REDIRECTION: Readonly<Record<Exclude<Referral, 'none'>, string>> = {
  operator: 'operateur_ou_organisme_en_charge',
  proceduresHelp: 'aide_aux_demarches_administratives',
  administration: 'administration',
  digitalMediation: 'mediation_numerique',
  other: 'autre',
};
/**
 * The Coop's age bands (prisma enum `TrancheAge`: under 12, 12-17, 18-24, 25-39, 40-59, 60-69, 70+) do not share
 * Repère's limits (INSEE's ten-year bands): only the bands wholly inside one of the Coop's are given; the others
 * (16-24 straddles 17/18, 35-44 straddles 39/40…) are left empty for the mediator to choose, never guessed.
 */
export const COOP_TRANCHE_AGE: Readonly<Partial<Record<AgeBand, string>>> = {
  from25to34: 'vingt_cinq_trente_neuf',
  from45to54: 'quarante_cinquante_neuf',
  from75: 'soixante_dix_plus',
};
/** The Coop's value for an age not said. */
export const COOP_TRANCHE_AGE_NOT_SAID = 'non_communique';

/** The columns of `coopCsv`: the Coop's own field names (CraIndividuelValidation, prisma model Activite). */
export const COOP_COLUMNS = [
  'type',
  'date',
  'duree',
  'typeLieu',
  'materiel',
  'thematiques',
  'autonomie',
  'orienteVersStructure',
  'structureDeRedirection',
  'trancheAge',
] as const;

/** Whether a result goes into the Coop's report: a guided session in which the mediator observed something. */
export function isInCoopReport(result: ExportedResult): boolean {
  return result.mode === 'guided' && saysSomething(result.observation);
}

function coopCells(r: ExportedResult, read: LocalReader): string[] {
  const o = observed(r)!;
  const local = read(r.finishedAt);
  const referral = o.referral ?? null;
  const trancheAge = r.ageBand === null ? COOP_TRANCHE_AGE_NOT_SAID : (COOP_TRANCHE_AGE[r.ageBand as AgeBand] ?? '');
  return [
    word(COOP_TYPE_ACTIVITE, o.activityType),
    local ? formatLocalDay(local) : r.finishedAt,
    String(o.durationMinutes ?? ''),
    word(COOP_TYPE_LIEU, o.placeType),
    words(COOP_MATERIEL, o.equipment),
    words(COOP_THEMATIQUES, o.themes),
    word(COOP_AUTONOMIE, o.autonomy),
    referral === null ? '' : referral === 'none' ? 'non' : 'oui',
    referral === null || referral === 'none' ? '' : word(COOP_STRUCTURE_DE_REDIRECTION, referral),
    trancheAge,
  ];
}

// --- The writer ---------------------------------------------------------------------------------------------------

/** Names the JSON export and its version, so a tool reading it knows what it holds. */
export const RESULTS_JSON_FORMAT = 'repere-results/1';

/** The JSON export: its format, when it was made, and the results exactly as the device keeps them. */
export interface ResultsJsonExport {
  readonly format: typeof RESULTS_JSON_FORMAT;
  readonly exportedAt: string;
  readonly results: readonly ExportedResult[];
}

const CSV_MIME = 'text/csv;charset=utf-8';

/**
 * The writer of one export (docs/EXPORT.md). CSV formats: UTF-8 with a byte order mark, the separator chosen, CRLF
 * line ends, RFC 4180 quoting. JSON: `repere-results/1`, one result per line, no byte order mark (RFC 8259).
 */
export function resultsFileWriter(format: ResultsFileFormat, options: ResultsFileOptions): ResultsFileWriter {
  const { separator, labels, now, timeZone } = options;
  if (format === 'json') {
    const opening: Omit<ResultsJsonExport, 'results'> = { format: RESULTS_JSON_FORMAT, exportedAt: now.toISOString() };
    return {
      extension: 'json',
      mimeType: 'application/json',
      header: `${JSON.stringify(opening).slice(0, -1)},"results":[`,
      rows: (results, first) =>
        results.length === 0 ? '' : (first ? '\n' : ',\n') + results.map((result) => JSON.stringify(result)).join(',\n'),
      footer: '\n]}\n',
      leftOut: 0,
    };
  }
  const read = localTimeReader(timeZone);
  const csv = (header: readonly string[], rows: ResultsFileWriter['rows'], leftOut: () => number): ResultsFileWriter => ({
    extension: 'csv',
    mimeType: CSV_MIME,
    header: UTF8_BOM + csvLine(header, separator),
    rows,
    footer: '',
    get leftOut() {
      return leftOut();
    },
  });
  const eachLine = (results: readonly ExportedResult[], cells: (result: ExportedResult) => readonly string[]) => {
    let out = '';
    for (const result of results) out += csvLine(cells(result), separator);
    return out;
  };
  if (format === 'csvCodes') {
    const cells = (r: ExportedResult) => {
      const o = observed(r);
      return CODES_COLUMNS.map((column) => column.cell(r, labels, o));
    };
    return csv(RESULTS_CSV_COLUMNS, (results) => eachLine(results, cells), () => 0);
  }
  if (format === 'csvFrench') {
    const cells = (r: ExportedResult) => frenchCells(r, labels, read);
    return csv(FRENCH_COLUMNS.map((column) => labels.headers[column]), (results) => eachLine(results, cells), () => 0);
  }
  let leftOut = 0;
  return csv(
    COOP_COLUMNS,
    (results) => {
      const kept = results.filter(isInCoopReport);
      leftOut += results.length - kept.length;
      return eachLine(kept, (r) => coopCells(r, read));
    },
    () => leftOut,
  );
}

/** A whole export in one string, from batches: for tests and small exports (the history streams them through app/results-history.ts). */
export function resultsFileText(writer: ResultsFileWriter, batches: readonly (readonly ExportedResult[])[]): string {
  let out = writer.header;
  let first = true;
  for (const batch of batches) {
    out += writer.rows(batch, first);
    if (batch.length > 0) first = false;
  }
  return out + writer.footer;
}
