// observatory.pageMs: the observatory page of a département, GET /?territory=25&quarter=2026-Q3 (Doubs), on a collector
// holding 1 000 000 batches over 52 ISO weeks (2025-W49 … 2026-W48) from the communes of Bourgogne-Franche-Comté and
// their départements, formats 1, 2 and 3 (70 % format 3), 5 to 30 results each (observatory-data.mjs; the SQLite file is
// made once and cached in the system's temp folder, repere-bench-observatory/<hash of schema and generator>/). The
// collector runs as a child process (`node --import tsx server/main.ts`, as `npm run collector`) on a copy of it.
// Measured from the bench process, request sent to body read, 5 times: one new batch is posted (the statistics of every
// quarter are then stale, as after any batch), then the page is asked. The collector protects the quarter again in its
// worker thread (quarter-protector.ts: it reads the sums from the file and protects every territory together) and,
// since that takes seconds at this scale, answers meanwhile with the figures protected before (stats-source.ts):
// observatory.pageMs is the median of those first requests after a batch; observatory.pageWarmMs the median of the
// same page asked again; observatory.statsMs the median of GET /api/v1/stats?territory=25&quarter=2026-Q3 after the
// batch. Then the JSON is asked every 100 ms until the new batch is in its figures: observatory.freshMs, from the
// first page (how late the figures are at this scale), while GET /healthz is timed beside (the longest,
// observatory.healthDuringRefreshMs: the collector keeps answering). Every page must answer 200 and name « Doubs »,
// every JSON 200 with the quarter's batches, else the benchmark fails. Also printed: the very first request after start
// (the quarter is being protected from start-up: it waits for it), the fill time when the file was made, and the
// collector's peak resident memory (VmHWM, Linux, the worker thread included). A collector that dies fails the
// benchmark, saying so. The collector inherits NODE_OPTIONS; BENCH_CPU_PROF=<folder> writes a V8 CPU profile of it
// there (the worker thread's is not written: run protectStats alone for that).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForHealth } from './child-collector.mjs';

export const name = 'observatory';
/** Its own processes only: no production build needed (scripts/bench.mjs skips it). */
export const needsBuild = false;

const TOKEN = 'bench-token-0b5e93c4d1';
const TERRITORY = '25';
const TERRITORY_NAME = 'Doubs';
/** A quarter the data covers whole (2026-W27 … 2026-W39). */
const QUARTER = { name: '2026-Q3', week: '2026-W33' };
const RUNS = 5;
const TARGET_MS = 500;


const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round = (ms) => Math.round(ms * 10) / 10;

