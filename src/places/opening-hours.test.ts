import OpeningHours from 'opening_hours';
import { describe, expect, it } from 'vitest';
import { createHoursEvaluator, daysAhead, opennessOf } from './opening-hours';

const hours = createHoursEvaluator(OpeningHours);
// Monday 30 November 2026, 10:00 in Paris
const MONDAY_10H = new Date('2026-11-30T10:00:00+01:00');

describe('opening hours', () => {
  it('is open, and says until when', () => {
    const status = hours.status('Mo-Fr 09:00-12:00,14:00-17:30; PH off', MONDAY_10H);
    expect(status).toEqual({ kind: 'open', until: new Date('2026-11-30T12:00:00+01:00'), comment: null });
  });

  it('is closed, and says when it opens next', () => {
    const status = hours.status('Tu-Sa 10:00-18:00', MONDAY_10H);
    expect(status).toEqual({ kind: 'closed', opens: new Date('2026-12-01T10:00:00+01:00'), comment: null });
  });

  it('keeps the comment ("sur rendez-vous")', () => {
    const status = hours.status('Mo 09:00-12:00 open "sur rendez-vous"', MONDAY_10H);
    expect(status).toMatchObject({ kind: 'open', comment: 'sur rendez-vous' });
  });

  it('follows French public holidays: closed on Christmas Day', () => {
    const christmas = new Date('2026-12-25T10:00:00+01:00'); // a Friday
    expect(hours.status('Mo-Fr 09:00-17:00; PH off', christmas).kind).toBe('closed');
    expect(hours.status('Mo-Fr 09:00-17:00; PH off', new Date('2026-12-24T10:00:00+01:00')).kind).toBe('open');
  });

  it('reads a bus that comes every other week', () => {
    const oddWeeks = 'week 01-53/2 Mo 09:00-12:00';
    // ISO week 49 (odd) and week 50 (even)
    expect(hours.status(oddWeeks, MONDAY_10H).kind).toBe('open');
    expect(hours.status(oddWeeks, new Date('2026-12-07T10:00:00+01:00')).kind).toBe('closed');
  });

  it('says "unknown", never "closed", for hours it cannot read or that are missing', () => {
    expect(hours.status('horaires non communiqués', MONDAY_10H)).toEqual({ kind: 'unknown' });
    expect(hours.status(null, MONDAY_10H)).toEqual({ kind: 'unknown' });
    expect(hours.status('   ', MONDAY_10H)).toEqual({ kind: 'unknown' });
  });

  it('ranks a place opening within 3 hours as "opens soon", later as closed', () => {
    const at = (time: string) => new Date(`2026-11-30T${time}:00+01:00`);
    const afternoon = 'Mo 14:00-17:00';
    expect(opennessOf(hours.status(afternoon, at('12:30')), at('12:30'))).toBe('opensSoon');
    expect(opennessOf(hours.status(afternoon, at('10:00')), at('10:00'))).toBe('closed');
    expect(opennessOf(hours.status(afternoon, at('15:00')), at('15:00'))).toBe('open');
    expect(opennessOf(hours.status('n’importe quoi', at('15:00')), at('15:00'))).toBe('unknown');
  });

  it('counts days on the calendar: tonight to tomorrow morning is one day', () => {
    expect(daysAhead(new Date('2026-11-30T22:00:00+01:00'), new Date('2026-12-01T09:00:00+01:00'))).toBe(1);
    expect(daysAhead(MONDAY_10H, new Date('2026-11-30T14:00:00+01:00'))).toBe(0);
    expect(daysAhead(MONDAY_10H, new Date('2026-12-03T09:00:00+01:00'))).toBe(3);
  });
});

describe('a week of opening hours, for the printed page', () => {
  it('gives the 7 days from a given day with their intervals, closed days empty, public holidays closed', () => {
    // Monday 21 December 2026: Friday 25 is Christmas Day
    const week = hours.week('Mo-Fr 09:00-12:00,14:00-17:00; PH off', new Date(2026, 11, 21, 10, 0));
    expect(week).toHaveLength(7);
    expect(week![0]!.intervals.map(([a, b]) => [a.getHours(), b.getHours()])).toEqual([[9, 12], [14, 17]]);
    expect(week![4]!.intervals).toEqual([]);
    expect(week![5]!.intervals).toEqual([]);
    expect(week![0]!.day.getDate()).toBe(21);
  });

  it('is null for hours that are missing or cannot be read', () => {
    expect(hours.week(null, new Date(2026, 11, 21))).toBeNull();
    expect(hours.week('quand on peut', new Date(2026, 11, 21))).toBeNull();
  });
});
