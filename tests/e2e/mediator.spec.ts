import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import Papa from 'papaparse';
import { PIN, homeHeading, leaveAloneUntilLocked, openMediatorSpace, pinField } from './mediator-space';
import { answerFirst, axeViolations, completeJourney, countStore, fr, openKiosk, questionLegend, readStore, searchPlaces, skipTries, triesScreen, waitForServiceWorkerControl, welcomeStart } from './support';

const guidedHeading = (page: Page) => page.getByRole('heading', { level: 1, name: fr('mediator.guided.title'), exact: true });

/**
 * Answers each question with its first answer until the mediator's detailed result shows. The tries are passed over,
 * or, given `scam`, the handling tries are passed over one by one and the scam try is answered so.
 */
async function completeGuidedSession(page: Page, { scam }: { scam?: ReadonlyArray<'click' | 'noClick'> } = {}): Promise<void> {
  for (let i = 0; i < 25; i += 1) {
    await page.locator('legend.question-title, main h1').first().waitFor();
    if (await guidedHeading(page).isVisible()) return;
    if (await triesScreen(page).isVisible()) {
      if (!scam) await skipTries(page);
      else {
        for (let skip = 0; skip < 3; skip += 1) await page.getByRole('button', { name: fr('tries.skipOne') }).click();
        for (const answer of scam) await page.getByRole('button', { name: fr(`tries.scam.${answer}`), exact: true }).click();
        await expect(triesScreen(page)).toHaveCount(0);
      }
      continue;
    }
    const title = (await questionLegend(page).innerText()).trim();
    await page.locator('.options label').first().click();
    await page.getByRole('button', { name: fr('question.next'), exact: true }).click();
    await expect(page.getByText(title, { exact: true })).toHaveCount(0);
  }
  throw new Error('no detailed result after 25 screens');
}


/** The results kept on the device, read straight from IndexedDB. */
function storedResults(page: Page): Promise<Array<Record<string, unknown>>> {
  return page.evaluate(
    () =>
      new Promise<Array<Record<string, unknown>>>((resolve, reject) => {
        const request = indexedDB.open('repere');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const all = request.result.transaction('results').objectStore('results').getAll();
          all.onsuccess = () => {
            resolve(all.result as Array<Record<string, unknown>>);
            request.result.close();
          };
        };
      }),
  );
}

test('a new device: the public cannot create the PIN; staff install it on the setup path, then set it up', async ({ page }) => {
  await openKiosk(page);
  // said to the public, and the questionnaire still works
  await expect(page.getByText(fr('welcome.notInstalled'))).toBeVisible();
  await expect(welcomeStart(page)).toBeEnabled();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: fr('welcome.mediator') }).click();
  await expect(page.getByRole('heading', { level: 1, name: fr('mediator.pin.notInstalledTitle') })).toBeVisible();
  await expect(page.getByLabel(fr('mediator.pin.newPin'))).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: fr('mediator.pin.cancel') }).click();
  await expect(welcomeStart(page)).toBeVisible();
  // a reload does not open a way either
  await page.reload();
  await page.getByRole('button', { name: fr('welcome.mediator') }).click();
  await expect(page.getByRole('heading', { level: 1, name: fr('mediator.pin.notInstalledTitle') })).toBeVisible();
  // staff: the setup address opens the PIN creation, then the settings, with what to set next
  await page.goto('/?installation');
  await page.getByLabel(fr('mediator.pin.newPin')).fill(PIN);
  await page.getByLabel(fr('mediator.pin.confirmPin')).fill(PIN);
  await page.getByRole('button', { name: fr('mediator.pin.create') }).click();
  await expect(page.getByText(fr('mediator.settings.setupIntro'))).toBeVisible();
  expect(new URL(page.url()).search).toBe('');
  await page.getByRole('button', { name: fr('mediator.settings.back'), exact: true }).click();
  await page.getByRole('button', { name: fr('mediator.home.close') }).click();
  await expect(page.getByText(fr('welcome.notInstalled'))).toHaveCount(0);
  // installed: the setup address no longer creates anything, it is the PIN door
  await page.goto('/?installation');
  await expect(page.getByRole('heading', { level: 1, name: fr('mediator.pin.createTitle') })).toHaveCount(0);
  await page.getByRole('button', { name: fr('welcome.mediator') }).click();
  await expect(pinField(page)).toBeVisible();
});

