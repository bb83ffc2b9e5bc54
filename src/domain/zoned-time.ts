/**
 * The wall-clock time of an instant in a time zone (Europe/Paris for the mediators), read fast enough for 50 000
 * results: the zone's offset is asked of Intl about once per day and kept. Every time zone's offset is a multiple of
 * 15 minutes and changes at such a boundary (IANA tz database), at most once a day: a day whose first and last
 * quarters of an hour have the same offset has it throughout; on the day of a change, each quarter is asked.
 */

/** A wall-clock reading: calendar day and time, as a person in the zone would read them. */
export interface LocalTime {
  readonly year: number;
  /** 1 to 12. */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

const QUARTER_MS = 900_000;
const DAY_MS = 86_400_000;

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/**
 * A reader of the local time in `timeZone` (an IANA name, e.g. "Europe/Paris"). It returns null for an instant that
 * is not a date (a result written by a broken clock), never throws for it. Keep one reader per export or count: its
 * cache is what makes it cheap.
 */
export function localTimeReader(timeZone: string): (instant: Date | string) => LocalTime | null {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  const quarters = new Map<number, number>();
  const quarterOffset = (time: number): number => {
    const quarter = Math.floor(time / QUARTER_MS);
    let offset = quarters.get(quarter);
    if (offset === undefined) {
      const start = quarter * QUARTER_MS;
      const parts: Record<string, number> = {};
      for (const part of format.formatToParts(new Date(start))) parts[part.type] = Number(part.value);
      const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
      offset = wall - start;
      quarters.set(quarter, offset);
    }
    return offset;
  };
  // null: the offset changes during that (UTC) day.
  const days = new Map<number, number | null>();
  const offsetAt = (time: number): number => {
    const day = Math.floor(time / DAY_MS);
    let offset = days.get(day);
    if (offset === undefined) {
      const first = quarterOffset(day * DAY_MS);
      offset = first === quarterOffset((day + 1) * DAY_MS - QUARTER_MS) ? first : null;
      days.set(day, offset);
    }
    return offset ?? quarterOffset(time);
  };
  return (instant) => {
    const time = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
    if (!Number.isFinite(time)) return null;
    const wall = new Date(time + offsetAt(time));
    return {
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate(),
      hour: wall.getUTCHours(),
      minute: wall.getUTCMinutes(),
    };
  };
}

/** The calendar day as `2026-12-07` (ISO 8601: sorts as text, read as a date by spreadsheets in every locale). */
export function formatLocalDay(local: LocalTime): string {
  return `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}`;
}

/** Day and time as `2026-12-07 10:30` (see docs/EXPORT.md: why this form for French spreadsheets). */
export function formatLocalDateTime(local: LocalTime): string {
  return `${formatLocalDay(local)} ${pad(local.hour)}:${pad(local.minute)}`;
}

/** The month as `2026-12`. */
export function formatLocalMonth(local: LocalTime): string {
  return `${pad(local.year, 4)}-${pad(local.month)}`;
}

/**
 * ISO 8601 week of a calendar day, with its Monday: `{ week: '2026-W49', monday: '2026-11-30' }`. Week 1 is the one
 * holding the year's first Thursday, so the last days of December may belong to week 1 of the next year.
 */
export function isoWeekOfDay(local: Pick<LocalTime, 'year' | 'month' | 'day'>): { readonly week: string; readonly monday: string } {
  const date = Date.UTC(local.year, local.month - 1, local.day);
  const weekday = new Date(date).getUTCDay() || 7;
  const monday = new Date(date - (weekday - 1) * DAY_MS);
  // The Thursday of the same week decides the year.
  const thursday = new Date(date + (4 - weekday) * DAY_MS);
  const weekYear = thursday.getUTCFullYear();
  const week = Math.ceil(((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / DAY_MS + 1) / 7);
  return {
    week: `${pad(weekYear, 4)}-W${pad(week)}`,
    monday: `${pad(monday.getUTCFullYear(), 4)}-${pad(monday.getUTCMonth() + 1)}-${pad(monday.getUTCDate())}`,
  };
}
