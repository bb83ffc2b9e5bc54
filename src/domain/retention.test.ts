import { describe, expect, it } from 'vitest';
import type { FinishedResult } from './result';
import { expiredResults, validateRetentionDays } from './retention';

/** Monday 30 November 2026, 10:00 in Paris. */
const NOW = new Date('2026-11-30T09:00:00.000Z');

/** A finished result of the history, finished at a given instant, not yet counted unless told otherwise. */
function result(id: string, finishedAt: string, extra: Partial<FinishedResult> = {}): FinishedResult {
  return {
    id,
    finishedAt,
    mode: 'guided',
    language: 'fr',
    questionnaireVersion: '1',
    distanceLevel: 'learning',
    dsiOverall: 'narrow',
    dsiAreas: { information: 'basic', communication: 'basic', contentCreation: 'none', safety: 'none', problemSolving: 'basic' },
    illectronism: false,
    barriers: ['skills'],
    autonomy: 'partlyAutonomous',
    ageBand: 'from65to74',
    countedInBatch: null,
    ...extra,
  };
}

describe('expiredResults', () => {
  it('given a 90-day delay, then only results finished more than 90 days ago go', () => {
    const results = [
      result('yesterday', '2026-11-29T09:00:00.000Z'),
      result('just-within', '2026-09-01T09:00:00.000Z'), // exactly 90 days before NOW: kept
      result('just-over', '2026-09-01T08:59:59.999Z'),
      result('last-year', '2025-11-30T09:00:00.000Z'),
    ];
    expect(expiredResults(results, 90, NOW)).toEqual(['just-over', 'last-year']);
  });

  it('given a result already counted in an anonymous batch, then it goes all the same', () => {
    const results = [result('counted', '2026-08-01T12:00:00.000Z', { countedInBatch: 'batch-7' })];
    expect(expiredResults(results, 30, NOW)).toEqual(['counted']);
  });

  it('given a one-day delay, then yesterday morning is gone and this morning stays', () => {
    const results = [result('yesterday-morning', '2026-11-29T07:00:00.000Z'), result('this-morning', '2026-11-30T07:00:00.000Z')];
    expect(expiredResults(results, 1, NOW)).toEqual(['yesterday-morning']);
  });

  it('given a result whose date cannot be read, then it goes', () => {
    expect(expiredResults([result('broken', 'not a date')], 365, NOW)).toEqual(['broken']);
  });

  it('given a delay outside 1–365 days, then it refuses to decide', () => {
    expect(() => expiredResults([], 0, NOW)).toThrow(RangeError);
    expect(() => expiredResults([], 2.5, NOW)).toThrow(RangeError);
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
