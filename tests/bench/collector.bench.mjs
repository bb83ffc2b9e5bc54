// collector.batchesPerSec, collector.p99Ms: the anonymous-aggregate collector (server/, `npm run collector`) as a child
// process on a fresh SQLite file (WAL, synchronous=FULL), its production log level (info), driven by autocannon with
// 32 connections for 10 s after a 2 s warm-up. Every request posts a valid batch; about 10 % resend a batch already
// posted (answered 200), the rest are distinct (201). Anything else fails the benchmark.
// collector.pg.batchesPerSec, collector.pg.p99Ms: the same, right after, on a throw-away PostgreSQL cluster (fsync on,
// synchronous_commit on, the server's defaults otherwise) when PostgreSQL's programs are on this machine
// (scripts/postgres.mjs); without them the PostgreSQL figures are left out and said so.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { importTs } from '../../scripts/load-ts.mjs';
import { findPostgres, startPostgresCluster } from '../../scripts/postgres.mjs';
import { freePort, waitForHealth } from './child-collector.mjs';

export const name = 'collector';
/** Its own processes only: no production build needed (scripts/bench.mjs skips it). */
export const needsBuild = false;

const TOKEN = 'bench-token-5d1c0f7a2b';
const CONNECTIONS = 32;
const DURATION_S = 10;
const DUPLICATE_SHARE = 0.1;
const DISTINCT_BATCHES = 60_000;


/** Distinct batches, as posted: made once, sent to each engine's collector from the first. */
async function distinctBatches() {
  const { makeBatch } = await importTs('server/testing/make-batch.ts');
  const { seededRandom } = await importTs('src/domain/testing/respondent.ts');
  const random = seededRandom(2026);
  const communes = ['21231', '21054', '25056', '39300', '58194', '70550', '71270', '89024', '90010', '2A004'];
  const distinct = Array.from({ length: DISTINCT_BATCHES }, (_, i) =>
    JSON.stringify(
      makeBatch({
        random,
        size: 5 + Math.floor(random() * 20),
        territory: { level: 'commune', code: communes[i % communes.length] },
        weeks: { from: '2026-W40', to: `2026-W${40 + (i % 7)}` },
      }),
    ),
  );
  return distinct;
}

/** Bodies to post: the distinct batches in order, with a resend of an earlier one about one time in ten. */
async function bodies(distinct) {
  const { seededRandom } = await importTs('src/domain/testing/respondent.ts');
  const random = seededRandom(2027);
  let sent = 0;
  return () => {
    if (sent > 0 && random() < DUPLICATE_SHARE) return distinct[Math.floor(random() * Math.min(sent, distinct.length))];
    const body = distinct[sent % distinct.length];
    sent += 1;
    return body;
  };
}

function load(url, nextBody, duration, statuses) {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/batches',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        setupRequest: (request) => ({ ...request, body: nextBody() }),
        onResponse: (status) => statuses.set(status, (statuses.get(status) ?? 0) + 1),
      },
    ],
  });
}

/** One measured run against a collector on `database` (REPERE_DB): batches/s and p99 latency. */
async function measure(database, nextBody) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      REPERE_DB: database,
      REPERE_TOKENS: TOKEN,
      // The per-token limit protects production from one runaway device; the benchmark is one token at full speed.
      REPERE_RATE_LIMIT: '10000000',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForHealth(url, child);
    await load(url, nextBody, 2, new Map());
    const statuses = new Map();
    const result = await load(url, nextBody, DURATION_S, statuses);
    const unexpected = [...statuses].filter(([status]) => status !== 200 && status !== 201);
    if (result.errors > 0 || result.timeouts > 0 || unexpected.length > 0) {
      throw new Error(`errors ${result.errors}, timeouts ${result.timeouts}, statuses ${JSON.stringify([...statuses])}`);
    }
    if (process.env.BENCH_VERBOSE) {
      console.log(`  ${result.requests.total} requests, statuses ${JSON.stringify([...statuses])}, latency p50 ${result.latency.p50} ms p99 ${result.latency.p99} ms`);
    }
    return { batchesPerSec: Math.round(result.requests.total / DURATION_S), p99Ms: result.latency.p99 };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
  }
}

export async function run() {
  const folder = mkdtempSync(join(tmpdir(), 'repere-bench-collector-'));
  try {
    const distinct = await distinctBatches();
    const sqlite = await measure(join(folder, 'collector.db'), await bodies(distinct));
    const metrics = {
      'collector.batchesPerSec': { value: sqlite.batchesPerSec, unit: 'batches/s', target: 3000, better: 'higher' },
      'collector.p99Ms': { value: sqlite.p99Ms, unit: 'ms', target: 50, better: 'lower' },
    };
    const binDir = findPostgres();
    if (!binDir) {
      console.warn('  collector.pg.*: left out, PostgreSQL is not on this machine (scripts/postgres.mjs, or POSTGRES_BIN)');
      return metrics;
    }
    const cluster = await startPostgresCluster({ binDir });
    try {
      // The same bodies, from the start: the PostgreSQL database is as empty as the SQLite file was.
      const postgres = await measure(cluster.url, await bodies(distinct));
      metrics['collector.pg.batchesPerSec'] = { value: postgres.batchesPerSec, unit: 'batches/s', target: 3000, better: 'higher' };
      metrics['collector.pg.p99Ms'] = { value: postgres.p99Ms, unit: 'ms', target: 50, better: 'lower' };
    } finally {
      cluster.remove();
    }
    return metrics;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
