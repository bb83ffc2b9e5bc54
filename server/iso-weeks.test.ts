import { describe, expect, it } from 'vitest';
import { addWeeks, isIsoWeek, listWeeks } from './iso-weeks';

describe('ISO weeks', () => {
  it('knows which weeks exist', () => {
    expect(isIsoWeek('2026-W53')).toBe(true); // 2026 starts on a Thursday
    expect(isIsoWeek('2020-W53')).toBe(true); // a leap year starting on a Wednesday
    expect(isIsoWeek('2025-W53')).toBe(false);
    expect(isIsoWeek('2026-W00')).toBe(false);
    expect(isIsoWeek('2026-W7')).toBe(false);
    expect(isIsoWeek('2026-w07')).toBe(false);
  });

  it('counts weeks across years, both ways', () => {
    expect(addWeeks('2026-W52', 1)).toBe('2026-W53');
    expect(addWeeks('2026-W53', 1)).toBe('2027-W01');
    expect(addWeeks('2027-W01', -1)).toBe('2026-W53');
    expect(addWeeks('2025-W01', -1)).toBe('2024-W52');
    expect(addWeeks('2026-W10', 0)).toBe('2026-W10');
  });

  it('lists a range inclusively', () => {
    expect(listWeeks('2026-W52', '2027-W02')).toEqual(['2026-W52', '2026-W53', '2027-W01', '2027-W02']);
    expect(listWeeks('2026-W10', '2026-W10')).toEqual(['2026-W10']);
  });
});
