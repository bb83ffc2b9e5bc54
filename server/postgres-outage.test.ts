import { afterEach, describe, expect, it } from 'vitest';
import { isoWeek, type AggregateBatch } from '../src/domain/aggregate';
import { seededRandom } from '../src/domain/testing/respondent';
import { startPostgresCluster, type PostgresCluster } from '../scripts/postgres.mjs';
import { UNAVAILABLE_RETRY_AFTER_S } from './build-app';
import { addWeeks } from './iso-weeks';
import { makeBatch, makeBatchV2 } from './testing/make-batch';
import { spawnCollector, type ChildCollector } from './testing/spawn-collector';
import { POSTGRES, providedPostgres } from './testing/store-engines';

const TOKEN = 'outage-token-3b9d1e';
const random = seededRandom(404);
const lastWeek = addWeeks(isoWeek(new Date()), -1);
/** The test's own bounds: it stops sending after this long, or this many requests, whatever happens. */
const DEADLINE_MS = 40_000;
const MAX_REQUESTS = 20_000;

const post = (collector: ChildCollector, batch: AggregateBatch) =>
  fetch(`${collector.url}/api/v1/batches`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(batch),
  });
const health = async (collector: ChildCollector) => (await fetch(`${collector.url}/healthz`)).status;
const until = async (condition: () => boolean, what: string, context: () => string) => {
  const deadline = Date.now() + DEADLINE_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; ${context()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

// Its own cluster, since it stops it; on the same programs as the run's (postgres-global-setup.ts).
const binDir = POSTGRES.skipReason === null ? providedPostgres().binDir : null;
const skipReason = POSTGRES.skipReason ?? (binDir === null ? 'PostgreSQL’s programs are not on this machine (REPERE_TEST_POSTGRES names a server elsewhere)' : null);

describe.skipIf(skipReason !== null)(`PostgreSQL going away under load${skipReason !== null ? ` — skipped: ${skipReason}` : ''}`, { timeout: 90_000 }, () => {
  let cluster: PostgresCluster | null = null;
  let collector: ChildCollector | null = null;
  afterEach(async () => {
    if (collector && collector.child.exitCode === null) {
      collector.child.kill('SIGTERM');
      await collector.exited;
    }
    cluster?.remove();
    [cluster, collector] = [null, null];
  });

  it('answers 503 with Retry-After while it is down, loses no acknowledged batch, and takes batches again once it is back, without a restart', async () => {
    cluster = await startPostgresCluster({ binDir: binDir! });
    const running = await spawnCollector({ REPERE_DB: cluster.url, REPERE_TOKENS: TOKEN, REPERE_RATE_LIMIT: '10000000' });
    collector = running;
    const acked: AggregateBatch[] = [];
    const refused: AggregateBatch[] = [];
    const statuses = new Map<number, number>();
    const retryAfters = new Set<string | null>();
    let sending = true;
    let sent = 0;
    const started = Date.now();

    const writers = Array.from({ length: 8 }, async () => {
      while (sending && sent < MAX_REQUESTS && Date.now() - started < DEADLINE_MS) {
        sent += 1;
        const batch = (random() < 0.5 ? makeBatch : makeBatchV2)({ random, weeks: { from: lastWeek, to: lastWeek } });
        let response: Response;
        try {
          response = await post(running, batch);
        } catch {
          return; // the collector is gone (a failed test stops it)
        }
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 201) acked.push(batch);
        if (response.status === 503) {
          refused.push(batch);
          retryAfters.add(response.headers.get('retry-after'));
          // A device backs off; so does this writer, a little, to keep the loop bounded.
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      }
    });

    const context = () =>
      `answers so far ${JSON.stringify([...statuses])}; the collector ${running.child.exitCode === null ? 'runs' : `exited (${running.child.exitCode})`}, its last lines: ${running.logs().split('\n').slice(-5).join('\n')}`;
    let healthWhileDown = 0;
    try {
      await until(() => acked.length >= 200, '200 batches stored', context);
      // A crash of the server: no checkpoint, the commits it acknowledged are in its WAL.
      cluster.stop('immediate');
      await until(() => refused.length >= 50, 'the collector to refuse batches while PostgreSQL is down', context);
      healthWhileDown = await health(running);
      cluster.start();
      const ackedWhenBack = acked.length;
      await until(() => acked.length >= ackedWhenBack + 200, '200 more batches stored once PostgreSQL is back', context);
    } finally {
      sending = false;
      await Promise.all(writers);
    }

    // The same process all along, told to come back later while the database was away, never a 500.
    expect(running.child.exitCode).toBeNull();
    expect([...statuses.keys()].sort()).toEqual([201, 503]);
    expect([...retryAfters]).toEqual([String(UNAVAILABLE_RETRY_AFTER_S)]);
    expect(healthWhileDown).toBe(503);
    expect(await health(running)).toBe(200);

    // Every batch acknowledged, before and after, is in the database.
    const { storedIds } = POSTGRES.reader(cluster.url);
    const stored = new Set(await storedIds());
    expect(acked.filter((batch) => !stored.has(batch.id))).toEqual([]);
    // The devices kept what was refused, and send it again: stored now, or already (a commit cut before its answer).
    const again = await Promise.all(refused.map((batch) => post(running, batch).then((response) => response.status)));
    expect(again.filter((status) => status !== 201 && status !== 200)).toEqual([]);
    const storedAfter = new Set(await storedIds());
    expect([...acked, ...refused].filter((batch) => !storedAfter.has(batch.id))).toEqual([]);
    expect(storedAfter.size).toBe(acked.length + refused.length);
    // It said what happened, in its log lines.
    expect(running.logs()).toContain('"msg":"database unavailable"');
  });
});