test('an iPad home-screen app, which has no address bar, opens a new device on the PIN creation; once installed, on the welcome', async ({ page }) => {
  // WebKit's navigator.standalone, true only in a web app added to an iPad's or iPhone's home screen
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'standalone', { get: () => true, configurable: true }));
  await page.goto('/');
  await expect(page.getByLabel(fr('mediator.pin.newPin'))).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel(fr('mediator.pin.newPin')).fill(PIN);
  await page.getByLabel(fr('mediator.pin.confirmPin')).fill(PIN);
  await page.getByRole('button', { name: fr('mediator.pin.create') }).click();
  await expect(page.getByText(fr('mediator.settings.setupIntro'))).toBeVisible();
  // the next start is the public welcome, its door asking for the PIN
  await page.reload();
  await expect(welcomeStart(page)).toBeVisible();
  await expect(page.getByText(fr('welcome.notInstalled'))).toHaveCount(0);
  await page.getByRole('button', { name: fr('welcome.mediator') }).click();
  await expect(pinField(page)).toBeVisible();
});

test('the PIN is created once; five wrong PINs lock the space, still locked after a reload, open again after the delay', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-11-30T10:00:00+01:00') });
  await openKiosk(page);
  await page.goto('/?installation');
  await expect(page.getByRole('heading', { level: 1, name: fr('mediator.pin.createTitle') })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  // too short, then two different PINs: refused, nothing created
  await page.getByLabel(fr('mediator.pin.newPin')).fill('1234');
  await page.getByLabel(fr('mediator.pin.confirmPin')).fill('1234');
  await page.getByRole('button', { name: fr('mediator.pin.create') }).click();
  await expect(page.locator('#pin-message')).toHaveText(fr('mediator.pin.tooShort').replace('{{min}}', '6'));
  await page.getByLabel(fr('mediator.pin.newPin')).fill(PIN);
  await page.getByLabel(fr('mediator.pin.confirmPin')).fill('482914');
  await page.getByRole('button', { name: fr('mediator.pin.create') }).click();
  await expect(page.locator('#pin-message')).toHaveText(fr('mediator.pin.mismatch'));
  await page.getByLabel(fr('mediator.pin.confirmPin')).fill(PIN);
  await page.getByRole('button', { name: fr('mediator.pin.create') }).click();
  await expect(page.getByText(fr('mediator.settings.setupIntro'))).toBeVisible();
  await page.getByRole('button', { name: fr('mediator.settings.back'), exact: true }).click();
  await expect(homeHeading(page)).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  // the PIN itself is nowhere on the device
  const stored = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const request = indexedDB.open('repere');
        request.onsuccess = () => {
          const get = request.result.transaction('settings').objectStore('settings').get('pin');
          get.onsuccess = () => resolve(JSON.stringify(get.result));
        };
      }),
  );
  expect(stored).toContain('PBKDF2-SHA-256');
  expect(stored).not.toContain(PIN);

  await page.getByRole('button', { name: fr('mediator.home.close') }).click();
  await expect(welcomeStart(page)).toBeVisible();
  await page.getByRole('button', { name: fr('welcome.mediator') }).click();
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await pinField(page).fill('000000');
    await page.getByRole('button', { name: fr('mediator.pin.open') }).click();
    if (attempt < 5) await expect(page.locator('#pin-message')).toContainText(String(5 - attempt));
  }
  await expect(page.locator('#pin-message')).toContainText(fr('mediator.pin.locked'));
  await expect(pinField(page)).toBeDisabled();
  expect(await axeViolations(page)).toEqual([]);

  // a reload does not lift the lock
  await page.reload();
  await page.getByRole('button', { name: fr('welcome.mediator') }).click();
  await expect(pinField(page)).toBeDisabled();
  await expect(page.locator('#pin-message')).toContainText('Réessayez dans');

  // after the minute, the right PIN opens the space
  await page.clock.fastForward(61_000);
  await expect(pinField(page)).toBeEnabled();
  await pinField(page).fill(PIN);
  await page.getByRole('button', { name: fr('mediator.pin.open') }).click();
  await expect(homeHeading(page)).toBeVisible();
});

