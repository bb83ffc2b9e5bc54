import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Waits until the service worker controls the page; a reload during the first install can miss clients.claim(). */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const controlled = await page
    .waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 5_000 })
    .then(() => true)
    .catch(() => false);
  if (!controlled) {
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  }
}

/** axe-core on the whole page, WCAG 2.1 A/AA and best practices: the list of violations, for a readable failure. */
export async function axeViolations(page: Page): Promise<Array<{ id: string; help: string; targets: string[] }>> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => ({
    id: v.id,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}

export const welcomeStart = (page: Page) => page.getByRole('button', { name: 'Commencer' });
export const sessionHeading = (page: Page) => page.getByRole('heading', { level: 1, name: 'Vos questions' });
export const finishButton = (page: Page) => page.getByRole('button', { name: 'Terminer et effacer' });

/** Opens the kiosk and waits for the welcome screen (not the static splash). */
export async function openKiosk(page: Page): Promise<void> {
  await page.goto('/');
  await expect(welcomeStart(page)).toBeVisible();
}
