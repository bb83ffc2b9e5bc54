import { isoWeek } from './aggregate';
import type { Observation } from './observation';
import { DSI_AREAS } from './questionnaire';
import { DISTANCE_RESULTS, type DistanceResult, type FinishedResult } from './result';

/**
 * Exports of the results a mediator selects in the device's history, for their activity reports: a CSV file for
 * spreadsheets, a JSON file for other tools, and the counts of the last 30 days. Every column is described in
 * docs/EXPORT.md. Results hold categories only (no name, no answer), so an export names no one.
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

/**
 * Words for the categories, in the mediator's language (the UI passes its translations): a spreadsheet read by a
 * person shows "Partiellement autonome", beside the stable id a formula relies on.
 */
export interface CsvLabels {
  readonly distanceLevel: (level: DistanceResult) => string;
  readonly autonomy: (level: NonNullable<FinishedResult['autonomy']>) => string;
  readonly theme: (theme: Observation['themes'][number]) => string;
}

interface Column {
  readonly id: string;
  readonly cell: (result: ExportedResult, labels: CsvLabels | undefined) => string;
}

const text = (value: string | null) => value ?? '';
const list = (values: readonly string[]) => values.join(LIST_SEPARATOR);

/** An observation with neither autonomy nor theme gives the same empty cells as no observation: it says nothing. */
const COLUMNS: readonly Column[] = [
  { id: 'id', cell: (r) => r.id },
  { id: 'finishedAt', cell: (r) => r.finishedAt },
  { id: 'mode', cell: (r) => r.mode },
  { id: 'language', cell: (r) => r.language },
  { id: 'questionnaireVersion', cell: (r) => r.questionnaireVersion },
  { id: 'distanceLevel', cell: (r) => r.distanceLevel },
  { id: 'dsiOverall', cell: (r) => r.dsiOverall },
  ...DSI_AREAS.map((area): Column => ({ id: `dsi.${area}`, cell: (r) => r.dsiAreas[area] })),
  { id: 'illectronism', cell: (r) => (r.illectronism === null ? 'unknown' : String(r.illectronism)) },
  { id: 'barriers', cell: (r) => list(r.barriers) },
  { id: 'autonomy', cell: (r) => text(r.autonomy) },
  { id: 'ageBand', cell: (r) => text(r.ageBand) },
  { id: 'countedInBatch', cell: (r) => text(r.countedInBatch) },
  { id: 'observedAutonomy', cell: (r) => text(r.observation?.autonomy ?? null) },
  { id: 'themes', cell: (r) => list(r.observation?.themes ?? []) },
  // The same categories in words (empty when no labels are given): the last columns, so ids keep their places.
  { id: 'distanceLevelLabel', cell: (r, l) => (l ? l.distanceLevel(r.distanceLevel) : '') },
  { id: 'autonomyLabel', cell: (r, l) => (l && r.autonomy ? l.autonomy(r.autonomy) : '') },
  { id: 'observedAutonomyLabel', cell: (r, l) => (l && r.observation?.autonomy ? l.autonomy(r.observation.autonomy) : '') },
  { id: 'themesLabels', cell: (r, l) => (l ? list((r.observation?.themes ?? []).map(l.theme)) : '') },
  // Questionnaire 2 (empty for version-1 results): what the person said, apart from what the mediator observed.
  { id: 'lastUse', cell: (r) => text(r.v2?.lastUse ?? null) },
  { id: 'mainBarrier', cell: (r) => text(r.v2?.mainBarrier ?? null) },
  { id: 'proceduresStatusSaid', cell: (r) => text(r.v2?.proceduresStatus ?? null) },
  { id: 'organismsSaid', cell: (r) => list(r.v2?.organisms ?? []) },
  { id: 'deviceProfile', cell: (r) => text(r.v2?.deviceProfile ?? null) },
];

/** The CSV header, in order: stable English ids that reports and spreadsheet formulas can rely on. */
export const RESULTS_CSV_COLUMNS: readonly string[] = COLUMNS.map((column) => column.id);

