import { expect } from '@playwright/test';
import { test } from './fixtures';
import {
  answerFirst,
  countStore,
  firstQuestion,
  fr,
  messages,
  openKiosk,
  questionLegend,
  waitForServiceWorkerControl,
  welcomeStart,
} from './support';

test.describe('storage', () => {
  test('a session in progress survives a reload online and offline, and leaving erases it', async ({ page, context }) => {
    await openKiosk(page);
    await waitForServiceWorkerControl(page);
    await page.getByRole('button', { name: 'Türkçe' }).click();
    await page.getByRole('button', { name: 'Başla' }).click();
    await expect(questionLegend(page)).toBeVisible();
    const first = (await questionLegend(page).innerText()).trim();

    await page.reload();
    await expect(questionLegend(page)).toHaveText(first);

    await context.setOffline(true);
    await page.reload();
    await expect(questionLegend(page)).toHaveText(first);
    await expect(page.locator('html')).toHaveAttribute('lang', 'tr');

    // leaving from the first question erases the session and gives the next person the device's language
    await page.getByRole('button', { name: messagesTr('question.backToWelcome') }).click();
    await expect(welcomeStart(page)).toBeVisible();
    await page.reload();
    await expect(welcomeStart(page)).toBeVisible();
    expect(await countStore(page, 'sessions')).toBe(0);
  });

  test('a full disk gets a clear message and the person keeps going', async ({ page }) => {
    await openKiosk(page);
    await page.evaluate(() => {
      IDBObjectStore.prototype.put = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await welcomeStart(page).click();
    await expect(firstQuestion(page)).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('La mémoire de l’appareil est pleine');
    // the answers given still move the person forward
    await answerFirst(page);
    await expect(questionLegend(page)).toBeVisible();
  });

  for (const [label, script] of [
    ['missing', 'Object.defineProperty(window, "indexedDB", { value: undefined, configurable: true });'],
    [
      'refused (private mode)',
      'IDBFactory.prototype.open = function () { throw new DOMException("denied", "SecurityError"); };',
    ],
  ] as const) {
    test(`IndexedDB ${label}: the app runs in memory and says discreetly that nothing is kept`, async ({ page }) => {
      await page.addInitScript({ content: script });
      await openKiosk(page);
      await expect(page.getByRole('status').filter({ hasText: 'ne garde rien' })).toHaveText(fr('notices.memoryOnly'));
      await welcomeStart(page).click();
      await expect(firstQuestion(page)).toBeVisible();
      await answerFirst(page);
      await expect(page.getByRole('alert')).toBeEmpty();
    });
  }

  test('a newer version opening the database in another tab tells this tab to reload, and loses nothing', async ({
    page,
    context,
  }) => {
    await openKiosk(page);
    await welcomeStart(page).click();
    await expect(firstQuestion(page)).toBeVisible();
    expect(await countStore(page, 'sessions')).toBe(1);

    // another tab opens the database at a higher version, as the next release will
    const other = await context.newPage();
    await other.goto('/manifest.webmanifest');
    const kept = await other.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const request = indexedDB.open('repere', 1000);
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const all = request.result.transaction('sessions').objectStore('sessions').count();
            all.onsuccess = () => resolve(all.result);
          };
        }),
    );

    await expect(page.getByRole('alert')).toContainText('Repère a été mis à jour dans une autre fenêtre');
    await expect(page.getByRole('button', { name: 'Recharger la page' })).toBeVisible();
    // the screen the person was on stays, and the session is still in the database
    await expect(firstQuestion(page)).toBeVisible();
    expect(kept).toBe(1);
    await other.close();
  });
});

const messagesTr = messages('tr');
