// The steps of a kiosk journey and of the mediator space, written against EngineDriver only (so every engine runs the
// same ones), from the page objects shared with the Playwright specs (tests/support/journey-names.ts) in the French
// texts of src/i18n. Each step reads the in-page error recorder.
import { LABELS, MARKERS, NAMES, target } from '../support/journey-names';
import { fr } from '../support/messages';
import type { EngineDriver, Target } from './engine-driver';
import { expectNoPageErrors } from './page-errors';
import { countStoreInPage, readStoreInPage } from '../support/idb-in-page';

export const welcomeStart = target(NAMES.welcomeStart);
export const nextButton = target(NAMES.next);
export const resultHeading = target(NAMES.resultHeading);
export const questionLegend: Target = { css: MARKERS.questionLegend };
export const placeItem: Target = { css: MARKERS.placeItem };

/** Opens the app and waits until it is live (not only the prerendered welcome HTML), on whatever screen it resumes. */
export async function openApp(driver: EngineDriver, url: string): Promise<void> {
  await driver.goto(url);
  await driver.waitFor({ css: MARKERS.appReady }, { state: 'attached' });
  await expectNoPageErrors(driver, `on opening ${url}`);
}

/** Opens the kiosk on a fresh device and waits for the live welcome screen. */
export async function openKiosk(driver: EngineDriver, url: string): Promise<void> {
  await openApp(driver, url);
  await driver.waitFor(welcomeStart);
}

/**
 * Waits until the service worker controls the page (one reload if the first install missed clients.claim(), as the
 * Playwright support does) and has stored every file of the app (#app[data-offline-ready]).
 */
export async function waitForServiceWorkerControl(driver: EngineDriver): Promise<void> {
  const controlled = () => navigator.serviceWorker.controller !== null;
  try {
    await driver.waitForFunction(controlled, null, { timeoutMs: 5_000 });
  } catch {
    await driver.reload();
    await driver.waitForFunction(controlled, null, { timeoutMs: 10_000, message: 'the service worker never took control of the page' });
  }
  await driver.waitFor({ css: MARKERS.offlineReady }, { state: 'attached', timeoutMs: 30_000 });
  await expectNoPageErrors(driver, 'while the service worker installed');
}

/** Skips the hands-on tries ("Passer les essais") when they show (the app offers them to touch screens). */
export async function skipTriesIfShown(driver: EngineDriver): Promise<void> {
  if (!(await driver.evaluate((tries) => document.querySelector(tries) !== null, MARKERS.triesScreen))) return;
  await driver.click(target(NAMES.skipTries));
  await driver.waitForFunction((tries) => document.querySelector(tries) === null, MARKERS.triesScreen, { message: 'the tries stayed on screen after "Passer les essais"' });
}

/** The title of the question on screen, or null when the result shows (the hands-on tries skipped on the way). */
export async function currentQuestion(driver: EngineDriver): Promise<string | null> {
  await driver.waitFor({ css: MARKERS.nextScreen });
  await skipTriesIfShown(driver);
  await driver.waitFor({ css: MARKERS.questionOrResult });
  return driver.evaluate(() => {
    const legend = document.querySelector<HTMLElement>('legend.question-title');
    return legend ? legend.innerText.trim() : null;
  }, null);
}

/**
 * Answers the question on screen with its first option then "Suivant"; returns the question's title. `byRole`: find
 * "Suivant" by its role and name (the default, and completeJourney's first question), else by MARKERS.questionNext.
 */
export async function answerFirst(driver: EngineDriver, { byRole = true }: { byRole?: boolean } = {}): Promise<string> {
  const title = await driver.textOf(questionLegend);
  await driver.click({ css: MARKERS.optionLabel });
  await driver.click(byRole ? nextButton : { css: MARKERS.questionNext });
  // the next screen replaces this one
  await driver.waitForFunction(
    (before) => document.querySelector<HTMLElement>('legend.question-title')?.innerText.trim() !== before,
    title,
    { message: `the question "${title}" stayed on screen after "${fr(NAMES.next.key)}"` },
  );
  await expectNoPageErrors(driver, `after answering "${title}"`);
  return title;
}

/**
 * Does the hands-on tries as someone at ease would (docs/TRIES.md): taps the three targets, finds the card below the
 * fold, copies the model, judges the three messages right. The daily user of answerFirst is offered four tries (no
 * icons). Pointer clicks, as on a kiosk with a mouse; each step reads the in-page error recorder.
 */
export async function doTriesWell(driver: EngineDriver): Promise<void> {
  const onTry = (id: string) => driver.evaluate((css) => document.querySelector(css) !== null, `main.tries[data-try="${id}"]`);
  await driver.waitFor({ css: 'main.tries[data-try="touch"]' });
  for (let taps = 0; taps < 6 && (await onTry('touch')); taps += 1) {
    await driver.click({ css: '.touch-target' });
    // the next target (or try) replaces this one
    await new Promise((done) => setTimeout(done, 150));
  }
  await driver.waitFor({ css: 'main.tries[data-try="scroll"]' });
  await driver.click({ css: '.scroll-card[data-card="bike"]' });
  await driver.waitFor({ css: 'main.tries[data-try="write"]' });
  await driver.fill({ label: fr('tries.write.label') }, 'LILAS 21');
  await driver.click({ role: 'button', name: fr('tries.write.done') });
  await driver.waitFor({ css: 'main.tries[data-try="scam"]' });
  for (const answer of ['noClick', 'noClick', 'click'] as const) {
    await driver.click({ role: 'button', name: fr(`tries.scam.${answer}`) });
    await new Promise((done) => setTimeout(done, 150));
  }
  await driver.waitForFunction((tries) => document.querySelector(tries) === null, MARKERS.triesScreen, { message: 'the tries stayed on screen after the scam try' });
  await expectNoPageErrors(driver, 'after the tries');
}

