import type { Cell, Stats, StatsRow } from './compute-stats';
import { COUNT_GROUPS, COUNT_NAMES, groupOf } from './count-groups';

const HEADER = ['territory', 'week', 'batches', 'total', ...COUNT_NAMES, 'assessed', 'atLeastBasic', 'atLeastBasicShare', 'illectronismRate'];

const cell = (value: Cell | string) => (value === null ? '' : String(value));

/**
 * The statistics as CSV (RFC 4180, comma, dot decimals, UTF-8): one line per week, then one for the whole period whose
 * `week` is "from/to". Column names are the JSON's, dotted; an empty cell is a hidden number. No value holds a comma
 * or a quote, so none is quoted.
 */
export function statsCsv(stats: Stats): string {
  const territory = stats.territory.level === 'all' ? '' : stats.territory.code;
  const line = (week: string, row: StatsRow) =>
    [
      territory,
      week,
      row.batches,
      row.total,
      ...COUNT_GROUPS.flatMap((group) => {
        const values = groupOf<Cell>(row.counts, group);
        return group.keys.map((key) => values[key] ?? null);
      }),
      row.assessed,
      row.atLeastBasic,
      row.atLeastBasicShare,
      row.illectronismRate,
    ]
      .map(cell)
      .join(',');
  const lines = [
    HEADER.join(','),
    ...stats.series.map((row) => line(row.week, row)),
    line(`${stats.weeks.from}/${stats.weeks.to}`, stats.period),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
