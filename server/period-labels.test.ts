import { describe, expect, it } from 'vitest';
import { monthLabel, quarterLabel, quarterRangeLabel, weekDates, weekLabel } from './period-labels';

// Calendar facts checked against GNU date (`date -u -d 2026-11-02 +%G-W%V` prints 2026-W45).
describe('week dates', () => {
  it('starts a week on its Monday and ends it on its Sunday', () => {
    expect(weekDates('2026-W45')).toEqual({ monday: '2026-11-02', sunday: '2026-11-08' });
  });

  it('puts week 1 in the previous year when 4 January falls early in the week', () => {
    expect(weekDates('2026-W01')).toEqual({ monday: '2025-12-29', sunday: '2026-01-04' });
  });

  it('knows the 53rd week of a long year, which ends in the next year', () => {
    expect(weekDates('2026-W53')).toEqual({ monday: '2026-12-28', sunday: '2027-01-03' });
    expect(weekDates('2020-W53')).toEqual({ monday: '2020-12-28', sunday: '2021-01-03' });
  });

  it('refuses a week that does not exist', () => {
    expect(() => weekDates('2025-W53')).toThrow(RangeError);
    expect(() => weekDates('2026-W7')).toThrow(RangeError);
  });
});

describe('week labels', () => {
  it('names the month once when the week stays in it', () => {
    expect(weekLabel('2026-W45')).toBe('du 2 au 8 novembre 2026');
  });

  it('names both months when the week straddles two', () => {
    expect(weekLabel('2026-W40')).toBe('du 28 septembre au 4 octobre 2026');
  });

  it('names both years when the week straddles two', () => {
    expect(weekLabel('2026-W53')).toBe('du 28 décembre 2026 au 3 janvier 2027');
    expect(weekLabel('2026-W01')).toBe('du 29 décembre 2025 au 4 janvier 2026');
  });

  it('writes the first of a month "1er", at either end', () => {
    expect(weekLabel('2026-W23')).toBe('du 1er au 7 juin 2026');
    expect(weekLabel('2026-W44')).toBe('du 26 octobre au 1er novembre 2026');
  });

  it('refuses a week that does not exist', () => {
    expect(() => weekLabel('2026-W54')).toThrow(RangeError);
  });
});

describe('quarter labels', () => {
  it('writes the rank in French, "1er" for the first', () => {
    expect(quarterLabel('2026-Q4')).toBe('4e trimestre 2026');
    expect(quarterLabel('2027-Q1')).toBe('1er trimestre 2027');
    expect(quarterLabel('2026-Q2')).toBe('2e trimestre 2026');
  });

  it('spans from the Monday of week 40 to the Sunday of the last week for Q4', () => {
    expect(quarterRangeLabel('2026-Q4')).toBe('du 28 septembre 2026 au 3 janvier 2027'); // weeks 40 to 53
    expect(quarterRangeLabel('2025-Q4')).toBe('du 29 septembre au 28 décembre 2025'); // weeks 40 to 52
  });

  it('starts Q1 on the Monday of week 1, which may be in December', () => {
    expect(quarterRangeLabel('2026-Q1')).toBe('du 29 décembre 2025 au 29 mars 2026');
  });

  it('refuses a text that names no quarter', () => {
    expect(() => quarterLabel('2026-Q5')).toThrow(RangeError);
    expect(() => quarterRangeLabel('2026-W45')).toThrow(RangeError);
  });
});

describe('month labels', () => {
  it('writes the month in lower case, with its accents', () => {
    expect(monthLabel('2026-11')).toBe('novembre 2026');
    expect(monthLabel('2027-02')).toBe('février 2027');
    expect(monthLabel('2026-08')).toBe('août 2026');
  });

  it('refuses a text that names no month', () => {
    expect(() => monthLabel('2026-13')).toThrow(RangeError);
    expect(() => monthLabel('2026-1')).toThrow(RangeError);
  });
});
