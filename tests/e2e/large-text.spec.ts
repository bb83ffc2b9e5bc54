import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { ar, fr, nextScreen, openKiosk, questionLegend, resultHeading, triesScreen } from './support';

// Very large text everywhere (issue 13, docs/ACCESSIBILITY.md): on 320, 390, 820 and 1080 px wide screens, in French and in
// Arabic, every screen kind is measured: no horizontal scroll, no control outside the screen, no clipped label; and
// "Suivant" keeps its place from one question to the next.
const SCREENS = [
  { width: 320, height: 568 },
  { width: 390, height: 844 },
  { width: 820, height: 1180 },
  { width: 1080, height: 1920 },
] as const;

/** What breaks the layout on the screen as it is: each offender named with its text and measures. */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = window.innerWidth;
    const root = document.documentElement;
    if (root.scrollWidth > width + 1) {
      // named by the innermost elements that stick out
      const out = [...document.querySelectorAll<HTMLElement>('body *')].filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && (box.right > width + 1 || box.left < -1) && ![...el.children].some((child) => child.getBoundingClientRect().right > width + 1);
      });
      const names = out.slice(0, 3).map((el) => `${el.tagName.toLowerCase()}.${el.className} "${(el.innerText || '').trim().slice(0, 30)}"`);
      problems.push(`page scrolls sideways: ${root.scrollWidth} px for ${width} (${names.join(', ')})`);
    }
    const controls = document.querySelectorAll<HTMLElement>('button, a[href], label.option, input:not([type=radio]):not([type=checkbox]), select');
    for (const control of controls) {
      if (control.closest('[hidden], [aria-hidden="true"], .visually-hidden, dialog:not([open])')) continue;
      const box = control.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const name = (control.innerText || control.getAttribute('aria-label') || control.id || control.tagName).trim().slice(0, 40);
      if (box.left < -1 || box.right > width + 1) problems.push(`"${name}" outside the screen (${Math.round(box.left)}–${Math.round(box.right)} of ${width})`);
      // a label wider or taller than its box is clipped (or spills over its neighbours)
      if (control.scrollWidth > control.clientWidth + 1) problems.push(`"${name}" clipped: ${control.scrollWidth} px of text in ${control.clientWidth}`);
    }
    return problems;
  });
}

async function expectLaidOut(page: Page, where: string): Promise<void> {
  expect(await layoutProblems(page), where).toEqual([]);
}

/** Cycles the text size button of the toolbar until it says the size wanted. */
async function setTextSize(page: Page, t: typeof fr, size: 'normal' | 'large' | 'veryLarge'): Promise<void> {
  const wanted = t('toolbar.textSize').replace('{{size}}', t(`toolbar.textSizes.${size}`));
  for (let i = 0; i < 3 && !(await page.getByRole('button', { name: wanted }).isVisible()); i += 1) {
    await page.getByRole('button', { name: new RegExp(t('toolbar.textSize').split('{{size}}')[0]!.trim()) }).click();
  }
  await expect(page.getByRole('button', { name: wanted })).toBeVisible();
}

const CASES = SCREENS.flatMap((screen) => [
  { screen, language: 'fr', t: fr, textSize: 'veryLarge' },
  { screen, language: 'ar', t: ar, textSize: 'veryLarge' },
  // and at the normal size, where "Suivant" first moved (a kiosk centred each question)
  { screen, language: 'fr', t: fr, textSize: 'normal' },
] as const);

for (const { screen, language, t, textSize } of CASES) {
  test(`${textSize} text at ${screen.width} px, ${language}: every screen kind fits, "Suivant" keeps its place`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(screen);
    await openKiosk(page);
    if (language === 'ar') await page.getByRole('button', { name: 'العربية' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await setTextSize(page, t, textSize);
    await expectLaidOut(page, 'welcome');
    // the mediator's door of a new device
    await page.getByRole('button', { name: t('welcome.mediator') }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectLaidOut(page, 'mediator door');
    await page.getByRole('button', { name: t('mediator.pin.cancel') }).click();

    await page.getByRole('button', { name: t('welcome.start'), exact: true }).click();
    const places = new Map<string, string>();
    const next = page.getByRole('button', { name: t('question.next'), exact: true });
    for (let i = 0; i < 25; i += 1) {
      await nextScreen(page);
      if (await resultHeading(page, t).isVisible()) break;
      if (await triesScreen(page).isVisible()) {
        // each try's screen laid out at this text size too, then passed
        for (let n = 0; n < 5 && (await triesScreen(page).isVisible()); n += 1) {
          await expectLaidOut(page, `try ${await triesScreen(page).getAttribute('data-try')}`);
          await page.getByRole('button', { name: t('tries.skipOne'), exact: true }).click();
        }
        continue;
      }
      const title = (await questionLegend(page).innerText()).trim();
      await expectLaidOut(page, title);
      if (i === 1) {
        // the "stop and erase" confirmation
        await page.getByRole('button', { name: t('question.stop') }).click();
        await expect(page.getByRole('dialog')).toBeVisible();
        await expectLaidOut(page, `${title}, stop dialog`);
        await page.getByRole('button', { name: t('question.stopCancel') }).click();
      }
      if (i === 2) {
        // a text size changed mid-questionnaire: the answer ticked stays ticked, the screen still fits
        await page.locator('.options label').first().click();
        await setTextSize(page, t, textSize === 'normal' ? 'veryLarge' : 'normal');
        await expect(page.locator('.options input').first()).toBeChecked();
        await setTextSize(page, t, textSize);
        await expect(page.locator('.options input').first()).toBeChecked();
        await expectLaidOut(page, `${title}, text size changed`);
      } else {
        await page.locator('.options label').first().click();
      }
      const box = await next.boundingBox();
      // the same column and width on every question (and the same height on the screen where it stays in view)
      const place = `x ${Math.round(box!.x)}, width ${Math.round(box!.width)}${screen.height >= 700 ? `, y ${Math.round(box!.y)}` : ''}`;
      places.set(place, places.get(place) ?? title);
      await next.click();
      await expect(page.getByText(title, { exact: true })).toHaveCount(0);
    }
    expect([...places].map(([place, title]) => `${place} (first on "${title}")`), '"Suivant" moved between questions').toHaveLength(1);
    await expect(resultHeading(page, t)).toBeVisible();
    await page.locator('#location-query').fill('25000');
    await page.getByRole('button', { name: t('result.places.search') }).click();
    await expect(page.locator('.places .place').first()).toBeVisible();
    await page.getByRole('button', { name: t('result.showQr') }).click();
    await expect(page.locator('.qr svg')).toBeVisible();
    await expectLaidOut(page, 'result');
  });
}
