import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { expect } from '@playwright/test';
import { test } from './fixtures';
import { openMediatorSpace } from './mediator-space';
import { axeViolations, fr, openKiosk, resultHeading, searchPlaces, walk, welcomeStart } from './support';
import type { Page } from '@playwright/test';

// The real Bourgogne-Franche-Comté file (raw TerNum CSV, ODbL), read from ../shared, imported on the device as a mediator
// would, then a senior who needs her procedures done searches around Montbéliard (docs/PLACES.md).
const BFC_RAW = new URL('../../../shared/data/places/data/bfc-ternum/bfc-ternum-dataset.csv', import.meta.url).pathname;

const SENIOR = {
  devices: 'none', noDeviceWhy: ['dontKnowHow'], screenDifficulty: 'none', internetUse: 'never', proceduresHow: 'someoneElse',
  proceduresWhich: ['caf', 'retirement'], wishToUseMore: 'maybe', wishToLearn: 'aLittle', fearOfMistakes: 'quite', trust: 'aLittle',
  helpAround: ['someoneClose'], ageBand: 'from75',
} as const;

// M. A., 70, reads his e-mails now and then, does his taxes alone, a little afraid of mistakes, wants to learn.
const SENIOR_LEARNER = {
  devices: ['smartphone', 'homeInternet', 'email'], screenDifficulty: 'none', internetUse: 'lessOften',
  'skills.information': ['news'], 'skills.communication': ['email'], 'skills.contentCreation': 'none', 'skills.safety': 'none',
  'skills.problemSolving': ['banking'], proceduresHow: 'alone', wishToUseMore: 'yes', wishToLearn: 'quite', fearOfMistakes: 'quite',
  trust: 'quite', helpAround: ['someoneClose'], ageBand: 'from65to74',
} as const;

/** A mediator imports the real BFC file in the settings, then leaves the mediator space for the public kiosk. */
async function importBfc(page: Page): Promise<void> {
  await openMediatorSpace(page);
  await page.getByRole('button', { name: fr('mediator.home.settings') }).click();
  const section = page.getByRole('region', { name: fr('mediator.settings.places.title') });
  await section.getByLabel(fr('mediator.settings.places.file')).setInputFiles(BFC_RAW);
  await section.getByRole('button', { name: fr('mediator.settings.places.import'), exact: true }).click();
  await expect(section).toContainText(fr('mediator.settings.places.imported').replace('{{number}}', '697'), { timeout: 30_000 });
  // the freshest place of that file dates from 2022: the mediator is told to update it
  await expect(section).toContainText('Les lieux datent de');
  // back to the public kiosk (a reload closes the mediator space)
  await page.goto('/');
}

test('the real BFC file: a senior around Montbéliard gets no youth or job place, France Services first; one printed page; the QR decodes', async ({ page }) => {
  test.setTimeout(120_000);
  await page.clock.setFixedTime(new Date('2026-11-30T10:00:00+01:00'));
  await openKiosk(page);
  await importBfc(page);
  await welcomeStart(page).click();
  await walk(page, SENIOR);
  await expect(resultHeading(page)).toBeVisible();
  await searchPlaces(page, '25200');
  const names = page.locator('.places .place h3');
  await expect(names.first()).toBeVisible();
  const listed = await names.allInnerTexts();
  expect(listed.length).toBeGreaterThanOrEqual(3);
  for (const name of listed) expect(name).not.toMatch(/mission locale|information jeunesse|p[ôo]le emploi|ANPE|\bBIJ\b|\bPIJ\b/i);
  // a Maison France Services (MFS), MSAP or France Services place
  expect(listed[0]).toMatch(/france services|\bMSAP\b|\bMFS\b|maison de services/i);

  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);

  await page.getByRole('button', { name: fr('result.showQr') }).click();
  const qr = page.getByRole('img', { name: fr('result.qrLabel') });
  await expect(qr.locator('svg')).toBeVisible();
  const png = PNG.sync.read(await qr.screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(decoded, 'the QR code decodes at 1×').not.toBeNull();
  expect(new TextEncoder().encode(decoded!.data).length).toBeLessThanOrEqual(300);
  expect(decoded!.data).toContain(listed[0]!.slice(0, 20));
});

test('the real BFC file: a senior who wants to learn, in Dole, where no place lists teaching, is given the nearest places to call', async ({ page }) => {
  test.setTimeout(120_000);
  await page.clock.setFixedTime(new Date('2026-11-30T10:00:00+01:00'));
  await openKiosk(page);
  await importBfc(page);
  await welcomeStart(page).click();
  await walk(page, SENIOR_LEARNER);
  await expect(resultHeading(page)).toBeVisible();
  await searchPlaces(page, '39100');
  // Said in plain words, not "nothing here": the file lists only procedures and internet access.
  await expect(page.getByText(fr('result.places.needsUnlisted'))).toBeVisible();
  await expect(page.getByText(fr('result.places.noMatch'))).toHaveCount(0);
  const listed = await page.locator('ol.places:not(.no-print) .place h3').allInnerTexts();
  expect(listed.length).toBeGreaterThanOrEqual(3);
  for (const name of listed) expect(name).not.toMatch(/mission locale|information jeunesse|info jeunes|p[ôo]le emploi|ANPE|\bBIJ\b|\bPIJ\b/i);
  expect(listed).toContain('Point numérique de Dole');
  expect(await axeViolations(page)).toEqual([]);
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
});