test('a guided session ends on the detailed result; the observation is kept with the result; the space locks itself after 5 minutes', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-11-30T10:00:00+01:00') });
  await openKiosk(page);
  await openMediatorSpace(page);
  await page.getByRole('button', { name: fr('mediator.home.guided') }).click();
  await completeGuidedSession(page);

  // per-area levels, in the chart and in words
  const chart = page.getByRole('img', { name: fr('mediator.result.chartTitle') });
  await expect(chart).toBeVisible();
  await expect(page.locator('.dsi-bar')).toHaveCount(5);
  for (const area of ['information', 'communication', 'contentCreation', 'safety', 'problemSolving']) {
    await expect(page.locator('.dsi-chart svg')).toContainText(fr(`mediator.result.areasShort.${area}`));
  }
  await expect(page.getByText(fr('mediator.result.dsiOverall'))).toBeVisible();
  await expect(page.getByText(fr('mediator.result.illectronism'))).toBeVisible();
  // the hands-on tries beside what was said: passed over here, so each is "non passé", never a failure
  const tries = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: fr('mediator.tries.columns.try') }) });
  await expect(tries.getByRole('row')).toHaveCount(6);
  await expect(tries.getByRole('cell', { name: fr('mediator.tries.notTaken.skipped') })).toHaveCount(4);
  // a daily internet user is not offered the icons (docs/TRIES.md)
  await expect(tries.getByRole('cell', { name: fr('mediator.tries.notReached') })).toHaveCount(1);
  expect(await axeViolations(page)).toEqual([]);

  // every try passed over: the mediator is not asked whether they matched what was seen
  await expect(page.getByRole('group', { name: fr('mediator.observation.triesMatched') })).toHaveCount(0);

  // the observation: autonomy seen and two themes
  await page.getByRole('radio', { name: fr('mediator.autonomy.partlyAutonomous') }).check();
  await page.getByRole('checkbox', { name: fr('mediator.themes.email') }).check();
  await page.getByRole('checkbox', { name: fr('mediator.themes.adminProcedures') }).check();
  await page.getByRole('button', { name: fr('mediator.observation.save') }).click();
  await expect(page.getByText(fr('mediator.observation.saved'))).toBeVisible();
  const [kept] = await storedResults(page);
  expect(kept).toMatchObject({ mode: 'guided', observation: { autonomy: 'partlyAutonomous', themes: ['email', 'adminProcedures'] } });
  expect(Object.keys(kept!)).not.toContain('answers');

  // finishing erases the answers and comes back to the mediator space
  await page.getByRole('button', { name: fr('mediator.guided.finish') }).click();
  await expect(homeHeading(page)).toBeVisible();
  expect(await countStore(page, 'sessions')).toBe(0);
  expect(await countStore(page, 'results')).toBe(1);

  // left alone, the space warns, then locks itself behind the PIN; leaving the door goes back to the public welcome
  await leaveAloneUntilLocked(page);
  await expect(homeHeading(page)).toHaveCount(0);
  await page.getByRole('button', { name: fr('mediator.pin.cancel') }).click();
  await expect(welcomeStart(page)).toBeVisible();
});

