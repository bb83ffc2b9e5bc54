import { expect, test } from '@playwright/test';
import { openKiosk, welcomeStart } from './support';

// `npm run screenshots`: every screen at phone, tablet and kiosk sizes, in French and in Arabic (right to left),
// written to reports/screenshots/ for a person to look at. Not part of `npm test`.
const SIZES = {
  phone: { width: 390, height: 844 },
  tablet: { width: 820, height: 1180 },
  kiosk: { width: 1920, height: 1080 },
} as const;

for (const [size, viewport] of Object.entries(SIZES)) {
  for (const language of ['fr', 'ar'] as const) {
    test(`${size} ${language}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.addInitScript({ content: 'Object.defineProperty(window, "indexedDB", { value: undefined });' });
      await openKiosk(page);
      if (language === 'ar') await page.getByRole('button', { name: 'العربية' }).click();
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await page.screenshot({ path: `reports/screenshots/welcome-${size}-${language}.png`, fullPage: true });
      await (language === 'ar' ? page.getByRole('button', { name: 'ابدأ' }) : welcomeStart(page)).click();
      await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
      await page.screenshot({ path: `reports/screenshots/session-${size}-${language}.png`, fullPage: true });
    });
  }
}
