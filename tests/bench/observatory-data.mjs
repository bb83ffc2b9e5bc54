// The collector database of the observatory benchmark (observatory.bench.mjs): 1 000 000 batches over 52 ISO weeks
// (2025-W49 … 2026-W48) from the communes of Bourgogne-Franche-Comté and, for a few, their départements. Made once and
// kept in the system's temp folder under a hash of the schema and of this generator (GENERATOR_VERSION): a later run
// copies that file instead of filling it again.
import { createHash } from 'node:crypto';
import { copyFileSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { importTs } from '../../scripts/load-ts.mjs';

/** Bump it whenever what is generated changes (sizes, shares, territories, seeds): the cached file is then made again. */
export const GENERATOR_VERSION = 3;
export const BATCH_COUNT = 1_000_000;
export const FIRST_WEEK = '2025-W49';
export const WEEK_COUNT = 52;
/** Bourgogne-Franche-Comté. */
export const DEPARTEMENTS = ['21', '25', '39', '58', '70', '71', '89', '90'];
/** Batches sent at the département level (a device configured without its commune); the rest name a commune. */
const DEPARTEMENT_SHARE = 0.05;
/** Questionnaire 1 (format 1) is on its way out, format 2 is an app from before the tries, format 3 today's. */
const FORMAT_SHARES = { 1: 0.1, 2: 0.2, 3: 0.7 };
/** A batch counts a week (or a few, carried forward) of one kiosk: 5 (k) to 30 results, the small ones most often. */
const sizeOf = (random) => 5 + Math.floor(25 * random() ** 2);
/** Some batches cover two or three weeks, when a short week was carried forward to reach k. */
const CARRIED_SHARE = 0.15;
const TOKEN_LABEL = 'bench-kiosks';

const require = createRequire(import.meta.url);

/** The communes of the region, weighted by population (a floor of 50, so every village sends now and then). */
function communesOfRegion() {
  const communes = require('@etalab/decoupage-administratif/data/communes.json');
  return communes
    .filter((commune) => commune.type === 'commune-actuelle' && DEPARTEMENTS.includes(commune.departement))
    .map((commune) => ({ code: commune.code, departement: commune.departement, weight: Math.max(50, commune.population ?? 0) }));
}

/** Draws from weighted items in O(log n): cumulative weights and a binary search. */
function weightedPicker(items) {
  const cumulative = [];
  let sum = 0;
  for (const item of items) cumulative.push((sum += item.weight));
  return (random) => {
    const target = random() * sum;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] > target) high = middle;
      else low = middle + 1;
    }
    return items[low];
  };
}

function pickWeighted(random, weights) {
  let roll = random();
  for (const [value, weight] of Object.entries(weights)) {
    if ((roll -= weight) < 0) return value;
  }
  return Object.keys(weights).at(-1);
}

/** What the tries showed, as a device records it (domain/tries.ts, ObservedCategories): most took some, not all. */
function randomObserved(random) {
  const handling = pickWeighted(random, { passed3: 0.35, passed2: 0.15, passed1: 0.07, passed0: 0.03, partlyTaken: 0.1, notTaken: 0.3 });
  const scam = pickWeighted(random, { right3: 0.25, right2: 0.2, right1: 0.1, right0: 0.05, notTaken: 0.4 });
  const icons = random() < 0.85 ? 'notTaken' : `matched${Math.floor(random() * 5)}`;
  const selfReportGap = ['passed0', 'passed1', 'passed2'].includes(handling) && random() < 0.3;
  return { handling, scam, icons, selfReportGap };
}

/** The Monday after a week, YYYY-MM-DD: the day a batch of that week arrives. */
function dayAfter(week) {
  const [year, number] = week.split('-W').map(Number);
  const fourth = Date.UTC(year, 0, 4);
  const mondayOfWeek1 = fourth - ((new Date(fourth).getUTCDay() || 7) - 1) * 86_400_000;
  return new Date(mondayOfWeek1 + number * 7 * 86_400_000).toISOString().slice(0, 10);
}

let loaded = null;
async function modules() {
  loaded ??= loadModules();
  return loaded;
}

async function loadModules() {
  const [makeBatch, aggregate, respondent, batchStore, batchTables, countGroups, migrations, store, isoWeeks] = await Promise.all([
    importTs('server/testing/make-batch.ts'),
    importTs('src/domain/aggregate.ts'),
    importTs('src/domain/testing/respondent.ts'),
    importTs('server/batch-store.ts'),
    importTs('server/batch-tables.ts'),
    importTs('server/count-groups.ts'),
    importTs('server/migrations.ts'),
    importTs('server/open-batch-store.ts'),
    importTs('server/iso-weeks.ts'),
  ]);
  return { ...makeBatch, ...aggregate, ...respondent, ...batchStore, ...batchTables, ...countGroups, ...migrations, ...store, ...isoWeeks };
}

