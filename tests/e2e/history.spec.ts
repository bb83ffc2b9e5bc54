import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { expect, type Page } from '@playwright/test';
import { seedBundle } from '../../scripts/seed-bundle.mjs';
import { test } from './fixtures';
import { PIN, installDevice, leaveAloneUntilLocked, pinField } from './mediator-space';
import { axeViolations, fr, openKiosk, readStore } from './support';

// The mediator's space at a year of work (issue 14): 50 000 results seeded through the app's own storage code, the
// history read a page at a time, filtered, paged and exported; the exports read back against IndexedDB.
const SEEDED = 50_000;
const NOW = '2026-12-07T10:00:00+01:00';

type Stored = Record<string, unknown> & { id: string; finishedAt: string; mode: string; distanceLevel: string; observation?: Record<string, unknown> };

async function seed(page: Page, count: number): Promise<void> {
  // evaluated by the browser's tooling (not an inline <script>: the app's Content-Security-Policy refuses those)
  await page.evaluate(await seedBundle());
  await page.evaluate(([n, now]) => window.repereSeedResults(n, { now }), [count, NOW] as const);
}

/** Counts in IndexedDB itself, as the reference. */
function countWhere(page: Page, where: { mode?: string; level?: string; from?: string; to?: string }): Promise<number> {
  return page.evaluate(
    (w) =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('repere');
        open.onsuccess = () => {
          const all = open.result.transaction('results').objectStore('results').getAll();
          all.onsuccess = () => {
            const rows = all.result as Array<{ mode: string; distanceLevel: string; finishedAt: string }>;
            resolve(
              rows.filter(
                (r) =>
                  (!w.mode || r.mode === w.mode) &&
                  (!w.level || r.distanceLevel === w.level) &&
                  (!w.from || r.finishedAt >= w.from) &&
                  (!w.to || r.finishedAt < w.to),
              ).length,
            );
            open.result.close();
          };
        };
      }),
    where,
  );
}

/** The local time of an instant in Paris, as the French export writes it. */
const parisTime = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
    .format(new Date(iso))
    .replace('T', ' ');

async function exportFile(page: Page, format: string): Promise<string> {
  await page.getByRole('radio', { name: fr(`mediator.history.export.formats.${format}`) }).check();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    page.getByRole('button', { name: fr('mediator.history.export.submit'), exact: true }).click(),
  ]);
  return readFileSync((await download.path())!).toString('utf8');
}

const shownCount = (shown: number, total: number) =>
  fr('mediator.history.shownCount').replace('{{shown}}', String(shown)).replace('{{total}}', String(total));