test('a guided session with a try done: the mediator says whether the tries matched what they saw, and the counts show the agreement', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-11-30T10:00:00+01:00') });
  await openKiosk(page);
  await openMediatorSpace(page);
  await page.getByRole('button', { name: fr('mediator.home.guided') }).click();
  // the person skips the handling tries and would pay the parcel fee
  await completeGuidedSession(page, { scam: ['noClick', 'click', 'click'] });

  const question = page.getByRole('group', { name: fr('mediator.observation.triesMatched') });
  await expect(question).toBeVisible();
  await page.getByRole('radio', { name: fr('mediator.autonomy.fullySupported') }).check();
  await question.getByRole('radio', { name: fr('mediator.observation.triesMatches.yes'), exact: true }).check();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: fr('mediator.observation.save') }).click();
  await expect(page.getByText(fr('mediator.observation.saved'))).toBeVisible();
  const [kept] = await storedResults(page);
  // what the result keeps of the tries: score categories only, nothing of the messages' answers or times
  expect(kept).toMatchObject({
    observed: { handling: 'notTaken', scam: 'right2', icons: 'notTaken', selfReportGap: false },
    observation: { autonomy: 'fullySupported', triesMatched: 'yes' },
  });
  expect(JSON.stringify(kept)).not.toMatch(/durationMs|parcelFee|refund/);

  await page.getByRole('button', { name: fr('mediator.guided.finish') }).click();
  await page.getByRole('button', { name: fr('mediator.home.history') }).click();
  const matches = page.getByRole('table', { name: fr('mediator.history.counts.captions.byTriesMatch') });
  await expect(matches.getByRole('row', { name: `${fr('mediator.observation.triesMatches.yes')} 1` })).toBeVisible();
  await expect(page.locator('.history-counts-rates')).toContainText(fr('mediator.history.counts.rates.agreement').replace('{{rate}}', '100 %'));
  // no session with all three handling tries done: no two-way table, no sensitivity said
  await expect(page.getByRole('table', { name: fr('mediator.history.counts.captions.triesCheck') })).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
});

test('a guided session left alone for 6 minutes locks with a warning and resumes at the same question after the PIN', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-11-30T10:00:00+01:00') });
  await openKiosk(page);
  await openMediatorSpace(page);
  await page.getByRole('button', { name: fr('mediator.home.guided') }).click();
  await expect(questionLegend(page)).toBeVisible();
  await page.locator('.options label').first().click();
  await page.getByRole('button', { name: fr('question.next'), exact: true }).click();
  await page.locator('.options label').first().click();
  const question = await questionLegend(page).innerText();

  // The mediator talks with the person without touching the tablet: a warning first, over the answers
  await page.clock.fastForward(5 * 60_000 + 1_000);
  const warning = page.getByRole('dialog', { name: fr('inactivity.lockTitle') });
  await expect(warning).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  // digits typed during the warning go nowhere (the dialog is modal)
  await page.keyboard.type('12');
  await page.clock.fastForward(60_000);
  await expect(warning).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: fr('mediator.pin.pausedTitle') })).toBeVisible();
  // the question is kept behind the PIN, hidden (not displayed, out of the accessibility tree)
  await expect(questionLegend(page)).toBeHidden();
  await expect(page.getByRole('radio')).toHaveCount(0);
  expect(await countStore(page, 'sessions')).toBe(1);
  expect(await axeViolations(page)).toEqual([]);

  // a wrong PIN keeps it locked; the right one resumes the same question, its answer still ticked
  await pinField(page).fill('000000');
  await page.getByRole('button', { name: fr('mediator.pin.open') }).click();
  await expect(page.getByText(fr('mediator.pin.wrong').replace('{{count}}', '4'))).toBeVisible();
  await pinField(page).fill(PIN);
  await page.getByRole('button', { name: fr('mediator.pin.open') }).click();
  await expect(questionLegend(page)).toBeVisible();
  await expect(questionLegend(page)).toBeFocused();
  await expect(questionLegend(page)).toHaveText(question);

  // locked again, "Effacer la séance" asks first, then leaves nothing behind
  await leaveAloneUntilLocked(page);
  await page.getByRole('button', { name: fr('mediator.pin.eraseSession') }).click();
  await page.getByRole('button', { name: fr('mediator.pin.keepSession') }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(await countStore(page, 'sessions')).toBe(1);
  await page.getByRole('button', { name: fr('mediator.pin.eraseSession') }).click();
  await page.getByRole('dialog').getByRole('button', { name: fr('mediator.pin.eraseConfirm') }).click();
  await expect(welcomeStart(page)).toBeVisible();
  await expect.poll(() => countStore(page, 'sessions')).toBe(0);
});

