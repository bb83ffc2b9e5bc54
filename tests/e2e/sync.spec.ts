import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import Database from 'better-sqlite3';
import { spawnCollector, type ChildCollector } from '../../server/testing/spawn-collector';
import type { FinishedResult } from '../../src/domain/result';
import { aFinishedResult } from '../../src/domain/testing/finished-result';
import { openMediatorSpace } from './mediator-space';
import { axeViolations, completeJourney, fr, openKiosk, putDeviceSettings, readStore, waitForServiceWorkerControl, welcomeStart } from './support';
import { freePort } from '../support/free-port';

const TOKEN = 'kiosk-e2e-token-7f3a';

/** Sets the device up to send: the commune, the collector and its token (what a mediator types in the settings). */
function enableSync(page: Page, collectorUrl: string, token = TOKEN) {
  return putDeviceSettings(page, { inseeCode: '25056', territoryLevel: 'commune', k: 5, sync: { enabled: true, collectorUrl, token } });
}

function outbox(page: Page) {
  return readStore<{ status: string; attempts: number; batch: { total: number } }>(page, 'outbox');
}

/** Finished results kept on the device, as the app stores them (categories only), finished on the given dates. */
function keepResults(page: Page, finished: string[], extra: Partial<FinishedResult> = {}): Promise<void> {
  const results = finished.map((finishedAt, index) => aFinishedResult(`kept-${index}`, finishedAt, extra));
  return page.evaluate(
    (kept) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('repere');
        request.onsuccess = () => {
          const tx = request.result.transaction('results', 'readwrite');
          for (const result of kept) tx.objectStore('results').put(result);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    results,
  );
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/**
 * What the collector holds: each batch's id, territory, total and the sum of its distance levels, from both tables
 * (format 1 in `batches`; format 2, from questionnaire 2, in `batches_v2` with its "unknown" level).
 */
function collectorBatches(file: string): Array<{ id: string; territory: string; total: number; levels: number }> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const levels = 'distance_level_first_steps + distance_level_learning + distance_level_nearly_autonomous + distance_level_autonomous';
  try {
    return db
      .prepare(
        `SELECT id, territory_code AS territory, total, ${levels} AS levels FROM batches
         UNION ALL
         SELECT id, territory_code AS territory, total, ${levels} + distance_level_unknown AS levels FROM batches_v2`,
      )
      .all() as Array<{ id: string; territory: string; total: number; levels: number }>;
  } finally {
    db.close();
  }
}

let collector: ChildCollector | null = null;
test.afterEach(async ({ page }) => {
  // Leave the collector's pages first: the browser then lets go of its connections.
  await page.goto('about:blank').catch(() => undefined);
  collector?.child.kill('SIGTERM');
  await collector?.exited;
  collector = null;
});

test('offline, 6 people finish; the network comes back with the collector down, the batch waits, is retried, and the collector holds it once', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  const port = await freePort();
  const collectorUrl = `http://127.0.0.1:${port}`;
  const database = join(mkdtempSync(join(tmpdir(), 'repere-e2e-collector-')), 'collector.db');
  // People come ten days ago (a whole week that is over by now, for the device and for the collector alike).
  const now = Date.now();
  const visitDay = new Date(now - 10 * 86_400_000);
  visitDay.setHours(10, 0, 0, 0);
  await page.clock.install({ time: visitDay });
  await openKiosk(page);
  // the service worker keeps the app's chunks for the offline part
  await waitForServiceWorkerControl(page);
  await enableSync(page, collectorUrl);

  await context.setOffline(true);
  for (let person = 1; person <= 6; person += 1) {
    await welcomeStart(page).click();
    await completeJourney(page);
    await page.getByRole('button', { name: fr('session.finish') }).click();
    await expect(welcomeStart(page)).toBeVisible();
  }
  expect(await outbox(page)).toEqual([]);

  // Today: the network comes back, but the collector is down: the batch is queued, tried, and waits.
  await page.clock.setSystemTime(new Date(now));
  await context.setOffline(false);
  await expect.poll(async () => (await outbox(page)).map((e) => [e.status, e.batch.total, e.attempts > 0]), { timeout: 20_000 }).toEqual([
    ['pending', 6, true],
  ]);

  // The collector starts; the next round (every 5 minutes) sends the batch.
  collector = await spawnCollector({ PORT: String(port), REPERE_DB: database, REPERE_TOKENS: TOKEN });
  await page.clock.fastForward('05:30');
  await expect.poll(async () => (await outbox(page)).map((e) => e.status), { timeout: 30_000 }).toEqual(['sent']);
  expect(collectorBatches(database)).toEqual([expect.objectContaining({ territory: '25056', total: 6, levels: 6 })]);

  // Later rounds send nothing more: still one batch.
  await page.clock.fastForward('05:30');
  await page.waitForTimeout(1_000);
  expect(collectorBatches(database)).toHaveLength(1);

  // The observatory shows that week for the commune: a chart and the same numbers in a table, without violations.
  await page.goto(`${collectorUrl}/?territory=25056`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('canvas').first()).toBeVisible();
  await expect(page.locator('table').first()).toContainText('6');
  expect(await axeViolations(page)).toEqual([]);
  for (const [name, width, height] of [['phone', 390, 844], ['desktop', 1280, 900]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `reports/screenshots/observatory-${name}.png`, fullPage: true });
  }
});

