import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { QUESTIONNAIRE } from '../../src/content/questionnaire';
import { fr } from '../support/messages';
import { countStoreInPage } from '../support/idb-in-page';
import { LABELS, MARKERS, NAMES } from '../support/journey-names';

export { ar, fr, messages } from '../support/messages';

/**
 * Waits until the service worker controls the page (a reload during the first install can miss clients.claim()) and,
 * unless `whole` is false, until it has stored every file of the app (the part a first session does not need follows
 * the install in the background: src/sw/precache-plan.ts), which the app marks on #app.
 */
export async function waitForServiceWorkerControl(page: Page, { whole = true } = {}): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const controlled = await page
    .waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 5_000 })
    .then(() => true)
    .catch(() => false);
  if (!controlled) {
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  }
  if (whole) await page.locator(MARKERS.offlineReady).waitFor({ state: 'attached' });
}

/** axe-core on the whole page (WCAG 2.1 A/AA and best practices): the violations, for a readable failure. */
export async function axeViolations(page: Page): Promise<Array<{ id: string; help: string; targets: string[] }>> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => ({
    id: v.id,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}

export const welcomeStart = (page: Page) => page.getByRole(NAMES.welcomeStart.role, { name: fr(NAMES.welcomeStart.key), exact: true });
/** The legend of the question on screen (the question itself). */
export const questionLegend = (page: Page) => page.locator(MARKERS.questionLegend);
export const firstQuestion = (page: Page) => page.getByRole(NAMES.firstQuestion.role, { name: fr(NAMES.firstQuestion.key) });
export const backToWelcome = (page: Page) => page.getByRole(NAMES.backToWelcome.role, { name: fr(NAMES.backToWelcome.key) });
export const resultHeading = (page: Page, t = fr) => page.getByRole(NAMES.resultHeading.role, { level: 1, name: t(NAMES.resultHeading.key) });

/** Opens the kiosk and waits for the live welcome screen (not only the prerendered HTML). */
export async function openKiosk(page: Page): Promise<void> {
  await page.goto('/');
  await expect(welcomeStart(page)).toBeVisible();
  await page.locator(MARKERS.appReady).waitFor({ state: 'attached' });
}

/** Counts a store of the device's IndexedDB ("repere"). */
export function countStore(page: Page, store: 'sessions' | 'results' | 'places'): Promise<number> {
  return page.evaluate(countStoreInPage, store);
}

/**
 * Answers the question on screen the simple way: ticks the first box, or picks the first answer, then "Suivant".
 * `how` chooses the gesture: a click, a tap (touch screens), or the keyboard alone.
 */
export async function answerFirst(page: Page, t = fr, how: 'click' | 'tap' | 'keyboard' = 'click'): Promise<string> {
  if (await triesScreen(page).isVisible()) {
    await skipTries(page, t, how);
    return 'tries';
  }
  const legend = questionLegend(page);
  await expect(legend).toBeVisible();
  const title = (await legend.innerText()).trim();
  const choice = page.locator('.options input').first();
  const next = page.getByRole(NAMES.next.role, { name: t(NAMES.next.key), exact: true });
  if (how === 'keyboard') {
    await expect(legend).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(choice).toBeFocused();
    await page.keyboard.press('Space');
    await expect(choice).toBeChecked();
    await page.keyboard.press('Enter');
  } else if (how === 'tap') {
    await page.locator(MARKERS.optionLabel).first().tap();
    await expect(choice).toBeChecked();
    await next.tap();
  } else {
    await page.locator(MARKERS.optionLabel).first().click();
    await next.click();
  }
  // the next screen replaces this one
  await expect(page.getByText(title, { exact: true })).toHaveCount(0);
  return title;
}

/** On the result: looks for help places near a postal code or a commune, as a person types it. */
export async function searchPlaces(page: Page, query: string): Promise<void> {
  await page.getByLabel(fr(LABELS.placesLocation)).fill(query);
  await page.getByRole(NAMES.searchPlaces.role, { name: fr(NAMES.searchPlaces.key) }).click();
}

/** Waits for the next screen of the journey: a question, the hands-on tries, or the result. */
export async function nextScreen(page: Page): Promise<void> {
  await page.locator(MARKERS.nextScreen).first().waitFor();
}

/** The hands-on tries' screen (after the internet use). */
export const triesScreen = (page: Page) => page.locator(MARKERS.triesScreen);

/**
 * "Passer les essais" on the tries' first screen. By keyboard: someone who moves by keyboard is offered the skip first,
 * right after the title that has the focus, so one Tab reaches it.
 */
export async function skipTries(page: Page, t = fr, how: 'click' | 'tap' | 'keyboard' = 'click'): Promise<void> {
  const skipAll = page.getByRole(NAMES.skipTries.role, { name: t(NAMES.skipTries.key), exact: true }).first();
  if (how === 'keyboard') {
    await expect(page.getByRole('heading', { level: 1, name: t('tries.intro.title') })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(skipAll).toBeFocused();
    await page.keyboard.press('Enter');
  } else if (how === 'tap') await skipAll.tap();
  else await skipAll.click();
  await expect(triesScreen(page)).toHaveCount(0);
}

/** Answers every question (first answer each time) until the result shows; returns the questions seen. */
export async function completeJourney(page: Page, t = fr, how: 'click' | 'tap' | 'keyboard' = 'click'): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 25; i += 1) {
    await nextScreen(page);
    if (await resultHeading(page, t).isVisible()) return seen;
    seen.push(await answerFirst(page, t, how));
  }
  throw new Error(`no result after ${seen.length} questions: ${seen.join(' | ')}`);
}

