// journey.nextQuestionP95Ms: from the tap on "Suivant" to the next question painted (the IndexedDB autosave is issued
// before that paint and completes beside it), p95 over five full journeys in Chromium, production build, each on a
// kiosk already installed (second visit, served by the service worker), at full speed. Measured in the page: the
// click's time stamp, then the frame after the new question (or the result) is in the DOM. The same measure on a weak
// device (the CPU slowed 6×) is lowend.nextQuestionP95Ms (lowend.bench.mjs), which shares these steps.
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/browser.mjs';
import { withPreviewServer } from './preview-server.mjs';

export const name = 'journey';

const PORT = 4176;
const JOURNEYS = 5;

/** Added to the page before its scripts: times each tap on "Suivant" until the next screen is painted. */
export function instrument() {
  window.__nextTimes = [];
  document.addEventListener(
    'click',
    (event) => {
      const target = event.target instanceof Element ? event.target.closest('button[type="submit"]') : null;
      if (!target) return;
      const started = performance.now();
      const before = document.querySelector('legend.question-title')?.textContent;
      const observer = new MutationObserver(() => {
        const next = document.querySelector('legend.question-title, main.result h1, main.tries h1');
        if (!next || next.textContent === before) return;
        const toResult = next.matches('main.result h1');
        // the result counts as shown with its places block (a benchmark may ask for more: its first help place)
        if (toResult && !document.querySelector(window.__resultSelector ?? 'main.result .places-block')) return;
        observer.disconnect();
        // the frame that paints it
        requestAnimationFrame(() =>
          setTimeout(() => {
            const elapsed = performance.now() - started;
            (toResult ? (window.__resultTimes ??= []) : window.__nextTimes).push(elapsed);
            if (toResult) whenHoursShown(started);
            (window.__labels ??= []).push(`${Math.round(elapsed)}:${(next.textContent ?? '').slice(0, 18)}`);
          }, 0),
        );
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    },
    true,
  );
  // On the result: the frame where every help place shown says whether it is open (its hours are evaluated then).
  const whenHoursShown = (started) => {
    const done = () => document.querySelector('main.result li.place') && !document.querySelector('main.result .place-hours[aria-busy="true"]');
    const record = () => requestAnimationFrame(() => setTimeout(() => (window.__hoursMs = performance.now() - started), 0));
    if (done()) return record();
    const observer = new MutationObserver(() => {
      if (!done()) return;
      observer.disconnect();
      record();
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy'] });
  };
}

export const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

export async function run() {
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  try {
    const { times, results } = await withPreviewServer(PORT, (url) => journeys(browser, url));
    if (times.length < 30) throw new Error(`only ${times.length} measures`);
    if (process.env.BENCH_VERBOSE) console.log('  next-question times (ms):', times.map((t) => Math.round(t)).join(' '));
    return {
      'journey.nextQuestionP95Ms': { value: Number(percentile(times, 95).toFixed(1)), unit: 'ms', target: 50, better: 'lower' },
      // The last tap leads to the result (a longer page, the places block): reported apart, with its own target.
      'journey.resultScreenP95Ms': { value: Number(percentile(results, 95).toFixed(1)), unit: 'ms', target: 100, better: 'lower' },
    };
  } finally {
    await browser.close();
  }
}

/**
 * From the welcome screen, the whole questionnaire to the result; the answers vary with `variant` (the variant-th option
 * of each question, or the first). Resolves with the times `instrument` measured.
 */
export async function answerWholeQuestionnaire(page, variant) {
  await page.getByRole('button', { name: 'Commencer', exact: true }).click();
  let previous = '';
  for (let i = 0; i < 40; i += 1) {
    // the next screen: a new question, or the result
    // polled every 100 ms, not at every frame: the harness must not take the frames it measures
    await page.waitForFunction(
      (before) =>
        document.querySelector('main.result, main.tries') !== null || (document.querySelector('legend.question-title')?.textContent ?? before) !== before,
      previous,
      { polling: 100 },
    );
    if (await page.locator('main.result').count()) break;
    // the hands-on tries (after the internet use): skipped here, timed by the tries benchmark
    if (await page.locator('main.tries').count()) {
      await page.getByRole('button', { name: 'Passer les essais', exact: true }).first().click();
      await page.locator('main.tries').waitFor({ state: 'detached' });
      continue;
    }
    previous = (await page.locator('legend.question-title').textContent()) ?? '';
    const labels = page.locator('.options label');
    await labels.nth(variant % (await labels.count())).click();
    await page.getByRole('button', { name: 'Suivant', exact: true }).click();
  }
  await page.waitForFunction(() => (window.__resultTimes ?? []).length > 0, null, { timeout: 60_000, polling: 100 });
  return page.evaluate(() => ({ times: window.__nextTimes, results: window.__resultTimes, labels: window.__labels }));
}

/** Five journeys, each on a fresh kiosk installed on an earlier visit. */
async function journeys(browser, url) {
  const times = [];
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
    const measured = await answerWholeQuestionnaire(page, j);
    times.push(...measured.times);
    results.push(...measured.results);
    if (process.env.BENCH_VERBOSE) console.log('  ', measured.labels.join(' | '));
    await context.close();
  }
  return { times, results };
}
