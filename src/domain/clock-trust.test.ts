import { describe, expect, it } from 'vitest';
import {
  CLOCK_AHEAD_LIMIT_MS,
  CLOCK_BEHIND_TOLERANCE_MS,
  NO_CLOCK_MEMORY,
  clockTrust,
  confirmClock,
  latestTimeSeen,
  rememberCheck,
  type ClockMemory,
} from './clock-trust';

const DAY = 86_400_000;
/** Monday 30 November 2026, 10:00 in Paris: the last time the device was seen in use. */
const SEEN = new Date('2026-11-30T09:00:00.000Z');
const after = (ms: number) => new Date(SEEN.getTime() + ms);
const remembered = (date: Date): ClockMemory => ({ latestSeenAt: date.toISOString(), ignoreStampsUpTo: null });

describe('clockTrust', () => {
  it('given a device that has seen nothing yet, then any date is plausible (there is nothing to lose)', () => {
    expect(clockTrust({ now: new Date('1970-01-01T00:00:00.000Z'), latestSeen: null })).toBe('plausible');
  });

  it('given the next morning, or a clock a few hours behind, then the date is plausible', () => {
    expect(clockTrust({ now: after(DAY), latestSeen: SEEN })).toBe('plausible');
    expect(clockTrust({ now: after(-CLOCK_BEHIND_TOLERANCE_MS), latestSeen: SEEN })).toBe('plausible');
  });

  it('given a clock more than a day before the latest time seen, then it is behind', () => {
    expect(clockTrust({ now: after(-CLOCK_BEHIND_TOLERANCE_MS - 1), latestSeen: SEEN })).toBe('behind');
    expect(clockTrust({ now: new Date('1970-01-01T00:00:00.000Z'), latestSeen: SEEN })).toBe('behind');
  });

  it('given a month without the device seen, then it is still plausible; a day more, and it is far ahead', () => {
    expect(clockTrust({ now: after(CLOCK_AHEAD_LIMIT_MS), latestSeen: SEEN })).toBe('plausible');
    expect(clockTrust({ now: after(CLOCK_AHEAD_LIMIT_MS + DAY), latestSeen: SEEN })).toBe('farAhead');
    expect(clockTrust({ now: after(365 * DAY), latestSeen: SEEN })).toBe('farAhead');
  });
});

describe('latestTimeSeen', () => {
  it('given nothing remembered (a device of an older version), then it starts from the latest date of its data', () => {
    expect(latestTimeSeen(NO_CLOCK_MEMORY, ['2026-11-02T10:00:00.000Z', SEEN.toISOString(), 'not a date'])).toEqual(SEEN);
    expect(latestTimeSeen(NO_CLOCK_MEMORY, [])).toBeNull();
  });

  it('given data dated within a month after what is remembered, then they move it on', () => {
    expect(latestTimeSeen(remembered(SEEN), [after(10 * DAY).toISOString()])).toEqual(after(10 * DAY));
  });

  it('given a result dated a year ahead (finished while the clock was set forward), then it does not count', () => {
    expect(latestTimeSeen(remembered(SEEN), [after(365 * DAY).toISOString()])).toEqual(SEEN);
  });

  it('given data a mediator dismissed, then they no longer count', () => {
    const memory = { latestSeenAt: SEEN.toISOString(), ignoreStampsUpTo: after(5 * DAY).toISOString() };
    expect(latestTimeSeen(memory, [after(5 * DAY).toISOString()])).toEqual(SEEN);
  });
});

describe('rememberCheck', () => {
  it('given a plausible clock, then now becomes the latest time seen', () => {
    expect(rememberCheck(remembered(SEEN), [], 'plausible', after(2 * DAY))).toEqual(remembered(after(2 * DAY)));
  });

  it('given a clock a few hours behind, then the latest time seen does not move back', () => {
    expect(rememberCheck(remembered(SEEN), [], 'plausible', after(-3_600_000))).toEqual(remembered(SEEN));
  });

  it('given a clock behind or far ahead, then nothing changes, so the device keeps saying so', () => {
    expect(rememberCheck(remembered(SEEN), [], 'farAhead', after(365 * DAY))).toEqual(remembered(SEEN));
    expect(rememberCheck(remembered(SEEN), [], 'behind', after(-365 * DAY))).toEqual(remembered(SEEN));
  });

  it('given a plausible clock and results dated a year ahead by a clock set forward earlier, then they stop counting for good', () => {
    const wrong = after(365 * DAY).toISOString();
    const memory = rememberCheck(remembered(SEEN), [wrong], 'plausible', after(DAY));
    expect(memory.ignoreStampsUpTo).toBe(wrong);
    // eleven months later, the real date comes near them: the device does not think its clock behind
    const later = after(340 * DAY);
    const next = rememberCheck({ ...memory, latestSeenAt: after(339 * DAY).toISOString() }, [wrong], 'plausible', later);
    expect(clockTrust({ now: later, latestSeen: latestTimeSeen(next, [wrong]) })).toBe('plausible');
  });
});

describe('confirmClock', () => {
  it('given a mediator confirming a date far ahead (a device unused for months), then it becomes the latest time seen', () => {
    const now = after(120 * DAY);
    const memory = confirmClock(remembered(SEEN), [SEEN.toISOString()], now);
    expect(clockTrust({ now, latestSeen: latestTimeSeen(memory, [SEEN.toISOString()]) })).toBe('plausible');
  });

  it('given a mediator confirming a date two weeks before results stamped by a clock that ran ahead, then those dates stop counting', () => {
    const ranAhead = after(14 * DAY).toISOString();
    const now = after(-1 * DAY - 1);
    const before = latestTimeSeen(remembered(SEEN), [ranAhead]);
    expect(clockTrust({ now, latestSeen: before })).toBe('behind');
    const memory = confirmClock(remembered(SEEN), [ranAhead], now);
    expect(clockTrust({ now, latestSeen: latestTimeSeen(memory, [ranAhead]) })).toBe('plausible');
  });
});
