import { expect } from '@playwright/test';
import { test } from './fixtures';
import { completeJourney, openKiosk, resultHeading, searchPlaces, waitForServiceWorkerControl, welcomeStart } from './support';

test.describe('offline first', () => {
  test('after the first visit, a reload with the network cut is served by the service worker', async ({ page, context }) => {
    // given a first visit that installed the service worker
    await openKiosk(page);
    await waitForServiceWorkerControl(page);

    // when the network is cut and the kiosk reloads
    await context.setOffline(true);
    const response = await page.reload();

    // then the welcome screen comes from the service worker, not from Chrome's offline page
    expect(response?.fromServiceWorker()).toBe(true);
    await expect(page.getByRole('heading', { level: 1, name: 'Repère' })).toBeVisible();
    await expect(welcomeStart(page)).toBeVisible();
    await expect(page.getByText('Quelques questions simples pour faire le point')).toBeVisible();
  });

  test('a session started right after the install completes with the network cut', async ({ page, context }) => {
    // given a first visit, the network cut as soon as the service worker controls the page: what a French session needs
    // is stored; the rest (other languages, the mediator space, the opening hours…) may not be yet
    await openKiosk(page);
    await waitForServiceWorkerControl(page, { whole: false });
    await context.setOffline(true);
    const reachesServer = () => page.evaluate(() => fetch(`/not-precached-${Date.now()}`).then(() => true, () => false));
    expect(await reachesServer(), 'nothing reaches the server any more, not even through the worker').toBe(false);

    // when a whole questionnaire is answered
    await welcomeStart(page).click();
    await completeJourney(page);

    // then the result shows, with the help places near the postal code typed
    await expect(resultHeading(page)).toBeVisible();
    await searchPlaces(page, '25000');
    await expect(page.locator('main.result li.place').first()).toBeVisible();
    // and once the network is back, the rest follows at the next start: then every file is on the device
    await context.setOffline(false);
    await page.reload();
    await page.locator('#app[data-offline-ready="true"]').waitFor({ state: 'attached' });
  });

  test('a start with the network cut before the retention and the sending of counts were stored works, and skips them', async ({ page, context }) => {
    // given a first visit whose background downloads never got the retention's and the counts' code
    await context.route(/\/assets\/(results-history|results-queries|page-sync|sync-cycle|outbox)-[\w-]{8}\.js$/, (route) => route.abort());
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const skipped: string[] = [];
    page.on('console', (message) => message.type() === 'warning' && skipped.push(message.text()));
    await openKiosk(page);
    await waitForServiceWorkerControl(page, { whole: false });

    // when the kiosk starts again with the network cut
    await context.setOffline(true);
    await page.reload();
    await expect(welcomeStart(page)).toBeVisible();

    // then the housekeeping says what it skipped, nothing fails, and a whole session ends on its places
    await expect.poll(() => skipped.some((text) => text.includes('not sent at this start'))).toBe(true);
    await welcomeStart(page).click();
    await completeJourney(page);
    await searchPlaces(page, '25000');
    await expect(page.locator('main.result li.place').first()).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('a result whose opening-hours library cannot be loaded lists its places without their hours', async ({ page, context }) => {
    // given the library out of reach (a first session cut off before the rest of the app was stored)
    await context.route(/\/assets\/opening_hours[^/]*\.js$/, (route) => route.abort());
    await openKiosk(page);
    await welcomeStart(page).click();
    await completeJourney(page);
    await searchPlaces(page, '25000');

    // then the places show, and no line says "loading" for ever
    await expect(page.locator('main.result li.place').first()).toBeVisible();
    await expect(page.locator('main.result .place-hours')).toHaveCount(0);
    await expect(page.locator('main.result [aria-busy="true"]')).toHaveCount(0);
  });

  test('every language works offline, Arabic right to left', async ({ page, context }) => {
    await openKiosk(page);
    await waitForServiceWorkerControl(page);
    await context.setOffline(true);
    await page.reload();

    await page.getByRole('button', { name: 'العربية' }).click();
    await expect(page.getByRole('button', { name: 'ابدأ' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');

    for (const [name, start] of [
      ['English', 'Start'],
      ['Español', 'Empezar'],
      ['Português', 'Começar'],
      ['Deutsch', 'Anfangen'],
      ['Türkçe', 'Başla'],
      ['Українська', 'Почати'],
      ['Français', 'Commencer'],
    ]) {
      await page.getByRole('button', { name }).click();
      await expect(page.getByRole('button', { name: start })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    }
  });

  test('the precache holds the app shell, every locale and the demo places', async ({ page }) => {
    await openKiosk(page);
    await waitForServiceWorkerControl(page);
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        urls.push(...(await cache.keys()).map((r) => new URL(r.url).pathname));
      }
      return urls;
    });
    expect(cached).toContain('/index.html');
    expect(cached).toContain('/manifest.webmanifest');
    for (const locale of ['en', 'ar', 'es', 'pt', 'de', 'tr', 'uk']) {
      expect(cached.some((u) => new RegExp(`^/assets/${locale}-[\\w-]+\\.js$`).test(u)), locale).toBe(true);
    }
    expect(cached.some((u) => /^\/assets\/demo-places-[\w-]+\.js$/.test(u))).toBe(true);
    expect(cached.some((u) => /^\/assets\/index-[\w-]+\.css$/.test(u))).toBe(true);
    // nothing twice (icons were precached twice once: STACK.md pitfall 1)
    expect(new Set(cached).size).toBe(cached.length);
  });
});
