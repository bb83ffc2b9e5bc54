import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from '@playwright/test';
import type { AggregateBatch, Territory } from '../../src/domain/aggregate';
import { seededRandom } from '../../src/domain/testing/respondent';
import { makeBatch, makeBatchV2, makeBatchV3 } from '../../server/testing/make-batch';
import { spawnCollector, type ChildCollector } from '../../server/testing/spawn-collector';
import { test } from './fixtures';
import { axeViolations } from './support';

/**
 * The observatory as the Région's observatory reads it: batches of formats 1, 2 and 3 posted through the real API
 * from kiosks of Bourgogne-Franche-Comté over the fourth quarter of 2026, then the page at each territory level.
 */
const TOKEN = 'observatory-e2e-token-41c2';
/** The real places file of Bourgogne-Franche-Comté (Ternum), the one the region's devices use. */
const PLACES = fileURLToPath(new URL('../../../shared/data/places/data/bfc-ternum/bfc-ternum-dataset.csv', import.meta.url));
const QUARTER = '2026-Q4';
const random = seededRandom(2026_12_07);
const commune = (code: string): Territory => ({ level: 'commune', code });
const week = (number: number) => ({ from: `2026-W${number}`, to: `2026-W${number}` });

const BATCHES: readonly AggregateBatch[] = [
  // A kiosk not updated since questionnaire 1, in Dijon.
  makeBatch({ random, territory: commune('21231'), weeks: week(45), size: 30 }),
  // Kiosks on questionnaire 2 without the tries yet, in Besançon and Beaune.
  makeBatchV2({ random, territory: commune('25056'), weeks: week(45), size: 40 }),
  makeBatchV2({ random, territory: commune('21054'), weeks: week(46), size: 25 }),
  // Updated kiosks: Besançon, Montbéliard, Chagny (in Beaune's EPCI, across the départements' line), Dole.
  makeBatchV3({ random, territory: commune('25056'), weeks: week(46), size: 60 }),
  makeBatchV3({ random, territory: commune('25388'), weeks: week(47), size: 40 }),
  makeBatchV3({ random, territory: commune('71073'), weeks: week(47), size: 20 }),
  makeBatchV3({ random, territory: commune('39198'), weeks: week(48), size: 35 }),
  // An old kiosk still configured with Crimolois (21213), merged into Neuilly-Crimolois (21452) in 2019.
  makeBatchV3({ random, territory: commune('21213'), weeks: week(48), size: 15 }),
  // A mediator's tablet set to send at the département level (Nièvre).
  makeBatchV3({ random, territory: { level: 'departement', code: '58' }, weeks: week(49), size: 30 }),
];

