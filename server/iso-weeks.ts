import { isoWeek } from '../src/domain/aggregate';

/** ISO 8601 weeks written as the batches write them ("2026-W47"), which also sort as text. */
const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;
const DAY_MS = 86_400_000;

/** 53 weeks when the year starts on a Thursday, or on a Wednesday in a leap year; 52 otherwise. */
export function weeksInYear(year: number): number {
  const firstDay = new Date(Date.UTC(year, 0, 1)).getUTCDay();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return firstDay === 4 || (leap && firstDay === 3) ? 53 : 52;
}

/** Whether a text names a week that exists ("2026-W53" does, "2025-W53" does not). */
export function isIsoWeek(text: string): boolean {
  const match = WEEK_PATTERN.exec(text);
  if (!match) return false;
  const week = Number(match[2]);
  return week >= 1 && week <= weeksInYear(Number(match[1]));
}

/** The week `count` weeks after a valid week (before it when negative). */
export function addWeeks(week: string, count: number): string {
  const [year, number] = week.split('-W').map(Number) as [number, number];
  // Week 1 is the one holding 4 January; take the Thursday of the wanted week, safely inside it in any time zone.
  const fourth = Date.UTC(year, 0, 4);
  const mondayOfWeek1 = fourth - ((new Date(fourth).getUTCDay() || 7) - 1) * DAY_MS;
  return isoWeek(new Date(mondayOfWeek1 + ((number - 1 + count) * 7 + 3) * DAY_MS));
}

/** Every week from `from` to `to`, inclusive, in order. */
export function listWeeks(from: string, to: string): string[] {
  const weeks: string[] = [];
  for (let week = from; week <= to; week = addWeeks(week, 1)) weeks.push(week);
  return weeks;
}

/**
 * The periods the observatory publishes: quarters of ISO weeks, fixed by the calendar. Q1 is weeks 1 to 13, Q2 14 to
 * 26, Q3 27 to 39, Q4 40 to the last (52, or 53 in a long year). Batches count whole ISO weeks, so a quarter of weeks
 * holds each batch whole, where a calendar month or quarter would cut weeks in two.
 */
export const WEEKS_PER_QUARTER = 13;
const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;

export interface Quarter {
  /** "2026-Q4". */
  readonly name: string;
  readonly from: string;
  readonly to: string;
}

const week = (year: number, number: number) => `${year}-W${String(number).padStart(2, '0')}`;

function quarter(year: number, index: number): Quarter {
  const first = (index - 1) * WEEKS_PER_QUARTER + 1;
  const last = index === 4 ? weeksInYear(year) : index * WEEKS_PER_QUARTER;
  return { name: `${year}-Q${index}`, from: week(year, first), to: week(year, last) };
}

/** The quarter a valid week belongs to. */
export function quarterOf(isoWeek: string): Quarter {
  const [year, number] = isoWeek.split('-W').map(Number) as [number, number];
  return quarter(year, Math.min(4, Math.ceil(number / WEEKS_PER_QUARTER)));
}

/** "2026-Q4" → its weeks; null for a text that names no quarter. */
export function parseQuarter(text: string): Quarter | null {
  const match = QUARTER_PATTERN.exec(text);
  return match ? quarter(Number(match[1]), Number(match[2])) : null;
}
