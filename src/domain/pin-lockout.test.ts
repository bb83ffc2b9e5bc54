import { describe, expect, it } from 'vitest';
import {
  NO_LOCKOUT,
  attemptsLeft,
  lockRemainingMs,
  registerFailure,
  registerSuccess,
  validatePinFormat,
  type LockoutState,
} from './pin-lockout';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = new Date('2026-11-30T09:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

/** `count` wrong PINs typed one second apart, starting at `start`. */
function failTimes(state: LockoutState, count: number, start: Date): LockoutState {
  let next = state;
  for (let i = 0; i < count; i += 1) next = registerFailure(next, new Date(start.getTime() + i * 1000));
  return next;
}

/** Five wrong PINs right after the previous lockout ended: the new state, and when its lockout began. */
function nextLockout(state: LockoutState): { state: LockoutState; lockedAt: Date } {
  const start = state.lockedUntil === null ? T0 : new Date(state.lockedUntil);
  const after = failTimes(state, 5, start);
  return { state: after, lockedAt: new Date(start.getTime() + 4000) };
}

describe('lockout after wrong PINs', () => {
  it('given four wrong PINs, then the space is not locked and one attempt is left', () => {
    const state = failTimes(NO_LOCKOUT, 4, T0);
    expect(lockRemainingMs(state, at(4000))).toBe(0);
    expect(attemptsLeft(state, at(4000))).toBe(1);
  });

  it('given a fifth wrong PIN, then the space is locked for one minute', () => {
    const state = failTimes(NO_LOCKOUT, 5, T0);
    expect(state.lockedUntil).toBe('2026-11-30T09:01:04.000Z');
    expect(lockRemainingMs(state, at(4000))).toBe(MINUTE);
    expect(lockRemainingMs(state, at(34_000))).toBe(30_000);
    expect(attemptsLeft(state, at(34_000))).toBe(0);
    expect(lockRemainingMs(state, at(64_000))).toBe(0);
    expect(attemptsLeft(state, at(64_000))).toBe(5);
  });

  it('given a wrong PIN typed while locked, then nothing changes (it is not even checked)', () => {
    const locked = failTimes(NO_LOCKOUT, 5, T0);
    expect(registerFailure(locked, at(10_000))).toBe(locked);
  });

  it('given further series of five wrong PINs, then each lockout lasts twice the previous one: 2, 4, 8 minutes', () => {
    const first = nextLockout(NO_LOCKOUT);
    const second = nextLockout(first.state);
    const third = nextLockout(second.state);
    const fourth = nextLockout(third.state);
    expect(lockRemainingMs(second.state, second.lockedAt)).toBe(2 * MINUTE);
    expect(lockRemainingMs(third.state, third.lockedAt)).toBe(4 * MINUTE);
    expect(lockRemainingMs(fourth.state, fourth.lockedAt)).toBe(8 * MINUTE);
  });

  it('given many lockouts, then none lasts more than 24 hours', () => {
    let step = nextLockout(NO_LOCKOUT);
    for (let i = 0; i < 20; i += 1) step = nextLockout(step.state);
    expect(step.state.lockouts).toBe(21);
    expect(lockRemainingMs(step.state, step.lockedAt)).toBe(24 * HOUR);
  });

  it('given the right PIN after failures and lockouts, then everything is forgotten', () => {
    const state = failTimes(nextLockout(NO_LOCKOUT).state, 3, at(HOUR));
    expect(registerSuccess(state)).toEqual({ failures: 0, lockouts: 0, lockedUntil: null });
  });

  it('given a state read back from JSON (a reload), then it gives the same answers', () => {
    const state = failTimes(NO_LOCKOUT, 5, T0);
    const reloaded = JSON.parse(JSON.stringify(state)) as LockoutState;
    expect(lockRemainingMs(reloaded, at(20_000))).toBe(44_000);
  });

  it('given the tablet clock moved back by a month, then the wait is still at most the lockout itself', () => {
    const state = failTimes(NO_LOCKOUT, 5, T0);
    expect(lockRemainingMs(state, new Date('2026-10-30T09:00:00.000Z'))).toBe(MINUTE);
  });
});

describe('validatePinFormat', () => {
  it('accepts six digits or more', () => {
    expect(validatePinFormat('048213')).toEqual({ ok: true });
    expect(validatePinFormat('0482139917')).toEqual({ ok: true });
  });

  it('refuses fewer than six digits', () => {
    expect(validatePinFormat('48213')).toEqual({ ok: false, error: 'tooShort' });
    expect(validatePinFormat('')).toEqual({ ok: false, error: 'tooShort' });
  });

  it('refuses anything but the digits 0-9, even when also too short', () => {
    expect(validatePinFormat('12345a')).toEqual({ ok: false, error: 'notDigits' });
    expect(validatePinFormat('123 456')).toEqual({ ok: false, error: 'notDigits' });
    expect(validatePinFormat('-1234567')).toEqual({ ok: false, error: 'notDigits' });
    expect(validatePinFormat('١٢٣٤٥٦')).toEqual({ ok: false, error: 'notDigits' });
    expect(validatePinFormat('12a')).toEqual({ ok: false, error: 'notDigits' });
  });
});
