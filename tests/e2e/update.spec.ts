import { execFileSync } from 'node:child_process';
import { expect } from '@playwright/test';
import { test } from './fixtures';
import { answerFirst, backToWelcome, firstQuestion, openKiosk, questionLegend, waitForServiceWorkerControl, welcomeStart } from './support';

/** Deploys a new version: rebuilds dist/, which `vite preview` serves from disk on every request. */
function deployNewBuild(buildId: string): void {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'], {
    env: { ...process.env, REPERE_BUILD_ID: buildId },
    stdio: 'inherit',
  });
}

test('a new version deployed mid-session waits, then is applied back on the welcome screen', async ({ page }) => {
  test.setTimeout(120_000);
  // given a kiosk controlled by its service worker, with a person in the middle of a session
  await openKiosk(page);
  await waitForServiceWorkerControl(page);
  await welcomeStart(page).click();
  await expect(firstQuestion(page)).toBeVisible();
  await page.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });

  // when a new version is deployed and the kiosk finds it
  const buildId = `update-${Date.now()}`;
  deployNewBuild(buildId);
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
  });
  await page.waitForFunction(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    return Boolean(registration?.waiting);
  });

  // then the session is not interrupted: same page, same screen
  await page.waitForTimeout(1_000);
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await expect(firstQuestion(page)).toBeVisible();
  // the person goes on answering, still on the old version
  await answerFirst(page);
  await expect(questionLegend(page)).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

  // and once the person is back on the welcome screen, it is applied
  await page.getByRole('button', { name: 'Retour', exact: true }).click();
  await backToWelcome(page).click();
  await expect(page.getByText(buildId)).toBeVisible();
  await expect(welcomeStart(page)).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBeUndefined();
  expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting))).toBe(false);
});