test('a guided result turns towards the person: her own result, print on one page and a QR code, the observation typed kept', async ({ page }) => {
  await openKiosk(page);
  await openMediatorSpace(page);
  await page.getByRole('button', { name: fr('mediator.home.guided') }).click();
  await completeGuidedSession(page);
  // the mediator starts the observation, then shows the person her result
  await page.getByRole('radio', { name: fr('mediator.autonomy.partlyAutonomous') }).check();
  await page.getByRole('button', { name: fr('mediator.guided.showPerson') }).click();
  await expect(page.getByRole('heading', { level: 1, name: fr('result.title') })).toBeFocused();
  await expect(guidedHeading(page)).toHaveCount(0);
  await expect(page.locator('.level-name')).toBeVisible();
  await expect(page.locator('.next-steps li').first()).toBeVisible();
  await searchPlaces(page, 'besancon');
  await expect(page.locator('.place').first()).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  // nothing of the mediator's detail on paper: one A4 page, the person's result
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByText(fr('mediator.result.dsiOverall'))).toBeHidden();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: fr('result.showQr') }).click();
  const qr = page.getByRole('img', { name: fr('result.qrLabel') });
  await expect(qr.locator('svg')).toBeVisible();
  const png = PNG.sync.read(await qr.screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(decoded?.data).toContain(fr(`result.levels.${await page.evaluate(() => document.querySelector('.level')!.className.split('level-')[1])}`));
  // back to the mediator: the observation ticked is still there
  await page.getByRole('button', { name: fr('mediator.guided.backToDetail') }).click();
  await expect(guidedHeading(page)).toBeFocused();
  await expect(page.getByRole('radio', { name: fr('mediator.autonomy.partlyAutonomous') })).toBeChecked();
});

test('a guided session resumed after a reload asks for the PIN before showing anything', async ({ page }) => {
  await openKiosk(page);
  await openMediatorSpace(page);
  await page.getByRole('button', { name: fr('mediator.home.guided') }).click();
  await expect(questionLegend(page)).toBeVisible();
  await answerFirst(page);
  // the answer is saved beside the next screen's paint: reloaded once it is on the device (a reload in the same
  // millisecond as the tap loses that one answer, as it would any page)
  await expect.poll(async () => (await readStore<{ answers: object }>(page, 'sessions')).map((s) => Object.keys(s.answers).length)).toEqual([1]);
  await page.reload();
  await expect(pinField(page)).toBeVisible();
  await expect(questionLegend(page)).toHaveCount(0);
  await pinField(page).fill(PIN);
  await page.getByRole('button', { name: fr('mediator.pin.open') }).click();
  await expect(questionLegend(page)).toBeVisible();
  // the second question, not the first again
  await expect(questionLegend(page)).not.toHaveText(fr('questions.devices.title'));
  await expect(page.getByRole('button', { name: fr('question.back'), exact: true })).toBeVisible();
});

/** Finishes one kiosk journey (first answers) and goes back to the welcome screen: one result kept. */
async function oneKioskResult(page: Page): Promise<void> {
  await welcomeStart(page).click();
  await completeJourney(page);
  await page.getByRole('button', { name: fr('session.finish') }).click();
  await expect(welcomeStart(page)).toBeVisible();
}

