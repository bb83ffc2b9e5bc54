import { WIRE_FORMATS, WIRE_LAYOUTS, type CountGroup, type WireFormat } from './count-groups';

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

/**
 * The nested objects of `counts`, closed at every level, from a format's groups. A group the device may withhold
 * (`mayBeWithheld`) is its object or null; when null is allowed is for check-batch.ts to say.
 */
function countsSchema(groups: readonly CountGroup[]): JsonSchema {
  const tree: Record<string, unknown> = {};
  for (const group of groups) {
    let node = tree;
    for (const step of group.path) node = (node[step] ??= {}) as Record<string, unknown>;
    for (const key of group.keys) node[key] = count;
  }
  const nullable = new Set(groups.filter((group) => group.mayBeWithheld).map((group) => group.path.join('.')));
  const toSchema = (node: unknown, path: readonly string[]): JsonSchema => {
    if (node === count) return count;
    const schema = object(Object.fromEntries(Object.entries(node as Record<string, unknown>).map(([key, child]) => [key, toSchema(child, [...path, key])])));
    // ["object", "null"]: the one union Ajv's strict mode allows without allowUnionTypes.
    return nullable.has(path.join('.')) ? { ...schema, type: ['object', 'null'] } : schema;
  };
  return toSchema(tree, []);
}

/** JSON Schema of a batch of one format: every object closed, every count an integer from 0 to MAX_COUNT. */
export function batchSchemaOf(format: WireFormat): JsonSchema {
  return object({
    format: { const: format },
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
    counts: countsSchema(WIRE_LAYOUTS[format].groups),
  });
}

/**
 * JSON Schema of a batch (docs/API.md): `format` 1, 2 or 3 picks the schema its batch must follow exactly (every category
 * list exactly the domain's for that format). Shapes only; sums, weeks, territory codes and the questionnaire version
 * are checked by check-batch.ts.
 *
 * Ajv runs `allOf` before `properties`: a batch of a known format is told what is wrong in its own schema, and only a
 * batch of no known format meets the `enum` (« format » doit valoir 1, 2 ou 3). `if` without `format` holds, so a body
 * without one is checked against format 1, which reports it missing. Each format's schema is a `$ref`, compiled as a
 * function of its own when Ajv does not inline refs (build-app.ts): inlined, both made one function too large for V8
 * to optimize, and validating a batch took 16 µs instead of 2.
 */
export const batchSchema: JsonSchema = {
  type: 'object',
  $defs: Object.fromEntries(WIRE_FORMATS.map((format) => [`format${format}`, batchSchemaOf(format)])),
  required: ['format'],
  properties: { format: { enum: WIRE_FORMATS } },
  allOf: WIRE_FORMATS.map((format) => ({ if: { properties: { format: { const: format } } }, then: { $ref: `#/$defs/format${format}` } })),
};
