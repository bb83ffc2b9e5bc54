import { afterAll, beforeAll, expect, it } from 'vitest';
import { isoWeek, type AggregateBatch } from '../src/domain/aggregate';
import { seededRandom } from '../src/domain/testing/respondent';
import { addWeeks } from './iso-weeks';
import { makeBatch, makeBatchV2 } from './testing/make-batch';
import { spawnCollector, type ChildCollector } from './testing/spawn-collector';
import { describeOnPostgres, newPostgresDatabase, providedPostgres, type TestDatabase } from './testing/store-engines';

const TOKEN = 'two-collectors-token-8e2f4a';
const random = seededRandom(2);
// The children run on the real clock: batches of last week.
const lastWeek = addWeeks(isoWeek(new Date()), -1);
const weeks = { from: lastWeek, to: lastWeek };

const post = (collector: ChildCollector, body: unknown, token = TOKEN) =>
  fetch(`${collector.url}/api/v1/batches`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
const statusOf = async (collector: ChildCollector, body: unknown, token = TOKEN) => (await post(collector, body, token)).status;

async function stop(collector: ChildCollector | undefined) {
  if (!collector || collector.child.exitCode !== null) return;
  collector.child.kill('SIGTERM');
  await collector.exited;
}

// Two real collector processes on one PostgreSQL database, as behind a load balancer.
describeOnPostgres('two collectors on one PostgreSQL database', () => {
  let database: TestDatabase;
  let [one, other]: (ChildCollector | undefined)[] = [];
  beforeAll(async () => {
    database = await newPostgresDatabase(providedPostgres().url!);
    // The first one creates the tables; the second finds them.
    one = await spawnCollector({ REPERE_DB: database.database, REPERE_TOKENS: TOKEN, REPERE_RATE_LIMIT: '1000000' });
    other = await spawnCollector({ REPERE_DB: database.database, REPERE_TOKENS: TOKEN, REPERE_RATE_LIMIT: '1000000' });
  });
  afterAll(async () => {
    await Promise.all([stop(one), stop(other)]);
    await database?.drop();
  });

  const idsStored = async (id: string) => (await database.storedIds()).filter((stored) => stored === id).length;

  it('stores a batch sent to both 50 times at once exactly once: one 201, the rest 200 (both formats)', async () => {
    for (const batch of [makeBatch({ random, weeks }), makeBatchV2({ random, weeks }), makeBatch({ random, weeks }), makeBatchV2({ random, weeks })]) {
      const statuses = await Promise.all(Array.from({ length: 100 }, (_, index) => statusOf(index % 2 === 0 ? one! : other!, batch)));
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 200)).toHaveLength(99);
      expect(await idsStored(batch.id)).toBe(1);
    }
  });

  it('answers 200 on the other to a batch sent to one, and 409 there to another content under its id, even of the other format', async () => {
    const batch = makeBatch({ random, weeks });
    expect(await statusOf(one!, batch)).toBe(201);
    expect(await statusOf(other!, batch)).toBe(200);
    expect(await statusOf(other!, { ...batch, appVersion: '0.1.1' })).toBe(409);
    expect(await statusOf(other!, { ...makeBatchV2({ random, weeks }), id: batch.id })).toBe(409);
  });

  it('stores one of two batches of different formats sent at once under one id, one to each: one 201, one 409', async () => {
    for (let round = 0; round < 10; round += 1) {
      const first: AggregateBatch = makeBatch({ random, weeks });
      const second: AggregateBatch = { ...makeBatchV2({ random, weeks }), id: first.id };
      const statuses = await Promise.all([statusOf(one!, first), statusOf(other!, second)]);
      expect(statuses.sort()).toEqual([201, 409]);
      expect(await idsStored(first.id)).toBe(1);
    }
  });

  it('publishes on one what the other stored (the statistics kept by each are recomputed)', async () => {
    const stats = async (collector: ChildCollector) =>
      ((await (await fetch(`${collector.url}/api/v1/stats?from=${lastWeek}&to=${lastWeek}`)).json()) as { period: { batches: number } }).period.batches;
    const before = await stats(other!);
    expect(await stats(one!)).toBe(before);
    expect(await statusOf(one!, makeBatch({ random, weeks }))).toBe(201);
    expect(await stats(other!)).toBe(before + 1);
  });

  it('answers /healthz on both while the database answers', async () => {
    for (const collector of [one!, other!]) expect(await (await fetch(`${collector.url}/healthz`)).json()).toEqual({ status: 'ok' });
  });
}, { timeout: 60_000 });

describeOnPostgres('two collectors sharing their rate limits in PostgreSQL', () => {
  let database: TestDatabase;
  let [one, other]: (ChildCollector | undefined)[] = [];
  beforeAll(async () => {
    database = await newPostgresDatabase(providedPostgres().url!);
    one = await spawnCollector({ REPERE_DB: database.database, REPERE_TOKENS: TOKEN, REPERE_RATE_LIMIT: '3' });
    other = await spawnCollector({ REPERE_DB: database.database, REPERE_TOKENS: TOKEN, REPERE_RATE_LIMIT: '3' });
  });
  afterAll(async () => {
    await Promise.all([stop(one), stop(other)]);
    await database?.drop();
  });

  it('counts a token’s requests across both: the fourth in the minute is a 429 wherever it goes', async () => {
    const statuses = [];
    for (const collector of [one!, other!, one!, other!, one!]) statuses.push(await statusOf(collector, makeBatch({ random, weeks })));
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const limited = await post(other!, makeBatch({ random, weeks }));
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await limited.json()).toMatchObject({ error: 'rate-limited', message: expect.stringMatching(/^Trop d’envois avec ce jeton/) });
  });

  it('counts the requests of an unknown token per client address across both: a flood of bad tokens gets 429', async () => {
    const statuses = [];
    for (const collector of [one!, other!, one!, other!, one!]) statuses.push(await statusOf(collector, makeBatch({ random, weeks }), 'not-a-token-at-all'));
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // Logged with the address, to block it further up.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(`${one!.logs()}${other!.logs()}`).toMatch(/"statusCode":429,.*"client":"127\.0\.0\.1"/);
  });
}, { timeout: 60_000 });
