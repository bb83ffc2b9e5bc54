import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AggregateBatch, Territory } from '../src/domain/aggregate';
import { seededRandom } from '../src/domain/testing/respondent';
import { BATCH_TABLES } from './batch-tables';
import { buildApp } from './build-app';
import { canonicalJson } from './canonical-json';
import { BATCH_FORMATS, type BatchFormat } from './count-groups';
import { DEFAULTS, sha256, type CollectorConfig } from './load-config';
import { MIGRATIONS, SCHEMA_VERSION, SCHEMA_VERSION_TRIES, SCHEMA_VERSION_WITHHOLD_16_TO_74, triesColumnsAdded, type Migration } from './migrations';
import type { IncomingBatch } from './batch-store';
import { openBatchStore } from './open-batch-store';
import { SchemaError } from './schema-error';
import { makeBatch, makeBatchV2, sumBatches } from './testing/make-batch';
import { SCHEMA_HISTORY } from './testing/schema-history';
import { spawnCollector } from './testing/spawn-collector';

const TOKEN = 'migration-test-token-8e1f3a';
/** Wednesday 2 December 2026 in Paris: the batches below cover weeks 46 to 48. */
const NOW = new Date('2026-12-02T11:00:00Z');
const WEEKS = ['2026-W46', '2026-W47', '2026-W48'];
const TERRITORIES: readonly Territory[] = [
  { level: 'commune', code: '21231' },
  { level: 'commune', code: '25056' },
  { level: 'departement', code: '25' },
];
/** Every schema version a database may be at before this collector opens it (all but the last). */
const OLDER_VERSIONS = MIGRATIONS.map((step) => step.version).filter((version) => version < SCHEMA_VERSION);

let folder = '';
afterEach(() => rmSync(folder, { recursive: true, force: true }));
const newFolder = () => (folder = mkdtempSync(join(tmpdir(), 'repere-migrations-')));

/** sqlite_master with the whitespace of each statement collapsed: what the database is, not how its SQL was laid out. */
const normalise = (sql: string) => sql.replace(/\s+/g, ' ').replace(/ ?([(),]) ?/g, '$1').trim();
function schemaOf(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all() as { sql: string | null }[];
    return rows.map((row) => ({ ...row, sql: row.sql === null ? null : normalise(row.sql) }));
  } finally {
    db.close();
  }
}
const tablesOf = (version: number) =>
  SCHEMA_HISTORY[version]!.sql.flatMap((sql) => /^CREATE TABLE "?(\w+)"?/.exec(sql)?.[1] ?? []);

/** Some columns of a row. */
const pick = (row: Record<string, unknown>, keys: readonly string[]) => Object.fromEntries(keys.map((key) => [key, row[key]]));

/** Every row of every table, as read straight from the file. */
function rowsOf(file: string, tables: readonly string[]): Record<string, Record<string, unknown>[]> {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all() as Record<string, unknown>[]]));
  } finally {
    db.close();
  }
}
const versionOf = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
};
const bytesOf = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The batches a collector at that version could have stored: format 1, and format 2 once it had a table. */
function batchesFor(version: number, seed: number): AggregateBatch[] {
  const random = seededRandom(seed);
  const formats = BATCH_FORMATS.filter((format) => tablesOf(version).includes(BATCH_TABLES[format].table));
  return formats.flatMap((format) =>
    WEEKS.flatMap((week, index) =>
      TERRITORIES.map((territory, at) => {
        const options = { random, territory, weeks: { from: week, to: week }, size: 5 + index + at };
        // Before version 3 a batch of format 2 always sent the DSI of the 16-74 year-olds (k = 1: never withheld).
        return format === 1 ? makeBatch(options) : makeBatchV2({ ...options, k: version < SCHEMA_VERSION_WITHHOLD_16_TO_74 ? 1 : 5 });
      }),
    ),
  );
}

