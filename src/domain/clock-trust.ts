/**
 * Whether the device's clock can be trusted for work that cannot be undone: deleting results past the retention delay,
 * and building the anonymous batches (which say which weeks they count). A kiosk's clock can be set to any date by
 * whoever reaches its settings, and a tablet left in a drawer can wake with a flat battery at 1 January 1970: set a
 * year ahead, the next purge would delete the whole history for good, and batches would carry weeks yet to come.
 *
 * The device keeps the latest time it has seen (storage/device-clock.ts): each check that finds the clock plausible
 * moves it on, and so do the results, sessions and batches it holds that are dated within reach of it. Compared with it:
 * - **behind**: now is more than a day before it. The clock was moved back (or the latest time was wrong, see below).
 * - **far ahead**: now is more than 30 days after it. While the device is in use, every start-up and every day moves
 *   the latest time on, so it is never that far behind; only a device switched off for a month or more, or a clock set
 *   forward, finds itself there. The two cannot be told apart by the device alone, so it asks a mediator once ("La date
 *   de l'appareil est-elle juste ?"); a device unused for months is not blocked: people use it as before, only the
 *   purge and the batches wait for the mediator's answer.
 * - **plausible** otherwise: the work is done, and the latest time moves on.
 * While the clock is not plausible nothing is deleted and no batch is built; the work is done at the first check that
 * finds the clock plausible again (the clock put right, or the mediator's confirmation).
 */

const DAY_MS = 86_400_000;

/**
 * How far the clock may read before the latest time seen and still be trusted: a day covers a clock set by hand a few
 * hours off, a time zone changed, a network time correction. Retention counts in days, so a day changes nothing there.
 */
export const CLOCK_BEHIND_TOLERANCE_MS = DAY_MS;

/**
 * How far the clock may read after the latest time seen and still be trusted without asking: a month. A device in use
 * moves the latest time on every day, so a month without any sign of life is already unusual; a clock jumped further
 * would, at the default retention of 90 days, already delete a third of the history.
 */
export const CLOCK_AHEAD_LIMIT_MS = 30 * DAY_MS;

export type ClockTrust = 'plausible' | 'behind' | 'farAhead';

/**
 * What the device remembers of time (the record `clock` of the settings store). `latestSeenAt`: the latest time seen
 * while the clock was plausible, or confirmed by a mediator. `ignoreStampsUpTo`: when a mediator confirmed a date
 * earlier than the latest time seen (a clock that had run ahead, now put right), the dates of the data stamped by the
 * wrong clock, up to this instant, no longer count.
 */
export interface ClockMemory {
  readonly latestSeenAt: string | null;
  readonly ignoreStampsUpTo: string | null;
}

/** A device that has seen nothing yet. */
export const NO_CLOCK_MEMORY: ClockMemory = { latestSeenAt: null, ignoreStampsUpTo: null };

const parse = (text: string | null | undefined): number | null => {
  if (!text) return null;
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : time;
};

/**
 * The latest time the device has seen: what it remembers, moved on by the dates of its data (results finished,
 * sessions started or saved, batches made or sent) that lie within CLOCK_AHEAD_LIMIT_MS of it. A date further ahead
 * was written by a clock set forward, and does not count: otherwise the first result of a person using the kiosk with
 * the wrong date would make that date look right. A device that remembers nothing (a new one, or one of an older
 * version) starts from the latest date of its data.
 */
export function latestTimeSeen(memory: ClockMemory, stamps: Iterable<string>): Date | null {
  const remembered = parse(memory.latestSeenAt);
  const ignoreUpTo = parse(memory.ignoreStampsUpTo);
  let latest = remembered;
  for (const stamp of stamps) {
    const time = parse(stamp);
    if (time === null || (ignoreUpTo !== null && time <= ignoreUpTo)) continue;
    if (remembered !== null && time > remembered + CLOCK_AHEAD_LIMIT_MS) continue;
    if (latest === null || time > latest) latest = time;
  }
  return latest === null ? null : new Date(latest);
}

/** Whether `now` can be trusted, given the latest time the device has seen (null: nothing seen, nothing to protect). */
export function clockTrust({ now, latestSeen }: { readonly now: Date; readonly latestSeen: Date | null }): ClockTrust {
  if (latestSeen === null) return 'plausible';
  const gap = now.getTime() - latestSeen.getTime();
  if (gap < -CLOCK_BEHIND_TOLERANCE_MS) return 'behind';
  if (gap > CLOCK_AHEAD_LIMIT_MS) return 'farAhead';
  return 'plausible';
}

/** The latest of the dates later than `after`, as ISO text, or `fallback` when none is. */
function latestAfter(stamps: Iterable<string>, after: number, fallback: string | null): string | null {
  let latest = parse(fallback);
  for (const stamp of stamps) {
    const time = parse(stamp);
    if (time !== null && time > after && (latest === null || time > latest)) latest = time;
  }
  return latest === null ? null : new Date(latest).toISOString();
}

/**
 * What the device remembers after a check at `now`. A plausible clock moves the latest time on, and the dates of data
 * lying more than CLOCK_AHEAD_LIMIT_MS after it, written while the clock was set forward, stop counting for good (else
 * they would count once the real date came near them). Any other check leaves the memory as it is, so that it keeps
 * saying so until the clock is put right or a mediator confirms it.
 */
export function rememberCheck(memory: ClockMemory, stamps: readonly string[], trust: ClockTrust, now: Date): ClockMemory {
  if (trust !== 'plausible') return memory;
  const latest = latestTimeSeen(memory, stamps);
  return {
    latestSeenAt: (latest === null || now > latest ? now : latest).toISOString(),
    ignoreStampsUpTo: latestAfter(stamps, now.getTime() + CLOCK_AHEAD_LIMIT_MS, memory.ignoreStampsUpTo),
  };
}

/**
 * A mediator says the date the device shows (`now`) is right: it becomes the latest time seen, and the data dated
 * after it, by a clock that had run ahead, no longer count.
 */
export function confirmClock(memory: ClockMemory, stamps: readonly string[], now: Date): ClockMemory {
  return { latestSeenAt: now.toISOString(), ignoreStampsUpTo: latestAfter(stamps, now.getTime(), memory.ignoreStampsUpTo) };
}