/** The cache's key: the schema (its version and every table's columns) and this generator. */
function cacheKeyOf(m) {
  const schema = { version: m.SCHEMA_VERSION, columns: m.BATCH_FORMATS.map((format) => m.columnsOf(format)) };
  const generator = { version: GENERATOR_VERSION, POOL_SIZE, BATCH_COUNT, FIRST_WEEK, WEEK_COUNT, DEPARTEMENTS, DEPARTEMENT_SHARE, FORMAT_SHARES };
  return createHash('sha256').update(JSON.stringify({ schema, generator })).digest('hex').slice(0, 16);
}

/**
 * Batch builders of each format, from the project's test builders. Format 3 has none there (make-batch.ts builds 1 and
 * 2): it is built here the way a device does, countResultsV3 over results of questionnaire 2 with what their tries
 * showed, drawn from a fixed pool (walking a respondent through the questionnaire takes about 1 ms).
 */
function batchBuilders(m) {
  const poolRandom = m.seededRandom(20_261_203);
  const poolV3 = Array.from({ length: 400 }, (_, index) => ({ ...m.randomResultV2(poolRandom, `o${index}`), observed: randomObserved(poolRandom) }));
  const makeBatchV3 = ({ random, size, territory, weeks }) => {
    const results = Array.from({ length: size }, () => poolV3[Math.floor(random() * poolV3.length)]);
    return {
      format: m.BATCH_FORMAT_V3,
      id: m.seededUuid(random),
      territory,
      weeks,
      questionnaireVersion: '2',
      appVersion: '0.3.0',
      total: results.length,
      counts: m.countResultsV3(results, { k: 5 }),
    };
  };
  return { 1: m.makeBatch, 2: m.makeBatchV2, 3: makeBatchV3 };
}

/**
 * Counting a batch's results (~50 µs) and flattening them into a row (rowOf, ~25 µs) would take over a minute for a
 * million: each format gets POOL_SIZE batches counted and turned into rows once (`rowOf`), and every batch stored takes
 * the counts of one of them at random, with its own envelope (id, hash, territory, weeks, day) put in the same row at
 * the columns' places (columnsOf). The sums of a commune's week are sums of random batches as before.
 */
const POOL_SIZE = 20_000;
function rowPools(m, random) {
  const builders = batchBuilders(m);
  const territory = { level: 'commune', code: '21231' };
  const weeks = { from: FIRST_WEEK, to: FIRST_WEEK };
  return Object.fromEntries(
    Object.entries(builders).map(([format, build]) => [
      format,
      Array.from({ length: POOL_SIZE }, () =>
        m.rowOf({ batch: build({ random, size: sizeOf(random), territory, weeks }), contentHash: Buffer.alloc(32), tokenLabel: TOKEN_LABEL, receivedOn: '' }),
      ),
    ]),
  );
}

/** Where each envelope value goes in a row of the format's table. */
function envelopeColumns(m, format) {
  const columns = m.columnsOf(format);
  const at = (name) => {
    const index = columns.indexOf(name);
    if (index < 0) throw new Error(`observatory-data: no column ${name} in ${m.BATCH_TABLES[format].table}`);
    return index;
  };
  return {
    id: at('id'),
    hash: at('content_sha256'),
    level: at('territory_level'),
    code: at('territory_code'),
    departement: at('departement'),
    from: at('week_from'),
    to: at('week_to'),
    receivedOn: at('received_on'),
  };
}

/**
 * Fills `file` with the batches: the store opened once (it creates the schema), then the rows written straight with
 * better-sqlite3 in one transaction, in the store's own layout (rowOf, columnsOf, BATCH_TABLES), in the order they
 * would have arrived (week after week). The tables' indexes are dropped during the load and created again after, from
 * their own SQL. Returns the counts written per format.
 */