let collector: ChildCollector;
test.beforeAll(async () => {
  collector = await spawnCollector({
    REPERE_DB: join(mkdtempSync(join(tmpdir(), 'repere-e2e-observatory-')), 'collector.db'),
    REPERE_TOKENS: TOKEN,
    REPERE_PLACES: PLACES,
  });
  for (const batch of BATCHES) {
    const response = await fetch(`${collector.url}/api/v1/batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(batch),
    });
    expect(response.status, await response.clone().text()).toBe(201);
  }
});
test.afterAll(async () => {
  collector.child.kill('SIGTERM');
  await collector.exited;
});
test.afterEach(async ({ page }) => {
  // Leave the collector's pages first: the browser then lets go of its connections.
  await page.goto('about:blank').catch(() => undefined);
});

test('the Région reads its quarter: dates in French, every territory level, the map with its table, reference lines with their sources', async ({ page }) => {
  await page.goto(`${collector.url}/?territory=region-27&quarter=${QUARTER}`);
  await expect(page.getByRole('heading', { level: 2, name: /^Bourgogne-Franche-Comté \(région 27\), 4e trimestre 2026, du 28 septembre 2026 au 3 janvier 2027$/ })).toBeVisible();
  // weeks as dates, the ISO week kept beside
  await expect(page.getByRole('rowheader', { name: 'du 2 au 8 novembre 2026 (2026-W45)' }).first()).toBeVisible();

  // every level the Région uses, in the picker
  const picker = page.getByLabel('Territoire');
  for (const label of ['Bourgogne-Franche-Comté (région 27)', 'Doubs (25)', 'Nièvre (58)', 'Neuilly-Crimolois (21452)']) {
    await expect(picker.locator('option', { hasText: label })).toHaveCount(1);
  }
  await expect(picker.locator('optgroup[label="Intercommunalités (EPCI)"] option', { hasText: 'CA Beaune, Côte et Sud' })).toHaveCount(1);

  // the map: each département with data a link named by its figure, the same numbers in the table beside
  const map = page.locator('#departements-map, figure').filter({ has: page.locator('svg') }).first();
  await expect(map).toBeVisible();
  const doubs = page.getByRole('link', { name: /^Doubs \(25\) : / }).first();
  await expect(doubs).toBeVisible();
  const table = page.getByRole('table', { name: /par département \(mêmes chiffres que la carte\)/ });
  await expect(table.getByRole('row')).toHaveCount(1 + 5); // Côte-d'Or, Doubs, Jura, Nièvre, Saône-et-Loire
  const mapName = (await doubs.getAttribute('aria-label'))!;
  const doubsRow = table.getByRole('row', { name: /Doubs \(25\)/ });
  await expect(doubsRow.getByRole('cell').last()).toHaveText(mapName.replace(/^Doubs \(25\) : /, '').replace('masqué', '–masqué'));
  // a département without batches is "aucune donnée", not a link
  await expect(page.getByRole('link', { name: /^Yonne \(89\)/ })).toHaveCount(0);

  // reference lines, each with its source and year, and the sentence on why they are not the same population
  const references = page.getByRole('region', { name: 'Repères nationaux et régionaux' });
  await expect(references.getByRole('link', { name: /Eurostat/ })).toHaveCount(1);
  await expect(references.getByRole('link', { name: /Insee/i })).toHaveCount(2);
  await expect(page.getByText(/ne sont pas un échantillon de la population/)).toBeVisible();

  // needs and offer: the needs counted beside the places of the real file offering each service in the région
  const needs = page.getByRole('table', { name: /^Besoins dits et lieux qui proposent chaque service/ });
  await expect(needs.getByRole('row')).toHaveCount(1 + 9 + 1);
  const adminRow = needs.getByRole('row', { name: /^Aide aux démarches administratives/ });
  expect(Number((await adminRow.getByRole('cell').last().innerText()).replace(/\s/g, ''))).toBeGreaterThan(100);
  await expect(page.getByText(/Lieux : fichier « bfc-ternum-dataset\.csv »/)).toBeVisible();

  // the tries, observed and kept apart from Eurostat
  await expect(page.getByRole('heading', { name: 'Essais sur l’écran — observé, hors Eurostat' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // by keyboard alone: the map's link to the Doubs opens its page, the map coloured by another figure
  await page.getByLabel('Chiffre de la carte').selectOption('atLeastBasic16to74Share');
  await page.getByRole('button', { name: 'Afficher' }).press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: /^Carte par département : Compétences numériques au moins de base/ })).toBeVisible();
  await page.getByRole('link', { name: /^Doubs \(25\) : / }).first().focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: /^Doubs \(25\), 4e trimestre 2026/ })).toBeVisible();
  expect(new URL(page.url()).searchParams.get('figure')).toBe('atLeastBasic16to74Share');

  for (const [name, width, height] of [['phone', 390, 844], ['desktop', 1280, 900]] as const) {
    await page.goto(`${collector.url}/?territory=region-27&quarter=${QUARTER}`);
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `reports/screenshots/observatory-region-${name}.png`, fullPage: true });
    await page.screenshot({ path: `reports/screenshots/observatory-region-top-${name}.png` });
    await page.locator('.map-section').screenshot({ path: `reports/screenshots/observatory-map-${name}.png` });
    await page.locator('.references').screenshot({ path: `reports/screenshots/observatory-references-${name}.png` });
  }
});

test('an EPCI across two départements, a merged commune and a period with nothing are shown plainly, never as an error', async ({ page }) => {
  await page.goto(`${collector.url}/?territory=epci-200006682&quarter=${QUARTER}`);
  await expect(page.getByRole('heading', { level: 2, name: /^CA Beaune, Côte et Sud - Communauté Beaune-Chagny-Nolay \(EPCI 200006682\), 4e trimestre 2026/ })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  await page.goto(`${collector.url}/?territory=21213&quarter=${QUARTER}`);
  await expect(page.getByText('Crimolois (21213) : commune fusionnée dans Neuilly-Crimolois (21452).')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /^Neuilly-Crimolois \(21452\)/ })).toBeVisible();

  // a territory with batches but no place in the file: zero places, said as such
  await page.goto(`${collector.url}/?territory=58&quarter=${QUARTER}`);
  await expect(page.getByRole('heading', { level: 2, name: /^Nièvre \(58\)/ })).toBeVisible();

  const response = await page.goto(`${collector.url}/?territory=region-27&quarter=2025-Q1`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('cell', { name: 'Aucune donnée pour cette période.' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test('a places file that cannot be read: the collector says why in one line, starts, and shows the needs without the offer', async ({ page }) => {
  const notPlaces = fileURLToPath(new URL('../../../shared/data/places/data/bfc-ternum/bfc-ternum-schema.json', import.meta.url));
  const other = await spawnCollector({
    REPERE_DB: join(mkdtempSync(join(tmpdir(), 'repere-e2e-observatory-')), 'collector.db'),
    REPERE_TOKENS: TOKEN,
    REPERE_PLACES: notPlaces,
  });
  try {
    const response = await fetch(`${other.url}/api/v1/batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(BATCHES[3]),
    });
    expect(response.status).toBe(201);
    expect(other.errors().trim().split('\n')).toEqual([expect.stringMatching(/^Repère collector: Le fichier de lieux « .*bfc-ternum-schema\.json » n'a pas pu être lu : .*The observatory shows the needs without the places offering them\.$/)]);
    await page.goto(`${other.url}/?territory=25&quarter=${QUARTER}`);
    await expect(page.getByText('Le collecteur n’a pas de fichier de lieux (REPERE_PLACES) : seuls les besoins sont montrés.')).toBeVisible();
    await expect(page.getByRole('table', { name: /^Besoins dits et lieux/ }).getByText('pas de fichier de lieux').first()).toBeVisible();
  } finally {
    await page.goto('about:blank');
    other.child.kill('SIGTERM');
    await other.exited;
  }
});
