import { afterEach, expect, it } from 'vitest';
import { isoWeek, type AggregateBatch } from '../src/domain/aggregate';
import { seededRandom } from '../src/domain/testing/respondent';
import { addWeeks } from './iso-weeks';
import { makeBatch, makeBatchV2 } from './testing/make-batch';
import { spawnCollector, type ChildCollector } from './testing/spawn-collector';
import { describeEachEngine, type TestDatabase } from './testing/store-engines';

const TOKEN = 'durability-token-4c1e9b7d';
const random = seededRandom(99);
// The child runs on the real clock: batches of last week.
const lastWeek = addWeeks(isoWeek(new Date()), -1);

let database: TestDatabase | null = null;
afterEach(async () => {
  await database?.drop();
  database = null;
});

function start(where: string) {
  return spawnCollector({ REPERE_DB: where, REPERE_TOKENS: TOKEN, REPERE_RATE_LIMIT: '1000000' });
}

const post = (collector: ChildCollector, batch: AggregateBatch) =>
  fetch(`${collector.url}/api/v1/batches`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(batch),
  });

/**
 * Writers posting distinct batches until the server goes away; `onAck` after each answer. Returns what was answered:
 * the batches acknowledged (201) and every status seen.
 */
async function writeUntilGone(collector: ChildCollector, writers: number, onAnswer: (acked: number) => void) {
  const acked: AggregateBatch[] = [];
  const statuses: number[] = [];
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (;;) {
        // Both formats, so that a group commit often writes to both tables in one transaction.
        const batch = (random() < 0.5 ? makeBatch : makeBatchV2)({ random, weeks: { from: lastWeek, to: lastWeek } });
        let status: number;
        try {
          status = (await post(collector, batch)).status;
        } catch {
          return; // the server is gone
        }
        statuses.push(status);
        if (status === 201) acked.push(batch);
        onAnswer(acked.length);
      }
    }),
  );
  return { acked, statuses };
}

// The same on each engine: a SQLite file, a PostgreSQL database (testing/store-engines.ts).
describeEachEngine('the collector process', (engine) => {
  it('loses no acknowledged batch when killed (SIGKILL) in the middle of a stream of writes', async () => {
    database = await engine.newDatabase();
    const collector = await start(database.database);
    const { acked } = await writeUntilGone(collector, 8, (count) => {
      if (count === 300) collector.child.kill('SIGKILL');
    });
    expect(await collector.exited).toBeNull();
    expect(acked.length).toBeGreaterThanOrEqual(300);

    const stored = new Set(await database.storedIds());
    expect(acked.filter((batch) => !stored.has(batch.id))).toEqual([]);

    // Restarted on the same database, it knows every one of them.
    const again = await start(database.database);
    try {
      const statuses = await Promise.all(acked.map((batch) => post(again, batch).then((r) => r.status)));
      expect(new Set(statuses)).toEqual(new Set([200]));
    } finally {
      again.child.kill('SIGTERM');
      expect(await again.exited).toBe(0);
    }
    // Logs say what happened, never with the token or a body.
    expect(collector.logs()).toContain('"url":"/api/v1/batches","statusCode":201');
    expect(again.logs()).toContain('"url":"/api/v1/batches","statusCode":200');
    for (const logs of [collector.logs(), again.logs()]) {
      expect(logs).not.toContain(TOKEN);
      expect(logs).not.toMatch(/Bearer|authorization|"counts"|distanceLevel|dsiOverall16to74/i);
    }
  });

  it('stops on SIGTERM after answering the requests in flight, and every 201 is stored', async () => {
    database = await engine.newDatabase();
    const collector = await start(database.database);
    const { acked, statuses } = await writeUntilGone(collector, 8, (count) => {
      if (count === 100) collector.child.kill('SIGTERM');
    });
    expect(await collector.exited).toBe(0);
    // The requests in flight when the signal came were answered; those arriving while it closes are told to come back.
    expect(acked.length).toBeGreaterThan(100);
    expect(statuses.filter((status) => status !== 201 && status !== 503)).toEqual([]);
    const stored = new Set(await database.storedIds());
    expect(acked.filter((batch) => !stored.has(batch.id))).toEqual([]);
    expect(collector.logs()).toContain('"msg":"stopped"');
  });
}, { timeout: 30_000 });
