import type { DistanceResult } from './result';
import type { SessionMode } from './session';

/**
 * Which results a history view or an export reads: finished in [from, to) (ISO instants, null for no bound), of one
 * distance level and one mode, or all. Storage reads each combination as one range of one index.
 */
export interface ResultsRange {
  readonly from: string | null;
  readonly to: string | null;
  readonly level: DistanceResult | null;
  readonly mode: SessionMode | null;
}

export const ALL_RESULTS: ResultsRange = { from: null, to: null, level: null, mode: null };

/** What the mediator narrows the history to: days as `YYYY-MM-DD` (empty: no bound, both included), a level, a mode. */
export interface HistoryFilter {
  readonly from: string;
  readonly to: string;
  readonly level: DistanceResult | 'all';
  readonly mode: SessionMode | 'all';
}

export const NO_HISTORY_FILTER: HistoryFilter = { from: '', to: '', level: 'all', mode: 'all' };

/** The history is read on the calendar of Europe/Paris, like the weekly counts and the anonymous batches. */
export const HISTORY_TIME_ZONE = 'Europe/Paris';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** How far `timeZone` is ahead of UTC at an instant, in ms (Paris: +1 h in winter, +2 h in summer). */
function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const value = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'), value('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a calendar day starts in `timeZone` (midnight there), as an ISO string; null for a text that is not a
 * day. Midnight exists on every day in Paris (the clocks change at 2 or 3 in the morning).
 */
export function startOfDayIn(day: string, timeZone: string): string | null {
  const match = DAY.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utcMidnight = Date.UTC(year, month - 1, date);
  if (Number.isNaN(utcMidnight) || new Date(utcMidnight).getUTCDate() !== date) return null;
  // The offset at local midnight: guessed from UTC midnight, then checked at the instant found.
  let instant = utcMidnight - offsetMs(utcMidnight, timeZone);
  instant = utcMidnight - offsetMs(instant, timeZone);
  return new Date(instant).toISOString();
}

/** The day after `day` (`YYYY-MM-DD`). */
function nextDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

/** The range a filter reads: from the start of its first day to the start of the day after its last (both included). */
export function rangeOfFilter(filter: HistoryFilter, timeZone: string = HISTORY_TIME_ZONE): ResultsRange {
  return {
    from: filter.from ? startOfDayIn(filter.from, timeZone) : null,
    to: filter.to && DAY.test(filter.to) ? startOfDayIn(nextDay(filter.to), timeZone) : null,
    level: filter.level === 'all' ? null : filter.level,
    mode: filter.mode === 'all' ? null : filter.mode,
  };
}
