// The hands-on tries' screens (docs/TRIES.md) on the production build, installed and warm: from the tap that ends a try
// (or the last answer before them) to the next try's screen painted. Reported at full speed and with the CPU slowed 6×
// (Chromium's Emulation.setCPUThrottlingRate, as on the old tablets: lowend), three journeys each, p95 of all screens.
// A browser that refuses CPU throttling skips the slowed figure (cpu-throttle.mjs), never reports a full-speed one.
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/browser.mjs';
import { slowDownCpu, checkSlowed } from './cpu-throttle.mjs';
import { percentile } from './journey.bench.mjs';
import { withPreviewServer } from './preview-server.mjs';

export const name = 'tries';

const PORT = 4180;
const JOURNEYS = 3;
const KIOSK = { width: 1080, height: 1920 };

/** Added to the page: times each tap that changes the try on screen, until the frame that paints the new one. */
function instrumentTries() {
  window.__tryTimes = [];
  // only the last tap is watched: a tap on a target that leaves the same try on screen must not be timed by a later one
  let watching = null;
  document.addEventListener(
    'click',
    () => {
      watching?.disconnect();
      const started = performance.now();
      const before = document.querySelector('main.tries')?.getAttribute('data-try') ?? 'none';
      const observer = new MutationObserver(() => {
        const now = document.querySelector('main.tries')?.getAttribute('data-try') ?? 'none';
        if (now === before || now === 'none') return;
        observer.disconnect();
        requestAnimationFrame(() => setTimeout(() => window.__tryTimes.push(performance.now() - started), 0));
        (window.__tryLabels ??= []).push(now);
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-try'] });
      watching = observer;
      // a tap that changes nothing stops being watched
      setTimeout(() => observer.disconnect(), 5_000);
    },
    true,
  );
}

/** Answers (first answer) up to the tries, then goes through every try: taps right on the targets, then skips the rest. */
async function throughTheTries(page) {
  await page.getByRole('button', { name: 'Commencer', exact: true }).click();
  for (let i = 0; i < 10 && !(await page.locator('main.tries').count()); i += 1) {
    const legend = await page.locator('legend.question-title').textContent();
    await page.locator('.options label').first().click();
    await page.getByRole('button', { name: 'Suivant', exact: true }).click();
    await page.waitForFunction((before) => document.querySelector('main.tries') || document.querySelector('legend.question-title')?.textContent !== before, legend, { polling: 100 });
  }
  for (let taps = 0; taps < 10 && (await page.locator('main.tries[data-try="touch"]').count()); taps += 1) {
    await page.locator('.touch-target').click();
    await page.waitForTimeout(300);
  }
  for (let i = 0; i < 5 && (await page.locator('main.tries').count()); i += 1) {
    await page.getByRole('button', { name: 'Passer cet essai', exact: true }).click();
    await page.waitForTimeout(400);
  }
  if (process.env.BENCH_VERBOSE) console.log('  ', await page.evaluate(() => window.__tryTimes.map((t, i) => `${window.__tryLabels[i]} ${Math.round(t)}`).join(' | ')));
  return page.evaluate(() => window.__tryTimes);
}

async function journeys(browser, url, slowed) {
  const times = [];
  for (let j = 0; j < JOURNEYS; j += 1) {
    const context = await browser.newContext({ viewport: KIOSK });
    const page = await context.newPage();
    await page.addInitScript(instrumentTries);
    await page.goto(url);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.locator('#app[data-ready="true"]').waitFor({ state: 'attached' });
    if (slowed) {
      const evaluate = (work, arg) => page.evaluate(work, arg);
      const { plainMs } = await slowDownCpu(await context.newCDPSession(page), evaluate);
      await checkSlowed(evaluate, plainMs);
    }
    await page.waitForTimeout(1_000);
    times.push(...(await throughTheTries(page)));
    await context.close();
  }
  return times;
}

export async function run() {
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  try {
    return await withPreviewServer(PORT, async (url) => {
      const plain = await journeys(browser, url, false);
      if (plain.length < JOURNEYS * 4) throw new Error(`only ${plain.length} try screens measured`);
      const metrics = {
        'tries.screenPaintP95Ms': { value: Number(percentile(plain, 95).toFixed(1)), unit: 'ms', target: 50, better: 'lower' },
      };
      const slowed = await journeys(browser, url, true);
      metrics['tries.lowendScreenPaintP95Ms'] = { value: Number(percentile(slowed, 95).toFixed(1)), unit: 'ms', target: 100, better: 'lower' };
      return metrics;
    });
  } finally {
    await browser.close();
  }
}
