import type OpeningHours from 'opening_hours';
import type { Openness } from '../domain/place-ranking';

/** What a place's hours say at a given moment. */
export type HoursStatus =
  | { readonly kind: 'open'; readonly until: Date | null; readonly comment: string | null }
  | { readonly kind: 'closed'; readonly opens: Date | null; readonly comment: string | null }
  /** No hours, or hours that cannot be read: "horaires non communiqués", never "fermé". */
  | { readonly kind: 'unknown' };

/**
 * The location opening_hours needs for French public holidays (PH) and school holidays: without it `PH` rules throw
 * or follow another country's calendar.
 */
export const FRENCH_LOCATION = { lat: 46.6, lon: 2.4, address: { country_code: 'fr', state: '' } } as const;

/** How far ahead to look for the next opening (a bus that comes every other week). */
const LOOK_AHEAD_DAYS = 15;

/** One day of a week of opening hours: its opening intervals (none when closed). */
export interface HoursDay {
  readonly day: Date;
  readonly intervals: ReadonlyArray<readonly [Date, Date]>;
}

export interface HoursEvaluator {
  status(raw: string | null, now: Date): HoursStatus;
  /** The 7 days from `from`'s day on, with their opening intervals; null when the hours are unknown or unreadable. */
  week(raw: string | null, from: Date): HoursDay[] | null;
}

/**
 * Evaluates OpenStreetMap `opening_hours` strings in the device's local time (a kiosk in France), parsing each string
 * once. `OpeningHoursClass` is the opening_hours library, loaded lazily by `loadHoursEvaluator`.
 */
export function createHoursEvaluator(OpeningHoursClass: typeof OpeningHours): HoursEvaluator {
  const parsed = new Map<string, OpeningHours | null>();
  const parse = (raw: string): OpeningHours | null => {
    if (!parsed.has(raw)) {
      try {
        parsed.set(raw, new OpeningHoursClass(raw, FRENCH_LOCATION as never));
      } catch {
        parsed.set(raw, null);
      }
    }
    return parsed.get(raw) ?? null;
  };
  return {
    status(raw, now) {
      const hours = raw?.trim() ? parse(raw.trim()) : null;
      if (!hours) return { kind: 'unknown' };
      try {
        const comment = hours.getComment(now) ?? null;
        const next = hours.getNextChange(now, new Date(now.getTime() + LOOK_AHEAD_DAYS * 86_400_000)) ?? null;
        if (hours.getState(now)) return { kind: 'open', until: next, comment };
        return { kind: 'closed', opens: next, comment };
      } catch {
        return { kind: 'unknown' };
      }
    },
    week(raw, from) {
      const hours = raw?.trim() ? parse(raw.trim()) : null;
      if (!hours) return null;
      const start = new Date(from.getFullYear(), from.getMonth(), from.getDate());
      try {
        return Array.from({ length: 7 }, (_, index) => {
          const day = new Date(start.getFullYear(), start.getMonth(), start.getDate() + index);
          const next = new Date(start.getFullYear(), start.getMonth(), start.getDate() + index + 1);
          const intervals = hours.getOpenIntervals(day, next).map(([open, close]) => [open, close] as const);
          return { day, intervals };
        });
      } catch {
        return null;
      }
    },
  };
}

/** "Opens soon": within this many hours, a person can still go today. */
export const OPENS_SOON_HOURS = 3;

/** The ranking's view of hours: open, opening within OPENS_SOON_HOURS, closed for longer, or unknown. */
export function opennessOf(status: HoursStatus, now: Date): Openness {
  if (status.kind === 'unknown') return 'unknown';
  if (status.kind === 'open') return 'open';
  return status.opens && status.opens.getTime() - now.getTime() <= OPENS_SOON_HOURS * 3_600_000 ? 'opensSoon' : 'closed';
}

/** Whole days from `now` to `then` on the device's calendar: 0 today, 1 tomorrow. */
export function daysAhead(now: Date, then: Date): number {
  const day = (d: Date) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  return Math.round((day(then) - day(now)) / 86_400_000);
}

/** Loads opening_hours (about 115 KB gzip: only where hours are shown; the service worker precaches it). */
export async function loadHoursEvaluator(): Promise<HoursEvaluator> {
  const module = await import('opening_hours');
  return createHoursEvaluator(module.default);
}
