/**
 * How the mediator space resists someone guessing its PIN: after 5 wrong PINs in a row the space locks for 1 minute;
 * every further lockout (5 more wrong PINs once the delay is over) lasts twice as long as the previous one: 2, 4, 8
 * minutes… up to 24 hours. The right PIN clears everything. The state is plain data, kept with the PIN record, so
 * that reloading the page or restarting the tablet changes nothing.
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
 * Where the PIN's lockout stands. `failures`: wrong PINs since the last lockout or the last right PIN. `lockouts`:
 * lockouts since the last right PIN (it sets how long the next one lasts). `lockedUntil`: ISO instant the current
 * lockout ends, or null.
 */
export interface LockoutState {
  readonly failures: number;
  readonly lockouts: number;
  readonly lockedUntil: string | null;
}

/** A PIN never entered wrong. */
export const NO_LOCKOUT: LockoutState = { failures: 0, lockouts: 0, lockedUntil: null };

/** How long the n-th lockout lasts (n ≥ 1): 1 minute, then doubling, never more than MAX_LOCKOUT_MS. */
export function lockoutDurationMs(lockouts: number): number {
  return Math.min(FIRST_LOCKOUT_MS * 2 ** Math.max(0, lockouts - 1), MAX_LOCKOUT_MS);
}

/**
 * Milliseconds before a PIN may be tried again; 0 when it may be tried now. Never more than the current lockout's own
 * length: a tablet clock moved back in time must not lock the mediator out for months.
 */
export function lockRemainingMs(state: LockoutState, now: Date): number {
  if (state.lockedUntil === null) return 0;
  const remaining = Date.parse(state.lockedUntil) - now.getTime();
  if (!Number.isFinite(remaining)) return 0;
  return Math.min(Math.max(0, remaining), lockoutDurationMs(state.lockouts));
}

/** Wrong PINs that may still be typed before the space locks (0 while it is locked). */
export function attemptsLeft(state: LockoutState, now: Date): number {
  return lockRemainingMs(state, now) > 0 ? 0 : Math.max(0, FAILURES_BEFORE_LOCKOUT - state.failures);
}

/**
 * The state after a wrong PIN typed at `now`. The fifth in a row locks the space. While it is locked a PIN is not even
 * checked, so the state does not change.
 */
export function registerFailure(state: LockoutState, now: Date): LockoutState {
  if (lockRemainingMs(state, now) > 0) return state;
  const failures = state.failures + 1;
  if (failures < FAILURES_BEFORE_LOCKOUT) return { failures, lockouts: state.lockouts, lockedUntil: null };
  const lockouts = state.lockouts + 1;
  return { failures: 0, lockouts, lockedUntil: new Date(now.getTime() + lockoutDurationMs(lockouts)).toISOString() };
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
