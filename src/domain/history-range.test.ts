import { describe, expect, it } from 'vitest';
import { NO_HISTORY_FILTER, rangeOfFilter, startOfDayIn } from './history-range';

describe('the history filter read on the calendar of Europe/Paris', () => {
  it('starts a winter day at 23:00 UTC the day before, a summer day at 22:00 UTC', () => {
    expect(startOfDayIn('2026-12-07', 'Europe/Paris')).toBe('2026-12-06T23:00:00.000Z');
    expect(startOfDayIn('2026-07-14', 'Europe/Paris')).toBe('2026-07-13T22:00:00.000Z');
  });

  it('starts the days of the clock changes at their own midnight', () => {
    // 29 March 2026: clocks go forward at 02:00 (midnight is still UTC+1); 25 October: back at 03:00 (midnight UTC+2)
    expect(startOfDayIn('2026-03-29', 'Europe/Paris')).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDayIn('2026-03-30', 'Europe/Paris')).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfDayIn('2026-10-25', 'Europe/Paris')).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfDayIn('2026-10-26', 'Europe/Paris')).toBe('2026-10-25T23:00:00.000Z');
  });

  it('refuses what is not a day', () => {
    expect(startOfDayIn('2026-02-30', 'Europe/Paris')).toBeNull();
    expect(startOfDayIn('07/12/2026', 'Europe/Paris')).toBeNull();
  });

  it('includes both days of a filter: from the first midnight to the midnight after the last day', () => {
    expect(rangeOfFilter({ from: '2026-12-01', to: '2026-12-07', level: 'learning', mode: 'guided' })).toEqual({
      from: '2026-11-30T23:00:00.000Z',
      to: '2026-12-07T23:00:00.000Z',
      level: 'learning',
      mode: 'guided',
    });
    expect(rangeOfFilter(NO_HISTORY_FILTER)).toEqual({ from: null, to: null, level: null, mode: null });
  });
});
