import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { isoWeek, type AggregateBatch } from '../src/domain/aggregate';
import { seededRandom } from '../src/domain/testing/respondent';
import { addWeeks } from './iso-weeks';
import { makeBatch, makeBatchV2 } from './testing/make-batch';
import { spawnCollector, type ChildCollector } from './testing/spawn-collector';

const TOKEN = 'durability-token-4c1e9b7d';
const random = seededRandom(99);
// The child runs on the real clock: batches of last week.
const lastWeek = addWeeks(isoWeek(new Date()), -1);

let folder = '';
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function start(databaseFile: string) {
  return spawnCollector({ REPERE_DB: databaseFile, REPERE_TOKENS: TOKEN, REPERE_RATE_LIMIT: '1000000' });
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

function storedIds(databaseFile: string): Set<string> {
  const db = new Database(databaseFile, { readonly: true });
  try {
    return new Set(db.prepare('SELECT id FROM batches UNION ALL SELECT id FROM batches_v2').pluck().all() as string[]);
  } finally {
    db.close();
  }
}

describe('the collector process', { timeout: 30_000 }, () => {
  it('loses no acknowledged batch when killed (SIGKILL) in the middle of a stream of writes', async () => {
    folder = mkdtempSync(join(tmpdir(), 'repere-durability-'));
    const databaseFile = join(folder, 'collector.db');
    const collector = await start(databaseFile);
    const { acked } = await writeUntilGone(collector, 8, (count) => {
      if (count === 300) collector.child.kill('SIGKILL');
    });
    expect(await collector.exited).toBeNull();
    expect(acked.length).toBeGreaterThanOrEqual(300);

    const stored = storedIds(databaseFile);
    expect(acked.filter((batch) => !stored.has(batch.id))).toEqual([]);

    // Restarted on the same file, it knows every one of them.
    const again = await start(databaseFile);
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
    folder = mkdtempSync(join(tmpdir(), 'repere-shutdown-'));
    const databaseFile = join(folder, 'collector.db');
    const collector = await start(databaseFile);
    const { acked, statuses } = await writeUntilGone(collector, 8, (count) => {
      if (count === 100) collector.child.kill('SIGTERM');
    });
    expect(await collector.exited).toBe(0);
    // The requests in flight when the signal came were answered; those arriving while it closes are told to come back.
    expect(acked.length).toBeGreaterThan(100);
    expect(statuses.filter((status) => status !== 201 && status !== 503)).toEqual([]);
    const stored = storedIds(databaseFile);
    expect(acked.filter((batch) => !stored.has(batch.id))).toEqual([]);
    expect(collector.logs()).toContain('"msg":"stopped"');
  });
});
