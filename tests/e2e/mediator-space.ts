import { expect, type Page } from '@playwright/test';
import { fr } from './support';

/** The mediator PIN the tests create. */
export const PIN = '482913';

/** The mediator space's home, told apart from its PIN door (whose title is the same words) by its menu. */
export const homeHeading = (page: Page) => page.getByRole('button', { name: fr('mediator.home.guided'), exact: true });
export const pinField = (page: Page) => page.getByLabel(fr('mediator.pin.pin'), { exact: true });

/**
 * Installs a new device as staff would: the setup address (…/?installation), the PIN created twice, then the settings
 * it opens on; back to the mediator's home.
 */
export async function installDevice(page: Page, pin = PIN): Promise<void> {
  await page.goto('/?installation');
  await expect(page.getByRole('heading', { level: 1, name: fr('mediator.pin.createTitle'), exact: true })).toBeVisible();
  await page.getByLabel(fr('mediator.pin.newPin')).fill(pin);
  await page.getByLabel(fr('mediator.pin.confirmPin')).fill(pin);
  await page.getByRole('button', { name: fr('mediator.pin.create') }).click();
  await expect(page.getByRole('heading', { level: 1, name: fr('mediator.settings.title') })).toBeVisible();
  await page.getByRole('button', { name: fr('mediator.settings.back'), exact: true }).click();
}

/** Opens the mediator space from the welcome screen; installs a new device first (the setup path), else types the PIN. */
export async function openMediatorSpace(page: Page, pin = PIN): Promise<void> {
  await page.getByRole('button', { name: fr('welcome.mediator') }).click();
  const notInstalled = page.getByRole('heading', { level: 1, name: fr('mediator.pin.notInstalledTitle'), exact: true });
  const enter = pinField(page);
  await expect(notInstalled.or(enter)).toBeVisible();
  if (await notInstalled.isVisible()) {
    await installDevice(page, pin);
  } else {
    await enter.fill(pin);
    await page.getByRole('button', { name: fr('mediator.pin.open') }).click();
  }
  await expect(homeHeading(page)).toBeVisible();
}

/** Five idle minutes: the lock warning shows, then its 20 seconds run out and the PIN door is shown. */
export async function leaveAloneUntilLocked(page: Page): Promise<void> {
  await page.clock.fastForward(5 * 60_000 + 1_000);
  await expect(page.getByRole('dialog', { name: fr('inactivity.lockTitle') })).toBeVisible();
  await page.clock.fastForward(21_000);
  await expect(pinField(page)).toBeVisible();
}
