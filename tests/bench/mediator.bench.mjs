// mediator.historyOpen5kMs, mediator.historyOpen50kMs: from the tap on "Historique de cet appareil" to the first rows of
// the history painted, on a device holding 5 000 and 50 000 results (a busy France Services keeps ~5 000 a year),
// seeded through the app's own storage code (tests/e2e/seed/seed-results.ts). mediator.export50kMs: from the tap on
// "Exporter" (the French CSV of all 50 000) to the file handed to the browser. mediator.historyLongestTaskMs and
// mediator.exportLongestTaskMs: the longest task (PerformanceObserver "longtask") while opening and exporting at
// 50 000. Each measured at full speed and with the CPU slowed 6× (`….cpu6x`, Chromium's Emulation.setCPUThrottlingRate),
// as on the old tablets Repère runs on; the median of three runs.
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/browser.mjs';
import { seedBundle } from '../../scripts/seed-bundle.mjs';
import { slowDownCpu } from './cpu-throttle.mjs';
import { withPreviewServer } from './preview-server.mjs';

export const name = 'mediator';

const PORT = 4177;
const RUNS = 3;
const PIN = '482913';

function instrument() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: false });
  // The tap on the history button, then the frame that paints its first row.
  document.addEventListener(
    'click',
    (event) => {
      const button = event.target instanceof Element ? event.target.closest('button') : null;
      if (!button || !/Historique/.test(button.textContent ?? '')) return;
      const started = performance.now();
      window.__historyOpened = null;
      window.__historyStarted = started;
      const observer = new MutationObserver(() => {
        if (!document.querySelector('.history-table tbody tr')) return;
        observer.disconnect();
        requestAnimationFrame(() => setTimeout(() => (window.__historyOpened = performance.now() - started), 0));
      });
      observer.observe(document.body, { subtree: true, childList: true });
    },
    true,
  );
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** A fresh installed device with `count` results, at the mediator's home, CPU slowed `cpuRate` times. */
async function deviceWith(browser, url, count, cpuRate) {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 820, height: 1180 } });
  const page = await context.newPage();
  await page.addInitScript(instrument);
  await page.goto(url);
  await page.locator('#app[data-ready="true"]').waitFor({ state: 'attached' });
  // evaluated by the browser's tooling (not an inline <script>: the app's Content-Security-Policy refuses those)
  await page.evaluate(await seedBundle());
  await page.evaluate((n) => window.repereSeedResults(n), count);
  // staff install the device (its PIN), as on the setup path
  await page.goto(`${url}?installation`);
  await page.getByLabel('Nouveau code', { exact: true }).fill(PIN);
  await page.getByLabel('Le même code, encore une fois').fill(PIN);
  await page.getByRole('button', { name: 'Créer le code' }).click();
  await page.getByRole('button', { name: 'Retour', exact: true }).click();
  await page.getByRole('button', { name: 'Historique de cet appareil' }).waitFor();
  await page.waitForTimeout(1_000);
  if (cpuRate !== 1) await slowDownCpu(await context.newCDPSession(page), (work) => page.evaluate(work), cpuRate);
  return { context, page };
}

async function openHistory(page) {
  await page.getByRole('button', { name: 'Historique de cet appareil' }).click();
  await page.waitForFunction(() => window.__historyOpened !== null && window.__historyOpened !== undefined, null, { timeout: 120_000 });
  const opened = await page.evaluate(() => window.__historyOpened);
  // the counts fold in the background: the longest task until they are done
  await page.getByText('Comptage en cours').waitFor({ state: 'detached', timeout: 300_000 }).catch(() => {});
  const longestTask = await page.evaluate(() => {
    const from = window.__historyStarted;
    return Math.max(0, ...window.__longTasks.filter((t) => t.start >= from).map((t) => t.duration));
  });
  return { opened, longestTask };
}

async function exportAll(page) {
  const from = await page.evaluate(() => performance.now());
  const started = Date.now();
  const download = page.waitForEvent('download', { timeout: 600_000 });
  await page.getByRole('button', { name: 'Exporter', exact: true }).click();
  await download;
  const elapsed = Date.now() - started;
  const longestTask = await page.evaluate((start) => Math.max(0, ...window.__longTasks.filter((t) => t.start >= start).map((t) => t.duration)), from);
  return { elapsed, longestTask };
}

export async function run() {
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  try {
    return await withPreviewServer(PORT, async (url) => {
      const report = {};
      for (const cpuRate of [1, 6]) {
        const suffix = cpuRate === 1 ? '' : '.cpu6x';
        const measures = { open5k: [], open50k: [], openTask: [], export50k: [], exportTask: [] };
        for (let r = 0; r < RUNS; r += 1) {
          for (const count of [5_000, 50_000]) {
            const { context, page } = await deviceWith(browser, url, count, cpuRate);
            const { opened, longestTask } = await openHistory(page);
            if (count === 5_000) measures.open5k.push(opened);
            else {
              measures.open50k.push(opened);
              measures.openTask.push(longestTask);
              const exported = await exportAll(page);
              measures.export50k.push(exported.elapsed);
              measures.exportTask.push(exported.longestTask);
            }
            await context.close();
          }
        }
        if (process.env.BENCH_VERBOSE) console.log(`  mediator${suffix}:`, JSON.stringify(measures, (_, v) => (typeof v === 'number' ? Math.round(v) : v)));
        const slowed = cpuRate !== 1;
        report[`mediator.historyOpen5kMs${suffix}`] = { value: Math.round(median(measures.open5k)), unit: 'ms', target: slowed ? 1000 : 300, better: 'lower' };
        report[`mediator.historyOpen50kMs${suffix}`] = { value: Math.round(median(measures.open50k)), unit: 'ms', target: slowed ? 1000 : 300, better: 'lower' };
        report[`mediator.historyLongestTaskMs${suffix}`] = { value: Math.round(median(measures.openTask)), unit: 'ms', target: slowed ? 200 : 50, better: 'lower' };
        report[`mediator.export50kMs${suffix}`] = { value: Math.round(median(measures.export50k)), unit: 'ms', target: slowed ? 60_000 : 15_000, better: 'lower' };
        report[`mediator.exportLongestTaskMs${suffix}`] = { value: Math.round(median(measures.exportTask)), unit: 'ms', target: slowed ? 200 : 50, better: 'lower' };
      }
      return report;
    });
  } finally {
    await browser.close();
  }
}