const incoming = (batch: AggregateBatch, index: number): IncomingBatch => ({
  batch,
  // As batches-route.ts hashes a batch: the re-posts below would be 409s if it were not the same.
  contentHash: createHash('sha256').update(canonicalJson(batch)).digest(),
  tokenLabel: `device-${index % 3}`,
  receivedOn: `2026-11-${String(10 + index).padStart(2, '0')}`,
});

/**
 * A database exactly as the collector of `version` left it: that version's CREATE statements (schema-history.ts), WAL
 * journal, user_version, and `batches` in its tables. Their rows are written by today's store into a scratch file and
 * copied column by column, so a column that an old table lacks (or has more of) fails here.
 */
async function databaseAt(version: number, file: string, batches: readonly AggregateBatch[]) {
  const scratch = `${file}.scratch`;
  const store = openBatchStore(scratch);
  expect(await store.saveAll(batches.map(incoming))).toEqual(batches.map(() => 'created'));
  await store.close();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.transaction(() => {
    for (const sql of SCHEMA_HISTORY[version]!.sql) db.exec(sql);
    db.pragma(`user_version = ${version}`);
  })();
  db.prepare('ATTACH DATABASE ? AS scratch').run(scratch);
  for (const table of tablesOf(version)) {
    const columns = (db.pragma(`table_info(${table})`) as { name: string }[]).map((column) => column.name).join(', ');
    db.exec(`INSERT INTO main.${table} (${columns}) SELECT ${columns} FROM scratch.${table}`);
  }
  db.exec('DETACH DATABASE scratch');
  db.close();
  for (const companion of ['', '-wal', '-shm']) rmSync(`${scratch}${companion}`, { force: true });
}

/** The collector on the store, in-process (app.inject), with the clock of the batches. */
function appOn(store: ReturnType<typeof openBatchStore>) {
  const config: CollectorConfig = { ...DEFAULTS, logLevel: 'silent', tokens: [{ label: 'test', sha256: sha256(TOKEN), revoked: false }] };
  return buildApp({ config, store, now: () => NOW });
}
const post = (app: ReturnType<typeof appOn>, batch: AggregateBatch) =>
  app.inject({ method: 'POST', url: '/api/v1/batches', headers: { authorization: `Bearer ${TOKEN}` }, payload: batch });

