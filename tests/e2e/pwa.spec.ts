import { expect } from '@playwright/test';
import { test } from './fixtures';
import { openKiosk, waitForServiceWorkerControl } from './support';

test('installable: Chromium finds no installability error and reads the French manifest', async ({ page }) => {
  await openKiosk(page);
  await waitForServiceWorkerControl(page);
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
    installabilityErrors: Array<{ errorId: string }>;
  };
  // Headless Chromium runs as incognito: that one is about the browser, not the app.
  expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);

  const { data, errors: manifestErrors } = (await cdp.send('Page.getAppManifest')) as {
    data: string;
    errors: unknown[];
  };
  expect(manifestErrors).toEqual([]);
  const manifest = JSON.parse(data) as {
    name: string;
    lang: string;
    display: string;
    display_override: string[];
    theme_color: string;
    icons: Array<{ sizes: string; purpose?: string }>;
  };
  expect(manifest).toMatchObject({ name: 'Repère', lang: 'fr', display: 'fullscreen' });
  expect(manifest.display_override).toEqual(['fullscreen', 'standalone']);
  expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose ?? 'any'}`).sort()).toEqual([
    '192x192 any',
    '512x512 any',
    '512x512 maskable',
  ]);
  for (const icon of ['/icons/icon-192.png', '/icons/icon-512.png', '/icons/icon-maskable-512.png']) {
    const response = await page.request.get(icon);
    expect(response.headers()['content-type']).toBe('image/png');
  }
});
