import { afterAll, beforeAll, expect, it } from 'vitest';
import { seededRandom } from '../src/domain/testing/respondent';
import { MAX_COUNT } from './batch-schema';
import { LAYOUTS, withholdableGroupsOf, type BatchFormat } from './count-groups';
import { makeBatch, makeBatchV2 } from './testing/make-batch';
import { startCollector, type RunningCollector } from './testing/start-collector';
import { describeEachEngine } from './testing/store-engines';

const BODIES = 500;
const random = seededRandom(20_261_129);
const int = (max: number) => Math.floor(random() * max);
function pick<T>(values: readonly T[]): T {
  if (values.length === 0) throw new Error('nothing to pick from');
  return values[int(values.length)]!;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Every path to a value inside a JSON value, leaves and objects alike. */
function paths(value: Json, at: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [at];
  const children = Object.entries(value).flatMap(([key, child]) => paths(child, [...at, key]));
  return at.length === 0 ? children : [at, ...children];
}

function get(value: Json, path: Path): Json {
  return path.reduce<Json>((node, key) => (node as Record<string, Json>)[key]!, value);
}

function set(value: Json, path: Path, next: Json | undefined) {
  const parent = get(value, path.slice(0, -1)) as Record<string, Json>;
  if (next === undefined) delete parent[path.at(-1)!];
  else parent[path.at(-1)!] = next;
}

const objects = (value: Json) => [[], ...paths(value)].filter((path) => {
  const node = get(value, path);
  return typeof node === 'object' && node !== null && !Array.isArray(node);
});
const numbers = (value: Json) => paths(value).filter((path) => typeof get(value, path) === 'number');
/** The counts of distributions of a batch of that format: changing one alone breaks its sum. */
const partitionCounts = (value: Json, format: BatchFormat) =>
  numbers(value).filter((path) => path[0] === 'counts' && LAYOUTS[format].groups.some((g) => g.partition && g.path.join('.') === path.slice(1, -1).join('.')));

const garbage = (depth: number): Json =>
  depth === 0 ? pick<Json>([null, true, -0.5, 'x', '', 1e308, '\u0000']) : pick<Json>([[garbage(depth - 1)], { [`k${int(9)}`]: garbage(depth - 1) }, garbage(depth - 1)]);

/**
 * A valid batch of either format, drawn from `random`. In format 2, about a third withhold the DSI of their 16-74
 * year-olds (null: 1 to 4 people outside 16-74), as devices do.
 */
const validBatch = (format: BatchFormat, size: number) => (format === 1 ? makeBatch : makeBatchV2)({ random, size });

/** The fields of a valid batch of each format (the 16-74 table sent): dropping one always leaves a required field missing. */
const REQUIRED: Record<BatchFormat, Set<string>> = {
  1: new Set(paths(makeBatch({ random: seededRandom(1) }) as unknown as Json).map((path) => path.join('.'))),
  2: new Set(paths(makeBatchV2({ random: seededRandom(1), k: 1 }) as unknown as Json).map((path) => path.join('.'))),
};
/** The groups a batch may withhold (null), as paths. */
const WITHHOLDABLE = new Set(withholdableGroupsOf(2).map((group) => ['counts', ...group.path].join('.')));
/** Null is a valid value there (when someone is outside 16-74): never put it there as a wrong value. */
const orNotNull = (path: Path, value: Json): Json => (value === null && WITHHOLDABLE.has(path.join('.')) ? [value] : value);

/**
 * Each mutation alone makes the batch invalid, and none can undo another (drops take required fields only, additions
 * to counts are all positive), so any combination of them is invalid too. A mutation with nothing to act on throws;
 * the caller then picks another.
 */
const MUTATIONS: ((batch: Json, format: BatchFormat) => void)[] = [
  (b, format) => set(b, pick(paths(b).filter((path) => REQUIRED[format].has(path.join('.')))), undefined), // drop a field
  (b) => {
    const path = pick(paths(b));
    const value = get(b, path);
    set(b, path, undefined);
    set(b, [...path.slice(0, -1), `${path.at(-1)}_`], value); // rename it
  },
  (b) => set(b, [...pick(objects(b)), pick(['extra', 'deviceId', '__meta', 'Total'])], pick<Json>([0, 'x', null, {}])), // add one
  (b) => {
    const path = pick(paths(b));
    const value = get(b, path);
    // a value of another type (a withheld table, null, becomes anything but its counts)
    const others: Json[] =
      typeof value === 'number'
        ? [String(value), true, null, [value], { value }]
        : typeof value === 'string'
          ? [7, null, [], {}, false]
          : value === null
            ? ['{}', 3, [], {}, false]
            : ['{}', 3, null, [value]];
    set(b, path, orNotNull(path, pick(others)));
  },
  (b) => set(b, pick(numbers(b)), -1 - int(1000)), // negative
  (b) => set(b, pick(numbers(b)), pick([MAX_COUNT + 1, 2 ** 53 + 2, 1e300, 9.5])), // huge or fractional
  (b, format) => {
    const path = pick(partitionCounts(b, format));
    set(b, path, (get(b, path) as number) + 1 + int(3)); // a sum that no longer matches
  },
  (b) => set(b, ['total'], (get(b, ['total']) as number) + pick([1, 2, 100])),
  (b) => {
    const path = pick(objects(b).filter((at) => at.length > 0));
    set(b, path, orNotNull(path, garbage(3 + int(4)))); // nested garbage
  },
  (b, format) => {
    // the DSI of the 16-74 year-olds withheld although everyone is aged 16 to 74: nothing to protect
    if (format !== 2) throw new Error('format 2 only');
    const ages = get(b, ['counts', 'ageBand']) as Record<string, number>;
    ages.from45to54! += ages.under16! + ages.from75! + ages.unknown!;
    Object.assign(ages, { under16: 0, from75: 0, unknown: 0 });
    set(b, ['counts', 'dsiOverall16to74'], null);
  },
  (b) => set(b, ['id'], pick(['', 'not-a-uuid', '3F0C2A7E-5B1D-4C8E-9A6F-2D4B8E1C7A90', '3f0c2a7e5b1d4c8e9a6f2d4b8e1c7a90'])),
  (b) => set(b, ['territory', 'code'], pick(['20123', '00000', '9', '21 231', '96001', 'AB'])),
  (b) => set(b, ['weeks'], pick([{ from: '2026-W47', to: '2026-W45' }, { from: '2025-W53', to: '2025-W53' }, { from: '2019-W10', to: '2026-W01' }, { from: '2026-W45', to: '2031-W01' }])),
  (b, format) => set(b, ['format'], pick([0, 3 - format, 3, String(format), 1.5])), // another format: the versions then disagree
];

/** Bodies that are not a JSON batch at all. */
const anyBatch = () => validBatch(pick([1, 2] as const), 8);
const RAW: (() => { body: string; contentType?: string })[] = [
  () => ({ body: JSON.stringify(anyBatch()).slice(0, 1 + int(800)) }), // truncated
  () => ({ body: Array.from({ length: 1 + int(300) }, () => String.fromCharCode(int(256))).join('') }), // random bytes
  () => ({ body: `${JSON.stringify(anyBatch())}}` }), // trailing garbage
  () => ({ body: pick(['', 'null', '[]', '"batch"', '42', 'true', 'undefined', '{"__proto__":{"total":5}}']) }),
  () => ({ body: JSON.stringify(anyBatch()), contentType: pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx']) }),
  () => ({ body: `{"a":"${'x'.repeat(70_000)}"}` }), // over the body limit
  () => ({ body: pick(['['.repeat(30_000) + ']'.repeat(30_000), `{"counts":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_001)}`]) }), // deep nesting
];

describeEachEngine('fuzz: mutated and broken batches of both formats', (engine) => {
  let collector: RunningCollector;
  beforeAll(async () => {
    collector = await startCollector({ rateLimitPerMinute: 10_000 }, () => new Date('2026-12-02T11:00:00Z'), engine);
  });
  afterAll(() => collector.stop());

  it(`answers ${BODIES} bad bodies with a 4xx, stays up and writes nothing`, async () => {
    const bodies = Array.from({ length: BODIES }, () => {
      if (random() < 0.15) return pick(RAW)();
      const format = pick([1, 2] as const);
      const batch = JSON.parse(JSON.stringify(validBatch(format, 5 + int(30)))) as Json;
      for (let applied = 0, wanted = 1 + int(3), tries = 0; applied < wanted && tries < 20; tries += 1) {
        try {
          pick(MUTATIONS)(batch, format);
          applied += 1;
        } catch {
          // that mutation had nothing to act on (the batch is already mangled): pick another
        }
      }
      return { body: JSON.stringify(batch) };
    });
    const statuses: number[] = [];
    // Ten at a time: some concurrency, and a failure names its body.
    for (let i = 0; i < bodies.length; i += 10) {
      const answers = await Promise.all(bodies.slice(i, i + 10).map(({ body, contentType }) => collector.post(body, contentType ? { contentType } : {})));
      answers.forEach((answer, j) => {
        expect(answer.status, bodies[i + j]!.body.slice(0, 300)).toBeGreaterThanOrEqual(400);
        expect(answer.status, bodies[i + j]!.body.slice(0, 300)).toBeLessThan(500);
        statuses.push(answer.status);
      });
    }
    expect(statuses).toHaveLength(BODIES);
    expect(new Set(statuses)).toEqual(new Set([400, 413, 415]));
    expect((await fetch(`${collector.url}/healthz`)).status).toBe(200);
    expect(await collector.storedIds()).toEqual([]);
    // The collector was accepting all along: an intact batch of each format is stored.
    expect((await collector.post(makeBatch({ random }))).status).toBe(201);
    expect((await collector.post(makeBatchV2({ random, size: 12, k: 1 }))).status).toBe(201);
    const withheld = Array.from({ length: 50 }, () => makeBatchV2({ random })).find((batch) => batch.counts.dsiOverall16to74 === null)!;
    expect((await collector.post(withheld)).status).toBe(201);
  });
});
