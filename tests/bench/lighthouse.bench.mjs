// lighthouse.*: Lighthouse 12 mobile scores (simulated slow 4G, 4x CPU) of the production build, median of 3 runs.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/browser.mjs';
import { withPreviewServer } from './preview-server.mjs';

export const name = 'lighthouse';

const PORT = 4175;
const RUNS = 3;
const CATEGORIES = { performance: 'performance', accessibility: 'accessibility', 'best-practices': 'bestPractices' };

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function run() {
  const chrome = ensureChromium();
  return withPreviewServer(PORT, async (url) => {
    const scores = Object.fromEntries(Object.values(CATEGORIES).map((key) => [key, []]));
    for (let i = 0; i < RUNS; i += 1) {
      const output = `reports/lighthouse-${i}.json`;
      const result = spawnSync(
        process.execPath,
        [
          'node_modules/lighthouse/cli/index.js',
          url,
          '--quiet',
          '--output=json',
          `--output-path=${output}`,
          `--only-categories=${Object.keys(CATEGORIES).join(',')}`,
          `--chrome-flags=--headless=new ${CHROMIUM_ARGS.join(' ')}`,
        ],
        { env: { ...process.env, CHROME_PATH: chrome }, stdio: ['ignore', 'ignore', 'inherit'] },
      );
      if (result.status !== 0) throw new Error(`lighthouse exited with ${result.status}`);
      const report = JSON.parse(readFileSync(output, 'utf8'));
      for (const [id, key] of Object.entries(CATEGORIES)) {
        const score = report.categories?.[id]?.score;
        if (typeof score !== 'number') throw new Error(`lighthouse gave no ${id} score (run ${i + 1})`);
        scores[key].push(Math.round(score * 100));
      }
      if (i < RUNS - 1) rmSync(output);
      if (process.env.BENCH_VERBOSE) console.log(`  run ${i + 1}: ${Object.entries(CATEGORIES).map(([id]) => `${id} ${Math.round(report.categories[id].score * 100)}`).join(", ")}, TBT ${Math.round(report.audits["total-blocking-time"].numericValue)} ms`);
    }
    return Object.fromEntries(
      Object.entries(scores).map(([key, values]) => [
        `lighthouse.${key}`,
        { value: median(values), unit: 'score', target: 100, better: 'higher' },
      ]),
    );
  });
}