describe('the frozen schema of each version (testing/schema-history.ts)', () => {
  it('is kept for every version the migrations reach, and no other', () => {
    expect(Object.keys(SCHEMA_HISTORY).map(Number)).toEqual(MIGRATIONS.map((step) => step.version));
    expect(MIGRATIONS.map((step) => step.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
  });

  it.each(MIGRATIONS.map((step) => step.version))('is what the migrations up to version %i still create', (version) => {
    const db = new Database(':memory:');
    for (const step of MIGRATIONS.filter((m) => m.version <= version)) step.migrate(db);
    const created = (db.prepare('SELECT sql FROM sqlite_master WHERE sql IS NOT NULL').pluck().all() as string[]).map(normalise).sort();
    db.close();
    expect(created).toEqual(SCHEMA_HISTORY[version]!.sql.map(normalise).sort());
  });
});

describe.each(OLDER_VERSIONS)('a database at schema version %i, with batches in it', (version) => {
  it('is brought to the last version by openBatchStore, every row and statistic kept, its batches still known', async () => {
    newFolder();
    const file = join(folder, 'collector.db');
    const batches = batchesFor(version, 1000 + version);
    await databaseAt(version, file, batches);
    const tables = tablesOf(version);
    const before = rowsOf(file, tables);
    const batchTables = BATCH_FORMATS.map((format) => BATCH_TABLES[format].table).filter((table) => tables.includes(table));
    expect(batchTables.reduce((sum, table) => sum + before[table]!.length, 0)).toBe(batches.length);
    expect(before.territories).toHaveLength(TERRITORIES.length);
    expect(versionOf(file)).toBe(version);

    const migrated: [number, number][] = [];
    const store = openBatchStore(file, { onMigrated: (from, to) => migrated.push([from, to]) });
    const app = appOn(store);
    try {
      expect(migrated).toEqual([[version, SCHEMA_VERSION]]);
      expect(versionOf(file)).toBe(SCHEMA_VERSION);
      // Every row of the old tables, every value, as it was; a column added since holds what a batch of before means.
      const after = rowsOf(file, tables);
      const asBefore = Object.fromEntries(
        Object.entries(after).map(([table, rows]) => [table, rows.map((row) => pick(row, Object.keys(before[table]![0] ?? row)))]),
      );
      expect(asBefore).toEqual(before);
      if (version < SCHEMA_VERSION_TRIES) {
        // Nobody of a batch of format 2 was offered a try: every score "non passé", nobody in the self-report gap.
        const { columns } = triesColumnsAdded();
        expect(columns).toContain('observed_handling_not_taken');
        for (const row of after.batches_v2 ?? []) {
          for (const column of columns) expect([column, row[column]]).toEqual([column, column.endsWith('_not_taken') ? row.total : 0]);
        }
      }

      // The statistics are the sums of the batches stored before the upgrade, per format and week, and per territory.
      const expected = (format: BatchFormat, kept: (batch: AggregateBatch) => boolean) =>
        WEEKS.map((week) => batches.filter((batch) => batch.format === format && batch.weeks.to === week && kept(batch)))
          .filter((inWeek) => inWeek.length > 0)
          .map((inWeek) => sumBatches(format, inWeek, inWeek[0]!.weeks.to));
      const all = await store.sumsByWeek({ level: 'all' }, WEEKS[0]!, WEEKS.at(-1)!);
      const doubs = await store.sumsByWeek({ level: 'departement', code: '25' }, WEEKS[0]!, WEEKS.at(-1)!);
      for (const format of BATCH_FORMATS) {
        expect(all[format]).toEqual(expected(format, () => true));
        expect(doubs[format]).toEqual(expected(format, (batch) => batch.territory.code.startsWith('25')));
      }
      expect(all[1].length).toBe(WEEKS.length);
      expect(await store.territories()).toEqual({ departements: ['21', '25'], communes: ['21231', '25056'] });

      // A device re-sending a batch stored before the upgrade is told it is already there; another content under its
      // id is a conflict; a new batch of either format is taken.
      for (const batch of batches) {
        const response = await post(app, batch);
        expect([response.statusCode, response.json()]).toEqual([200, { id: batch.id, status: 'duplicate' }]);
      }
      expect((await post(app, { ...batches[0]!, appVersion: '0.1.1' })).statusCode).toBe(409);
      const random = seededRandom(7);
      expect((await post(app, makeBatch({ random, weeks: { from: WEEKS[2]!, to: WEEKS[2]! } }))).statusCode).toBe(201);
      expect((await post(app, makeBatchV2({ random, weeks: { from: WEEKS[2]!, to: WEEKS[2]! } }))).statusCode).toBe(201);
    } finally {
      await app.close();
      await store.close();
    }

    // The schema is that of a database the collector creates today, down to the text SQLite keeps.
    const fresh = join(folder, 'fresh.db');
    await openBatchStore(fresh).close();
    expect(schemaOf(file)).toEqual(schemaOf(fresh));
  });

  it('is left exactly as it was when a step of the upgrade fails midway (one transaction for all the steps)', async () => {
    newFolder();
    const file = join(folder, 'collector.db');
    await databaseAt(version, file, batchesFor(version, 2000 + version));
    const [bytes, schema, rows] = [bytesOf(file), schemaOf(file), rowsOf(file, tablesOf(version))];
    // The last step does all its work (a table rebuilt, rows copied, a table dropped…), then throws.
    const last = MIGRATIONS.at(-1)!;
    const failing: Migration[] = [
      ...MIGRATIONS.slice(0, -1),
      {
        ...last,
        migrate(db) {
          last.migrate(db);
          db.exec('DELETE FROM batches; CREATE TABLE half_done (id TEXT)');
          throw new Error('disk full (simulated)');
        },
      },
    ];
    expect(() => openBatchStore(file, { migrations: failing })).toThrow(SchemaError);
    expect(() => openBatchStore(file, { migrations: failing })).toThrow(
      new RegExp(`migration to schema version ${last.version} \\(.*\\) failed: disk full \\(simulated\\)\\. Nothing was changed: the database is still at version ${version}\\.`),
    );
    expect(versionOf(file)).toBe(version);
    expect(schemaOf(file)).toEqual(schema);
    expect(rowsOf(file, tablesOf(version))).toEqual(rows);
    // The file was in WAL mode, as the collector leaves it: nothing at all was written to it.
    expect(bytesOf(file)).toBe(bytes);
    // …and the real steps still take it afterwards.
    await openBatchStore(file).close();
    expect(versionOf(file)).toBe(SCHEMA_VERSION);
  });
});

describe('a file this collector must not take', () => {
  /** The file's bytes and the folder's listing, before and after: refused means not a byte written, no file added. */
  function expectRefusedUntouched(file: string, message: RegExp) {
    const [bytes, listing] = [bytesOf(file), readdirSync(folder)];
    expect(() => openBatchStore(file)).toThrow(SchemaError);
    expect(() => openBatchStore(file)).toThrow(message);
    expect(bytesOf(file)).toBe(bytes);
    expect(readdirSync(folder)).toEqual(listing);
  }

  it('a database from a newer collector (its schema version unknown here) is refused and left as it is', async () => {
    newFolder();
    const file = join(folder, 'collector.db');
    const store = openBatchStore(file);
    await store.saveAll(batchesFor(SCHEMA_VERSION, 3).map(incoming));
    await store.close();
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expectRefusedUntouched(
      file,
      new RegExp(
        `collector\\.db is at schema version ${SCHEMA_VERSION + 1}: it was written by a newer Repère collector, and this one knows versions up to ${SCHEMA_VERSION}\\. .*restore the backup taken before the upgrade.*The file was left as it is\\.`,
      ),
    );
  });

  it('a SQLite file with tables but no collector schema version is refused and left as it is', () => {
    newFolder();
    const file = join(folder, 'notes.db');
    const db = new Database(file);
    db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('keep me')");
    db.close();
    expectRefusedUntouched(file, /notes\.db holds tables but no collector schema version: it is not a Repère collector's database\. Check REPERE_DB\./);
  });

  it('a file that is not SQLite at all is refused and left as it is', () => {
    newFolder();
    const file = join(folder, 'collector.db');
    writeFileSync(file, 'id;total\n1;8\n'.repeat(100));
    expectRefusedUntouched(file, /collector\.db cannot be read as a SQLite database \(file is not a database\): check REPERE_DB\./);
  });
});

describe('the collector process', { timeout: 30_000 }, () => {
  it('logs the upgrade it ran at start-up', async () => {
    newFolder();
    const file = join(folder, 'collector.db');
    await databaseAt(OLDER_VERSIONS[0]!, file, batchesFor(OLDER_VERSIONS[0]!, 4));
    const collector = await spawnCollector({ REPERE_DB: file, REPERE_TOKENS: TOKEN });
    try {
      const line = collector
        .logs()
        .split('\n')
        .find((text) => text.includes('database schema migrated'));
      expect(JSON.parse(line!)).toMatchObject({ db: file, from: OLDER_VERSIONS[0], to: SCHEMA_VERSION });
    } finally {
      collector.child.kill('SIGTERM');
      await collector.exited;
    }
  });

  it('refuses to start on a database from a newer collector, in one line, the file untouched', async () => {
    newFolder();
    const file = join(folder, 'collector.db');
    await openBatchStore(file).close();
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const bytes = bytesOf(file);
    await expect(spawnCollector({ REPERE_DB: file, REPERE_TOKENS: TOKEN })).rejects.toThrow(
      new RegExp(`exited \\(1\\) before listening: Repère collector: database refused\\. \\S*collector\\.db is at schema version ${SCHEMA_VERSION + 1}: it was written by a newer Repère collector[^\\n]*\\n$`),
    );
    expect(bytesOf(file)).toBe(bytes);
    expect(readdirSync(folder)).toEqual(['collector.db']);
  });
});
