import { expect, type Locator, type Page } from '@playwright/test';
import { test } from './fixtures';
import { PIN, homeHeading, openMediatorSpace, pinField } from './mediator-space';
import { axeViolations, fr, openKiosk } from './support';

/** A mediator's tablet held upright. */
const TABLET = { width: 820, height: 1180 };
test.use({ viewport: TABLET });

const settingsHeading = (page: Page) => page.getByRole('heading', { level: 1, name: fr('mediator.settings.title'), exact: true });
const saveBar = (page: Page) => page.locator('.settings-savebar');
const saveStatus = (page: Page) => saveBar(page).getByRole('status');
const saveButton = (page: Page) => page.getByRole('button', { name: fr('mediator.settings.save.button'), exact: true });
const backButton = (page: Page) => page.getByRole('button', { name: fr('mediator.settings.back'), exact: true });
const inactivity = (page: Page) => page.getByLabel(fr('mediator.settings.use.inactivity'), { exact: true });
const leaveDialog = (page: Page) => page.getByRole('dialog', { name: fr('mediator.settings.leave.title') });

/** A new device, its mediator space open on the settings. */
async function openSettings(page: Page): Promise<void> {
  await openKiosk(page);
  await openMediatorSpace(page);
  await page.getByRole('button', { name: fr('mediator.home.settings') }).click();
  await expect(settingsHeading(page)).toBeVisible();
}

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox();
  if (!found) throw new Error('no box: not rendered');
  return found;
}

/** Scrolls so that the point at `fraction` of the settings form's height sits in the middle of the window. */
async function scrollForm(page: Page, fraction: number): Promise<void> {
  await page.evaluate((at) => {
    const form = document.querySelector('form.settings-form');
    if (!form) throw new Error('no settings form');
    const rect = form.getBoundingClientRect();
    window.scrollTo({ top: window.scrollY + rect.top + rect.height * at - window.innerHeight / 2, behavior: 'instant' });
  }, fraction);
}

/** The bar is whole in the window and pinned to its bottom edge. */
async function expectBarPinned(page: Page): Promise<void> {
  await expect(saveBar(page)).toBeInViewport({ ratio: 1 });
  const bar = await box(saveBar(page));
  expect(Math.abs(bar.y + bar.height - TABLET.height)).toBeLessThanOrEqual(1);
  await expect(saveButton(page)).toBeInViewport({ ratio: 1 });
}

/** Whether a reload or a closed tab would be asked about first (the page's beforeunload handler cancels it). */
function unloadIsQuestioned(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });
}

test('settings: a change says "unsaved" in a save bar that stays in view over the form, and never covers the tools below', async ({ page }) => {
  await openSettings(page);
  await expect(saveStatus(page)).toHaveText(fr('mediator.settings.saveBar.clean'));
  // the button says what it saves; the tools below say they act at once
  await expect(saveButton(page)).toHaveAccessibleDescription(fr('mediator.settings.saveBar.scope'));
  await expect(page.getByText(fr('mediator.settings.toolsIntro'), { exact: true })).toBeVisible();

  await inactivity(page).fill('120');
  await expect(saveStatus(page)).toHaveText(fr('mediator.settings.saveBar.unsaved'));
  await expect(saveBar(page)).toHaveAttribute('data-unsaved', 'true');

  // at the top of the page and in the middle of the form, the bar is whole at the bottom of the window
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  await expect(settingsHeading(page)).toBeInViewport();
  await expectBarPinned(page);
  await scrollForm(page, 0.5);
  await expectBarPinned(page);
  expect(await axeViolations(page)).toEqual([]);
  // the unsaved bar in high contrast too
  await page.getByRole('button', { name: fr('toolbar.contrast') }).click();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: fr('toolbar.contrast') }).click();
  // near the end of the form, it rests where the form ends
  await scrollForm(page, 0.95);
  await expect(saveBar(page)).toBeInViewport({ ratio: 1 });

  // the tools below the form: the bar stays at the end of the form, above their intro and their sections
  const places = page.getByRole('region', { name: fr('mediator.settings.places.title') });
  await places.evaluate((element) => element.scrollIntoView({ block: 'center', behavior: 'instant' }));
  const bar = await box(saveBar(page));
  const intro = await box(page.getByText(fr('mediator.settings.toolsIntro'), { exact: true }));
  expect(bar.y + bar.height).toBeLessThanOrEqual(intro.y);
  expect(intro.y + intro.height).toBeLessThanOrEqual((await box(places)).y);
  await page.evaluate(() => window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' }));
  const reset = page.getByRole('button', { name: fr('mediator.settings.reset.open') });
  await expect(reset).toBeInViewport({ ratio: 1 });
  expect((await box(saveBar(page))).y + (await box(saveBar(page))).height).toBeLessThanOrEqual((await box(reset)).y);

  // back to the saved value: nothing unsaved any more
  await inactivity(page).fill('90');
  await expect(saveStatus(page)).toHaveText(fr('mediator.settings.saveBar.clean'));
  await expect(saveBar(page)).not.toHaveAttribute('data-unsaved', 'true');
});

