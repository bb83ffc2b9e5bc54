import { DERIVED_NAMES, type Cell, type Stats } from './compute-stats';
import { LAYOUTS, groupOf, type BatchFormat } from './count-groups';

/** Format 2's columns follow format 1's, named with this prefix: the columns of format 1 keep their names and places. */
const V2_PREFIX = 'format2.';

const columnsOf = (format: BatchFormat) => ['batches', 'total', ...LAYOUTS[format].names, ...DERIVED_NAMES[format]];

const HEADER = ['territory', 'week', ...columnsOf(1), ...columnsOf(2).map((name) => `${V2_PREFIX}${name}`)];

const cell = (value: Cell | string) => (value === null ? '' : String(value));

/** A row's values in the order of its format's columns. */
function values(format: BatchFormat, row: Readonly<Record<string, unknown>>): Cell[] {
  const counts = row.counts as object;
  return [
    row.batches as number,
    row.total as Cell,
    ...LAYOUTS[format].groups.flatMap((group) => {
      const shown = groupOf<Cell>(counts, group);
      return group.keys.map((key) => shown[key] ?? null);
    }),
    ...DERIVED_NAMES[format].map((name) => (row[name] as Cell | undefined) ?? null),
  ];
}

/**
 * The statistics as CSV (RFC 4180, comma, dot decimals, UTF-8): one line per week, then one for the whole period whose
 * `week` is "from/to". Column names are the JSON's, dotted: format 1's, then format 2's prefixed `format2.`; an empty
 * cell is a hidden number. No value holds a comma or a quote, so none is quoted.
 */
export function statsCsv(stats: Stats): string {
  const territory = stats.territory.level === 'all' ? '' : stats.territory.code;
  const line = (week: string, v1: object, v2: object) =>
    [territory, week, ...values(1, v1 as Record<string, unknown>), ...values(2, v2 as Record<string, unknown>)].map(cell).join(',');
  const lines = [
    HEADER.join(','),
    ...stats.series.map((row, index) => line(row.week, row, stats.format2.series[index]!)),
    line(`${stats.weeks.from}/${stats.weeks.to}`, stats.period, stats.format2.period),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