test('50 000 results: the history opens a page at a time, filters and pages by index, exports read back against IndexedDB', async ({ page }) => {
  test.setTimeout(300_000);
  await page.clock.install({ time: new Date(NOW) });
  await page.setViewportSize({ width: 820, height: 1180 });
  await openKiosk(page);
  await seed(page, SEEDED);
  await installDevice(page);
  await page.getByRole('button', { name: fr('mediator.home.history') }).click();
  const rows = page.getByRole('table', { name: fr('mediator.history.table.caption') }).locator('tbody tr');
  await expect(rows).toHaveCount(25);
  await expect(page.locator('.history-count')).toContainText(shownCount(SEEDED, SEEDED));
  // the table fits the tablet: its "Voir" buttons are inside the screen
  const view = rows.first().getByRole('button', { name: /Voir|View/ });
  const box = (await view.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(820);
  expect(await axeViolations(page)).toEqual([]);

  // newest first, pages of 25
  const firstPage = await rows.locator('time').evaluateAll((times) => times.map((t) => t.getAttribute('datetime')!));
  expect(firstPage).toEqual([...firstPage].sort().reverse());
  await page.getByRole('button', { name: fr('mediator.history.pages.next') }).click();
  await expect(page.getByText(fr('mediator.history.pages.position').replace('{{page}}', '2').replace('{{pages}}', '2000'))).toBeVisible();
  // the next 25, all older than the first page's
  await expect.poll(async () => (await rows.first().locator('time').getAttribute('datetime'))! < firstPage.at(-1)!).toBe(true);
  await expect(rows).toHaveCount(25);

  // filters: guided sessions of one level, counted by the index as IndexedDB counts them
  await page.getByLabel(fr('mediator.history.filters.mode'), { exact: true }).selectOption('guided');
  await page.getByLabel(fr('mediator.history.filters.level'), { exact: true }).selectOption('firstSteps');
  const guidedFirstSteps = await countWhere(page, { mode: 'guided', level: 'firstSteps' });
  await expect(page.locator('.history-count')).toContainText(shownCount(guidedFirstSteps, SEEDED));
  // and one month (November, on the calendar of Paris)
  await page.getByLabel(fr('mediator.history.filters.from'), { exact: true }).fill('2026-11-01');
  await page.getByLabel(fr('mediator.history.filters.to'), { exact: true }).fill('2026-11-30');
  const inNovember = await countWhere(page, { mode: 'guided', level: 'firstSteps', from: '2026-10-31T23:00:00.000Z', to: '2026-11-30T23:00:00.000Z' });
  await expect(page.locator('.history-count')).toContainText(shownCount(inNovember, SEEDED));
  expect(inNovember).toBeGreaterThan(100);

  // the French export of what is shown: one row per result, French words, local times, read back against IndexedDB
  const stored = new Map((await readStore<Stored>(page, 'results')).map((r) => [r.id, r]));
  const french = await exportFile(page, 'csvFrench');
  expect(french.charCodeAt(0)).toBe(0xfeff);
  const parsed = Papa.parse<Record<string, string>>(french.slice(1), { header: true, delimiter: ';', skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.data).toHaveLength(inNovember);
  const header = (key: string) => fr(`mediator.history.export.columns.${key}`);
  for (const row of parsed.data) {
    const result = stored.get(row[header('id')]!)!;
    expect(result, row[header('id')]).toBeDefined();
    expect(row[header('finishedAt')]).toBe(parisTime(result.finishedAt));
    expect(row[header('distanceLevel')]).toBe(fr('result.levels.firstSteps'));
    expect(row[header('mode')]).toBe(fr('mediator.history.modes.guided'));
  }

  // the activity report of La Coop: observed guided sessions, its own field names and values (docs/EXPORT.md)
  const coop = Papa.parse<Record<string, string>>((await exportFile(page, 'coopCsv')).replace(/^\uFEFF/, ''), { header: true, delimiter: ';', skipEmptyLines: true });
  const documented = readFileSync(new URL('../../docs/EXPORT.md', import.meta.url), 'utf8');
  for (const field of coop.meta.fields ?? []) expect(documented, `docs/EXPORT.md names ${field}`).toContain(`\`${field}\``);
  expect(coop.data).toHaveLength(inNovember);
  for (const row of coop.data) {
    expect(row.autonomie).toMatch(/^(entierement_accompagne|partiellement_autonome|autonome)$/);
    expect(row.typeLieu).toBe('lieu_activite');
    expect(['30', '60']).toContain(row.duree);
  }

  // everything, streamed: 50 000 rows; the space locks itself meanwhile (the tablet left alone), the PIN reopens it on
  // the history, and the file is whole
  await page.getByRole('button', { name: fr('mediator.history.filters.clear') }).click();
  await expect(page.locator('.history-count')).toContainText(shownCount(SEEDED, SEEDED));
  await page.getByRole('radio', { name: fr('mediator.history.export.formats.csvCodes') }).check();
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByRole('button', { name: fr('mediator.history.export.submit'), exact: true }).click();
  await leaveAloneUntilLocked(page);
  const file = readFileSync((await (await download).path())!).toString('utf8');
  await pinField(page).fill(PIN);
  await page.getByRole('button', { name: fr('mediator.pin.open') }).click();
  await expect(page.getByRole('heading', { level: 1, name: fr('mediator.history.title') })).toBeVisible();
  const codes = Papa.parse<Record<string, string>>(file.slice(1), { header: true, delimiter: ';', skipEmptyLines: true });
  expect(codes.data).toHaveLength(SEEDED);
  expect(new Set(codes.data.map((r) => r.id)).size).toBe(SEEDED);
  const some = codes.data[12_345]!;
  expect(some).toMatchObject({ finishedAt: stored.get(some.id!)!.finishedAt, distanceLevel: stored.get(some.id!)!.distanceLevel });
});

test('an observation completed from the history, on a result of an older version, is stored, shown in its row and exported', async ({ page }) => {
  test.setTimeout(180_000);
  await page.clock.install({ time: new Date(NOW) });
  await openKiosk(page);
  await seed(page, 200);
  // a result of an older version, without the new fields (no v2 categories, no observation)
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const open = indexedDB.open('repere');
        open.onsuccess = () => {
          const tx = open.result.transaction('results', 'readwrite');
          tx.objectStore('results').put({
            id: 'old-v1',
            finishedAt: '2026-12-07T08:30:00.000Z',
            mode: 'guided',
            language: 'fr',
            questionnaireVersion: '1',
            distanceLevel: 'learning',
            dsiOverall: 'low',
            dsiAreas: { information: 'basic', communication: 'basic', contentCreation: 'none', safety: 'none', problemSolving: 'basic' },
            illectronism: false,
            barriers: ['skills'],
            autonomy: null,
            ageBand: null,
            countedInBatch: null,
          });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
        };
      }),
  );
  await installDevice(page);
  await page.getByRole('button', { name: fr('mediator.home.history') }).click();
  const rows = page.getByRole('table', { name: fr('mediator.history.table.caption') }).locator('tbody tr');
  // the guided sessions: the old result is the one not observed yet
  await page.getByLabel(fr('mediator.history.filters.mode'), { exact: true }).selectOption('guided');
  const old = rows.filter({ hasText: fr('mediator.history.table.notObservedYet') });
  await expect(old).toHaveCount(1);

  // its detail offers the observation, which the mediator fills in now
  await old.getByRole('button', { name: /Voir|View/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: fr('mediator.autonomy.partlyAutonomous') }).check();
  await dialog.getByRole('checkbox', { name: fr('mediator.themes.email') }).check();
  await dialog.getByRole('radio', { name: '45 min' }).check();
  await dialog.getByRole('radio', { name: fr('mediator.observation.referrals.proceduresHelp') }).check();
  expect(await axeViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: fr('mediator.observation.save') }).click();
  await expect(dialog.getByText(fr('mediator.observation.saved'))).toBeVisible();
  const [stored] = (await readStore<Stored>(page, 'results')).filter((r) => r.id === 'old-v1');
  expect(stored!.observation).toMatchObject({ autonomy: 'partlyAutonomous', themes: ['email'], durationMinutes: 45, referral: 'proceduresHelp' });
  expect(Date.parse(String(stored!.observation!.updatedAt))).toBeGreaterThan(0);
  await dialog.getByRole('button', { name: fr('mediator.history.detail.close') }).click();
  // its row says it now
  await expect(rows.filter({ hasText: fr('mediator.history.table.notObservedYet') })).toHaveCount(0);

  // exported in the activity report with the Coop's values
  await page.getByRole('radio', { name: fr('mediator.history.export.formats.coopCsv') }).check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: fr('mediator.history.export.submit'), exact: true }).click()]);
  const coop = Papa.parse<Record<string, string>>(readFileSync((await download.path())!).toString('utf8').replace(/^\uFEFF/, ''), { header: true, delimiter: ';', skipEmptyLines: true });
  const observedRows = coop.data.filter((row) => row.duree === '45');
  expect(observedRows).toHaveLength(1);
  expect(observedRows[0]).toMatchObject({ autonomie: 'partiellement_autonome', structureDeRedirection: 'aide_aux_demarches_administratives', orienteVersStructure: 'oui' });
});