test('settings: "Retour" with a change unsaved asks first; "Rester" keeps it; "Quitter sans enregistrer" drops it', async ({ page }) => {
  await openSettings(page);
  await expect.poll(() => unloadIsQuestioned(page)).toBe(false);
  await inactivity(page).fill('120');
  // a reload or a closed tab is questioned by the browser while the change is unsaved
  await expect.poll(() => unloadIsQuestioned(page)).toBe(true);

  await backButton(page).click();
  const dialog = leaveDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(fr('mediator.settings.leave.body'));
  const stay = dialog.getByRole('button', { name: fr('mediator.settings.leave.cancel'), exact: true });
  // the safe choice has the focus: a hurried Enter loses nothing
  await expect(stay).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(settingsHeading(page)).toBeVisible();
  await expect(inactivity(page)).toHaveValue('120');
  await expect(saveStatus(page)).toHaveText(fr('mediator.settings.saveBar.unsaved'));
  await expect(backButton(page)).toBeFocused();

  // Escape is "Rester" too
  await backButton(page).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(inactivity(page)).toHaveValue('120');

  await backButton(page).click();
  await dialog.getByRole('button', { name: fr('mediator.settings.leave.confirm'), exact: true }).click();
  await expect(homeHeading(page)).toBeVisible();
  await expect.poll(() => unloadIsQuestioned(page)).toBe(false);

  // the change was not kept
  await page.getByRole('button', { name: fr('mediator.home.settings') }).click();
  await expect(settingsHeading(page)).toBeVisible();
  await expect(inactivity(page)).toHaveValue('90');
  await expect(saveStatus(page)).toHaveText(fr('mediator.settings.saveBar.clean'));
});

test('settings: closing the tab with a change unsaved gets the browser\'s question, and staying keeps the change', async ({ page }) => {
  await openSettings(page);
  await inactivity(page).click();
  await inactivity(page).fill('120');
  await expect.poll(() => unloadIsQuestioned(page)).toBe(true);
  const asked = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const question = await asked;
  expect(question.type()).toBe('beforeunload');
  await question.dismiss();
  expect(page.isClosed()).toBe(false);
  await expect(inactivity(page)).toHaveValue('120');
});

test('settings: after "Enregistrer" the status says so and "Retour" leaves without asking', async ({ page }) => {
  await openSettings(page);
  await inactivity(page).fill('120');
  await scrollForm(page, 0.3);
  await saveButton(page).click();
  await expect(saveStatus(page)).toHaveText(fr('mediator.settings.save.saved'));
  await expect(saveBar(page)).not.toHaveAttribute('data-unsaved', 'true');
  await expect.poll(() => unloadIsQuestioned(page)).toBe(false);
  expect(await axeViolations(page)).toEqual([]);

  await backButton(page).click();
  await expect(leaveDialog(page)).toHaveCount(0);
  await expect(homeHeading(page)).toBeVisible();
  await page.getByRole('button', { name: fr('mediator.home.settings') }).click();
  await expect(inactivity(page)).toHaveValue('120');

  // a refused save keeps the change unsaved, and says so
  await inactivity(page).fill('5');
  await saveButton(page).click();
  await expect(page.locator(':focus')).toContainText(fr('mediator.settings.summary.title'));
  await expect(saveStatus(page)).toHaveText(fr('mediator.settings.saveBar.unsaved'));
  await backButton(page).click();
  await expect(leaveDialog(page)).toBeVisible();
});

