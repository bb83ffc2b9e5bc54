// The steps of a kiosk journey, by role and accessible name in the French texts of src/i18n, written against
// EngineDriver only (so every engine runs the same ones). Each step reads the in-page error recorder.
import { fr } from '../support/messages';
import type { EngineDriver, Target } from './engine-driver';
import { expectNoPageErrors } from './page-errors';
import { countStoreInPage } from '../support/idb-in-page';

export const welcomeStart: Target = { role: 'button', name: fr('welcome.start') };
export const nextButton: Target = { role: 'button', name: fr('question.next') };
export const resultHeading: Target = { role: 'heading', name: fr('result.title') };
export const questionLegend: Target = { css: 'legend.question-title' };
export const placeItem: Target = { css: 'main.result li.place' };

/** Opens the app and waits until it is live (not only the prerendered welcome HTML), on whatever screen it resumes. */
export async function openApp(driver: EngineDriver, url: string): Promise<void> {
  await driver.goto(url);
  await driver.waitFor({ css: '#app[data-ready="true"]' }, { state: 'attached' });
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
  await driver.waitFor({ css: '#app[data-offline-ready="true"]' }, { state: 'attached', timeoutMs: 30_000 });
  await expectNoPageErrors(driver, 'while the service worker installed');
}

/** The title of the question on screen, or null when the result shows. */
export async function currentQuestion(driver: EngineDriver): Promise<string | null> {
  await driver.waitFor({ css: 'legend.question-title, main.result h1' });
  return driver.evaluate(() => {
    const legend = document.querySelector<HTMLElement>('legend.question-title');
    return legend ? legend.innerText.trim() : null;
  }, null);
}

/** Answers the question on screen with its first option then "Suivant"; returns the question's title. */
export async function answerFirst(driver: EngineDriver): Promise<string> {
  const title = await driver.textOf(questionLegend);
  await driver.click({ css: '.options label' });
  await driver.click(nextButton);
  // the next screen replaces this one
  await driver.waitForFunction(
    (before) => document.querySelector<HTMLElement>('legend.question-title')?.innerText.trim() !== before,
    title,
    { message: `the question "${title}" stayed on screen after "${fr('question.next')}"` },
  );
  await expectNoPageErrors(driver, `after answering "${title}"`);
  return title;
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
    seen.push(await answerFirst(driver));
  }
  throw new Error(`no result after ${seen.length} questions: ${seen.join(' | ')}`);
}

/** Searches the help places near a postal code on the result, and waits for at least one. */
export async function searchPlaces(driver: EngineDriver, postalCode: string): Promise<void> {
  await driver.fill({ label: fr('result.places.locationLabel') }, postalCode);
  await driver.click({ role: 'button', name: fr('result.places.search') });
  await driver.waitFor(placeItem);
  await expectNoPageErrors(driver, `after searching places near ${postalCode}`);
}

/** Counts a store of the device's IndexedDB ("repere"). */
export function countStore(driver: EngineDriver, store: 'sessions' | 'results' | 'places'): Promise<number> {
  return driver.evaluate(countStoreInPage, store);
}