test('three tabs starting at once send each batch once: the outbox lock (Web Locks) keeps the second out', async ({ page, context }) => {
  const database = join(mkdtempSync(join(tmpdir(), 'repere-e2e-collector-')), 'collector.db');
  collector = await spawnCollector({ REPERE_DB: database, REPERE_TOKENS: TOKEN });
  await openKiosk(page);
  await enableSync(page, collector.url);
  // ten results kept on the device, five in each of two weeks that are over: two batches to build and send
  await keepResults(page, Array.from({ length: 10 }, (_, index) => daysAgo(index < 5 ? 21 : 14)));
  const others = [await context.newPage(), await context.newPage()];
  // three tabs start together: each runs its start-up round at the same moment
  await Promise.all([page.reload(), ...others.map((other) => other.goto('/'))]);
  await expect.poll(async () => (await outbox(page)).map((e) => e.status).sort(), { timeout: 30_000 }).toEqual(['sent', 'sent']);
  await page.waitForTimeout(1_000);
  const held = collectorBatches(database);
  expect(held).toHaveLength(2);
  expect(held.reduce((sum, batch) => sum + batch.total, 0)).toBe(10);
});

test('a mistyped token: the collector refuses (401), settings say why, and the corrected token sends the batch', async ({ page }) => {
  const database = join(mkdtempSync(join(tmpdir(), 'repere-e2e-collector-')), 'collector.db');
  collector = await spawnCollector({ REPERE_DB: database, REPERE_TOKENS: TOKEN });
  await openKiosk(page);
  // the mediator typed the token wrong
  await enableSync(page, collector.url, 'kiosk-e2e-token-7f3b');
  await keepResults(page, Array.from({ length: 5 }, () => daysAgo(14)), { mode: 'guided', language: 'ar', illectronism: true });
  await page.reload();
  await expect.poll(async () => (await outbox(page)).map((e) => e.status), { timeout: 20_000 }).toEqual(['refused']);
  expect(collectorBatches(database)).toEqual([]);

  await openMediatorSpace(page);
  await page.getByRole('button', { name: fr('mediator.home.settings') }).click();
  await expect(page.getByText(/HTTP 401/)).toBeVisible();
  await page.getByLabel(fr('mediator.settings.sync.token'), { exact: true }).fill(TOKEN);
  await page.getByRole('button', { name: fr('mediator.settings.save.button'), exact: true }).click();
  await expect(page.getByText(fr('mediator.settings.save.saved'))).toBeVisible();
  await expect.poll(async () => (await outbox(page)).map((e) => e.status), { timeout: 20_000 }).toEqual(['sent']);
  expect(collectorBatches(database)).toEqual([expect.objectContaining({ territory: '25056', total: 5 })]);
});
