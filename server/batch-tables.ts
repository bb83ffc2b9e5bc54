import type Database from 'better-sqlite3';
import { BATCH_FORMATS, COUNT_NAMES, COUNT_NAMES_V2, COUNT_NAMES_V3, countName, withholdableGroupsOf, type BatchFormat } from './count-groups';
import { SchemaError } from './schema-error';

/** "dsiAreas.safety.none" → dsi_areas_safety_none: plain lowercase names, the same in PostgreSQL. */
export const columnOf = (countName: string) => countName.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replaceAll('.', '_').toLowerCase();

/**
 * Each stored format's table and count columns: format 1 in `batches` (as before format 2 existed), format 2 in
 * `batches_v2`, with the tries' scores of format 3 since schema version 4 (count-groups.ts, `storedFormatOf`).
 */
export const BATCH_TABLES: Readonly<Record<BatchFormat, { readonly table: string; readonly counts: readonly string[] }>> = {
  1: { table: 'batches', counts: COUNT_NAMES.map(columnOf) },
  2: { table: 'batches_v2', counts: COUNT_NAMES_V3.map(columnOf) },
};
/** The count columns of `batches_v2` before the tries (schema versions 2 and 3): what those migrations created. */
export const BATCHES_V2_COUNTS_BEFORE_TRIES: readonly string[] = COUNT_NAMES_V2.map(columnOf);
for (const { table, counts } of Object.values(BATCH_TABLES)) {
  if (new Set(counts).size !== counts.length) throw new Error(`two counts of ${table} share a column name`);
}

const ENVELOPE_COLUMNS = [
  'id',
  'content_sha256',
  'format',
  'territory_level',
  'territory_code',
  'departement',
  'week_from',
  'week_to',
  'questionnaire_version',
  'app_version',
  'total',
];

/** Every column of a format's table, in the order of its INSERT: the envelope, the counts, the token label, the day. */
export const columnsOf = (format: BatchFormat, counts: readonly string[] = BATCH_TABLES[format].counts) => [...ENVELOPE_COLUMNS, ...counts, 'token_label', 'received_on'];

/** The columns of each group a batch of the format may withhold (NULL, all together, when it does), in group order. */
export const withheldColumnsOf = (format: BatchFormat) =>
  withholdableGroupsOf(format).map((group) => group.keys.map((key) => columnOf(countName(group, key))));

/**
 * One row per batch of a format: the envelope, one integer column per count, the token's label and the day. Migration 2
 * created batches_v2 with every count NOT NULL; `nullable` (migration 3) lets the columns of a group the device may
 * withhold be NULL, all of a group or none. `counts`: the count columns, today's unless a migration made others.
 */
export const createBatchTable = (
  format: BatchFormat,
  { table = BATCH_TABLES[format].table, nullable = [] as readonly (readonly string[])[], counts = BATCH_TABLES[format].counts } = {},
) => `
      CREATE TABLE ${table} (
        id TEXT PRIMARY KEY NOT NULL,
        content_sha256 BLOB NOT NULL,
        format INTEGER NOT NULL,
        territory_level TEXT NOT NULL,
        territory_code TEXT NOT NULL,
        departement TEXT NOT NULL,
        week_from TEXT NOT NULL,
        week_to TEXT NOT NULL,
        questionnaire_version TEXT NOT NULL,
        app_version TEXT NOT NULL,
        total INTEGER NOT NULL,
        ${counts.map((column) => `${column} INTEGER${nullable.some((group) => group.includes(column)) ? '' : ' NOT NULL'}`).join(',\n        ')},
        token_label TEXT NOT NULL,
        received_on TEXT NOT NULL${nullable
          .map((group) => `,\n        CHECK (${group.slice(1).map((column) => `(${group[0]} IS NULL) = (${column} IS NULL)`).join(' AND ')})`)
          .join('')}
      ) STRICT;`;

/** The one index of a format's table (see SCOPE_WHERE in open-batch-store.ts). */
export const createWeekIndex = (format: BatchFormat) => `
      CREATE INDEX ${BATCH_TABLES[format].table}_by_week ON ${BATCH_TABLES[format].table} (week_to, departement);`;

/** A column of a table as the database describes it. */
export interface ColumnInfo {
  readonly name: string;
  readonly notnull: boolean;
}

/**
 * The columns are derived from the domain's lists, the tables from the migrations that created them: a list changed
 * without a new format (and a migration) would make inserts fail one by one. Stop at start-up instead, saying so.
 * `columnsOfTable` reads a table's columns from the database (SQLite's table_info, PostgreSQL's information_schema).
 */
export function checkBatchColumns(columnsOfTable: (table: string) => readonly ColumnInfo[]) {
  for (const format of BATCH_FORMATS) {
    const { table } = BATCH_TABLES[format];
    const info = columnsOfTable(table);
    const present = info.map((column) => column.name);
    const expected = columnsOf(format);
    const missing = expected.filter((column) => !present.includes(column));
    const unexpected = present.filter((column) => !expected.includes(column));
    if (missing.length > 0 || unexpected.length > 0) {
      throw new SchemaError(
        `The table ${table} does not hold the counts of format ${format} (missing: ${missing.join(', ') || 'none'}; unknown: ${unexpected.join(', ') || 'none'}): a category list changed without a new batch format and its migration (server/migrations.ts).`,
      );
    }
    // A group the device may withhold is stored as NULLs: its columns must take them, and no other column.
    const nullable = new Set(withheldColumnsOf(format).flat());
    const wrong = info.filter((column) => !column.notnull !== nullable.has(column.name)).map((column) => column.name);
    if (wrong.length > 0) {
      throw new SchemaError(
        `The table ${table} does not take NULL where a batch of format ${format} may withhold counts, or takes it elsewhere (${wrong.join(', ')}): a migration is missing (server/migrations.ts).`,
      );
    }
  }
}

/** checkBatchColumns on a SQLite database. */
export function checkBatchTables(db: Database.Database) {
  checkBatchColumns((table) =>
    (db.pragma(`table_info(${table})`) as { name: string; notnull: number }[]).map((column) => ({ name: column.name, notnull: column.notnull !== 0 })),
  );
}
