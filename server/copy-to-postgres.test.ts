import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import type { AggregateBatch } from '../src/domain/aggregate';
import { seededRandom } from '../src/domain/testing/respondent';
import type { IncomingBatch } from './batch-store';
import { buildApp } from './build-app';
import { canonicalJson } from './canonical-json';
import { CopyError, copyToPostgres } from './copy-batches';
import { DEFAULTS, sha256 } from './load-config';
import { openBatchStore } from './open-batch-store';
import { openPostgresStore } from './open-postgres-store';
import { makeBatch, makeBatchV2 } from './testing/make-batch';
import { SQLITE, describeOnPostgres, newPostgresDatabase, providedPostgres, type TestDatabase } from './testing/store-engines';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TOKEN = 'copy-token-5e8a2c';
const NOW = new Date('2026-12-02T11:00:00Z');
const random = seededRandom(1_000_000);
const WEEKS = ['2026-W45', '2026-W46', '2026-W47'];
const TERRITORIES = [
  { level: 'commune', code: '21231' },
  { level: 'departement', code: '25' },
  { level: 'commune', code: '39300' },
] as const;

const incoming = (batch: AggregateBatch, index: number): IncomingBatch => ({
  batch,
  contentHash: createHash('sha256').update(canonicalJson(batch)).digest(),
  tokenLabel: `device-${index % 4}`,
  receivedOn: `2026-11-${String(10 + (index % 20)).padStart(2, '0')}`,
});

const databases: TestDatabase[] = [];
afterEach(async () => {
  await Promise.all(databases.splice(0).map((database) => database.drop()));
});

/** A SQLite collector's file holding `count` batches of both formats, some withholding their 16-74 table. */
async function sqliteWith(count: number) {
  const database = await SQLITE.newDatabase();
  databases.push(database);
  const batches = Array.from({ length: count }, (_, index) => {
    const week = WEEKS[index % WEEKS.length]!;
    const options = { random, territory: TERRITORIES[index % TERRITORIES.length]!, weeks: { from: week, to: week }, size: 5 + (index % 7) };
    return index % 3 === 0 ? makeBatchV2(options) : makeBatch(options);
  });
  const store = openBatchStore(database.database);
  await store.saveAll(batches.map(incoming));
  await store.close();
  return { ...database, batches };
}
async function postgres() {
  const database = await newPostgresDatabase(providedPostgres().url!);
  databases.push(database);
  return database;
}

