import { describe, expect, it } from 'vitest';
import {
  NO_LOCKOUT,
  attemptsLeft,
  lockStatus,
  registerFailure,
  registerSuccess,
  validatePinFormat,
  type LockoutState,
  type PageWatches,
} from './pin-lockout';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const YEAR = 365 * 24 * HOUR;
const T0 = new Date('2026-11-30T09:00:00.000Z');

/**
 * One page of the app: a wall clock a test can set to any date, and a monotonic clock (performance.now()) that only
 * `wait` moves, as real time does. `reload` gives a new page: its monotonic clock restarts and it has watched nothing.
 */
function page(start = T0) {
  let wall = start.getTime();
  let monotonic = 1_000;
  let watches: PageWatches = {};
  const status = (state: LockoutState) => {
    const read = lockStatus(state, { now: new Date(wall), monotonic }, watches);
    watches = read.watches;
    return read;
  };
  return {
    now: () => new Date(wall),
    status,
    remaining: (state: LockoutState) => status(state).remainingMs,
    wait: (ms: number) => {
      wall += ms;
      monotonic += ms;
    },
    setWall: (date: Date) => {
      wall = date.getTime();
    },
    reload: () => {
      monotonic = 5;
      watches = {};
    },
  };
}

/** `count` wrong PINs typed one second apart on a page, each checked first as the app does. */
function fail(tab: ReturnType<typeof page>, state: LockoutState, count: number): LockoutState {
  let next = state;
  for (let i = 0; i < count; i += 1) {
    if (i > 0) tab.wait(1000);
    expect(tab.remaining(next)).toBe(0);
    next = registerFailure(next, tab.now());
    tab.status(next);
  }
  return next;
}

describe('lockout after wrong PINs', () => {
  it('given four wrong PINs, then the space is not locked and one attempt is left', () => {
    const tab = page();
    const state = fail(tab, NO_LOCKOUT, 4);
    expect(tab.remaining(state)).toBe(0);
    expect(attemptsLeft(state)).toBe(1);
  });

  it('given a fifth wrong PIN, then the space is locked for one minute, counted as time passes', () => {
    const tab = page();
    const state = fail(tab, NO_LOCKOUT, 5);
    expect(state.lockedUntil).toBe('2026-11-30T09:01:04.000Z');
    expect(tab.status(state)).toMatchObject({ remainingMs: MINUTE, reason: 'lockedOut' });
    tab.wait(30_000);
    expect(tab.remaining(state)).toBe(30_000);
    tab.wait(30_000);
    expect(tab.remaining(state)).toBe(0);
    expect(attemptsLeft(state)).toBe(5);
  });

  it('given further series of five wrong PINs, then each lockout lasts twice the previous one: 2, 4, 8 minutes', () => {
    const tab = page();
    let state = fail(tab, NO_LOCKOUT, 5);
    const lengths = [];
    for (let series = 0; series < 3; series += 1) {
      tab.wait(tab.remaining(state));
      state = fail(tab, state, 5);
      lengths.push(tab.remaining(state));
    }
    expect(lengths).toEqual([2 * MINUTE, 4 * MINUTE, 8 * MINUTE]);
  });

  it('given many lockouts, then none lasts more than 24 hours', () => {
    const tab = page();
    let state = NO_LOCKOUT;
    for (let series = 0; series < 21; series += 1) {
      tab.wait(tab.remaining(state));
      state = fail(tab, state, 5);
    }
    expect(state.lockouts).toBe(21);
    expect(tab.remaining(state)).toBe(24 * HOUR);
  });

  it('given the right PIN after failures and lockouts, then everything is forgotten', () => {
    const tab = page();
    const locked = fail(tab, NO_LOCKOUT, 5);
    tab.wait(MINUTE);
    const state = fail(tab, locked, 3);
    expect(registerSuccess(state)).toEqual(NO_LOCKOUT);
  });
});

describe('a lockout and a clock a person can set', () => {
  it('given a lockout, when the date is moved a year forward, then it stays locked until the minute has really passed', () => {
    const tab = page();
    const state = fail(tab, NO_LOCKOUT, 5);
    tab.wait(10_000);
    tab.setWall(new Date(T0.getTime() + YEAR));
    expect(tab.status(state)).toMatchObject({ remainingMs: 50_000, reason: 'lockedOut' });
    tab.wait(49_999);
    expect(tab.remaining(state)).toBe(1);
    tab.wait(1);
    expect(tab.remaining(state)).toBe(0);
  });

  it('given a lockout, when the date is moved forward and the page reloaded, then the new page counts the whole lockout from its start', () => {
    const tab = page();
    const state = fail(tab, NO_LOCKOUT, 5);
    tab.setWall(new Date(T0.getTime() + YEAR));
    tab.reload();
    const stored = JSON.parse(JSON.stringify(state)) as LockoutState;
    expect(tab.remaining(stored)).toBe(MINUTE);
    tab.wait(59_000);
    expect(tab.remaining(stored)).toBe(1000);
    tab.wait(1000);
    expect(tab.remaining(stored)).toBe(0);
  });

  it('given a lockout, when the page is reloaded 20 s in with the right date, then the lockout is counted again in full (a reload gains nothing)', () => {
    const tab = page();
    const state = fail(tab, NO_LOCKOUT, 5);
    tab.wait(20_000);
    tab.reload();
    expect(tab.remaining(state)).toBe(MINUTE);
  });

  it('given a lockout, when the date is moved back a month, then it is still locked, for the lockout\'s own length and no more', () => {
    const tab = page();
    const state = fail(tab, NO_LOCKOUT, 5);
    tab.setWall(new Date('2026-10-30T09:00:00.000Z'));
    expect(tab.status(state)).toMatchObject({ remainingMs: MINUTE, reason: 'clockBehind' });
    tab.wait(MINUTE);
    expect(tab.remaining(state)).toBe(0);
  });

  it('given a wrong PIN, when the date is moved back before it, then no PIN may be tried for a minute, and then it may', () => {
    const tab = page();
    const state = fail(tab, NO_LOCKOUT, 2);
    tab.setWall(new Date(T0.getTime() - HOUR));
    expect(tab.status(state)).toMatchObject({ remainingMs: MINUTE, reason: 'clockBehind' });
    tab.wait(MINUTE);
    expect(tab.status(state)).toMatchObject({ remainingMs: 0, reason: null });
    expect(attemptsLeft(state)).toBe(3);
  });

  it('given a record from an older version (no time of the last wrong PIN), then it is read as before, the clock behind or not', () => {
    const tab = page();
    const old: LockoutState = { failures: 2, lockouts: 0, lockedUntil: null };
    tab.setWall(new Date(T0.getTime() - YEAR));
    expect(tab.remaining(old)).toBe(0);
    expect(attemptsLeft(old)).toBe(3);
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
