import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { readFileSync } from 'node:fs';
import { ar, axeViolations, completeJourney, fr, messages, nextScreen, openKiosk, questionLegend, resultHeading, triesScreen, welcomeStart } from './support';

/** A language's texts with the accessibility statement's (a chunk of their own, src/i18n/statement/). */
function messagesWithStatement(language: string): (key: string) => string {
  const base = messages(language);
  const statement = JSON.parse(readFileSync(new URL(`../../src/i18n/statement/${language}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
  return (key) => {
    if (!key.startsWith('statement.')) return base(key);
    const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], statement);
    if (typeof value !== 'string') throw new Error(`no statement text ${key} in ${language}`);
    return value;
  };
}

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
    // The hands-on tries: each of the five screens checked, then passed one by one.
    if (await triesScreen(page).isVisible()) {
      for (let n = 0; n < 5 && (await triesScreen(page).isVisible()); n += 1) {
        await check(`try ${await triesScreen(page).getAttribute('data-try')}`);
        await page.getByRole('button', { name: t('tries.skipOne'), exact: true }).click();
      }
      kinds.add('tries');
      continue;
    }
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
  expect(kinds.size).toBe(5);
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
  // This test is about the dialog's accessibility, not its timing (journey.spec.ts checks the 90 s). The watcher is
  // armed by an effect that runs after the question's paint, on the page's clock: when the jump below comes first (a
  // loaded CI machine, seen twice), it arms at the jump's end and warns 90 s later. So the clock moves on until the
  // warning is there, in steps of 15 s: shorter than its 20 s countdown, so that it cannot come and go unseen, and
  // enough steps within the poll's 30 s for a watcher armed that late.
  const warning = page.getByRole('dialog', { name: fr('inactivity.title') });
  await page.clock.fastForward(91_000);
  await expect
    .poll(
      async () => {
        if (await warning.isVisible()) return true;
        await page.clock.fastForward(15_000);
        return warning.isVisible();
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  expect(await axeViolations(page)).toEqual([]);
});

test('works by keyboard alone: a language, the whole questionnaire, the result, the end', async ({ page }) => {
  await openKiosk(page);
  // the skip link comes first (shown when focused), then the display tools, then the start button, then the languages
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: fr('app.skipToContent') });
  await expect(skip).toBeFocused();
  expect((await skip.boundingBox())!.y).toBeGreaterThanOrEqual(0);
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

test('the skip link takes the keyboard past the toolbar to the screen', async ({ page }) => {
  await openKiosk(page);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  // the first control of the screen, not the first tool of the toolbar
  await expect(welcomeStart(page)).toBeFocused();
});

for (const [language, t] of [['fr', fr], ['ar', ar]] as const) {
  test(`the accessibility statement (${language}): from the welcome footer by keyboard, no axe violation, back to the welcome`, async ({ page }) => {
    await openKiosk(page);
    if (language === 'ar') await page.getByRole('button', { name: 'العربية' }).click();
    const link = page.getByRole('button', { name: t('footer.accessibility') });
    // the keyboard, not the mouse, brings the focus there (the language was chosen with a click)
    await page.keyboard.press('Shift');
    await link.focus();
    // links and buttons share one focus ring
    expect(await link.evaluate((el) => getComputedStyle(el).outlineWidth)).toBe('4px');
    await page.keyboard.press('Enter');
    const statement = messagesWithStatement(language);
    await expect(page.getByRole('heading', { level: 1, name: statement('statement.title') })).toBeFocused();
    await expect(page.getByRole('heading', { level: 2, name: statement('statement.remedyTitle') })).toBeVisible();
    await expect(page.getByText(statement('statement.checked.axe'))).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: statement('statement.back') }).click();
    await expect(page.getByRole('button', { name: t('welcome.start'), exact: true })).toBeVisible();
  });
}

test('a kiosk left on the accessibility statement goes back to the welcome screen', async ({ page }) => {
  await page.clock.install();
  await openKiosk(page);
  await page.getByRole('button', { name: fr('footer.accessibility') }).click();
  await expect(page.getByRole('heading', { level: 1, name: messagesWithStatement('fr')('statement.title') })).toBeVisible();
  await page.clock.fastForward(100_000);
  await expect(welcomeStart(page)).toBeVisible();
});

test('screen readers hear the places found; in Arabic the French names and addresses line up with their cards', async ({ page }) => {
  await openKiosk(page);
  await page.getByRole('button', { name: 'العربية' }).click();
  await page.getByRole('button', { name: ar('welcome.start'), exact: true }).click();
  await completeJourney(page, ar);
  await page.locator('#location-query').fill('25000');
  await page.getByRole('button', { name: ar('result.places.search') }).click();
  const status = page.locator('.places-block p.visually-hidden[role="status"]');
  await expect(status).toContainText(ar('result.places.found').split('{{')[0]!.trim());
  const name = page.locator('.places .place h3').first();
  await expect(name).toBeVisible();
  expect(await name.evaluate((el) => getComputedStyle(el).textAlign)).toBe('right');
});

test('a new device in Arabic: the welcome notice and the mediator door that creates nothing, no axe violation', async ({ page }) => {
  await openKiosk(page);
  await page.getByRole('button', { name: 'العربية' }).click();
  await expect(page.getByText(ar('welcome.notInstalled'))).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: ar('welcome.mediator') }).click();
  const door = JSON.parse(readFileSync(new URL('../../src/i18n/mediator/ar.json', import.meta.url), 'utf8')) as { mediator: { pin: Record<string, string> } };
  await expect(page.getByRole('heading', { level: 1, name: door.mediator.pin.notInstalledTitle })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});
