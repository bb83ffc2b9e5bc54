import type { TerritoryWeekSums, WeekSums } from './batch-store';
import { BATCH_TABLES, columnOf, withheldColumnsOf } from './batch-tables';
import { countName, wholeOf, withholdableGroupsOf, type BatchFormat } from './count-groups';

/**
 * The sums a statistics query reads from a format's table, in one SQL text that SQLite and PostgreSQL both run: the
 * number of batches, the sum of `total`, each count, then per group a batch may withhold the batches withholding it
 * and its `whole` summed over the batches sending it. A withheld group's columns are NULL: their sums skip them.
 */
export function sumsColumns(format: BatchFormat): string {
  const nullable = new Set(withheldColumnsOf(format).flat());
  const sumOf = (column: string) => (nullable.has(column) ? `COALESCE(SUM(${column}), 0)` : `SUM(${column})`);
  const withheldSums = withholdableGroupsOf(format).flatMap((group) => {
    const flag = columnOf(countName(group, group.keys[0]!));
    const whole = wholeOf(format, group);
    return [
      `SUM(CASE WHEN ${flag} IS NULL THEN 1 ELSE 0 END)`,
      ...whole.keys.map((key) => `SUM(CASE WHEN ${flag} IS NULL THEN 0 ELSE ${columnOf(countName(whole, key))} END)`),
    ];
  });
  return ['COUNT(*)', 'SUM(total)', ...BATCH_TABLES[format].counts.map(sumOf), ...withheldSums].join(', ');
}

/** One row of sums as read (after its week): the batches, the total, the counts, then the sums of each withholdable group. */
export function weekSumsOf(format: BatchFormat, week: string, [batches, total, ...values]: readonly number[]): WeekSums {
  const width = BATCH_TABLES[format].counts.length;
  let at = width;
  const withheld = withholdableGroupsOf(format).map((group) => {
    const wholeWidth = wholeOf(format, group).keys.length;
    const sums = { batches: values[at]!, wholeWhereSent: values.slice(at + 1, at + 1 + wholeWidth) };
    at += 1 + wholeWidth;
    return sums;
  });
  return { week, batches: batches!, total: total!, counts: values.slice(0, width), withheld };
}

/** A row of `SELECT territory_level, territory_code, week_to, <sumsColumns>` as a territory's weekly sums. */
export function territoryWeekSumsOf(format: BatchFormat, [level, code, week, ...values]: readonly unknown[]): TerritoryWeekSums {
  return { territory: { level: level as 'commune' | 'departement', code: code as string }, ...weekSumsOf(format, week as string, values as number[]) };
}
