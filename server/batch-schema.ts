import { BATCH_FORMAT_VERSION } from '../src/domain/aggregate';
import { COUNT_GROUPS } from './count-groups';

/** The largest number a batch may carry: far above any real week, small enough that sums stay exact. */
export const MAX_COUNT = 1_000_000;

type JsonSchema = Record<string, unknown>;

const count: JsonSchema = { type: 'integer', minimum: 0, maximum: MAX_COUNT };

const object = (properties: Record<string, JsonSchema>): JsonSchema => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});

/** The nested objects of `counts`, closed at every level, from COUNT_GROUPS. */
function countsSchema(): JsonSchema {
  const tree: Record<string, unknown> = {};
  for (const group of COUNT_GROUPS) {
    let node = tree;
    for (const step of group.path) node = (node[step] ??= {}) as Record<string, unknown>;
    for (const key of group.keys) node[key] = count;
  }
  const toSchema = (node: unknown): JsonSchema =>
    node === count
      ? count
      : object(Object.fromEntries(Object.entries(node as Record<string, unknown>).map(([key, child]) => [key, toSchema(child)])));
  return toSchema(tree);
}

/**
 * JSON Schema of a batch (docs/API.md): every object closed, every count an integer from 0 to MAX_COUNT, every
 * category list exactly the domain's. Shapes only; sums, weeks and territory codes are checked by checkBatch.
 */
export const batchSchema: JsonSchema = object({
  format: { const: BATCH_FORMAT_VERSION },
  // crypto.randomUUID() on the device: lowercase, RFC 9562 variant.
  id: { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' },
  territory: object({
    level: { enum: ['commune', 'departement'] },
    code: { type: 'string', pattern: '^[0-9AB]{2,5}$' },
  }),
  weeks: object({
    from: { type: 'string', pattern: '^[0-9]{4}-W[0-9]{2}$' },
    to: { type: 'string', pattern: '^[0-9]{4}-W[0-9]{2}$' },
  }),
  questionnaireVersion: { type: 'string', pattern: '^[0-9A-Za-z._-]{1,32}$' },
  appVersion: { type: 'string', pattern: '^[0-9A-Za-z._+-]{1,40}$' },
  total: { type: 'integer', minimum: 1, maximum: MAX_COUNT },
  counts: countsSchema(),
});
