import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { ar, fr, nextScreen, openKiosk, questionLegend, resultHeading, skipTries, triesScreen, walk } from './support';

// `npm run screenshots`: every screen at phone, tablet and kiosk sizes, in French and in Arabic (right to left),
// written to reports/screenshots/ for a person to look at. Not part of `npm test`.
const SIZES = {
  small: { width: 320, height: 568 },
  phone: { width: 390, height: 844 },
  tablet: { width: 820, height: 1180 },
  kiosk: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
} as const;

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `reports/screenshots/${name}.png`, fullPage: true });
}

for (const [size, viewport] of Object.entries(SIZES)) {
  for (const [language, t] of [['fr', fr], ['ar', ar]] as const) {
    test(`${size} ${language}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.clock.install({ time: new Date('2026-11-30T10:00:00+01:00') });
      await openKiosk(page);
      if (language === 'ar') await page.getByRole('button', { name: 'العربية' }).click();
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await shoot(page, `${size}-${language}-1-welcome`);
      // the accessibility statement, from the footer
      await page.getByRole('button', { name: t('footer.accessibility') }).click();
      await page.locator('main.statement h1').waitFor();
      await shoot(page, `${size}-${language}-1b-statement`);
      await page.locator('main.statement .btn').click();
      await page.getByRole('button', { name: t('welcome.start'), exact: true }).click();
      await expect(questionLegend(page)).toBeFocused();
      await page.locator('.options label').first().click();
      await shoot(page, `${size}-${language}-2-question-ticks`);
      // the same question at the very large text size, then back to normal
      const textSize = page.locator('.btn-tool').first();
      await textSize.click();
      await textSize.click();
      await shoot(page, `${size}-${language}-2b-question-very-large`);
      await textSize.click();
      let shotScale = false;
      for (let i = 0; i < 25; i += 1) {
        await nextScreen(page);
        if (await resultHeading(page, t).isVisible()) break;
        // the hands-on tries: each screen shot, then passed (the touch one after a tap beside its target)
        if (await triesScreen(page).isVisible()) {
          for (let n = 0; n < 5 && (await triesScreen(page).isVisible()); n += 1) {
            const which = await triesScreen(page).getAttribute('data-try');
            if (which === 'write') await page.locator('.write-try input').fill('LILAS 2');
            await shoot(page, `${size}-${language}-2c-try-${which}`);
            await page.getByRole('button', { name: t('tries.skipOne'), exact: true }).click();
          }
          continue;
        }
        const kind = await page.locator('ul.options').getAttribute('class');
        if (!shotScale && kind?.includes('scale4')) {
          shotScale = true;
          await shoot(page, `${size}-${language}-3-question-scale`);
        }
        await page.locator('.options label').first().click();
        await page.getByRole('button', { name: t('question.next'), exact: true }).click();
      }
      await page.locator('#location-query').fill('25000');
      await page.getByRole('button', { name: t('result.places.search') }).click();
      await expect(page.locator('.places .place').first()).toBeVisible();
      await page.getByRole('button', { name: t('result.showQr') }).click();
      await expect(page.locator('.qr svg')).toBeVisible();
      await shoot(page, `${size}-${language}-4-result`);
      await page.clock.fastForward(91_000);
      await expect(page.getByRole('dialog')).toBeVisible();
      await page.screenshot({ path: `reports/screenshots/${size}-${language}-5-inactivity.png` });
    });
  }
}

// The two results of questionnaire 2 that read differently: "do not want" respected, and a level not placed.
const FARMER = {
  devices: 'none', noDeviceWhy: ['dontWant'], screenDifficulty: 'none', internetUse: 'never', proceduresHow: 'someoneElse',
  proceduresWhich: ['msa', 'retirement'], wishToUseMore: 'no', fearOfMistakes: 'notAtAll', trust: 'aLittle',
  helpAround: ['someoneClose'], ageBand: 'from75',
} as const;
for (const size of ['phone', 'tablet', 'kiosk'] as const) {
  for (const [language, t] of [['fr', fr], ['ar', ar]] as const) {
    test(`results of questionnaire 2, ${size} ${language}`, async ({ page }) => {
      await page.setViewportSize(SIZES[size]);
      await openKiosk(page);
      if (language === 'ar') await page.getByRole('button', { name: 'العربية' }).click();
      await page.getByRole('button', { name: t('welcome.start'), exact: true }).click();
      // the question with its "none of these" answer ticked
      await page.getByRole('checkbox', { name: t('questions.devices.none'), exact: true }).check();
      await shoot(page, `${size}-${language}-6-question-none`);
      await page.getByRole('button', { name: t('question.next'), exact: true }).click();
      // walks on from the next screen (the devices screen is answered)
      await walk(page, FARMER, t);
      await expect(resultHeading(page, t)).toBeVisible();
      await shoot(page, `${size}-${language}-7-result-does-not-want`);
      await page.getByRole('button', { name: t('session.finish') }).click();
      // the next person starts in French again
      if (language === 'ar') await page.getByRole('button', { name: 'العربية' }).click();
      await page.getByRole('button', { name: t('welcome.start'), exact: true }).click();
      for (let i = 0; i < 25 && !(await resultHeading(page, t).isVisible()); i += 1) {
        await nextScreen(page);
        if (await resultHeading(page, t).isVisible()) break;
        if (await triesScreen(page).isVisible()) await skipTries(page, t);
        else await page.getByRole('button', { name: t('question.dontKnow') }).click();
      }
      await expect(resultHeading(page, t)).toBeVisible();
      await shoot(page, `${size}-${language}-8-result-unknown`);
    });
  }
}

test('high contrast, very large text, phone', async ({ page }) => {
  await page.setViewportSize(SIZES.phone);
  await openKiosk(page);
  const size = page.getByRole('button', { name: /Taille du texte/ });
  await size.click();
  await size.click();
  await page.getByRole('button', { name: fr('toolbar.contrast') }).click();
  await shoot(page, 'phone-fr-contrast-1-welcome');
  await page.getByRole('button', { name: fr('welcome.start'), exact: true }).click();
  await expect(questionLegend(page)).toBeVisible();
  await shoot(page, 'phone-fr-contrast-2-question');
});

for (const [size, viewport] of [['tablet', SIZES.tablet], ['phone', SIZES.phone]] as const) {
  for (const [language, t] of [['fr', fr], ['ar', ar]] as const) {
    test(`mediator space, ${size} ${language}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.clock.install({ time: new Date('2026-11-30T10:00:00+01:00') });
      await openKiosk(page);
      if (language === 'ar') {
        // a device set up in Arabic: the mediator space stays in Arabic after a guided session
        await page.evaluate(
          () =>
            new Promise<void>((resolve) => {
              const request = indexedDB.open('repere');
              request.onsuccess = () => {
                const tx = request.result.transaction('settings', 'readwrite');
                tx.objectStore('settings').put({ key: 'device', value: { defaultLanguage: 'ar' } });
                tx.oncomplete = () => resolve();
              };
            }),
        );
        await page.reload();
        await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
      }
      // a new device, to the public: not installed yet
      await page.getByRole('button', { name: t('welcome.mediator') }).click();
      await page.getByRole('heading', { level: 1, name: t('mediator.pin.notInstalledTitle') }).waitFor();
      await shoot(page, `${size}-${language}-m0-not-installed`);
      // staff install it on the setup path
      await page.goto('/?installation');
      await page.getByLabel(t('mediator.pin.newPin')).fill('482913');
      await page.getByLabel(t('mediator.pin.confirmPin')).fill('482913');
      await shoot(page, `${size}-${language}-m1-pin`);
      await page.getByRole('button', { name: t('mediator.pin.create') }).click();
      await page.getByRole('heading', { level: 1, name: t('mediator.settings.title') }).waitFor();
      await page.getByRole('button', { name: t('mediator.settings.back'), exact: true }).click();
      await expect(page.getByRole('button', { name: t('mediator.home.guided'), exact: true })).toBeVisible();
      await shoot(page, `${size}-${language}-m2-home`);
      await page.getByRole('button', { name: t('mediator.home.guided') }).click();
      for (let i = 0; i < 25; i += 1) {
        await page.locator('legend.question-title, main h1').first().waitFor();
        if (await page.getByRole('heading', { level: 1, name: t('mediator.guided.title') }).isVisible()) break;
        if (await triesScreen(page).isVisible()) {
          // the handling tries passed over, the scam try answered: the mediator is asked whether they matched
          for (let skip = 0; skip < 3; skip += 1) await page.getByRole('button', { name: t('tries.skipOne') }).click();
          for (const answer of ['noClick', 'noClick', 'click']) await page.getByRole('button', { name: t(`tries.scam.${answer}`), exact: true }).click();
          continue;
        }
        const title = (await questionLegend(page).innerText()).trim();
        await page.locator('.options label').first().click();
        await page.getByRole('button', { name: t('question.next'), exact: true }).click();
        await expect(page.getByText(title, { exact: true })).toHaveCount(0);
      }
      await page.getByRole('checkbox', { name: t('mediator.themes.email') }).check();
      await page.getByRole('group', { name: t('mediator.observation.triesMatched') }).getByRole('radio', { name: t('mediator.observation.triesMatches.partly') }).check();
      await page.getByRole('button', { name: t('mediator.observation.save') }).click();
      await shoot(page, `${size}-${language}-m3-guided-result`);
      await page.locator('.observation-form').screenshot({ path: `reports/screenshots/${size}-${language}-m3b-observation.png` });
      await page.getByRole('button', { name: t('mediator.guided.finish') }).click();
      await page.getByRole('button', { name: t('mediator.home.history') }).click();
      await page.getByRole('table').first().waitFor();
      await shoot(page, `${size}-${language}-m4-history`);
      await page.locator('.history-counts').screenshot({ path: `reports/screenshots/${size}-${language}-m4b-counts.png` });
      await page.getByRole('button', { name: t('mediator.history.back') }).first().click();
      await page.getByRole('button', { name: t('mediator.home.settings') }).click();
      await page.getByRole('button', { name: t('mediator.settings.save.button'), exact: true }).waitFor();
      await page.getByLabel(t('mediator.settings.location.lat'), { exact: true }).fill('123');
      await page.getByRole('button', { name: t('mediator.settings.save.button'), exact: true }).click();
      await shoot(page, `${size}-${language}-m5-settings`);
      await page.reload();
      await page.getByRole('button', { name: t('welcome.mediator') }).click();
      await page.getByRole('button', { name: t('mediator.settings.reset.open') }).waitFor();
      await shoot(page, `${size}-${language}-m6-pin-forgotten`);
    });
  }
}