test('device settings: an invalid value is refused with its message and the old value stays; valid ones persist across reload and offline', async ({ page, context }) => {
  await openKiosk(page);
  await waitForServiceWorkerControl(page);
  await openMediatorSpace(page);
  await page.getByRole('button', { name: fr('mediator.home.settings') }).click();
  await expect(page.getByRole('heading', { level: 1, name: fr('mediator.settings.title') })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  const lat = page.getByLabel(fr('mediator.settings.location.lat'), { exact: true });
  const lon = page.getByLabel(fr('mediator.settings.location.lon'), { exact: true });
  const label = page.getByLabel(fr('mediator.settings.location.label'), { exact: true });
  const insee = page.getByLabel(fr('mediator.settings.location.insee'), { exact: true });
  const save = page.getByRole('button', { name: fr('mediator.settings.save.button'), exact: true });

  // a valid location and commune
  await lat.fill('47,2378');
  await lon.fill('6.0241');
  await label.fill('Médiathèque Pierre-Bayle');
  await insee.fill('25056');
  await save.click();
  await expect(page.getByText(fr('mediator.settings.save.saved'))).toBeVisible();

  // latitude 123, INSEE "ABCDE", sync on with no collector: each refused with its message, nothing written
  await lat.fill('123');
  await insee.fill('ABCDE');
  await page.getByLabel(fr('mediator.settings.sync.enabled')).check();
  await save.click();
  await expect(page.locator(':focus')).toContainText(fr('mediator.settings.summary.title'));
  await expect(lat).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(fr('mediator.settings.errors.invalidInseeCode')).first()).toBeVisible();
  await expect(page.getByText(fr('mediator.settings.errors.requiredForSync')).first()).toBeVisible();
  await expect(page.getByText(fr('mediator.settings.errors.outOfRange').replace('{{min}}', '-90').replace('{{max}}', '90')).first()).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  const stored = () =>
    page.evaluate(
      () =>
        new Promise<Record<string, unknown>>((resolve) => {
          const request = indexedDB.open('repere');
          request.onsuccess = () => {
            const get = request.result.transaction('settings').objectStore('settings').get('device');
            get.onsuccess = () => resolve((get.result as { value: Record<string, unknown> }).value);
          };
        }),
    );
  expect(await stored()).toMatchObject({ inseeCode: '25056', location: { lat: 47.2378, lon: 6.0241 }, sync: { enabled: false } });

  // the saved values come back after a reload, offline
  await context.setOffline(true);
  await page.reload();
  await openMediatorSpace(page);
  await page.getByRole('button', { name: fr('mediator.home.settings') }).click();
  await expect(lat).toHaveValue('47.2378');
  await expect(insee).toHaveValue('25056');
  await expect(label).toHaveValue('Médiathèque Pierre-Bayle');
  // and the result screen now searches from the device's place
  await page.getByRole('button', { name: fr('mediator.settings.back'), exact: true }).first().click();
  await page.getByRole('button', { name: fr('mediator.home.close') }).click();
  await welcomeStart(page).click();
  await completeJourney(page);
  await expect(page.locator('.places-origin')).toContainText('Médiathèque Pierre-Bayle');
});

