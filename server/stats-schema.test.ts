import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Territory } from '../src/domain/aggregate';
import { seededRandom } from '../src/domain/testing/respondent';
import { DERIVED_NAMES } from './compute-stats';
import { LAYOUTS } from './count-groups';
import { OPEN_DATA } from './open-data-notice';
import { statsSchema } from './stats-schema';
import { epciOf } from './territory-levels';
import { makeBatch, makeBatchV2, makeBatchV3 } from './testing/make-batch';
import { startCollector, type RunningCollector } from './testing/start-collector';

// Ajv 8, the one Fastify validates with (fastify → @fastify/ajv-compiler → ajv), for its draft 2020-12 class: the
// top-level `ajv` is eslint's Ajv 6, which knows no 2020-12. No dependency of our own.
const fastifyRequire = createRequire(createRequire(import.meta.url).resolve('fastify'));
const ajvRequire = createRequire(fastifyRequire.resolve('@fastify/ajv-compiler'));
interface Validate {
  (value: unknown): boolean;
  errors?: readonly { readonly instancePath: string; readonly message?: string }[] | null;
}
const Ajv2020 = (ajvRequire('ajv/dist/2020') as { default: new (options: object) => { compile(schema: object): Validate; validateSchema(schema: object): unknown } }).default;

/** Wednesday 2 December 2026 in Paris: weeks up to 2026-W48 are over. */
const NOW = new Date('2026-12-02T11:00:00Z');
const random = seededRandom(20_261_203);
const week = (name: string) => ({ from: name, to: name });
const commune = (code: string): Territory => ({ level: 'commune', code });


const QUERIES = [
  'quarter=2026-Q4',
  'territory=21&quarter=2026-Q4',
  'territory=21231&quarter=2026-Q4',
  'territory=21231&from=2026-W47&to=2026-W47',
  'territory=25&from=2026-W46&to=2026-W46',
  'territory=region-27&quarter=2026-Q4',
  `territory=epci-${epciOf('21231')!.code}&quarter=2026-Q4`,
  // A quarter without any batch: every count 0.
  'territory=21231&quarter=2026-Q3',
];

type Json = Record<string, unknown>;
const countNulls = (value: unknown): number =>
  value === null ? 1 : typeof value === 'object' ? Object.values(value as Json).reduce<number>((sum, child) => sum + countNulls(child), 0) : 0;