/** Every row of a table, each value as text (the two engines' drivers give numbers and bytes differently). */
const rowsOf = (database: TestDatabase, table: string) =>
  database.query<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY ${table === 'territories' ? 'level, code' : 'id'}`).then((rows) =>
    rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Buffer.isBuffer(value) ? value.toString('hex') : String(value)]))),
  );

describeOnPostgres('npm run collector:copy-to-postgres', () => {
  it('copies every batch with its hash: same rows, same statistics, and a batch sent again after the move is a 200', async () => {
    const sqlite = await sqliteWith(250);
    const target = await postgres();
    const progress: string[] = [];
    const report = await copyToPostgres({ source: sqlite.database, target: target.database, chunkSize: 40, onProgress: ({ format, done, total }) => progress.push(`${format}:${done}/${total}`) });
    const perFormat = { 1: sqlite.batches.filter((batch) => batch.format === 1).length, 2: sqlite.batches.filter((batch) => batch.format === 2).length };
    expect(report).toEqual({ batches: perFormat, copied: 250, territories: 3, inPostgres: perFormat });
    expect(progress.at(-1)).toBe(`2:${perFormat[2]}/${perFormat[2]}`);
    expect(progress).toContain(`1:40/${perFormat[1]}`);
    // Every column of every row, the hashes and the NULLs of the withheld 16-74 tables included.
    for (const table of ['batches', 'batches_v2', 'territories']) expect(await rowsOf(target, table)).toEqual(await rowsOf(sqlite, table));

    const [before, after] = [openBatchStore(sqlite.database), await openPostgresStore(target.database)];
    try {
      expect(await after.sumsByTerritory(WEEKS[0]!, WEEKS.at(-1)!)).toEqual(await before.sumsByTerritory(WEEKS[0]!, WEEKS.at(-1)!));
      const app = buildApp({ config: { ...DEFAULTS, logLevel: 'silent', tokens: [{ label: 'test', sha256: sha256(TOKEN), revoked: false }] }, store: after, now: () => NOW });
      const resend = (batch: AggregateBatch) =>
        app.inject({ method: 'POST', url: '/api/v1/batches', headers: { authorization: `Bearer ${TOKEN}` }, payload: batch }).then((response) => response.statusCode);
      expect(await Promise.all(sqlite.batches.slice(0, 30).map(resend))).toEqual(sqlite.batches.slice(0, 30).map(() => 200));
      expect(await resend({ ...sqlite.batches[0]!, appVersion: '9.9.9' })).toBe(409);
      const stats = (territory: string) => app.inject({ url: `/api/v1/stats?territory=${territory}&quarter=2026-Q4` }).then((response) => response.json() as unknown);
      const appBefore = buildApp({ config: { ...DEFAULTS, logLevel: 'silent', tokens: [] }, store: before, now: () => NOW });
      const statsBefore = (territory: string) => appBefore.inject({ url: `/api/v1/stats?territory=${territory}&quarter=2026-Q4` }).then((response) => response.json() as unknown);
      for (const territory of ['', '21', '21231', '25']) expect(await stats(territory)).toEqual(await statsBefore(territory));
      await Promise.all([app.close(), appBefore.close()]);
    } finally {
      await Promise.all([before.close(), after.close()]);
    }
  });

  it('is idempotent: run twice, it copies nothing the second time and the count check passes', async () => {
    const sqlite = await sqliteWith(60);
    const target = await postgres();
    expect((await copyToPostgres({ source: sqlite.database, target: target.database })).copied).toBe(60);
    const again = await copyToPostgres({ source: sqlite.database, target: target.database });
    expect(again.copied).toBe(0);
    expect(again.inPostgres[1] + again.inPostgres[2]).toBe(60);
  });

  it('completes a copy interrupted halfway when run again, with no batch twice', async () => {
    const sqlite = await sqliteWith(200);
    const target = await postgres();
    // Stopped after its third transaction (a crash, an operator's Ctrl-C): 3 × 25 batches are in.
    let transactions = 0;
    const interrupted = copyToPostgres({
      source: sqlite.database,
      target: target.database,
      chunkSize: 25,
      onProgress: () => {
        transactions += 1;
        if (transactions === 3) throw new Error('interrupted');
      },
    });
    await expect(interrupted).rejects.toThrow('interrupted');
    expect((await target.storedIds()).length).toBe(75);
    const finished = await copyToPostgres({ source: sqlite.database, target: target.database, chunkSize: 25 });
    expect([finished.copied, finished.inPostgres[1] + finished.inPostgres[2]]).toEqual([125, 200]);
    expect((await target.storedIds()).sort()).toEqual(sqlite.batches.map((batch) => batch.id).sort());
  });

  it('refuses, saying why, a batch stored in PostgreSQL under the same id with another content, and leaves it there', async () => {
    const sqlite = await sqliteWith(10);
    const target = await postgres();
    const store = await openPostgresStore(target.database);
    await store.saveAll([{ ...incoming(sqlite.batches[4]!, 0), contentHash: Buffer.alloc(32, 7) }]);
    await store.close();
    await expect(copyToPostgres({ source: sqlite.database, target: target.database })).rejects.toThrow(CopyError);
    await expect(copyToPostgres({ source: sqlite.database, target: target.database })).rejects.toThrow(
      new RegExp(`1 batch\\(es\\) of .* are in PostgreSQL under the same id with another content \\(${sqlite.batches[4]!.id}\\)`),
    );
    const kept = await target.query<{ hash: string }>(
      `SELECT encode(content_sha256, 'hex') AS hash FROM batches WHERE id = '${sqlite.batches[4]!.id}'
       UNION ALL SELECT encode(content_sha256, 'hex') FROM batches_v2 WHERE id = '${sqlite.batches[4]!.id}'`,
    );
    expect(kept).toEqual([{ hash: '07'.repeat(32) }]);
  });

  it('runs as npm runs it: a progress line and the count at the end; wrong arguments or an unreachable server in one line, exit 1', async () => {
    const sqlite = await sqliteWith(30);
    const target = await postgres();
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'server/copy-to-postgres.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
    const done = run(sqlite.database, target.database);
    expect(done.status).toBe(0);
    expect(done.stderr).toMatch(/^Repère copy: format 1, 20 \/ 20 batches$/m);
    expect(done.stdout).toMatch(/^Repère copy: the 30 batches of .*collector\.db \(20 of format 1, 10 of format 2\) are in postgres:\/\/.* with their hashes: 30 copied now, 0 there already; 3 territories\. PostgreSQL holds 30 batches\.\n$/);
    expect(run(sqlite.database, target.database).stdout).toMatch(/0 copied now, 30 there already/);

    const usage = run(sqlite.database);
    expect([usage.status, usage.stderr.trim()]).toEqual([1, 'Repère copy: usage: npm run collector:copy-to-postgres -- <collector.db> <postgres://user:password@host:port/database>']);
    const unreachable = run(sqlite.database, 'postgres://repere:s3cret@127.0.0.1:1/repere');
    expect(unreachable.status).toBe(1);
    expect(unreachable.stderr).toMatch(/^Repère copy: cannot reach PostgreSQL at postgres:\/\/repere:\*\*\*@127\.0\.0\.1:1\/repere: .*ECONNREFUSED.*\. Nothing was copied\.\n$/);
    const older = new Database(sqlite.database);
    older.pragma('user_version = 2');
    older.close();
    expect(run(sqlite.database, target.database).stderr).toMatch(/is at schema version 2, and PostgreSQL gets version 4: start this collector on the file once/);
  });
}, { timeout: 60_000 });