/** The collector's peak resident memory in MB (VmHWM), or null where /proc is not there. */
function peakRssMb(pid) {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

/** GET `path`, body read; the time it took in ms and the body. Fails on anything but 200. */
async function timedGet(url, path) {
  const started = performance.now();
  const response = await fetch(`${url}${path}`);
  const body = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${body.slice(0, 300)}`);
  return { ms, body };
}

const pagePath = `/?territory=${TERRITORY}&quarter=${QUARTER.name}`;
const statsPath = `/api/v1/stats?territory=${TERRITORY}&quarter=${QUARTER.name}`;

async function page(url) {
  const { ms, body } = await timedGet(url, pagePath);
  if (!body.includes(TERRITORY_NAME)) throw new Error(`GET ${pagePath}: the page does not name « ${TERRITORY_NAME} »`);
  return { ms, bytes: Buffer.byteLength(body) };
}

async function stats(url) {
  const { ms, body } = await timedGet(url, statsPath);
  const json = JSON.parse(body);
  if (json.quarter !== QUARTER.name || !(json.format2?.period?.batches > 0)) throw new Error(`GET ${statsPath}: no batches in ${body.slice(0, 300)}`);
  return { ms };
}

/** The quarter's batches of questionnaire 2 in the territory's published figures. */
async function batchesShown(url) {
  const { body } = await timedGet(url, statsPath);
  return JSON.parse(body).format2.period.batches;
}

async function post(url, batch) {
  const response = await fetch(`${url}/api/v1/batches`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(batch),
  });
  if (response.status !== 201) throw new Error(`POST /api/v1/batches: ${response.status} ${await response.text()}`);
}

export async function run() {
  const { observatoryDatabase, freshBatch } = await import('./observatory-data.mjs');
  const folder = mkdtempSync(join(tmpdir(), 'repere-bench-observatory-run-'));
  try {
    const { file, cached, fillMs, meta } = await observatoryDatabase(folder);
    console.log(
      fillMs === null
        ? `  database: ${cached} (cached; filled in ${(meta.fillMs / 1000).toFixed(1)} s on ${meta.filledAt})`
        : `  database: ${cached} filled in ${(fillMs / 1000).toFixed(1)} s (${JSON.stringify(meta.written)} batches by format, ${meta.territories} territories)`,
    );
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const profile = process.env.BENCH_CPU_PROF;
    const child = spawn(process.execPath, [...(profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : []), '--import', 'tsx', 'server/main.ts'], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        REPERE_DB: file,
        REPERE_TOKENS: TOKEN,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // Its errors are passed on, and the last of them kept: a collector that dies mid-request (out of memory) says why.
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    let peakMb = null;
    const died = () => {
      if (child.exitCode === null && child.signalCode === null) return null;
      const reason = /heap out of memory|Reached heap limit[^\n]*/.exec(stderr)?.[0];
      return new Error(`the collector died (${child.exitCode ?? child.signalCode}) during the requests${reason ? `: ${reason}` : ''}; peak RSS ${peakMb} MB`);
    };
    // Sampled while it runs: /proc/<pid> is gone once it has died.
    const sampler = setInterval(() => (peakMb = peakRssMb(child.pid) ?? peakMb), 250);
    try {
      await waitForHealth(url, child, 60_000);
      const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');
      console.log(`  load average ${load()}`);
      const first = await page(url);
      // Said as it goes: a cold request may take minutes, and a run stopped half-way still tells something.
      console.log(`  first request after start ${round(first.ms)} ms (page ${Math.round(first.bytes / 1024)} KB)`);
      const cold = [];
      const warm = [];
      const statsCold = [];
      const fresh = [];
      const health = [];
      for (let i = 0; i < RUNS; i += 1) {
        const before = await batchesShown(url);
        await post(url, await freshBatch(QUARTER.week, i));
        cold.push((await page(url)).ms);
        statsCold.push((await stats(url)).ms);
        warm.push((await page(url)).ms);
        // Until the new batch is in the figures: the health check meanwhile says whether the collector kept answering.
        const posted = performance.now();
        let healthMax = 0;
        while ((await batchesShown(url)) === before) {
          const started = performance.now();
          const response = await fetch(`${url}/healthz`);
          await response.text();
          healthMax = Math.max(healthMax, performance.now() - started);
          if (performance.now() - posted > 600_000) throw new Error('the new batch did not reach the figures within 10 minutes');
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        fresh.push(performance.now() - posted);
        health.push(healthMax);
        console.log(
          `  run ${i + 1}: page cold ${round(cold[i])} ms, JSON cold ${round(statsCold[i])} ms, page warm ${round(warm[i])} ms; ` +
            `the batch in the figures ${round(fresh[i])} ms after the page, health check meanwhile ≤ ${round(healthMax)} ms`,
        );
      }
      const statsWarm = (await stats(url)).ms;
      const rss = peakRssMb(child.pid);
      peakMb = rss;
      console.log(`  JSON warm ${round(statsWarm)} ms; load average ${load()}`);
      console.log(`  collector peak RSS ${rss === null ? 'not readable here' : `${rss} MB`}`);
      return {
        'observatory.pageMs': { value: round(median(cold)), unit: 'ms', target: TARGET_MS, better: 'lower' },
        'observatory.pageWarmMs': { value: round(median(warm)), unit: 'ms', target: TARGET_MS, better: 'lower' },
        'observatory.statsMs': { value: round(median(statsCold)), unit: 'ms', target: TARGET_MS, better: 'lower' },
        'observatory.freshMs': { value: round(median(fresh)), unit: 'ms', better: 'lower' },
        'observatory.healthDuringRefreshMs': { value: round(Math.max(...health)), unit: 'ms', better: 'lower' },
      };
    } catch (error) {
      // The exit comes a moment after the refused connection.
      await new Promise((resolve) => setTimeout(resolve, 500));
      throw died() ?? error;
    } finally {
      clearInterval(sampler);
      child.kill('SIGTERM');
      // Killed by a signal (SIGABRT when out of memory), it has a signalCode and no exitCode.
      await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', resolve)));
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
