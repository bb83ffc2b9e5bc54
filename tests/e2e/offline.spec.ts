import { expect } from '@playwright/test';
import { test } from './fixtures';
import { openKiosk, waitForServiceWorkerControl, welcomeStart } from './support';

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