test('settings: Tab through the form never leaves the focused field under the save bar', async ({ page }) => {
  await openSettings(page);
  // with a change, at the top of the page, focus on the title as the screen opens
  await inactivity(page).fill('120');
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  await settingsHeading(page).focus();

  const visited: string[] = [];
  for (let i = 0; i < 150; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      if (!(element instanceof HTMLElement)) return null;
      const form = element.closest('form.settings-form');
      const bar = document.querySelector('.settings-savebar');
      if (!form || !bar) return { inForm: false, inBar: false, name: element.tagName, bottom: 0, barTop: 0 };
      const rect = element.getBoundingClientRect();
      // a radio or checkbox is drawn with its whole line (label), which has the focus ring
      const drawn = element.closest('.settings-choice-label') ?? element;
      return {
        inForm: true,
        inBar: bar.contains(element),
        name: `${element.tagName}#${element.id || element.getAttribute('name') || element.textContent?.trim().slice(0, 20)}`,
        bottom: Math.max(rect.bottom, drawn.getBoundingClientRect().bottom),
        barTop: bar.getBoundingClientRect().top,
      };
    });
    if (!focused?.inForm) {
      if (visited.length > 0) break;
      continue;
    }
    if (focused.inBar) {
      visited.push(focused.name);
      break;
    }
    visited.push(focused.name);
    expect(focused.bottom, `${focused.name} under the bar`).toBeLessThanOrEqual(focused.barTop + 0.5);
  }
  // the whole form was walked, down to "Enregistrer" in the bar
  expect(visited.length).toBeGreaterThan(15);
  await expect(saveButton(page)).toBeFocused();
});

test('settings: the space locks itself with a change unsaved and the question open; after the PIN the change is still there', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-11-30T10:00:00+01:00') });
  await openSettings(page);
  await inactivity(page).fill('120');
  await backButton(page).click();
  await expect(leaveDialog(page)).toBeVisible();

  await page.clock.fastForward(5 * 60_000 + 1_000);
  await expect(page.getByRole('dialog', { name: fr('inactivity.lockTitle') })).toBeVisible();
  await page.clock.fastForward(21_000);
  // the PIN door is usable: no question left modal over it
  await expect(pinField(page)).toBeVisible();
  await expect(leaveDialog(page)).toHaveCount(0);
  await pinField(page).fill(PIN);
  await page.getByRole('button', { name: fr('mediator.pin.open') }).click();

  await expect(settingsHeading(page)).toBeVisible();
  await expect(inactivity(page)).toHaveValue('120');
  await expect(saveStatus(page)).toHaveText(fr('mediator.settings.saveBar.unsaved'));
  await backButton(page).click();
  await expect(leaveDialog(page)).toBeVisible();
});

test('settings: the screen\'s pixels per millimetre size the touch try\'s targets; a value no screen has is refused', async ({ page }) => {
  await openSettings(page);
  const density = page.getByLabel(fr('mediator.settings.use.pxPerMm'), { exact: true });
  await expect(density).toHaveValue('6');
  await density.fill('40');
  await saveButton(page).click();
  await expect(saveStatus(page)).toHaveText(fr('mediator.settings.saveBar.unsaved'));
  await density.fill('4,5');
  await saveButton(page).click();
  await expect(saveStatus(page)).toHaveText(fr('mediator.settings.save.saved'));
  // a guided session to the tries: the first target is 20 mm, 20 × 4.5 = 90 CSS pixels
  await backButton(page).click();
  await page.getByRole('button', { name: fr('mediator.home.guided') }).click();
  for (let i = 0; i < 10 && !(await page.locator('main.tries').isVisible()); i += 1) {
    await page.locator('legend.question-title, main.tries').first().waitFor();
    if (await page.locator('main.tries').isVisible()) break;
    const title = (await page.locator('legend.question-title').innerText()).trim();
    await page.locator('.options label').first().click();
    await page.getByRole('button', { name: fr('question.next'), exact: true }).click();
    await expect(page.getByText(title, { exact: true })).toHaveCount(0);
  }
  const target = await page.locator('.touch-target').boundingBox();
  expect(Math.round(target!.width)).toBe(90);
});
