import { expect, type Page } from '@playwright/test';
import { fr } from './support';

/** The mediator PIN the tests create. */
export const PIN = '482913';

/** The mediator space's home, told apart from its PIN door (whose title is the same words) by its menu. */
export const homeHeading = (page: Page) => page.getByRole('button', { name: fr('mediator.home.guided'), exact: true });
export const pinField = (page: Page) => page.getByLabel(fr('mediator.pin.pin'), { exact: true });

/** Opens the mediator space from the welcome screen; creates the PIN on first use, else types it. */
export async function openMediatorSpace(page: Page, pin = PIN): Promise<void> {
  await page.getByRole('button', { name: fr('welcome.mediator') }).click();
  const create = page.getByRole('heading', { level: 1, name: fr('mediator.pin.createTitle'), exact: true });
  const enter = pinField(page);
  await expect(create.or(enter)).toBeVisible();
  if (await create.isVisible()) {
    await page.getByLabel(fr('mediator.pin.newPin')).fill(pin);
    await page.getByLabel(fr('mediator.pin.confirmPin')).fill(pin);
    await page.getByRole('button', { name: fr('mediator.pin.create') }).click();
  } else {
    await enter.fill(pin);
    await page.getByRole('button', { name: fr('mediator.pin.open') }).click();
  }
  await expect(homeHeading(page)).toBeVisible();
}
