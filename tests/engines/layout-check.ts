// The layout check (issue 21): the welcome, a question of each kind and the result, at a phone's and a kiosk's size,
// on the engine and on Chromium through the same EngineDriver; screenshots in reports/engines/, the boxes of the main
// controls found by role and accessible name, compared (compare-layout.ts) for missing or overlapping controls.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from '../../scripts/browser.mjs';
import { NAMES } from '../support/journey-names';
import { fr } from '../support/messages';
import { compareLayouts, type LayoutMeasure } from './compare-layout';
import { ViewportUnreachable, type Box, type EngineDriver, type Target } from './engine-driver';
import { CheckSkipped, type EngineCheck } from './engine-checks';
import { answerFirst, completeJourney, nextButton, openKiosk, questionLegend, resultHeading, welcomeStart } from './journey-steps';
import { expectNoPageErrors } from './page-errors';
import { freePort, startPreview } from './preview-server';
import { chromiumLauncher } from './puppeteer-driver';

/** A phone, and the kiosk's screen (a 5:4 monitor, as most library kiosks have): the sizes the issue names. */
export const LAYOUT_SIZES = [
  { size: 'phone', width: 390, height: 844 },
  { size: 'kiosk', width: 1280, height: 1024 },
] as const;

type LayoutSize = (typeof LAYOUT_SIZES)[number];

export const LAYOUT_DIR = 'reports/engines';

interface Control {
  readonly name: string;
  readonly target: Target;
  /** Must not overlap the other such controls. */
  readonly separate: boolean;
}

const button = (name: string): Control => ({ name, target: { role: 'button', name }, separate: true });

/** The controls of the screen on display, named as a person sees them (the options and languages read off the page). */
async function controlsOnScreen(driver: EngineDriver, screen: string): Promise<Control[]> {
  if (screen === 'welcome') {
    const languages = await driver.evaluate(() => Array.from(document.querySelectorAll('.languages button'), (b) => (b.textContent ?? '').trim()), null);
    return [button(fr(NAMES.welcomeStart.key)), ...languages.map(button), button(fr(NAMES.welcomeMediator.key))];
  }
  if (screen === 'result') {
    return [{ name: fr(NAMES.resultHeading.key), target: resultHeading, separate: true }, button(fr(NAMES.searchPlaces.key)), button(fr('session.finish'))];
  }
  const { legend, options } = await driver.evaluate(
    () => ({
      legend: (document.querySelector('legend.question-title')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      options: Array.from(document.querySelectorAll<HTMLLabelElement>('.options label'), (label) => ({
        name: (label.textContent ?? '').replace(/\s+/g, ' ').trim(),
        role: label.querySelector('input')?.type === 'checkbox' ? ('checkbox' as const) : ('radio' as const),
      })),
    }),
    null,
  );
  return [
    { name: `group ${legend}`, target: { role: 'group', name: legend }, separate: false },
    { name: 'legend', target: questionLegend, separate: true },
    ...options.map((option): Control => ({ name: option.name, target: { role: option.role, name: option.name }, separate: true })),
    button(fr(NAMES.next.key)),
    button(fr(NAMES.dontKnow.key)),
    button(fr(screen === 'question-2' ? NAMES.back.key : NAMES.backToWelcome.key)),
  ];
}

/** Two frames and a little more after a resize (a frame may never come in a page out of view: bounded). */
const settle = (driver: EngineDriver) =>
  driver.evaluate(
    () =>
      new Promise<void>((done) => {
        setTimeout(done, 500);
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 100)));
      }),
    null,
  );

async function measureScreen(driver: EngineDriver, screen: string, sizes: readonly LayoutSize[]): Promise<LayoutMeasure[]> {
  const measures: LayoutMeasure[] = [];
  for (const { size, width, height } of sizes) {
    await driver.setViewport(width, height);
    await driver.evaluate(() => window.scrollTo(0, 0), null);
    await settle(driver);
    await driver.screenshot(join(LAYOUT_DIR, `${driver.name}-${size}-${screen}.png`));
    const controls = await controlsOnScreen(driver, screen);
    const boxes: Record<string, Box | null> = {};
    for (const control of controls) boxes[control.name] = await driver.boxOf(control.target);
    const scrollWidth = await driver.evaluate(() => document.documentElement.scrollWidth, null);
    measures.push({ screen, size, viewport: { width, height }, scrollWidth, boxes, separate: controls.filter((c) => c.separate).map((c) => c.name) });
  }
  return measures;
}

