import { describe, expect, it } from 'vitest';
import { retentionCutoff, validateRetentionDays } from './retention';

/** Monday 30 November 2026, 10:00 in Paris. */
const NOW = new Date('2026-11-30T09:00:00.000Z');

describe('retentionCutoff', () => {
  it('given a 90-day delay, then results finished before 90 days of 24 hours ago are expired', () => {
    expect(retentionCutoff(90, NOW)).toBe('2026-09-01T09:00:00.000Z');
    // a result finished exactly then is kept (finishedAt >= cutoff), one a millisecond earlier goes
    expect('2026-09-01T09:00:00.000Z' < retentionCutoff(90, NOW)).toBe(false);
    expect('2026-09-01T08:59:59.999Z' < retentionCutoff(90, NOW)).toBe(true);
  });

  it('given a one-day delay, then yesterday morning is before the cutoff and this morning after it', () => {
    const cutoff = retentionCutoff(1, NOW);
    expect('2026-11-29T07:00:00.000Z' < cutoff).toBe(true);
    expect('2026-11-30T07:00:00.000Z' < cutoff).toBe(false);
  });

  it('given a delay outside 1–365 days, then it refuses to decide', () => {
    expect(() => retentionCutoff(0, NOW)).toThrow(RangeError);
    expect(() => retentionCutoff(2.5, NOW)).toThrow(RangeError);
  });
});

describe('validateRetentionDays', () => {
  it('accepts a whole number of days from 1 to 365', () => {
    expect(validateRetentionDays(1)).toEqual({ ok: true, days: 1 });
    expect(validateRetentionDays(365)).toEqual({ ok: true, days: 365 });
  });

  it('refuses 0, 366 and a negative delay', () => {
    for (const days of [0, 366, -30]) expect(validateRetentionDays(days)).toEqual({ ok: false, error: 'outOfRange' });
  });

  it('refuses a fraction of a day and what is not a number', () => {
    for (const days of [1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(validateRetentionDays(days)).toEqual({ ok: false, error: 'notAnInteger' });
    }
  });
});