/**
 * RFC 4180, section 2: a field holding the separator, a double quote, a carriage return or a line feed is enclosed in
 * double quotes, and each double quote inside it is doubled.
 */
export function quoteCsvField(value: string, separator: CsvSeparator): string {
  const needsQuotes = value.includes(separator) || /["\r\n]/.test(value);
  return needsQuotes ? `"${value.replaceAll('"', '""')}"` : value;
}

function csvLine(cells: readonly string[], separator: CsvSeparator): string {
  return cells.map((cell) => quoteCsvField(cell, separator)).join(separator) + CRLF;
}

/**
 * The results as a CSV file (RFC 4180): UTF-8 with a byte order mark, CRLF line ends, a header row, one row per
 * result in the order given.
 */
export function toResultsCsv(
  results: readonly ExportedResult[],
  options: { separator?: CsvSeparator; labels?: CsvLabels } = {},
): string {
  const separator = options.separator ?? DEFAULT_CSV_SEPARATOR;
  const rows = results.map((result) => csvLine(COLUMNS.map((column) => column.cell(result, options.labels)), separator));
  return UTF8_BOM + csvLine(RESULTS_CSV_COLUMNS, separator) + rows.join('');
}

/** Names the JSON export and its version, so a tool reading it knows what it holds. */
export const RESULTS_JSON_FORMAT = 'repere-results/1';

/** The JSON export: its format, when it was made, and the results exactly as the device keeps them. */
export interface ResultsJsonExport {
  readonly format: typeof RESULTS_JSON_FORMAT;
  readonly exportedAt: string;
  readonly results: readonly ExportedResult[];
}

/** The results as a JSON file (UTF-8, no byte order mark, as RFC 8259 asks), indented for a human reader. */
export function toResultsJson(results: readonly ExportedResult[], now: Date): string {
  const file: ResultsJsonExport = { format: RESULTS_JSON_FORMAT, exportedAt: now.toISOString(), results };
  return JSON.stringify(file, null, 2);
}

/** The period a mediator reports on from the device: the last 30 days. */
export const LOCAL_COUNT_DAYS = 30;
const DAY_MS = 86_400_000;

/** What a mediator reports: how many results in the last 30 days, by distance level and by ISO week. */
export interface LocalCounts {
  /** The period, as ISO instants: results finished after `from` and no later than `to`. */
  readonly from: string;
  readonly to: string;
  readonly total: number;
  readonly byDistanceLevel: Readonly<Record<DistanceResult, number>>;
  /** Every ISO week the period touches, oldest first, including weeks without results ("2026-W47"). */
  readonly byWeek: readonly { readonly week: string; readonly count: number }[];
}

/** The ISO weeks from one instant to another, both included, read a day at a time: no week slips between two days. */
function weeksBetween(from: Date, to: Date): string[] {
  const weeks = new Set<string>();
  for (let time = from.getTime(); time < to.getTime(); time += DAY_MS) weeks.add(isoWeek(new Date(time)));
  weeks.add(isoWeek(to));
  return [...weeks];
}

/** Counts the results finished in the last 30 days before `now` (weeks on the calendar of Europe/Paris). */
export function localCounts(results: readonly FinishedResult[], now: Date): LocalCounts {
  const from = new Date(now.getTime() - LOCAL_COUNT_DAYS * DAY_MS);
  const inPeriod = results.filter((result) => {
    const finished = Date.parse(result.finishedAt);
    return finished > from.getTime() && finished <= now.getTime();
  });
  const byDistanceLevel = Object.fromEntries(DISTANCE_RESULTS.map((level) => [level, 0])) as Record<DistanceResult, number>;
  const byWeek = new Map(weeksBetween(from, now).map((week) => [week, 0]));
  for (const result of inPeriod) {
    byDistanceLevel[result.distanceLevel] += 1;
    const week = isoWeek(new Date(result.finishedAt));
    byWeek.set(week, (byWeek.get(week) ?? 0) + 1);
  }
  return {
    from: from.toISOString(),
    to: now.toISOString(),
    total: inPeriod.length,
    byDistanceLevel,
    byWeek: [...byWeek].map(([week, count]) => ({ week, count })),
  };
}
