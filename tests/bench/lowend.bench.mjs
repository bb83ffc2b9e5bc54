// The weak-device benchmark: the production build served locally, Chromium's CPU slowed 6× (Emulation.setCPUThrottlingRate)
// as on the old, cheap tablets and kiosks Repère runs on, a slow-4G link (slow-link.mjs) for the first visit and none
// once the app is installed. Three runs on a fresh tablet-sized profile each; the median of the three is reported.
// - lowend.swReadyColdMs: first visit (slow link) until the service worker is active, its install precache done.
// - lowend.swCompleteColdMs: the same first visit until every file of the precache is on the device (the part that may
//   follow in the background: other languages, the mediator space, the places import).
// - lowend.warmPaintRatio: first contentful paint of the installed app opened again ÷ that of the same index.html with
//   its scripts removed (in a profile without the service worker, opened again too), in the same run.
// - lowend.nextQuestionP95Ms: tap on "Suivant" to the next question painted, p95 over a whole questionnaire (warm).
// - lowend.resultScreenMs: last answer to the result painted with its first help place (the device has a location).
// - lowend.resultHoursMs: … until every place shown says whether it is open (opening_hours is loaded then).
// - lowend.mediatorOpenMs: PIN accepted (the app's `repere:pin-accepted` mark) to the mediator's home painted.
// A browser that refuses CPU throttling, or where it has no effect, skips the benchmark (see cpu-throttle.mjs).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/browser.mjs';
import { seedBundle } from '../../scripts/seed-bundle.mjs';
import { checkSlowed, slowDownCpu } from './cpu-throttle.mjs';
import { answerWholeQuestionnaire, instrument, percentile } from './journey.bench.mjs';
import { withPreviewServer } from './preview-server.mjs';
import { withSlowLink } from './slow-link.mjs';

export const name = 'lowend';

const PREVIEW_PORT = 4178;
const LINK_PORT = 4179;
const RUNS = 3;
const PIN = '482913';
const BARE_PAGE = 'lowend-bare.html';
/** A kiosk at the médiathèque of Besançon, where the demo places are. */
const BESANCON = { lat: 47.2378, lon: 6.0241, label: 'Médiathèque, Besançon' };
const TABLET = { width: 820, height: 1180 };

/** index.html without what makes it an app: its module script and the scripts it preloads. */
function withoutScripts(html) {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '').replace(/<link[^>]+rel="modulepreload"[^>]*>/g, '');
}

