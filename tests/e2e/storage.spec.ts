import { expect, test } from '@playwright/test';
import { finishButton, openKiosk, sessionHeading, waitForServiceWorkerControl, welcomeStart } from './support';

test.describe('storage', () => {
  test('a session in progress survives a reload online and offline, and "finish" erases it', async ({ page, context }) => {
    await openKiosk(page);
    await waitForServiceWorkerControl(page);
    await page.getByRole('button', { name: 'Türkçe' }).click();
    await page.getByRole('button', { name: 'Başla' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sorularınız' })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Sorularınız' })).toBeVisible();

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Sorularınız' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'tr');

    // finishing erases the session and gives the next person the device's language
    await page.getByRole('button', { name: 'Bitir ve sil' }).click();
    await expect(welcomeStart(page)).toBeVisible();
    await page.reload();
    await expect(welcomeStart(page)).toBeVisible();
    const sessions = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const request = indexedDB.open('repere');
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const count = request.result.transaction('sessions').objectStore('sessions').count();
            count.onsuccess = () => {
              resolve(count.result);
              request.result.close();
            };
          };
        }),
    );
    expect(sessions).toBe(0);
  });

  test('a full disk gets a clear message and the person keeps going', async ({ page }) => {
    await openKiosk(page);
    await page.evaluate(() => {
      IDBObjectStore.prototype.put = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await welcomeStart(page).click();
    await expect(sessionHeading(page)).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('La mémoire de l’appareil est pleine');
    await finishButton(page).click();
    await expect(welcomeStart(page)).toBeVisible();
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
      await expect(page.getByRole('status')).toHaveText(
        'Cet appareil ne garde rien : tout s’efface quand la page se ferme.',
      );
      await welcomeStart(page).click();
      await expect(sessionHeading(page)).toBeVisible();
      await expect(page.getByRole('alert')).toBeEmpty();
    });
  }

  test('a newer version opening the database in another tab tells this tab to reload, and loses nothing', async ({
    page,
    context,
  }) => {
    await openKiosk(page);
    await welcomeStart(page).click();
    await expect(sessionHeading(page)).toBeVisible();
    const sessionId = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const request = indexedDB.open('repere');
          request.onsuccess = () => {
            const all = request.result.transaction('sessions').objectStore('sessions').getAllKeys();
            all.onsuccess = () => {
              resolve(String(all.result[0]));
              request.result.close();
            };
          };
        }),
    );

    // another tab opens the database at a higher version, as the next release will
    const other = await context.newPage();
    await other.goto('/manifest.webmanifest');
    const kept = await other.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const request = indexedDB.open('repere', 1000);
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const all = request.result.transaction('sessions').objectStore('sessions').getAllKeys();
            all.onsuccess = () => resolve(all.result.map(String));
          };
        }),
    );

    await expect(page.getByRole('alert')).toContainText('Repère a été mis à jour dans une autre fenêtre');
    await expect(page.getByRole('button', { name: 'Recharger la page' })).toBeVisible();
    // the screen the person was on stays
    await expect(sessionHeading(page)).toBeVisible();
    expect(kept).toEqual([sessionId]);
    await other.close();
  });
});