async function fill(m, file) {
  // saveAll would write the same rows with an idempotency lookup each; only the schema it creates is needed here.
  await m.openBatchStore(file).close();
  const db = new Database(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const tables = m.BATCH_FORMATS.map((format) => m.BATCH_TABLES[format].table);
  const indexes = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(', ')})`)
    .all(...tables);
  const inserts = Object.fromEntries(
    m.BATCH_FORMATS.map((format) => {
      const columns = m.columnsOf(format);
      return [format, db.prepare(`INSERT INTO ${m.BATCH_TABLES[format].table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)];
    }),
  );
  const addTerritory = db.prepare('INSERT INTO territories (level, code) VALUES (?, ?) ON CONFLICT DO NOTHING');

  const random = m.seededRandom(2_025_49);
  const pools = rowPools(m, random);
  const places = Object.fromEntries(m.BATCH_FORMATS.map((format) => [format, envelopeColumns(m, format)]));
  const communes = communesOfRegion();
  const pickCommune = weightedPicker(communes);
  const departementWeights = DEPARTEMENTS.map((code) => ({
    code,
    weight: communes.filter((commune) => commune.departement === code).reduce((sum, commune) => sum + commune.weight, 0),
  }));
  const pickDepartement = weightedPicker(departementWeights);
  const weeks = m.listWeeks(FIRST_WEEK, m.addWeeks(FIRST_WEEK, WEEK_COUNT - 1));
  const written = { 1: 0, 2: 0, 3: 0 };
  const territories = new Set();

  db.transaction(() => {
    for (const { name } of indexes) db.exec(`DROP INDEX ${name}`);
    weeks.forEach((to, weekIndex) => {
      // An even share of the million per week, the remainder to the last weeks.
      const count = Math.floor(((weekIndex + 1) * BATCH_COUNT) / WEEK_COUNT) - Math.floor((weekIndex * BATCH_COUNT) / WEEK_COUNT);
      const receivedOn = dayAfter(to);
      for (let i = 0; i < count; i += 1) {
        const territory =
          random() < DEPARTEMENT_SHARE ? { level: 'departement', code: pickDepartement(random).code } : { level: 'commune', code: pickCommune(random).code };
        const carried = random() < CARRIED_SHARE ? 1 + Math.floor(random() * 2) : 0;
        const format = Number(pickWeighted(random, FORMAT_SHARES));
        const stored = m.storedFormatOf(format);
        const place = places[stored];
        const row = pools[format][Math.floor(random() * POOL_SIZE)].slice();
        row[place.id] = m.seededUuid(random);
        // The content hash is never read by the page; a digest of the id fills the column with 32 bytes, as a real one.
        row[place.hash] = createHash('sha256').update(row[place.id]).digest();
        row[place.level] = territory.level;
        row[place.code] = territory.code;
        row[place.departement] = m.departementOf(territory.code);
        row[place.from] = weeks[weekIndex - carried] ?? m.addWeeks(to, -carried);
        row[place.to] = to;
        row[place.receivedOn] = receivedOn;
        inserts[stored].run(...row);
        written[format] += 1;
        const key = `${territory.level}:${territory.code}`;
        if (!territories.has(key)) {
          territories.add(key);
          addTerritory.run(territory.level, territory.code);
        }
      }
    });
    for (const { sql } of indexes) db.exec(sql);
  })();
  // Back to the journal the store uses, so the file is as the collector would have left it.
  db.pragma('journal_mode = WAL');
  db.close();
  return { written, territories: territories.size };
}

/**
 * A fresh copy of the filled database in `folder` (collector.db), filled first if the cache has none for this schema
 * and generator. Returns its path, the cache's file, and the fill's figures (`fillMs` null when the cache served).
 */
export async function observatoryDatabase(folder) {
  const m = await modules();
  const cacheDir = join(tmpdir(), 'repere-bench-observatory', cacheKeyOf(m));
  const cached = join(cacheDir, 'collector.db');
  const metaFile = join(cacheDir, 'meta.json');
  let fillMs = null;
  if (!existsSync(cached) || !existsSync(metaFile)) {
    mkdirSync(cacheDir, { recursive: true });
    const partial = join(cacheDir, 'filling.db');
    rmSync(partial, { force: true });
    rmSync(`${partial}-wal`, { force: true });
    rmSync(`${partial}-shm`, { force: true });
    const started = performance.now();
    const figures = await fill(m, partial);
    fillMs = Math.round(performance.now() - started);
    renameSync(partial, cached);
    writeFileSync(metaFile, `${JSON.stringify({ ...figures, fillMs, filledAt: new Date().toISOString(), schemaVersion: m.SCHEMA_VERSION, GENERATOR_VERSION }, null, 2)}\n`);
  }
  const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
  const file = join(folder, 'collector.db');
  // The benchmark stores a few batches (to make the statistics cold again): on a copy, so the cache stays as made.
  copyFileSync(cached, file, constants.COPYFILE_FICLONE);
  return { file, cached, fillMs, meta };
}

/** A batch of format 3 from Besançon (25056), counted in `week`: posted to make the next statistics cold. */
export async function freshBatch(week, index) {
  const m = await modules();
  freshBuilders ??= batchBuilders(m);
  const random = m.seededRandom(7_000 + index);
  return freshBuilders[3]({ random, size: 8, territory: { level: 'commune', code: '25056' }, weeks: { from: week, to: week } });
}
let freshBuilders = null;