/** The welcome, the first question (ticks), the second (one answer, and "Retour"), the result: each at every size. */
export async function measureJourney(driver: EngineDriver, url: string, sizes: readonly LayoutSize[]): Promise<LayoutMeasure[]> {
  mkdirSync(LAYOUT_DIR, { recursive: true });
  await openKiosk(driver, url);
  const measures = await measureScreen(driver, 'welcome', sizes);
  await driver.click(welcomeStart);
  await driver.waitFor(questionLegend);
  measures.push(...(await measureScreen(driver, 'question-1', sizes)));
  await answerFirst(driver);
  await driver.waitFor(nextButton);
  measures.push(...(await measureScreen(driver, 'question-2', sizes)));
  await completeJourney(driver);
  measures.push(...(await measureScreen(driver, 'result', sizes)));
  await expectNoPageErrors(driver, 'after measuring the layout');
  return measures;
}

/** Chromium's measures, taken once per run for every engine to be compared with. */
let reference: Promise<LayoutMeasure[]> | null = null;

function chromiumVersion(path: string): string {
  try {
    return /(\d+[\d.]*)/.exec(execFileSync(path, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'], timeout: 15_000 }).toString())?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

async function measureChromium(outDir: string, path: string): Promise<LayoutMeasure[]> {
  const profileDir = mkdtempSync(join(tmpdir(), 'repere-engine-chromium-'));
  const server = await startPreview(outDir, await freePort());
  let driver: EngineDriver | undefined;
  try {
    driver = await chromiumLauncher(path, chromiumVersion(path))({ profileDir });
    return await measureJourney(driver, server.url, LAYOUT_SIZES);
  } finally {
    await driver?.close().catch(() => undefined);
    await server.stop();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

/** The layout check at one size (one per size: an engine that cannot show one size still runs the other). */
function layoutLikeChromium(layout: LayoutSize): EngineCheck {
  return {
    name: `layout at a ${layout.size}'s size (${layout.width}×${layout.height}): the welcome, two questions and the result, the main controls as on Chromium`,
    timeoutMs: 240_000,
    async run(context) {
      const chromium = findChromium();
      if (!chromium) throw new CheckSkipped('no Chromium to compare with here (install chromium, or set CHROME_PATH)');
      reference ??= measureChromium(context.outDir, chromium);
      const expected = (await reference).filter((measure) => measure.size === layout.size);

      const profileDir = mkdtempSync(join(tmpdir(), 'repere-engine-profile-'));
      const server = await startPreview(context.outDir, await freePort());
      let driver: EngineDriver | undefined;
      try {
        driver = await context.launch({ profileDir });
        const measured = await measureJourney(driver, server.url, [layout]).catch((error: unknown) => {
          throw error instanceof ViewportUnreachable ? new CheckSkipped(error.message) : error;
        });
        const { failures, differences } = compareLayouts(expected, measured);
        const report = join(LAYOUT_DIR, `layout-${driver.name}-${layout.size}.json`);
        writeFileSync(report, `${JSON.stringify({ failures, differences, chromium: expected, engine: measured }, null, 2)}\n`);
        if (differences.length > 0) {
          // one line: the differences themselves are in the report, beside the screenshots to look at
          console.log(`${driver.name} – layout at ${layout.size} size: ${differences.length} boxes moved or resized beyond the tolerances, not failures (${report})`);
        }
        if (failures.length > 0) throw new Error(`the layout differs from Chromium's:\n  ${failures.join('\n  ')}`);
      } finally {
        await driver?.close().catch(() => undefined);
        await server.stop();
        rmSync(profileDir, { recursive: true, force: true });
      }
    },
  };
}

export const layoutAtPhoneSize = layoutLikeChromium(LAYOUT_SIZES[0]);
export const layoutAtKioskSize = layoutLikeChromium(LAYOUT_SIZES[1]);
