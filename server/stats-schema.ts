import { DERIVED_NAMES, type Stats } from './compute-stats';
import { LAYOUTS, type BatchFormat } from './count-groups';
import { OPEN_DATA } from './open-data-notice';
import { DERIVED_FIGURES } from './stats-csv';

type JsonSchema = Record<string, unknown>;

const ref = (name: string): JsonSchema => ({ $ref: `#/$defs/${name}` });

const object = (properties: Readonly<Record<string, JsonSchema>>, description?: string): JsonSchema => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});

const text: JsonSchema = { type: 'string' };
const isoWeek: JsonSchema = { type: 'string', pattern: '^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$' };

/** The counts of a row of one format, nested as in a batch (LAYOUTS), every one a count or null. */
function countsSchema(format: BatchFormat): JsonSchema {
  const tree: Record<string, unknown> = {};
  const leaf = ref('count');
  for (const group of LAYOUTS[format].groups) {
    let node = tree;
    for (const step of group.path) node = (node[step] ??= {}) as Record<string, unknown>;
    for (const key of group.keys) node[key] = leaf;
  }
  const toSchema = (node: unknown): JsonSchema =>
    node === leaf ? leaf : object(Object.fromEntries(Object.entries(node as Record<string, unknown>).map(([key, child]) => [key, toSchema(child)])));
  return toSchema(tree);
}

/** The schema of a derived figure, by its unit (stats-csv.ts, DERIVED_FIGURES). */
function figureSchema(name: string): JsonSchema {
  const figure = (DERIVED_FIGURES as Readonly<Record<string, { unit: string } | undefined>>)[name];
  if (!figure) throw new Error(`stats-schema: the figure ${name} has no unit in DERIVED_FIGURES (stats-csv.ts)`);
  return figure.unit === 'part, de 0 à 1' ? ref('share') : figure.unit === 'nombre de lots' ? ref('batches') : ref('count');
}

/** A row of one format: batches, total, counts, then its derived figures (DERIVED_NAMES); `weekly` adds its week. */
function rowSchema(format: BatchFormat, weekly: boolean): JsonSchema {
  return object({
    ...(weekly ? { week: ref('isoWeek'), dates: { type: 'string', description: 'La semaine en français : « du 2 au 8 novembre 2026 ».' } } : {}),
    batches: ref('batches'),
    total: ref('count'),
    counts: ref(`counts${format}`),
    ...Object.fromEntries(DERIVED_NAMES[format].map((name) => [name, figureSchema(name)])),
  });
}

/** Levels with a code. Typed by Stats: a level added there fails to compile here until it is listed. */
const CODED_LEVELS = { region: true, departement: true, epci: true, commune: true } as const satisfies Record<Exclude<Stats['territory']['level'], 'all'>, true>;

/** The texts every answer carries for the open-data publication (open-data-notice.ts). */
const OPEN_DATA_FIELDS = {
  notice: { const: OPEN_DATA.notice },
  licence: object({ name: { const: OPEN_DATA.licence.name }, url: { const: OPEN_DATA.licence.url } }),
  source: { const: OPEN_DATA.source },
};

/** The top-level fields, one per field of Stats: a field added to Stats fails to compile here until it has its schema. */
const STATS_FIELDS = {
  ...OPEN_DATA_FIELDS,
  territory: {
    oneOf: [
      object({ level: { const: 'all' } }),
      object({ level: { enum: Object.keys(CODED_LEVELS) }, code: { type: 'string', pattern: '^[0-9AB]{2,9}$' } }),
    ],
  },
  territoryLabel: text,
  territoryNote: { type: ['string', 'null'] },
  weeks: object({ from: ref('isoWeek'), to: ref('isoWeek'), label: text }),
  quarter: { type: 'string', pattern: '^[0-9]{4}-Q[1-4]$' },
  k: { type: 'integer', minimum: 1 },
  notes: object({ attribution: text, hidden: text, periods: text, format2: text, withheld16to74: text, observed: text } satisfies Record<keyof Stats['notes'], JsonSchema>),
  period: ref('row1'),
  series: { type: 'array', items: ref('weeklyRow1') },
  format2: object({ period: ref('row2'), series: { type: 'array', items: ref('weeklyRow2') } }),
} satisfies { readonly [Field in keyof Stats]-?: JsonSchema };

/**
 * JSON Schema (draft 2020-12) of GET /api/v1/stats, built from the lists the statistics are built from (LAYOUTS,
 * DERIVED_NAMES, the fields of Stats): every object closed; a count of people an integer from 0, or null when hidden;
 * a share a number from 0 to 1, or null; a number of batches always shown. Served as GET /api/v1/stats.schema.json.
 */
export const statsSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Repère, observatoire régional : statistiques d’un territoire et d’une période',
  description:
    'Réponse de GET /api/v1/stats. null : nombre masqué (moins de k personnes sans être nul, ou déductible par différence d’un autre nombre publié). Dictionnaire des données : docs/OPEN-DATA.md.',
  type: 'object',
  properties: { ...OPEN_DATA_FIELDS, ...STATS_FIELDS },
  required: Object.keys(STATS_FIELDS),
  additionalProperties: false,
  $defs: {
    count: { type: ['integer', 'null'], minimum: 0, description: 'Nombre de personnes ; null : masqué.' },
    share: { type: ['number', 'null'], minimum: 0, maximum: 1, description: 'Part, de 0 à 1, arrondie au millième ; null : masquée ou sans dénominateur.' },
    batches: { type: 'integer', minimum: 0, description: 'Nombre de lots (envois des appareils), toujours affiché.' },
    isoWeek,
    counts1: countsSchema(1),
    counts2: countsSchema(2),
    row1: rowSchema(1, false),
    weeklyRow1: rowSchema(1, true),
    row2: rowSchema(2, false),
    weeklyRow2: rowSchema(2, true),
  },
};
