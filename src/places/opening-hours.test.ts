import OpeningHours from 'opening_hours';
import { describe, expect, it } from 'vitest';
import { createHoursEvaluator } from './opening-hours';

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
});