test('history: filters, detail, delete; the CSV export parses back to exactly the stored results, accents intact', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-11-24T10:00:00+01:00') });
  await openKiosk(page);
  await oneKioskResult(page);
  await page.clock.setSystemTime(new Date('2026-11-26T15:00:00+01:00'));
  await oneKioskResult(page);
  await openMediatorSpace(page);
  await page.getByRole('button', { name: fr('mediator.home.guided') }).click();
  await completeGuidedSession(page);
  await page.getByRole('radio', { name: fr('mediator.autonomy.fullySupported') }).check();
  await page.getByRole('checkbox', { name: fr('mediator.themes.schooling') }).check();
  await page.getByRole('checkbox', { name: fr('mediator.themes.health') }).check();
  await page.getByRole('button', { name: fr('mediator.observation.save') }).click();
  await expect(page.getByText(fr('mediator.observation.saved'))).toBeVisible();
  await page.getByRole('button', { name: fr('mediator.guided.finish') }).click();

  await page.getByRole('button', { name: fr('mediator.home.history') }).click();
  await expect(page.getByRole('heading', { level: 1, name: fr('mediator.history.title') })).toBeVisible();
  const rows = page.getByRole('table', { name: fr('mediator.history.table.caption') }).locator('tbody tr');
  await expect(rows).toHaveCount(3);
  expect(await axeViolations(page)).toEqual([]);

  // filter by date: only the first day
  await page.getByLabel(fr('mediator.history.filters.to'), { exact: true }).fill('2026-11-25');
  await expect(rows).toHaveCount(1);
  await page.getByRole('button', { name: fr('mediator.history.filters.clear') }).click();
  await expect(rows).toHaveCount(3);

  // the detail of the guided result shows the observation
  await rows.first().getByRole('button').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(fr('mediator.themes.schooling'));
  await expect(dialog).toContainText(fr('mediator.autonomy.fullySupported'));
  expect(await axeViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: fr('mediator.history.detail.close') }).click();

  // export everything shown as CSV, and read it back
  const stored = await storedResults(page);
  await page.getByRole('radio', { name: fr('mediator.history.export.formats.csvCodes') }).check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: fr('mediator.history.export.submit'), exact: true }).click()]);
  expect(download.suggestedFilename()).toBe('repere-resultats-2026-11-26.csv');
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const parsed = Papa.parse<Record<string, string>>(bytes.toString('utf8').slice(1), { header: true, delimiter: ';', skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.data).toHaveLength(stored.length);
  for (const result of stored) {
    const row = parsed.data.find((r) => r.id === result.id)!;
    expect(row, String(result.id)).toBeDefined();
    expect(row).toMatchObject({
      finishedAt: result.finishedAt,
      mode: result.mode,
      language: result.language,
      distanceLevel: result.distanceLevel,
      dsiOverall: result.dsiOverall,
      illectronism: String(result.illectronism),
      barriers: (result.barriers as string[]).join('|'),
      autonomy: result.autonomy ?? '',
      ageBand: result.ageBand ?? '',
      distanceLevelLabel: fr(`result.levels.${String(result.distanceLevel)}`),
    });
    for (const [area, level] of Object.entries(result.dsiAreas as Record<string, string>)) expect(row[`dsi.${area}`]).toBe(level);
  }
  const guided = parsed.data.find((r) => r.mode === 'guided')!;
  expect(guided.themes).toBe('health|schooling');
  // accents survive the trip: UTF-8 with its BOM
  expect(guided.themesLabels).toBe('Santé|Scolarité et numérique');
  expect(guided.observedAutonomyLabel).toBe('Entièrement accompagné');

  // delete one, then all
  await rows.last().getByRole('button').click();
  await page.getByRole('dialog').getByRole('button', { name: fr('mediator.history.detail.delete') }).click();
  await page.getByRole('dialog').getByRole('button', { name: fr('mediator.history.confirm.deleteOne'), exact: true }).click();
  await expect(rows).toHaveCount(2);
  expect(await countStore(page, 'results')).toBe(2);
  await page.getByRole('button', { name: fr('mediator.history.deleteAll') }).first().click();
  await page.getByRole('dialog').getByRole('button', { name: fr('mediator.history.confirm.deleteAll'), exact: true }).click();
  await expect(page.getByText(fr('mediator.history.empty'))).toBeVisible();
  expect(await countStore(page, 'results')).toBe(0);
});

/**
 * A kiosk left on from `from` until `to`: started again every 20 days, as its daily housekeeping would see the days
 * pass (a clock that jumps over weeks unseen is not trusted to delete anything: docs/PRIVACY.md).
 */
async function leaveOn(page: Page, from: Date, to: Date): Promise<void> {
  for (let at = from.getTime() + 20 * 86_400_000; ; at = Math.min(at + 20 * 86_400_000, to.getTime())) {
    await page.clock.setSystemTime(new Date(at));
    await page.reload();
    await expect(welcomeStart(page)).toBeVisible();
    await expect
      .poll(async () => {
        const clock = (await readStore<{ key: string; value: { latestSeenAt?: string } }>(page, 'settings')).find((r) => r.key === 'clock');
        return clock?.value.latestSeenAt ? Date.parse(clock.value.latestSeenAt) : 0;
      })
      .toBeGreaterThanOrEqual(at);
    if (at >= to.getTime()) return;
  }
}