describe('statsSchema, the JSON Schema of GET /api/v1/stats', () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const validate = ajv.compile(statsSchema);
  const errorsOf = (value: unknown) => (validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`));

  let collector: RunningCollector;
  const responses = new Map<string, Json>();
  beforeAll(async () => {
    collector = await startCollector({}, () => NOW);
    const batches = [
      makeBatch({ random, size: 40, territory: commune('21231'), weeks: week('2026-W46') }),
      makeBatch({ random, size: 6, territory: commune('21231'), weeks: week('2026-W47') }),
      makeBatch({ random, size: 8, territory: commune('25056'), weeks: { from: '2026-W45', to: '2026-W46' } }),
      makeBatch({ random, size: 5, territory: { level: 'departement', code: '21' }, weeks: week('2026-W47') }),
      makeBatchV2({ random, size: 60, territory: commune('25056'), weeks: week('2026-W48') }),
      makeBatchV2({ random, size: 7, territory: commune('21231'), weeks: week('2026-W47') }),
      makeBatchV3({ random, size: 40, territory: commune('21231'), weeks: week('2026-W47') }),
      makeBatchV3({ random, size: 6, territory: commune('21054'), weeks: week('2026-W47') }),
      makeBatchV3({ random, size: 11, territory: commune('21166'), weeks: week('2026-W46') }),
    ];
    for (const batch of batches) expect((await collector.post(batch)).status, batch.id).toBe(201);
    for (const query of QUERIES) {
      const response = await fetch(`${collector.url}/api/v1/stats?${query}`);
      expect(response.status, query).toBe(200);
      responses.set(query, (await response.json()) as Json);
    }
  });
  afterAll(() => collector.stop());

  const real = () => structuredClone(responses.get('territory=21231&quarter=2026-Q4')!) as Json & { format2: { period: Json & { counts: Json } }; series: Json[] };

  it('is a valid draft 2020-12 schema under Ajv 8 strict mode', () => {
    expect(statsSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(ajvRequire('ajv/package.json').version).toMatch(/^8\./);
    expect(ajv.validateSchema(statsSchema)).toBe(true);
  });

  it.each(QUERIES)('accepts the real answer of the collector, hidden numbers (null) included (%s)', (query) => {
    expect(errorsOf(responses.get(query))).toEqual([]);
  });

  it('was shown hidden numbers, formats 1 and 2 (with the tries) and weekly rows', () => {
    const all = [...responses.values()];
    expect(all.reduce((sum, response) => sum + countNulls(response), 0)).toBeGreaterThan(100);
    const observed = real().format2.period.counts.observed as Json;
    expect(Object.keys(observed)).toEqual(['handling', 'scam', 'icons', 'selfReportGap']);
    expect((real().format2.period as Json).handlingTaken).not.toBe(0);
    expect(real().series).toHaveLength(14);
  });

  it('describes every count of both formats (LAYOUTS) and every derived figure (DERIVED_NAMES)', () => {
    const defs = statsSchema.$defs as Record<string, { properties: Record<string, unknown> }>;
    for (const format of [1, 2] as const) {
      expect(Object.keys(defs[`row${format}`]!.properties)).toEqual(['batches', 'total', 'counts', ...DERIVED_NAMES[format]]);
      for (const group of LAYOUTS[format].groups) {
        let node = defs[`counts${format}`]! as unknown as { properties: Record<string, unknown> };
        for (const step of group.path) node = node.properties[step] as typeof node;
        expect(Object.keys(node.properties), group.path.join('.')).toEqual(expect.arrayContaining([...group.keys]));
      }
    }
  });

  it('refuses a field the schema does not know, anywhere (closed objects)', () => {
    const top = { ...real(), extra: 1 };
    expect(errorsOf(top)).toContain(' must NOT have additional properties');
    const inCounts = real();
    (inCounts.format2.period.counts.illectronism as Json).maybe = 3;
    expect(errorsOf(inCounts)).toContain('/format2/period/counts/illectronism must NOT have additional properties');
    const inRow = real();
    inRow.series[0]!.extra = 0;
    expect(errorsOf(inRow)).toContain('/series/0 must NOT have additional properties');
  });

  it('refuses a negative count, a count as a string, a count with decimals, a share above 1, batches null', () => {
    const mutate = (change: (value: ReturnType<typeof real>) => void) => {
      const value = real();
      change(value);
      return errorsOf(value);
    };
    expect(mutate((value) => ((value.format2.period.counts.illectronism as Json).yes = -1))).toContain('/format2/period/counts/illectronism/yes must be >= 0');
    expect(mutate((value) => ((value.format2.period.counts.illectronism as Json).yes = '5'))).toContain('/format2/period/counts/illectronism/yes must be integer,null');
    expect(mutate((value) => ((value.period as Json).total = 2.5))).toContain('/period/total must be integer,null');
    expect(mutate((value) => (value.format2.period.atLeastBasicShare = 1.2))).toContain('/format2/period/atLeastBasicShare must be <= 1');
    expect(mutate((value) => (value.series[3]!.batches = null))).toContain('/series/3/batches must be integer');
  });

  it('refuses a missing field and an unknown territory level', () => {
    const missing = real();
    delete (missing.format2.period as Json).withMainBarrier;
    expect(errorsOf(missing)).toContain("/format2/period must have required property 'withMainBarrier'");
    const level = real();
    level.territory = { level: 'canton', code: '2101' };
    expect(errorsOf(level).length).toBeGreaterThan(0);
  });

  it('takes the open-data fields announced for the answer (notice, licence, source) in the exact words, none other', () => {
    expect(errorsOf({ ...real(), ...OPEN_DATA })).toEqual([]);
    expect(errorsOf({ ...real(), ...OPEN_DATA, notice: 'Échantillon représentatif' }).length).toBeGreaterThan(0);
  });
});