/** How many files the service worker precaches (its injected manifest). */
function precacheSize(serviceWorkerSource) {
  return (serviceWorkerSource.match(/"url":"/g) ?? []).length;
}

/** In the page: the service worker activated, then every precache entry in the cache; times from navigation start. */
async function waitForInstall(expected) {
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (worker && worker.state !== 'activated') {
    await new Promise((resolve) => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()));
  }
  const readyMs = performance.now();
  for (;;) {
    const name = (await caches.keys()).find((key) => key.includes('precache'));
    if (name && (await (await caches.open(name)).keys()).length >= expected) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { readyMs, completeMs: performance.now() };
}

/** In the page: its first contentful paint. */
function firstContentfulPaint() {
  return new Promise((resolve) =>
    new PerformanceObserver((list, observer) => {
      const paint = list.getEntriesByName('first-contentful-paint')[0];
      if (!paint) return;
      observer.disconnect();
      resolve(paint.startTime);
    }).observe({ type: 'paint', buffered: true }),
  );
}

/** Added to the page: from the app's "PIN accepted" mark to the frame that paints the mediator's home. */
function instrumentMediator(homeLabel) {
  new PerformanceObserver((list) => {
    const accepted = list.getEntriesByName('repere:pin-accepted')[0];
    if (!accepted) return;
    const observer = new MutationObserver(() => {
      const home = [...document.querySelectorAll('main button')].some((button) => button.textContent?.trim() === homeLabel);
      if (!home) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => (window.__mediatorOpenMs = performance.now() - accepted.startTime), 0));
    });
    observer.observe(document.body, { subtree: true, childList: true });
  }).observe({ type: 'mark' });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function frenchMessages() {
  const read = (path) => JSON.parse(readFileSync(path, 'utf8'));
  const all = { ...read('src/i18n/locales/fr.json'), ...read('src/i18n/journey/fr.json'), ...read('src/i18n/mediator/fr.json') };
  return (key) => {
    const value = key.split('.').reduce((node, part) => node?.[part], all);
    if (typeof value !== 'string') throw new Error(`no French message ${key}`);
    return value;
  };
}

/** One run: a first visit on a slow link, then the installed app as a kiosk uses it all day. */
async function oneRun(browser, { url, link, expected, variant, fr, pages }) {
  link.slow = true;
  const context = await browser.newContext({ viewport: TABLET });
  const page = await context.newPage();
  pages.push(page);
  await page.addInitScript(instrument);
  await page.addInitScript(() => (window.__resultSelector = 'main.result li.place'));
  await page.addInitScript(instrumentMediator, fr('mediator.home.guided'));
  await page.goto('about:blank');
  const evaluate = (work, arg) => page.evaluate(work, arg);
  const { plainMs } = await slowDownCpu(await context.newCDPSession(page), evaluate);

  // Cold: the first visit, on the slow link.
  await page.goto(url, { waitUntil: 'commit' });
  const { readyMs, completeMs } = await page.evaluate(waitForInstall, expected);
  await checkSlowed(evaluate, plainMs);
  link.slow = false;

  // The device is set up where the demo places are; warm: the installed app reopened (the second reload is measured).
  await page.evaluate(await seedBundle());
  await page.evaluate((location) => window.repereSeedSettings({ location }), BESANCON);
  await page.goto(url);
  await page.goto(url);
  const appPaint = await page.evaluate(firstContentfulPaint);
  await page.locator('#app[data-ready="true"]').waitFor({ state: 'attached' });
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) throw new Error('the reloaded app is not served by its service worker');
  await checkSlowed(evaluate, plainMs);

  // The same page without its scripts, in a profile with no service worker, opened again the same way.
  const bareContext = await browser.newContext({ viewport: TABLET });
  const bare = await bareContext.newPage();
  await bare.goto('about:blank');
  await slowDownCpu(await bareContext.newCDPSession(bare), (work, arg) => bare.evaluate(work, arg));
  await bare.goto(`${url}${BARE_PAGE}`);
  await bare.goto(`${url}${BARE_PAGE}`);
  const barePaint = await bare.evaluate(firstContentfulPaint);
  await bareContext.close();

  // A whole questionnaire on the installed app, waiting for its next person: the start-up housekeeping (at most 3 s
  // after the page is idle) is done, as on a kiosk someone walks up to.
  await page.waitForTimeout(4_000);
  const journey = await answerWholeQuestionnaire(page, variant);
  await page.waitForFunction(() => window.__hoursMs !== undefined, null, { timeout: 60_000, polling: 100 });
  const hoursMs = await page.evaluate(() => window.__hoursMs);
  await page.getByRole('button', { name: fr('session.finish') }).click();
  await page.getByRole('button', { name: fr('welcome.start'), exact: true }).waitFor();

  // Staff install the device (its PIN); then the mediator space opened from the welcome screen.
  await page.goto(`${url}?installation`);
  await page.getByLabel(fr('mediator.pin.newPin'), { exact: true }).fill(PIN);
  await page.getByLabel(fr('mediator.pin.confirmPin')).fill(PIN);
  await page.getByRole('button', { name: fr('mediator.pin.create') }).click();
  await page.getByRole('button', { name: fr('mediator.settings.back'), exact: true }).click();
  await page.getByRole('button', { name: fr('mediator.home.guided'), exact: true }).waitFor();
  await page.goto(url);
  await page.getByRole('button', { name: fr('welcome.mediator') }).click();
  await page.getByLabel(fr('mediator.pin.pin'), { exact: true }).fill(PIN);
  await page.evaluate(() => (window.__mediatorOpenMs = undefined));
  await page.getByRole('button', { name: fr('mediator.pin.open') }).click();
  await page.waitForFunction(() => window.__mediatorOpenMs !== undefined, null, { timeout: 60_000, polling: 100 });
  const mediatorOpenMs = await page.evaluate(() => window.__mediatorOpenMs);
  await checkSlowed(evaluate, plainMs);
  await context.close();
  const measured = {
    swReadyColdMs: readyMs,
    swCompleteColdMs: completeMs,
    warmPaintRatio: appPaint / barePaint,
    nextQuestionP95Ms: percentile(journey.times, 95),
    resultScreenMs: journey.results[0],
    resultHoursMs: hoursMs,
    mediatorOpenMs,
  };
  if (process.env.BENCH_VERBOSE) {
    console.log(`  run ${variant + 1}: first visit ${link.requests} requests (at most ${link.maxInFlight} at once), ${Math.round(link.bytes / 1024)} KB; paints ${Math.round(appPaint)} / ${Math.round(barePaint)} ms;`, JSON.stringify(measured, (_, v) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v)));
    console.log('   ', journey.labels.join(' | '));
  }
  if (process.env.BENCH_VERBOSE) console.log('    slow-link requests:', (link.paths ?? []).join(' '));
  link.paths = [];
  link.firstAt = undefined;
  link.requests = 0;
  link.maxInFlight = 0;
  link.bytes = 0;
  return measured;
}

export async function run({ distDir }) {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const expected = precacheSize(readFileSync(join(distDir, 'sw.js'), 'utf8'));
  if (expected === 0) throw new Error('dist/sw.js has no precache manifest: is dist/ a Vite build?');
  const fr = frenchMessages();
  writeFileSync(join(distDir, BARE_PAGE), withoutScripts(html));
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  try {
    const runs = await withPreviewServer(PREVIEW_PORT, () =>
      withSlowLink(PREVIEW_PORT, LINK_PORT, async (url, link) => {
        const all = [];
        for (let variant = 0; variant < RUNS; variant += 1) {
          const pages = [];
          try {
            all.push(await oneRun(browser, { url, link, expected, variant, fr, pages }));
          } catch (error) {
            // what the page showed when a step failed
            await pages[0]?.screenshot({ path: 'reports/lowend-failure.png' }).catch(() => {});
            throw error;
          }
        }
        return all;
      }),
    );
    const of = (key, digits = 0) => Number(median(runs.map((r) => r[key])).toFixed(digits));
    return {
      'lowend.nextQuestionP95Ms': { value: of('nextQuestionP95Ms'), unit: 'ms', target: 100, better: 'lower' },
      'lowend.resultScreenMs': { value: of('resultScreenMs'), unit: 'ms', target: 200, better: 'lower' },
      'lowend.resultHoursMs': { value: of('resultHoursMs'), unit: 'ms', target: 1000, better: 'lower' },
      'lowend.warmPaintRatio': { value: of('warmPaintRatio', 2), unit: '×', target: 1.2, better: 'lower' },
      'lowend.swReadyColdMs': { value: of('swReadyColdMs'), unit: 'ms', target: 5_000, better: 'lower' },
      'lowend.swCompleteColdMs': { value: of('swCompleteColdMs'), unit: 'ms', target: 15_000, better: 'lower' },
      'lowend.mediatorOpenMs': { value: of('mediatorOpenMs'), unit: 'ms', target: 300, better: 'lower' },
    };
  } finally {
    await browser.close();
    rmSync(join(distDir, BARE_PAGE), { force: true });
  }
}
