import { isIsoWeek, parseQuarter } from './iso-weeks';

/**
 * French words for the observatory's periods: ISO weeks ("2026-W45") and quarters of ISO weeks ("2026-Q4").
 * Dates are computed and read in UTC only, so a label never depends on the machine's time zone. Month names are a
 * hand list rather than Intl, whose output depends on the ICU data Node was built with.
 */
const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;

const DAY_MS = 86_400_000;
const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export interface WeekDates {
  /** "2026-11-02": the first day of the week. */
  readonly monday: string;
  /** "2026-11-08": the last day of the week. */
  readonly sunday: string;
}

interface Day {
  readonly year: number;
  /** 0 for January. */
  readonly month: number;
  readonly date: number;
}

function mondayOf(week: string): number {
  if (!isIsoWeek(week)) throw new RangeError(`Not an ISO week: "${week}"`);
  const [year, number] = week.split('-W').map(Number) as [number, number];
  // ISO 8601: week 1 is the week holding 4 January.
  const fourth = Date.UTC(year, 0, 4);
  const mondayOfWeek1 = fourth - ((new Date(fourth).getUTCDay() || 7) - 1) * DAY_MS;
  return mondayOfWeek1 + (number - 1) * 7 * DAY_MS;
}

const isoDate = (time: number) => new Date(time).toISOString().slice(0, 10);

function dayOf(time: number): Day {
  const day = new Date(time);
  return { year: day.getUTCFullYear(), month: day.getUTCMonth(), date: day.getUTCDate() };
}

/** French writes the first day of a month "1er". */
const dayNumber = (date: number) => (date === 1 ? '1er' : String(date));

/** "du 2 au 8 novembre 2026", "du 28 septembre au 4 octobre 2026", "du 28 décembre 2026 au 3 janvier 2027". */
function rangeLabel(first: Day, last: Day): string {
  const end = `${dayNumber(last.date)} ${MONTHS[last.month]} ${last.year}`;
  if (first.year !== last.year) return `du ${dayNumber(first.date)} ${MONTHS[first.month]} ${first.year} au ${end}`;
  if (first.month !== last.month) return `du ${dayNumber(first.date)} ${MONTHS[first.month]} au ${end}`;
  return `du ${dayNumber(first.date)} au ${end}`;
}

/** The Monday and the Sunday of an ISO week, as "YYYY-MM-DD"; throws a RangeError for a week that does not exist. */
export function weekDates(week: string): WeekDates {
  const monday = mondayOf(week);
  return { monday: isoDate(monday), sunday: isoDate(monday + 6 * DAY_MS) };
}

/** "2026-W45" → "du 2 au 8 novembre 2026"; throws a RangeError for a week that does not exist. */
export function weekLabel(week: string): string {
  const monday = mondayOf(week);
  return rangeLabel(dayOf(monday), dayOf(monday + 6 * DAY_MS));
}

function quarterOrThrow(quarter: string) {
  const parsed = parseQuarter(quarter);
  if (!parsed) throw new RangeError(`Not a quarter: "${quarter}"`);
  return parsed;
}

/** "2026-Q4" → "4e trimestre 2026", "2027-Q1" → "1er trimestre 2027" (quarters of ISO weeks, see iso-weeks.ts). */
export function quarterLabel(quarter: string): string {
  const { name } = quarterOrThrow(quarter);
  const [year, index] = name.split('-Q') as [string, string];
  return `${index === '1' ? '1er' : `${index}e`} trimestre ${year}`;
}

/** "2026-Q4" → "du 28 septembre 2026 au 3 janvier 2027": from the Monday of its first week to the Sunday of its last. */
export function quarterRangeLabel(quarter: string): string {
  const { from, to } = quarterOrThrow(quarter);
  return rangeLabel(dayOf(mondayOf(from)), dayOf(mondayOf(to) + 6 * DAY_MS));
}

/** "2026-11" → "novembre 2026"; throws a RangeError for a text that names no month. */
export function monthLabel(month: string): string {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new RangeError(`Not a month: "${month}"`);
  return `${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
}