test('retention: 91 days later, results older than 90 days are gone at start-up and recent ones remain', async ({ page }) => {
  const start = new Date('2026-09-01T10:00:00+02:00');
  const day = (n: number) => new Date(start.getTime() + n * 86_400_000);
  await page.clock.install({ time: start });
  await openKiosk(page);
  await oneKioskResult(page);
  await leaveOn(page, start, day(60));
  await oneKioskResult(page);
  const [older, recent] = (await storedResults(page)).sort((a, b) => String(a.finishedAt).localeCompare(String(b.finishedAt)));
  await leaveOn(page, day(60), day(91));
  await expect(welcomeStart(page)).toBeVisible();
  await expect.poll(async () => (await storedResults(page)).map((r) => r.id)).toEqual([recent!.id]);
  expect(older!.id).not.toBe(recent!.id);
});

const SHARED_PLACES = new URL('../../../shared/data/places/', import.meta.url);

test('places on the device: a real file imported in a worker with its report; an image refused, the dataset untouched', async ({ page }) => {
  await openKiosk(page);
  await openMediatorSpace(page);
  await page.getByRole('button', { name: fr('mediator.home.settings') }).click();
  const section = page.getByRole('region', { name: fr('mediator.settings.places.title') });
  await expect(section).toContainText(fr('mediator.settings.places.fictional'));
  const file = section.getByLabel(fr('mediator.settings.places.file'));
  const importButton = section.getByRole('button', { name: fr('mediator.settings.places.import'), exact: true });

  // not a places file: one clear message, the demo places stay
  await file.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]) });
  await importButton.click();
  await expect(section).toContainText(fr('mediator.settings.places.failures.notPlacesFile'));
  await expect(section).toContainText(fr('mediator.settings.places.datasetUnchanged'));
  await expect(section).toContainText(fr('mediator.settings.places.fictional'));

  // the real BFC file in the national standard v1
  await file.setInputFiles(new URL('derived/bfc-ternum-derived-lieux-de-mediation-numerique-v1.csv', SHARED_PLACES).pathname);
  await importButton.click();
  await expect(section).toContainText(fr('mediator.settings.places.imported').replace('{{number}}', '697'), { timeout: 30_000 });
  await expect(section).toContainText(fr('mediator.settings.places.shapes.standardV1Csv'));
  await expect(section).not.toContainText(fr('mediator.settings.places.fictional'));
  expect(await axeViolations(page)).toEqual([]);
  const count = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const request = indexedDB.open('repere');
        request.onsuccess = () => {
          const all = request.result.transaction('places').objectStore('places').count();
          all.onsuccess = () => resolve(all.result);
        };
      }),
  );
  expect(count).toBe(697);
});

test('a forgotten PIN: resetting the device erases everything after a clear confirmation', async ({ page }) => {
  await openKiosk(page);
  await oneKioskResult(page);
  await openMediatorSpace(page);
  await page.getByRole('button', { name: fr('mediator.home.close') }).click();
  await page.getByRole('button', { name: fr('welcome.mediator') }).click();
  await page.getByRole('button', { name: fr('mediator.settings.reset.open') }).click();
  const dialog = page.getByRole('dialog', { name: fr('mediator.settings.reset.confirmTitle') });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: fr('mediator.settings.reset.cancel') })).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: fr('mediator.settings.reset.confirm') }).click();
  await expect(welcomeStart(page)).toBeVisible();
  await page.locator('#app[data-ready="true"]').waitFor({ state: 'attached' });
  expect(await countStore(page, 'results')).toBe(0);
  // reset: a new device again, which the public cannot install
  await page.getByRole('button', { name: fr('welcome.mediator') }).click();
  await expect(page.getByRole('heading', { level: 1, name: fr('mediator.pin.notInstalledTitle') })).toBeVisible();
});