/** Answers by question id, as a mediator would write them: option ids, ticks, 'none', 'dontKnow' or 'skipped'. */
export type AnswerTable = Readonly<Record<string, string | readonly string[]>>;

/** Answers each screen from the table: ticks (a list), "none of these", "je ne sais pas", "passer", or one option. */
export async function walk(page: Page, table: AnswerTable, t = fr): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 25; i += 1) {
    await nextScreen(page);
    if (await resultHeading(page, t).isVisible()) return seen;
    if (await triesScreen(page).isVisible()) {
      // the tries are not in the table: skipped, as most tests of the questions do
      await skipTries(page, t);
      seen.push('tries');
      continue;
    }
    const title = (await questionLegend(page).innerText()).trim();
    const question = QUESTIONNAIRE.questions.find((q) => t(q.titleKey) === title);
    if (!question) throw new Error(`unknown screen "${title}"`);
    const value = table[question.id];
    if (value === undefined) throw new Error(`no answer for "${question.id}" (seen: ${seen.join(', ')})`);
    seen.push(question.id);
    if (value === 'dontKnow') await page.getByRole(NAMES.dontKnow.role, { name: t(NAMES.dontKnow.key) }).click();
    else if (value === 'skipped') await page.getByRole('button', { name: t('question.skip') }).click();
    else {
      if (value === 'none') await page.getByRole('checkbox', { name: t(`questions.${question.id}.none`), exact: true }).check();
      else if (Array.isArray(value)) {
        for (const id of value) await page.getByRole('checkbox', { name: t(`questions.${question.id}.options.${id}`), exact: true }).check();
      } else await page.getByRole('radio', { name: t(`questions.${question.id}.options.${value as string}`), exact: true }).check();
      await page.getByRole(NAMES.next.role, { name: t(NAMES.next.key), exact: true }).click();
    }
    await expect(page.getByText(title, { exact: true })).toHaveCount(0);
  }
  throw new Error('no result after 25 screens');
}

/** Every record of a store of the device's IndexedDB, as the app wrote them. */
export function readStore<T = Record<string, unknown>>(page: Page, store: 'results' | 'outbox' | 'places' | 'settings' | 'sessions'): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const request = indexedDB.open('repere');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const all = request.result.transaction(name).objectStore(name).getAll();
          all.onsuccess = () => {
            resolve(all.result as T[]);
            request.result.close();
          };
        };
      }),
    store,
  );
}

/**
 * Writes the device settings as a mediator's settings screen would save them (the app fills what is missing with its
 * defaults on read). `merge` keeps what is already stored.
 */
export function putDeviceSettings(page: Page, value: Record<string, unknown>, { merge = false } = {}): Promise<void> {
  return page.evaluate(
    ({ value, merge }) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('repere');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const tx = request.result.transaction('settings', 'readwrite');
          const store = tx.objectStore('settings');
          const get = store.get('device');
          get.onsuccess = () => {
            const stored = merge ? ((get.result as { value?: object } | undefined)?.value ?? {}) : {};
            store.put({ key: 'device', value: { ...stored, ...value } });
          };
          tx.oncomplete = () => {
            request.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { value, merge },
  );
}
