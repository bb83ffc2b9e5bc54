/**
 * How the mediator space resists someone guessing its PIN: after 5 wrong PINs in a row the space locks for 1 minute;
 * every further lockout (5 more wrong PINs once the delay is over) lasts twice as long as the previous one: 2, 4, 8
 * minutes… up to 24 hours. The right PIN clears everything. The state is plain data, kept with the PIN record, so
 * that reloading the page or restarting the tablet changes nothing. The lockout's time is counted on a monotonic clock
 * (lockStatus), so that setting the tablet's date forward does not lift it either.
 */

/** Wrong PINs in a row that lock the mediator space. */
export const FAILURES_BEFORE_LOCKOUT = 5;
/** The first lockout; each following one doubles. */
export const FIRST_LOCKOUT_MS = 60_000;
/**
 * The longest lockout. Doubling reaches it at the 12th lockout (after about 60 wrong PINs). A day still makes guessing
 * hopeless (5 tries a day against a million 6-digit PINs: centuries on average) while a mediator whose tablet was
 * played with, or who mistyped many times, gets back in the next working day instead of being locked out for weeks.
 */
export const MAX_LOCKOUT_MS = 24 * 60 * 60 * 1000;
/** The shortest PIN accepted: 6 digits make a million possibilities. */
export const MIN_PIN_LENGTH = 6;

/**
 * Where the PIN's lockout stands, as stored with the PIN. `failures`: wrong PINs since the last lockout or the last
 * right PIN. `lockouts`: lockouts since the last right PIN (it sets how long the next one lasts). `lockedUntil`: the
 * wall-clock instant the current lockout was due to end when it began (ISO), kept until the next attempt: it marks a
 * lockout that nobody has tried after yet. `lastFailureAt`: when the last wrong PIN was typed, by the wall clock;
 * absent in records of older versions.
 */
export interface LockoutState {
  readonly failures: number;
  readonly lockouts: number;
  readonly lockedUntil: string | null;
  readonly lastFailureAt?: string | null;
}

/** A PIN never entered wrong. */
export const NO_LOCKOUT: LockoutState = { failures: 0, lockouts: 0, lockedUntil: null, lastFailureAt: null };

/** How long the n-th lockout lasts (n ≥ 1): 1 minute, then doubling, never more than MAX_LOCKOUT_MS. */
export function lockoutDurationMs(lockouts: number): number {
  return Math.min(FIRST_LOCKOUT_MS * 2 ** Math.max(0, lockouts - 1), MAX_LOCKOUT_MS);
}

/**
 * The two clocks a lockout is read with. `now`: the wall clock, which a person can set to any date. `monotonic`:
 * milliseconds on this page's monotonic clock (`performance.now()`), which only moves forward, and restarts with the page.
 */
export interface LockClocks {
  readonly now: Date;
  readonly monotonic: number;
}

/**
 * When this page began counting each hold on the PIN, by its monotonic clock. Kept in the page's memory only, never
 * stored: a new page (a reload) starts with none, and counts any hold it finds from its own start.
 */
export type PageWatches = Readonly<Record<string, number>>;

/** Why a PIN may not be tried now: a lockout after wrong PINs, or a wall clock reading earlier than the last wrong PIN. */
export type HoldReason = 'lockedOut' | 'clockBehind';

export interface LockStatus {
  /** Milliseconds before a PIN may be tried, on the monotonic clock; 0 when it may be tried now. */
  readonly remainingMs: number;
  readonly reason: HoldReason | null;
  /** The page's watches to keep for the next reading. */
  readonly watches: PageWatches;
}

/** The holds a state puts on attempts at `now`, each with its key (stable while it lasts) and its length. */
function holdsOf(state: LockoutState, now: Date): { key: string; durationMs: number; reason: HoldReason }[] {
  const holds: { key: string; durationMs: number; reason: HoldReason }[] = [];
  const lastFailure = state.lastFailureAt ? Date.parse(state.lastFailureAt) : Number.NaN;
  const behind = Number.isFinite(lastFailure) && now.getTime() < lastFailure;
  const length = lockoutDurationMs(Math.max(1, state.lockouts));
  if (state.lockedUntil !== null) {
    holds.push({ key: `lockout:${state.lockouts}:${state.lockedUntil}`, durationMs: length, reason: behind ? 'clockBehind' : 'lockedOut' });
  }
  if (behind) holds.push({ key: `behind:${state.lastFailureAt}`, durationMs: length, reason: 'clockBehind' });
  return holds;
}

/**
 * Whether a PIN may be tried now, and if not for how long. A lockout lasts its full length on the page's monotonic
 * clock, whatever the wall clock does: moving the date forward (a year, or the end of the lockout) lifts nothing. A page
 * that finds a lockout in storage (after a reload) counts it in full from the moment it first reads it, since it cannot
 * tell a real wait from a clock moved forward. While the wall clock reads earlier than the last wrong PIN (moved back),
 * attempts are refused too, for the same length on the monotonic clock: never for good, so a clock put right after
 * running ahead cannot shut the mediator out.
 */
export function lockStatus(state: LockoutState, clocks: LockClocks, watches: PageWatches): LockStatus {
  const next: Record<string, number> = {};
  let remainingMs = 0;
  let reason: HoldReason | null = null;
  for (const hold of holdsOf(state, clocks.now)) {
    const since = watches[hold.key] ?? clocks.monotonic;
    next[hold.key] = since;
    const left = Math.max(0, hold.durationMs - Math.max(0, clocks.monotonic - since));
    if (left > remainingMs) {
      remainingMs = left;
      reason = hold.reason;
    }
  }
  return { remainingMs, reason, watches: next };
}

/** Wrong PINs that may still be typed before the space locks, once lockStatus allows an attempt. */
export function attemptsLeft(state: LockoutState): number {
  return Math.max(0, FAILURES_BEFORE_LOCKOUT - state.failures);
}

/**
 * The state after a wrong PIN typed at `now`, when lockStatus allowed the attempt (while locked, a PIN is not even
 * checked). The fifth in a row locks the space.
 */
export function registerFailure(state: LockoutState, now: Date): LockoutState {
  const lastFailureAt = now.toISOString();
  const failures = state.failures + 1;
  if (failures < FAILURES_BEFORE_LOCKOUT) return { failures, lockouts: state.lockouts, lockedUntil: null, lastFailureAt };
  const lockouts = state.lockouts + 1;
  return { failures: 0, lockouts, lockedUntil: new Date(now.getTime() + lockoutDurationMs(lockouts)).toISOString(), lastFailureAt };
}

/** The right PIN: every failure and lockout is forgotten. */
export function registerSuccess(_state: LockoutState): LockoutState {
  return NO_LOCKOUT;
}

/** Why a proposed PIN is refused: fewer than MIN_PIN_LENGTH characters, or something other than the digits 0-9. */
export type PinFormatError = 'tooShort' | 'notDigits';

const DIGITS_ONLY = /^[0-9]*$/;

/**
 * Whether a new PIN has an acceptable form: at least 6 digits, digits 0-9 only. A PIN with letters is said to have
 * letters even when it is also short, since adding characters would not fix it.
 */
export function validatePinFormat(pin: string): { readonly ok: true } | { readonly ok: false; readonly error: PinFormatError } {
  if (!DIGITS_ONLY.test(pin)) return { ok: false, error: 'notDigits' };
  if (pin.length < MIN_PIN_LENGTH) return { ok: false, error: 'tooShort' };
  return { ok: true };
}