/** Answers every question on screen (first option each time) until the result; returns the questions seen. */
export async function completeJourney(driver: EngineDriver): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 25; i += 1) {
    if ((await currentQuestion(driver)) === null) {
      await driver.waitFor(resultHeading);
      await expectNoPageErrors(driver, 'on the result');
      return seen;
    }
    // "Suivant" by its role and name on the first question, then by its place (MARKERS.questionNext)
    seen.push(await answerFirst(driver, { byRole: seen.length === 0 }));
  }
  throw new Error(`no result after ${seen.length} questions: ${seen.join(' | ')}`);
}

/** Searches the help places near a postal code on the result, and waits for at least one. */
export async function searchPlaces(driver: EngineDriver, postalCode: string): Promise<void> {
  await driver.fill({ label: fr(LABELS.placesLocation) }, postalCode);
  await driver.click(target(NAMES.searchPlaces));
  await driver.waitFor(placeItem);
  await expectNoPageErrors(driver, `after searching places near ${postalCode}`);
}

/** Counts a store of the device's IndexedDB ("repere"). */
export function countStore(driver: EngineDriver, store: 'sessions' | 'results' | 'places'): Promise<number> {
  return driver.evaluate(countStoreInPage, store);
}

/** Every record of a store of the device's IndexedDB ("repere"). */
export function readStore(driver: EngineDriver, store: 'results' | 'sessions' | 'settings'): Promise<Array<Record<string, unknown>>> {
  return driver.evaluate(readStoreInPage, store) as Promise<Array<Record<string, unknown>>>;
}

/** The mediator PIN the engine runs create. */
export const PIN = '482913';
export const mediatorHome = target(NAMES.mediatorHome);
export const guidedResultHeading = target(NAMES.guidedResultHeading);

/**
 * Installs a new device as staff would: the setup address (…/?installation), the PIN created twice, then the settings
 * it opens on; back to the mediator's home.
 */
export async function installDevice(driver: EngineDriver, url: string): Promise<void> {
  await openApp(driver, new URL('?installation', url).href);
  await driver.waitFor({ role: 'heading', name: fr('mediator.pin.createTitle') });
  await driver.fill({ label: fr(LABELS.newPin) }, PIN);
  await driver.fill({ label: fr(LABELS.confirmPin) }, PIN);
  await driver.click(target(NAMES.createPin));
  await driver.waitFor({ role: 'heading', name: fr('mediator.settings.title') });
  await driver.click({ role: 'button', name: fr('mediator.settings.back') });
  await driver.waitFor(mediatorHome);
  await expectNoPageErrors(driver, 'after creating the PIN');
}

/** From the mediator's home: a guided session answered with the first answer each time, to the detailed result. */
export async function completeGuidedSession(driver: EngineDriver): Promise<string[]> {
  await driver.click(mediatorHome);
  // the home's own heading stays a moment: the first question, not any heading, says the session started
  await driver.waitFor(questionLegend);
  const seen: string[] = [];
  for (let i = 0; i < 25; i += 1) {
    await driver.waitFor({ css: 'legend.question-title, main h1' });
    await skipTriesIfShown(driver);
    await driver.waitFor({ css: 'legend.question-title, main h1' });
    const onQuestion = await driver.evaluate(() => document.querySelector('legend.question-title') !== null, null);
    if (!onQuestion) {
      await driver.waitFor(guidedResultHeading);
      await expectNoPageErrors(driver, 'on the detailed result');
      return seen;
    }
    seen.push(await answerFirst(driver));
  }
  throw new Error(`no detailed result after ${seen.length} questions: ${seen.join(' | ')}`);
}

/**
 * Keeps in the page the files the app saves (a Blob, an object URL, an `<a download>` clicked: src/ui/mediator/
 * download.ts) instead of letting the browser download them: the engines' download managers differ (WebKit's
 * MiniBrowser asks where to save), the page's own copy does not. Plain source made into a function in Node (no tsx
 * helpers in the page); installed after the page loaded, before the click that saves.
 */
const CAPTURE_DOWNLOADS = new Function(`
  if (window.__repereDownloads) return;
  const downloads = [];
  Object.defineProperty(window, '__repereDownloads', { value: downloads });
  const blobs = new Map();
  const createObjectURL = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (object) => {
    const url = createObjectURL(object);
    if (object instanceof Blob) blobs.set(url, object);
    return url;
  };
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (this.hasAttribute('download') && blobs.has(this.href)) downloads.push({ name: this.download, blob: blobs.get(this.href) });
    else click.call(this);
  };
`) as () => void;

export function captureDownloads(driver: EngineDriver): Promise<void> {
  return driver.evaluate(CAPTURE_DOWNLOADS, null);
}

/** The files saved since captureDownloads: their names, their first bytes (a BOM) and their text. */
export function capturedDownloads(driver: EngineDriver): Promise<Array<{ name: string; firstBytes: number[]; text: string }>> {
  return driver.evaluate(
    () =>
      Promise.all(
        ((window as unknown as { __repereDownloads?: Array<{ name: string; blob: Blob }> }).__repereDownloads ?? []).map((file) =>
          file.blob.arrayBuffer().then((buffer) => ({
            name: file.name,
            firstBytes: Array.from(new Uint8Array(buffer.slice(0, 3))),
            text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(buffer),
          })),
        ),
      ),
    null,
  );
}
