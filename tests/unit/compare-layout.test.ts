// The layout check's comparison with Chromium (issue 21): what fails (missing, overlapping, past the side of the
// screen) and what is only reported (moved or resized beyond the tolerances).
import { describe, expect, it } from 'vitest';
import { compareLayouts, type LayoutMeasure } from '../engines/compare-layout';
import type { Box } from '../engines/engine-driver';

const box = (x: number, y: number, width = 100, height = 50): Box => ({ x, y, width, height });

/** The welcome at a phone's size, with the given boxes (two buttons unless said). */
function welcome(boxes: Record<string, Box | null>, scrollWidth = 390): LayoutMeasure {
  return { screen: 'welcome', size: 'phone', viewport: { width: 390, height: 844 }, scrollWidth, boxes, separate: Object.keys(boxes) };
}

const chromium = [welcome({ Commencer: box(20, 100), Français: box(20, 200) })];

describe('compareLayouts', () => {
  it('passes the same layout, and one a line of text lower, with that line reported', () => {
    expect(compareLayouts(chromium, chromium)).toEqual({ failures: [], differences: [] });
    const lower = compareLayouts(chromium, [welcome({ Commencer: box(20, 100), Français: box(20, 240) })]);
    expect(lower.failures).toEqual([]);
    expect(lower.differences).toEqual(['welcome at phone (390×844): "Français" moved: 20,240 100×50 (Chromium: 20,200 100×50)']);
  });

  it('fails a control missing, or shown only on the engine', () => {
    const { failures } = compareLayouts(chromium, [welcome({ Commencer: null, Français: box(20, 200), English: box(20, 300) })]);
    expect(failures).toEqual([
      'welcome at phone (390×844): "Commencer" is missing (Chromium: 20,100 100×50)',
      'welcome at phone (390×844): "English" shows here (20,300 100×50), not on Chromium',
    ]);
  });

  it('fails two controls that overlap, beyond 2 px, where they do not on Chromium', () => {
    expect(compareLayouts(chromium, [welcome({ Commencer: box(20, 100), Français: box(20, 148) })]).failures).toEqual([]);
    expect(compareLayouts(chromium, [welcome({ Commencer: box(20, 100), Français: box(20, 140) })]).failures).toEqual([
      'welcome at phone (390×844): "Commencer" and "Français" overlap',
    ]);
  });

  it('fails a page wider than the screen and a control past its side', () => {
    const { failures } = compareLayouts(chromium, [welcome({ Commencer: box(20, 100, 420), Français: box(20, 200) }, 440)]);
    expect(failures).toEqual([
      'welcome at phone (390×844): the page is 440 px wide, wider than the screen',
      'welcome at phone (390×844): "Commencer" goes past the side of the screen (20,100 420×50)',
    ]);
    expect(failures.length).toBe(2);
  });

  it('fails a control found on neither side (a lookup that measures nothing)', () => {
    const none = [welcome({ Commencer: null })];
    expect(compareLayouts(none, none).failures).toEqual(['welcome at phone (390×844): "Commencer" is on neither engine nor Chromium']);
  });

  it('fails a screen the engine did not measure', () => {
    expect(compareLayouts(chromium, []).failures).toEqual(['welcome at phone (390×844): not measured on this engine']);
  });
});
