import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { ar, axeViolations, completeJourney, fr, nextScreen, openKiosk, questionLegend, resultHeading, welcomeStart } from './support';

/** Walks the journey and runs axe on each kind of screen: welcome, tick screen, single choice, yes/no, scale, result. */
async function checkEveryScreen(page: Page, t: typeof fr) {
  const violations: Array<{ screen: string; found: unknown }> = [];
  const check = async (screen: string) => {
    const found = await axeViolations(page);
    if (found.length > 0) violations.push({ screen, found });
  };
  await check('welcome');
  await page.getByRole('button', { name: t('welcome.start'), exact: true }).click();
  const kinds = new Set<string>();
  for (let i = 0; i < 25 && !(await nextScreen(page).then(() => resultHeading(page, t).isVisible())); i += 1) {
    const kind = (await page.locator('ul.options').getAttribute('class')) ?? '';
    if (!kinds.has(kind)) {
      kinds.add(kind);
      await check(`question ${(await questionLegend(page).innerText()).trim()}`);
    }
    await page.locator('.options label').first().click();
    await page.getByRole('button', { name: t('question.next'), exact: true }).click();
  }
  await expect(resultHeading(page, t)).toBeVisible();
  await page.getByRole('button', { name: t('result.showQr') }).click();
  await expect(page.locator('.qr svg')).toBeVisible();
  await check('result');
  expect(kinds.size).toBe(4);
  return violations;
}

for (const contrast of [false, true]) {
  const theme = contrast ? 'high contrast' : 'normal theme';
  test(`every screen in French, ${theme}: no axe violation`, async ({ page }) => {
    await openKiosk(page);
    if (contrast) await page.getByRole('button', { name: fr('toolbar.contrast') }).click();
    expect(await checkEveryScreen(page, fr)).toEqual([]);
  });

  test(`every screen in Arabic, right to left, ${theme}: no axe violation`, async ({ page }) => {
    await openKiosk(page);
    await page.getByRole('button', { name: 'العربية' }).click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    if (contrast) await page.getByRole('button', { name: ar('toolbar.contrast') }).click();
    expect(await checkEveryScreen(page, ar)).toEqual([]);
  });
}

test('the inactivity warning and the memory-only notice: no axe violation', async ({ page }) => {
  await page.clock.install();
  await page.addInitScript({ content: 'Object.defineProperty(window, "indexedDB", { value: undefined });' });
  await openKiosk(page);
  await welcomeStart(page).click();
  await expect(questionLegend(page)).toBeVisible();
  await page.clock.fastForward(91_000);
  await expect(page.getByRole('dialog', { name: fr('inactivity.title') })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test('works by keyboard alone: a language, the whole questionnaire, the result, the end', async ({ page }) => {
  await openKiosk(page);
  // the display tools come first, then the start button, then the languages
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('Tab');
  await expect(welcomeStart(page)).toBeFocused();
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Español' })).toBeFocused();
  await page.keyboard.press('Enter');
  const es = (await import('./support')).messages('es');
  const start = page.getByRole('button', { name: es('welcome.start'), exact: true });
  await start.focus();
  await page.keyboard.press('Enter');
  // each new question gets the focus on its legend; Tab, Space, Enter answer it
  const seen = await completeJourney(page, es, 'keyboard');
  expect(seen.length).toBeGreaterThanOrEqual(9);
  await expect(resultHeading(page, es)).toBeFocused();
  const finish = page.getByRole('button', { name: es('session.finish') });
  for (let i = 0; i < 20 && !(await finish.evaluate((el) => el === document.activeElement)); i += 1) {
    await page.keyboard.press('Tab');
  }
  await expect(finish).toBeFocused();
  // the focus is visible
  expect(await finish.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(welcomeStart(page)).toBeVisible();
});
