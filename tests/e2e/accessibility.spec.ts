import { expect, test } from '@playwright/test';
import { axeViolations, openKiosk, sessionHeading, welcomeStart } from './support';

test.describe('accessibility', () => {
  test('welcome screen in French: no axe violation', async ({ page }) => {
    await openKiosk(page);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('welcome screen in Arabic, right to left: no axe violation', async ({ page }) => {
    await openKiosk(page);
    await page.getByRole('button', { name: 'العربية' }).click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    expect(await axeViolations(page)).toEqual([]);
  });

  test('session screen and the notices: no axe violation', async ({ page }) => {
    await page.addInitScript({ content: 'Object.defineProperty(window, "indexedDB", { value: undefined });' });
    await openKiosk(page);
    await welcomeStart(page).click();
    await expect(sessionHeading(page)).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });

  test('works by keyboard alone: choose a language, start, finish', async ({ page }) => {
    await openKiosk(page);
    // the start button is the first stop, the languages follow it
    await page.keyboard.press('Tab');
    await expect(welcomeStart(page)).toBeFocused();
    for (let i = 0; i < 4; i += 1) await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Español' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Empezar' })).toBeVisible();
    await page.getByRole('button', { name: 'Empezar' }).focus();
    await page.keyboard.press('Enter');
    // the focus moves to the new screen's heading
    await expect(page.getByRole('heading', { level: 1, name: 'Sus preguntas' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Terminar y borrar' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(welcomeStart(page)).toBeVisible();
  });
});
