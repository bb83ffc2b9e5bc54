// journey.nextQuestionP95Ms: from the tap on "Suivant" to the next question painted (the IndexedDB autosave is issued
// before that paint and completes beside it), p95 over five full journeys in Chromium, production build, each on a
// kiosk already installed (second visit, served by the service worker). Measured in the page: the click's time stamp,
// then the frame after the new question (or the result) is in the DOM. Run twice: at full speed, and with the CPU
// slowed 6× (Chromium's Emulation.setCPUThrottlingRate), as on the old, cheap tablets Repère runs on (`….cpu6x`).
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/browser.mjs';
import { withPreviewServer } from './preview-server.mjs';

export const name = 'journey';

const PORT = 4176;
const JOURNEYS = 5;

function instrument() {
  window.__nextTimes = [];
  document.addEventListener(
    'click',
    (event) => {
      const target = event.target instanceof Element ? event.target.closest('button[type="submit"]') : null;
      if (!target) return;
      const started = performance.now();
      const before = document.querySelector('legend.question-title')?.textContent;
      const observer = new MutationObserver(() => {
        const next = document.querySelector('legend.question-title, main.result h1');
        if (!next || next.textContent === before) return;
        observer.disconnect();
        // the frame that paints it
        const toResult = next.matches('main.result h1');
        requestAnimationFrame(() =>
          setTimeout(() => {
            const elapsed = performance.now() - started;
            (toResult ? (window.__resultTimes ??= []) : window.__nextTimes).push(elapsed);
            (window.__labels ??= []).push(`${Math.round(elapsed)}:${(next.textContent ?? '').slice(0, 18)}`);
          }, 0),
        );
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    },
    true,
  );
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

export async function run() {
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  try {
    const measure = (url, cpuRate) => journeys(browser, url, cpuRate);
    const [plain, slow] = await withPreviewServer(PORT, async (url) => [await measure(url, 1), await measure(url, 6)]);
    const report = {};
    for (const [suffix, { times, results }] of [['', plain], ['.cpu6x', slow]]) {
      if (times.length < 30) throw new Error(`only ${times.length} measures`);
      if (process.env.BENCH_VERBOSE) console.log(`  next-question times${suffix} (ms):`, times.map((t) => Math.round(t)).join(' '));
      const slowed = suffix !== '';
      report[`journey.nextQuestionP95Ms${suffix}`] = { value: Number(percentile(times, 95).toFixed(1)), unit: 'ms', target: slowed ? 100 : 50, better: 'lower' };
      // The last tap leads to the result (a longer page, the places block): reported apart, with its own target.
      report[`journey.resultScreenP95Ms${suffix}`] = { value: Number(percentile(results, 95).toFixed(1)), unit: 'ms', target: slowed ? 300 : 100, better: 'lower' };
    }
    return report;
  } finally {
    await browser.close();
  }
}

/** Five journeys on a fresh installed kiosk each, with the CPU slowed `cpuRate` times once the app is installed. */
async function journeys(browser, url, cpuRate) {
  const all = [];
  const results = [];
  for (let j = 0; j < JOURNEYS; j += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(instrument);
    // A kiosk in its steady state: installed on an earlier visit, served by its service worker.
    await page.goto(url);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.locator('#app[data-ready="true"]').waitFor({ state: 'attached' });
    await page.waitForTimeout(500);
    if (cpuRate !== 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: cpuRate });
    await page.getByRole('button', { name: 'Commencer', exact: true }).click();
    let previous = '';
    for (let i = 0; i < 25; i += 1) {
      // the next screen: a new question, or the result
      await page.waitForFunction(
        (before) => document.querySelector('main.result') !== null || (document.querySelector('legend.question-title')?.textContent ?? before) !== before,
        previous,
      );
      if (await page.locator('main.result').count()) break;
      previous = (await page.locator('legend.question-title').textContent()) ?? '';
      // vary the answers from one journey to the next: the j-th option (or the first)
      const labels = page.locator('.options label');
      await labels.nth(j % (await labels.count())).click();
      await page.getByRole('button', { name: 'Suivant', exact: true }).click();
    }
    await page.waitForTimeout(100);
    all.push(...(await page.evaluate(() => window.__nextTimes)));
    results.push(...(await page.evaluate(() => window.__resultTimes ?? [])));
    if (process.env.BENCH_VERBOSE) console.log('  ', (await page.evaluate(() => window.__labels)).join(' | '));
    await context.close();
  }
  return { times: all, results };
}
