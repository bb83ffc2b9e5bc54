import {
  CLOCK_AHEAD_LIMIT_MS,
  NO_CLOCK_MEMORY,
  clockTrust,
  confirmClock,
  latestTimeSeen,
  rememberCheck,
  type ClockMemory,
  type ClockTrust,
} from '../domain/clock-trust';
import type { RepereStorage } from '../storage/open-storage';

/**
 * Whether the device's clock can be trusted before deleting or counting anything (domain/clock-trust.ts): retention
 * and the anonymous batches ask `checkDeviceClock` first and skip their work unless it says `plausible`; the mediator
 * home shows `readDeviceClock` and offers `confirmDeviceDate`.
 */

export type ClockStorage = Pick<RepereStorage, 'settings' | 'resultQueries' | 'sessions' | 'outbox'>;

export interface ClockCheck {
  readonly trust: ClockTrust;
  readonly now: Date;
  /** The latest time the device has seen, or null on a device that has seen nothing yet. */
  readonly latestSeen: Date | null;
}

async function readMemory(storage: Pick<RepereStorage, 'settings'>): Promise<ClockMemory> {
  const record = await storage.settings.get('clock');
  return { ...NO_CLOCK_MEMORY, ...(record?.value as Partial<ClockMemory> | undefined) };
}

/**
 * The dates the device's data carry: results finished, sessions started and saved, batches made and sent. Of the
 * results (a year of them on a busy device), only the two dates the clock rules can use are read, by the date index:
 * the latest within the window that counts (after the dates ignored, up to CLOCK_AHEAD_LIMIT_MS past the time
 * remembered) and the latest of all.
 */
async function stampsOf(storage: ClockStorage, memory: ClockMemory): Promise<string[]> {
  const remembered = memory.latestSeenAt ? Date.parse(memory.latestSeenAt) : NaN;
  const upTo = Number.isNaN(remembered) ? null : new Date(remembered + CLOCK_AHEAD_LIMIT_MS).toISOString();
  const [inWindow, latest, sessions, outbox] = await Promise.all([
    storage.resultQueries.latestFinishedAt(memory.ignoreStampsUpTo, upTo),
    storage.resultQueries.latestFinishedAt(null, null),
    storage.sessions.getAll(),
    storage.outbox.getAll(),
  ]);
  return [
    ...[inWindow, latest].filter((stamp): stamp is string => stamp !== null),
    ...sessions.flatMap((session) => [session.startedAt, session.updatedAt]),
    ...outbox.flatMap((entry) => [entry.createdAt, ...(entry.sentAt ? [entry.sentAt] : [])]),
  ];
}

async function look(deps: { storage: ClockStorage; now: () => Date }) {
  const memory = await readMemory(deps.storage);
  const stamps = await stampsOf(deps.storage, memory);
  const now = deps.now();
  const latestSeen = latestTimeSeen(memory, stamps);
  return { memory, stamps, check: { trust: clockTrust({ now, latestSeen }), now, latestSeen } satisfies ClockCheck };
}

/** What the clock looks like now, changing nothing (the mediator home). */
export async function readDeviceClock(deps: { storage: ClockStorage; now: () => Date }): Promise<ClockCheck> {
  return (await look(deps)).check;
}

/**
 * Checks the clock before work that cannot be undone, and remembers the time when it is plausible. Run it right before
 * the work, and skip the work unless it answers `plausible`.
 */
export async function checkDeviceClock(deps: { storage: ClockStorage; now: () => Date }): Promise<ClockCheck> {
  const { memory, stamps, check } = await look(deps);
  const next = rememberCheck(memory, stamps, check.trust, check.now);
  if (next.latestSeenAt !== memory.latestSeenAt || next.ignoreStampsUpTo !== memory.ignoreStampsUpTo) {
    await deps.storage.settings.put({ key: 'clock', value: next });
  }
  return check;
}

/** A mediator answered "Oui, elle est juste": the date shown now is taken as right, and the waiting work may run. */
export async function confirmDeviceDate(deps: { storage: ClockStorage; now: () => Date }): Promise<void> {
  const memory = await readMemory(deps.storage);
  const stamps = await stampsOf(deps.storage, memory);
  await deps.storage.settings.put({ key: 'clock', value: confirmClock(memory, stamps, deps.now()) });
}
