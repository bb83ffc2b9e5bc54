// The layout check's comparison (issue 21): the boxes of the main controls on each screen and size, on an engine and on
// Chromium (the engine the Playwright specs and most kiosks run), compared for what a person would see as broken.
// Pure: unit-tested in tests/unit/compare-layout.test.ts.
import type { Box } from './engine-driver';

/** One screen at one size: the viewport, the page's width, and the box of each control by its name (null: not shown). */
export interface LayoutMeasure {
  readonly screen: string;
  readonly size: string;
  readonly viewport: { readonly width: number; readonly height: number };
  readonly scrollWidth: number;
  readonly boxes: Readonly<Record<string, Box | null>>;
  /** The controls that must not overlap one another (a group holds its options: it is not among them). */
  readonly separate: readonly string[];
}

/**
 * Overlaps of at most this much, either way, are not counted: the engines round sub-pixel boxes and draw borders
 * differently, and two controls that share 2 px of border are not covering each other.
 */
export const OVERLAP_TOLERANCE_PX = 2;
/** A box may move this much from where Chromium has it before it is reported: a line of text wrapped differently. */
export const POSITION_TOLERANCE_PX = 32;
/** And differ in size by this much, or this share of Chromium's (whichever is larger). */
export const SIZE_TOLERANCE_PX = 8;
export const SIZE_TOLERANCE_SHARE = 0.1;

export interface LayoutComparison {
  /** Broken for a person: a control missing (or shown only here), two controls overlapping, the page wider than the screen. */
  readonly failures: string[];
  /** Beyond the tolerances but not broken: to look at on the screenshots. */
  readonly differences: string[];
}

const overlap = (a: Box, b: Box): boolean =>
  Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > OVERLAP_TOLERANCE_PX &&
  Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > OVERLAP_TOLERANCE_PX;

function overlaps(measure: LayoutMeasure): Set<string> {
  const found = new Set<string>();
  measure.separate.forEach((a, i) => {
    for (const b of measure.separate.slice(i + 1)) {
      const boxA = measure.boxes[a];
      const boxB = measure.boxes[b];
      if (boxA && boxB && overlap(boxA, boxB)) found.add(`"${a}" and "${b}"`);
    }
  });
  return found;
}

const sizeDiffers = (engine: number, reference: number) => Math.abs(engine - reference) > Math.max(SIZE_TOLERANCE_PX, reference * SIZE_TOLERANCE_SHARE);
const pastTheSide = (box: Box, measure: LayoutMeasure) => box.x < -1 || box.x + box.width > measure.viewport.width + 1;
const round = (box: Box) => `${Math.round(box.x)},${Math.round(box.y)} ${Math.round(box.width)}×${Math.round(box.height)}`;

/** Compares an engine's measures with Chromium's, screen by screen and size by size. */
export function compareLayouts(reference: readonly LayoutMeasure[], engine: readonly LayoutMeasure[]): LayoutComparison {
  const failures: string[] = [];
  const differences: string[] = [];
  for (const chromium of reference) {
    const where = `${chromium.screen} at ${chromium.size} (${chromium.viewport.width}×${chromium.viewport.height})`;
    const measured = engine.find((m) => m.screen === chromium.screen && m.size === chromium.size);
    if (!measured) {
      failures.push(`${where}: not measured on this engine`);
      continue;
    }
    for (const name of new Set([...Object.keys(chromium.boxes), ...Object.keys(measured.boxes)])) {
      const expected = chromium.boxes[name] ?? null;
      const got = measured.boxes[name] ?? null;
      // a name found nowhere is a lookup that measures nothing: it would pass every run unseen
      if (!expected && !got) failures.push(`${where}: "${name}" is on neither engine nor Chromium`);
      else if (expected && !got) failures.push(`${where}: "${name}" is missing (Chromium: ${round(expected)})`);
      else if (!expected && got) failures.push(`${where}: "${name}" shows here (${round(got)}), not on Chromium`);
      else if (expected && got) {
        const moved = Math.abs(got.x - expected.x) > POSITION_TOLERANCE_PX || Math.abs(got.y - expected.y) > POSITION_TOLERANCE_PX;
        const resized = sizeDiffers(got.width, expected.width) || sizeDiffers(got.height, expected.height);
        const how = [moved ? 'moved' : '', resized ? 'resized' : ''].filter(Boolean).join(' and ');
        if (how) differences.push(`${where}: "${name}" ${how}: ${round(got)} (Chromium: ${round(expected)})`);
      }
    }
    const chromiumOverlaps = overlaps(chromium);
    for (const pair of overlaps(measured)) {
      if (!chromiumOverlaps.has(pair)) failures.push(`${where}: ${pair} overlap`);
    }
    const wider = measured.scrollWidth > measured.viewport.width + 1;
    if (wider && chromium.scrollWidth <= chromium.viewport.width + 1) failures.push(`${where}: the page is ${measured.scrollWidth} px wide, wider than the screen`);
    for (const [name, box] of Object.entries(measured.boxes)) {
      const there = chromium.boxes[name];
      if (box && pastTheSide(box, measured) && !(there && pastTheSide(there, chromium))) {
        failures.push(`${where}: "${name}" goes past the side of the screen (${round(box)})`);
      }
    }
  }
  return { failures, differences };
}
